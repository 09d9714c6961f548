import { useState } from "react";
import { stickerImageUrl } from "../../stickers/catalog";
import { appText } from "../../../i18n";

/**
 * A sticker the customer sent, as LINE's published image of it (an animated one shows
 * its still image). Its keywords are the text alternative; the label 〔スタンプ〕 shows
 * only when the image cannot load (offline, a sticker LINE no longer serves).
 */
export function MessageSticker({ stickerId, keywords }: { stickerId: string; keywords: string[] }) {
  const [failed, setFailed] = useState(false);
  const words = keywords.join("、");
  if (failed) {
    return (
      <p className="labelled" data-testid="message-labelled" data-sticker-failed>
        〔{appText.kindSticker}〕{words ? ` ${words}` : ""}
      </p>
    );
  }
  return (
    <img
      className="sticker"
      data-testid="message-sticker"
      src={stickerImageUrl(stickerId)}
      alt={words ? `${appText.kindSticker}: ${words}` : appText.kindSticker}
      width={120}
      height={120}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
