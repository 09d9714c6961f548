import { useMemo } from "react";
import type { DeviceView, MemberView, NewMember, PairingCode, UpdateMember } from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** The calls of Settings → メンバー (all of them owner-only). */
export function membersApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    list: (): Promise<MemberView[]> => rpc("listMembers"),
    add: (m: NewMember): Promise<MemberView> => rpc("addMember", m),
    update: (u: UpdateMember): Promise<MemberView> => rpc("updateMember", u),
    remove: (memberId: number): Promise<void> => rpc("removeMember", { memberId }),
    pairingCode: (memberId: number): Promise<PairingCode> => rpc("createPairingCode", { memberId }),
    devices: (): Promise<DeviceView[]> => rpc("listDevices"),
    revoke: (deviceId: number): Promise<void> => rpc("revokeDevice", { deviceId }),
    /** The reservation staff a member can be linked to, and the shop's time zone. */
  };
}

export type MembersApi = ReturnType<typeof membersApi>;

export function useMembersApi(): MembersApi {
  const b = useBackend();
  return useMemo(() => membersApi(b), [b]);
}
