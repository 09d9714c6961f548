import { useCallback, useState } from "react";
import type { UploadedFile } from "../../api/types.gen";
import { BackendError, typedRpc } from "../../backend";
import { useApi, useBackend } from "../../backend/react";
import { newSendKey } from "../sendcheck/sendCheck";
import { attachKind, toBase64, videoPreview } from "./files";
import { attachText } from "./i18n";

function refuse(message: string): BackendError {
  return new BackendError({ code: "invalid", message, messageJa: message });
}

/**
 * Sends attached files (picker or drop) to a chat: bytes through the API, then the
 * message by the returned path. Each file is one message, in the order given.
 */
export function useAttach(conversationId: number, onSent: () => void, onError: (e: unknown) => void) {
  const backend = useBackend();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);

  const upload = useCallback(
    async (name: string, blob: Blob): Promise<UploadedFile> => {
      const dataBase64 = toBase64(await blob.arrayBuffer());
      return typedRpc(backend)("uploadMedia", { fileName: name, dataBase64 });
    },
    [backend],
  );

  const send = useCallback(
    async (files: File[]) => {
      for (const file of files) {
        const kind = attachKind(file);
        if (!kind) {
          onError(refuse(attachText.unsupported(file.name)));
          continue;
        }
        setBusy(file.name);
        try {
          const main = await upload(file.name, file);
          if (kind === "image") {
            await api.sendMessage(conversationId, { type: "image", path: main.path }, newSendKey());
          } else {
            let preview: Blob;
            try {
              preview = await videoPreview(file);
            } catch {
              onError(refuse(attachText.noPreview(file.name)));
              continue;
            }
            const p = await upload(`${file.name}.jpg`, preview);
            await api.sendMessage(conversationId, { type: "video", path: main.path, previewPath: p.path }, newSendKey());
          }
          onSent();
        } catch (e) {
          onError(e);
        } finally {
          setBusy(null);
        }
      }
    },
    [api, conversationId, onError, onSent, upload],
  );

  return { send, busy };
}
