import { useState } from "react";
import { useBackend } from "../backend/react";
import { avatarInitial } from "../lib/conversations";
import { safeMediaUrl } from "../lib/url";

/**
 * A customer's picture: the shop's stored copy of their LINE profile picture, served
 * by the current transport like other media; their initial where there is none or it
 * cannot load. Decorative (the name is always beside it).
 */
export function Avatar({ name, pictureFile, size }: { name: string; pictureFile: string | null; size?: "small" }) {
  const backend = useBackend();
  const [failed, setFailed] = useState<string | null>(null);
  const src = pictureFile && failed !== pictureFile ? safeMediaUrl(backend.mediaUrl(pictureFile)) : null;
  return (
    <span className={`avatar${size ? ` avatar-${size}` : ""}`} aria-hidden="true" data-testid="avatar">
      {src ? (
        <img src={src} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(pictureFile)} />
      ) : (
        avatarInitial(name)
      )}
    </span>
  );
}
