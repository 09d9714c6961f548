import { useMemo } from "react";
import type {
  RenderedTemplate,
  SaveTemplate,
  SendAccepted,
  TemplateLibrary,
  TemplateView,
  UseTemplate,
} from "../../api/types.gen";
import { expectKind, type Backend } from "../../backend";
import { useBackend } from "../../backend/react";

/** Canned-reply calls. Rendering and sending happen in core, never here. */
export function templatesApi(b: Backend) {
  return {
    list: (accountId: number): Promise<TemplateLibrary> =>
      b.rpc({ method: "listTemplates", params: { accountId } }).then((r) => expectKind(r, "templates")),
    saveFolder: (accountId: number, id: number | null, name: string): Promise<TemplateLibrary> =>
      b.rpc({ method: "saveTemplateFolder", params: { accountId, id, name } }).then((r) => expectKind(r, "templates")),
    deleteFolder: (folderId: number): Promise<void> =>
      b.rpc({ method: "deleteTemplateFolder", params: { folderId } }).then((r) => expectKind(r, "ok")),
    save: (t: SaveTemplate): Promise<TemplateView> =>
      b.rpc({ method: "saveTemplate", params: t }).then((r) => expectKind(r, "template")),
    remove: (templateId: number): Promise<void> =>
      b.rpc({ method: "deleteTemplate", params: { templateId } }).then((r) => expectKind(r, "ok")),
    render: (u: UseTemplate): Promise<RenderedTemplate> =>
      b.rpc({ method: "renderTemplate", params: u }).then((r) => expectKind(r, "templateRendered")),
    send: (u: UseTemplate): Promise<SendAccepted> =>
      b.rpc({ method: "sendTemplate", params: u }).then((r) => expectKind(r, "sendAccepted")),
  };
}

export type TemplatesApi = ReturnType<typeof templatesApi>;

export function useTemplatesApi(): TemplatesApi {
  const b = useBackend();
  return useMemo(() => templatesApi(b), [b]);
}
