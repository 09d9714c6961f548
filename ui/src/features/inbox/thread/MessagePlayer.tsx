import { useEffect, useState } from "react";
import { useBackend } from "../../../backend/react";
import { appText } from "../../../i18n";

interface Props {
  kind: "video" | "audio";
  /** The URL the transport serves the stored copy at. */
  url: string;
  /** The stored file's name, for a transport that must hand the player a blob. */
  stored: string | null;
}

/**
 * A customer's video or voice message. Where the webview's player cannot open the
 * transport's URL itself (the desktop window on Linux), it plays a `blob:` of the
 * same bytes, released when the bubble goes.
 */
export function MessagePlayer({ kind, url, stored }: Props) {
  const src = usePlayerSrc(url, stored);
  if (!src) return null;
  return kind === "video" ? (
    <video className="media" src={src} controls preload="metadata" aria-label={appText.kindVideo} />
  ) : (
    <audio className="media-audio" src={src} controls preload="metadata" aria-label={appText.kindAudio} />
  );
}

function usePlayerSrc(url: string, stored: string | null): string | null {
  const load = useBackend().playerUrl;
  const [blob, setBlob] = useState<{ for: string; url: string } | null>(null);
  useEffect(() => {
    if (!load || !stored) return;
    let live = true;
    let made: string | null = null;
    load(stored).then(
      (u) => {
        if (live) {
          made = u;
          setBlob({ for: stored, url: u });
        } else {
          URL.revokeObjectURL(u);
        }
      },
      // The player then shows its own error on the plain URL.
      () => live && setBlob({ for: stored, url }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [load, stored, url]);
  if (!load || !stored) return url;
  return blob?.for === stored ? blob.url : null;
}
