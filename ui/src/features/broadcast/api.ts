import { useMemo } from "react";
import type {
  AudienceTag,
  BroadcastAudience,
  BroadcastDetail,
  BroadcastPreview,
  BroadcastView,
  OutgoingContent,
} from "../../api/types.gen";
import { expectKind } from "../../backend";
import { useBackend } from "../../backend/react";

/** The broadcast API calls, over the app's backend. */
export function useBroadcastApi() {
  const b = useBackend();
  return useMemo(
    () => ({
      preview: (accountId: number | null, audience: BroadcastAudience): Promise<BroadcastPreview> =>
        b
          .rpc({ method: "previewBroadcast", params: { accountId, audience } })
          .then((r) => expectKind(r, "broadcastPreview")),
      create: (
        accountId: number | null,
        contents: OutgoingContent[],
        audience: BroadcastAudience,
        sendAt: number | null,
      ): Promise<BroadcastView> =>
        b
          .rpc({ method: "createBroadcast", params: { accountId, contents, audience, sendAt } })
          .then((r) => expectKind(r, "broadcast")),
      list: (accountId: number | null): Promise<BroadcastView[]> =>
        b.rpc({ method: "listBroadcasts", params: { accountId } }).then((r) => expectKind(r, "broadcasts")),
      get: (broadcastId: number): Promise<BroadcastDetail> =>
        b.rpc({ method: "getBroadcast", params: { broadcastId } }).then((r) => expectKind(r, "broadcastDetail")),
      cancel: (broadcastId: number): Promise<BroadcastView> =>
        b.rpc({ method: "cancelBroadcast", params: { broadcastId } }).then((r) => expectKind(r, "broadcast")),
      tags: (accountId: number | null): Promise<AudienceTag[]> =>
        b.rpc({ method: "listTagsForAudience", params: { accountId } }).then((r) => expectKind(r, "audienceTags")),
    }),
    [b],
  );
}
