import { useMemo } from "react";
import type {
  BroadcastAudience,
  BroadcastPreview,
  BroadcastView,
  OutgoingContent,
} from "../../api/types.gen";
import { typedRpc } from "../../backend";
import { useBackend } from "../../backend/react";

/** The broadcast API calls, over the app's backend. */
export function useBroadcastApi() {
  const b = useBackend();
  return useMemo(() => {
    const rpc = typedRpc(b);
    return {
      preview: (accountId: number | null, audience: BroadcastAudience): Promise<BroadcastPreview> =>
        rpc("previewBroadcast", { accountId, audience }),
      create: (
        accountId: number | null,
        contents: OutgoingContent[],
        audience: BroadcastAudience,
        sendAt: number | null,
      ): Promise<BroadcastView> =>
        rpc("createBroadcast", { accountId, contents, audience, sendAt }),
      cancel: (broadcastId: number): Promise<BroadcastView> =>
        rpc("cancelBroadcast", { broadcastId }),
    };
  }, [b]);
}
