import { useRef, useState } from "react";
import type { DeviceView } from "../../api/types.gen";
import { InlineConfirm } from "../../components/InlineConfirm";
import { formatDateTime } from "../../lib/time";
import { locale, membersText } from "./i18n";

interface Props {
  devices: DeviceView[];
  timeZone: string;
  onRevoke: (deviceId: number) => void;
}

/** ログイン中の端末: who, which device, when last used; 取り消し signs it out. */
export function DeviceList({ devices, timeZone, onRevoke }: Props) {
  if (devices.length === 0) return <p className="settings-muted">{membersText.noDevices}</p>;
  return (
    <table className="members-devices" data-testid="device-list">
      <thead>
        <tr>
          <th scope="col">{membersText.deviceMember}</th>
          <th scope="col">{membersText.deviceName}</th>
          <th scope="col">{membersText.lastUsed}</th>
          <th scope="col">
            <span className="visually-hidden">{membersText.revoke}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {devices.map((d) => (
          <DeviceRow key={d.id} device={d} timeZone={timeZone} onRevoke={() => onRevoke(d.id)} />
        ))}
      </tbody>
    </table>
  );
}

function DeviceRow({ device, timeZone, onRevoke }: { device: DeviceView; timeZone: string; onRevoke: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const question = membersText.confirmRevoke(device.deviceName, device.memberName);
  return (
    <tr data-testid="device-row" data-device-id={device.id}>
      <td>{device.memberName}</td>
      <td data-testid="device-name">{device.deviceName}</td>
      <td>{formatDateTime(device.lastUsedAt, locale, timeZone)}</td>
      <td className="members-device-action">
        {confirming ? (
          <InlineConfirm className="member-confirm" label={question} onCancel={() => setConfirming(false)} returnFocus={() => button.current}>
            <span>{question}</span>
            <button
              type="button"
              className="danger-button"
              data-testid="device-revoke-confirm"
              onClick={() => {
                setConfirming(false);
                onRevoke();
              }}
            >
              {membersText.revokeYes}
            </button>
            <button type="button" className="link-button" onClick={() => setConfirming(false)}>
              {membersText.cancel}
            </button>
          </InlineConfirm>
        ) : (
          <button ref={button} type="button" className="link-button danger" onClick={() => setConfirming(true)} data-testid="device-revoke">
            {membersText.revoke}
          </button>
        )}
      </td>
    </tr>
  );
}
