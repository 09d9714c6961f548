import { useMemo } from "react";
import type { MemberView, NewMember, PairingCode, UpdateMember } from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The calls of Settings → メンバー (all of them owner-only). */
export function membersApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    add: (m: NewMember): Promise<MemberView> => rpc("addMember", m),
    update: (u: UpdateMember): Promise<MemberView> => rpc("updateMember", u),
    remove: (memberId: number): Promise<void> => rpc("removeMember", { memberId }),
    pairingCode: (memberId: number): Promise<PairingCode> => rpc("createPairingCode", { memberId }),
    revoke: (deviceId: number): Promise<void> => rpc("revokeDevice", { deviceId }),
  };
}

export type MembersApi = ReturnType<typeof membersApi>;

export function useMembersApi(): MembersApi {
  const b = useBackend();
  return useMemo(() => membersApi(b), [b]);
}
