import { useState } from "react";
import type { MemberView, PairingCode, Role, Staff } from "../../api/types.gen";
import { toBackendError } from "../../backend";
import { useInvalidateRpc, useRpcQuery } from "../../backend/query";
import { SHOP_TIME_ZONE } from "../../lib/time";
import { useSession } from "../../frame/session";
import { useMembersApi } from "./api";
import { AddMemberDialog } from "./AddMemberDialog";
import { DeviceList } from "./DeviceList";
import { lang, membersText } from "./i18n";
import { MemberRow } from "./MemberRow";
import { PairingDialog } from "./PairingDialog";
import "./members.css";
import { AutoAssignCard } from "../assignment/AutoAssignCard";

/**
 * Settings → メンバー (owners only): who uses the counter, their roles, pairing codes
 * for new devices, and the devices signed in, each revocable.
 */
export function MembersSection({ accountId }: { accountId: number | null }) {
  const api = useMembersApi();
  const { me } = useSession();
  const memberList = useRpcQuery("listMembers", undefined);
  const deviceList = useRpcQuery("listDevices", undefined);
  const members = memberList.data ?? null;
  const devices = deviceList.data ?? null;
  const loadFailure = memberList.error ?? deviceList.error;
  const loadError = loadFailure ? loadFailure.localized(lang) : null;
  // Without reservations set up the link is simply not offered.
  const setup = useRpcQuery("getReservationSetup", { accountId: accountId ?? 0 }, { enabled: accountId !== null }).data;
  const staff: Staff[] = setup?.staff ?? [];
  const timeZone = setup?.timeZone || SHOP_TIME_ZONE;
  const [rowError, setRowError] = useState<{ memberId: number; message: string } | null>(null);
  const [devicesNote, setDevicesNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [adding, setAdding] = useState(false);
  const [pairing, setPairing] = useState<{ code: PairingCode; name: string } | null>(null);

  const failed = (e: unknown) => toBackendError(e).localized(lang);
  const invalidate = useInvalidateRpc();
  const reload = () => void invalidate("listMembers", "listDevices", "listAssignees");

  const rowAction = async (memberId: number, action: () => Promise<unknown>) => {
    setRowError(null);
    try {
      await action();
    } catch (e) {
      // The server's refusal as it is (the last owner cannot be removed or demoted).
      setRowError({ memberId, message: failed(e) });
      throw e;
    } finally {
      reload();
    }
  };
  const update = (m: MemberView) => (role: Role, reservationStaffId: number | null) =>
    rowAction(m.id, async () => {
      await api.update({ memberId: m.id, role, reservationStaffId });
      // An owner who made themselves staff: every screen must show what staff may do now.
      if (m.id === me.member?.id && role !== m.role) window.location.reload();
    });
  const remove = (m: MemberView) => () => rowAction(m.id, () => api.remove(m.id));
  const makeCode = (m: MemberView) => () => {
    setRowError(null);
    api.pairingCode(m.id).then(
      (code) => setPairing({ code, name: m.name }),
      (e: unknown) => setRowError({ memberId: m.id, message: failed(e) }),
    );
  };
  const revoke = (deviceId: number) => {
    setDevicesNote(null);
    api.revoke(deviceId).then(
      () => setDevicesNote({ ok: true, text: membersText.revoked }),
      (e: unknown) => setDevicesNote({ ok: false, text: failed(e) }),
    ).finally(reload);
  };

  if (loadError && !members) {
    return (
      <p className="settings-error" role="alert">
        {loadError}
      </p>
    );
  }
  if (!members || !devices) return <p className="settings-muted">{membersText.loading}</p>;

  return (
    <>
      <section className="settings-card" data-testid="settings-members" aria-labelledby="members-heading">
        <h3 id="members-heading">{membersText.memberList}</h3>
        <p className="settings-muted">{membersText.membersHelp}</p>
        {members.length === 0 ? (
          <p className="settings-muted">{membersText.noMembers}</p>
        ) : (
          <ul className="member-list">
            {members.map((m) => (
              <MemberRow
                key={m.id}
                member={m}
                isMe={me.member?.id === m.id}
                staff={staff}
                onUpdate={update(m)}
                onRemove={remove(m)}
                onPairingCode={makeCode(m)}
                error={rowError?.memberId === m.id ? rowError.message : null}
              />
            ))}
          </ul>
        )}
        <button type="button" className="primary" onClick={() => setAdding(true)} data-testid="member-add">
          {membersText.add}
        </button>
      </section>
      <AutoAssignCard />
      <section className="settings-card" data-testid="settings-devices" aria-labelledby="devices-heading">
        <h3 id="devices-heading">{membersText.devices}</h3>
        <p className="settings-muted">{membersText.devicesHelp}</p>
        <DeviceList devices={devices} timeZone={timeZone} onRevoke={revoke} />
        <p role="status" className={devicesNote?.ok === false ? "settings-error" : "settings-save-saved"} data-testid="devices-status">
          {devicesNote?.text ?? ""}
        </p>
      </section>
      {adding && (
        <AddMemberDialog
          api={api}
          staff={staff}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            reload();
          }}
        />
      )}
      {pairing && (
        <PairingDialog
          code={pairing.code}
          memberName={pairing.name}
          timeZone={timeZone}
          onClose={() => {
            setPairing(null);
            // The code may have been used meanwhile: its device is listed now.
            reload();
          }}
        />
      )}
    </>
  );
}
