import { useMemo } from "react";
import type {
  SaveTemplate,
  SendAccepted,
  TemplateLibrary,
  TemplateView,
  UseTemplate,
} from "../../api/types.gen";
import { typedRpc, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Canned-reply calls. Rendering and sending happen in core, never here. */
export function templatesApi(b: Backend) {
  const rpc = typedRpc(b);
  return {
    saveFolder: (accountId: number, id: number | null, name: string): Promise<TemplateLibrary> =>
      rpc("saveTemplateFolder", { accountId, id, name }),
    deleteFolder: (folderId: number): Promise<void> =>
      rpc("deleteTemplateFolder", { folderId }),
    save: (t: SaveTemplate): Promise<TemplateView> =>
      rpc("saveTemplate", t),
    remove: (templateId: number): Promise<void> =>
      rpc("deleteTemplate", { templateId }),
    send: (u: UseTemplate): Promise<SendAccepted> =>
      rpc("sendTemplate", u),
  };
}

export type TemplatesApi = ReturnType<typeof templatesApi>;

export function useTemplatesApi(): TemplatesApi {
  const b = useBackend();
  return useMemo(() => templatesApi(b), [b]);
}
