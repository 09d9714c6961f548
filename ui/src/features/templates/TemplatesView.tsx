import { useRef, useState } from "react";
import type { PlaceholderInfo, TemplateBubble, TemplateLibrary, TemplateView } from "../../api/types.gen";
import { useInvalidateRpc, useReportError, useRpcQuery, useSetRpcData } from "../../backend/query";
import { useCan } from "../../frame/session";
import type { ViewContext } from "../../frame/view";
import { useTemplatesApi } from "./api";
import { templatesText } from "./i18n";
import "./templates.css";

type FolderFilter = "all" | "none" | number;

interface Draft {
  id: number | null;
  folderId: number | null;
  title: string;
  bubbles: TemplateBubble[];
}

const MAX_BUBBLES = 5;
const emptyDraft = (folderId: number | null): Draft => ({ id: null, folderId, title: "", bubbles: [{ type: "text", text: "" }] });

function kindLabel(p: PlaceholderInfo): string {
  switch (p.kind) {
    case "friend":
      return templatesText.kindFriend;
    case "shop":
      return templatesText.kindShop;
    case "field":
      return templatesText.kindField;
    case "reservation":
      return templatesText.kindReservation;
    default:
      return templatesText.kindPrompt;
  }
}

/** Manage canned replies: folders, templates, and their bubbles. */
export function TemplatesView({ ctx }: { ctx: ViewContext }) {
  const api = useTemplatesApi();
  const canDeleteFolder = useCan("deleteTemplateFolder");
  const canDeleteTemplate = useCan("deleteTemplate");
  const accountId = ctx.accountId ?? ctx.accounts[0]?.id ?? null;
  const { onError } = ctx;
  const libParams = { accountId: accountId ?? 0 };
  const query = useRpcQuery("listTemplates", libParams, { enabled: accountId !== null });
  useReportError(query.error, onError);
  const lib = query.data ?? null;
  const setData = useSetRpcData();
  const setLib = (l: TemplateLibrary) => setData("listTemplates", libParams, l);
  const invalidate = useInvalidateRpc();
  const reload = () => void invalidate("listTemplates");
  const [filter, setFilter] = useState<FolderFilter>("all");
  const [draft, setDraft] = useState<Draft | null>(null);
  const [newFolder, setNewFolder] = useState("");
  const [status, setStatus] = useState<string | null>(null);
  const lastText = useRef<{ index: number; el: HTMLTextAreaElement } | null>(null);

  if (accountId === null) return <main className="tpl-view" />;

  const visible = (lib?.templates ?? []).filter((t) =>
    filter === "all" ? true : filter === "none" ? t.folderId === null : t.folderId === filter,
  );

  const edit = (t: TemplateView) => {
    setStatus(null);
    setDraft({ id: t.id, folderId: t.folderId, title: t.title, bubbles: t.bubbles.map((b) => ({ ...b })) });
  };

  const setBubble = (i: number, b: TemplateBubble) =>
    setDraft((d) => (d ? { ...d, bubbles: d.bubbles.map((x, j) => (j === i ? b : x)) } : d));

  const move = (i: number, by: number) =>
    setDraft((d) => {
      if (!d) return d;
      const j = i + by;
      if (j < 0 || j >= d.bubbles.length) return d;
      const bubbles = [...d.bubbles];
      [bubbles[i], bubbles[j]] = [bubbles[j] as TemplateBubble, bubbles[i] as TemplateBubble];
      return { ...d, bubbles };
    });

  const insertPlaceholder = (token: string) => {
    if (!draft) return;
    const target = lastText.current;
    const index = target && draft.bubbles[target.index]?.type === "text" ? target.index : draft.bubbles.findIndex((b) => b.type === "text");
    const b = draft.bubbles[index];
    if (index < 0 || !b || b.type !== "text") return;
    const el = target?.index === index ? target.el : null;
    const at = el ? el.selectionStart : b.text.length;
    const insert = token === "{?…}" ? "{?}" : token;
    setBubble(index, { type: "text", text: b.text.slice(0, at) + insert + b.text.slice(at) });
  };

  const save = () => {
    if (!draft) return;
    api
      .save({ accountId, id: draft.id, folderId: draft.folderId, title: draft.title, bubbles: draft.bubbles })
      .then((t) => {
        edit(t);
        setStatus(templatesText.saved);
        reload();
      }, onError);
  };

  const remove = () => {
    if (!draft || draft.id === null) return;
    if (!window.confirm(templatesText.confirmDeleteTemplate(draft.title))) return;
    api.remove(draft.id).then(() => {
      setDraft(null);
      reload();
    }, onError);
  };

  const folderName = (id: number) => lib?.folders.find((f) => f.id === id)?.name ?? "";

  return (
    <main className="tpl-view" data-testid="templates-view">
      <aside className="tpl-folders" aria-label={templatesText.folders}>
        <ul>
          {(["all", "none"] as const).map((f) => (
            <li key={f}>
              <button type="button" className="folder" aria-current={filter === f} onClick={() => setFilter(f)}>
                {f === "all" ? templatesText.allTemplates : templatesText.noFolder}
              </button>
            </li>
          ))}
          {lib?.folders.map((f) => (
            <li key={f.id}>
              <button type="button" className="folder" aria-current={filter === f.id} onClick={() => setFilter(f.id)}>
                {f.name}
              </button>
            </li>
          ))}
        </ul>
        {typeof filter === "number" && (
          <div className="tpl-folder-actions">
            <button
              type="button"
              onClick={() => {
                const name = window.prompt(templatesText.rename, folderName(filter));
                if (name) api.saveFolder(accountId, filter, name).then(setLib, onError);
              }}
            >
              {templatesText.rename}
            </button>
            {canDeleteFolder && (
            <button
              type="button"
              onClick={() => {
                if (!window.confirm(templatesText.confirmDeleteFolder(folderName(filter)))) return;
                api.deleteFolder(filter).then(() => {
                  setFilter("all");
                  reload();
                }, onError);
              }}
            >
              {templatesText.deleteFolder}
            </button>
            )}
          </div>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!newFolder.trim()) return;
            api.saveFolder(accountId, null, newFolder).then((l) => {
              setLib(l);
              setNewFolder("");
            }, onError);
          }}
        >
          <input value={newFolder} placeholder={templatesText.newFolder} aria-label={templatesText.newFolder} onChange={(e) => setNewFolder(e.target.value)} />
          <button type="submit">{templatesText.addFolder}</button>
        </form>
      </aside>

      <section className="tpl-list" aria-label={templatesText.title}>
        <button
          type="button"
          className="secondary-button"
          data-testid="template-new"
          onClick={() => {
            setStatus(null);
            setDraft(emptyDraft(typeof filter === "number" ? filter : null));
          }}
        >
          {templatesText.newTemplate}
        </button>
        {lib && visible.length === 0 && <p className="tpl-help">{templatesText.empty}</p>}
        <ul>
          {visible.map((t) => (
            <li key={t.id}>
              <button type="button" aria-current={draft?.id === t.id} data-testid="template-item" onClick={() => edit(t)}>
                {t.title}
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="tpl-editor">
        {!draft ? (
          <p className="tpl-help">{templatesText.select}</p>
        ) : (
          <>
            <label className="tpl-field">
              <span>{templatesText.templateTitle}</span>
              <input
                data-testid="template-title"
                value={draft.title}
                maxLength={100}
                onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              />
            </label>
            <label className="tpl-field">
              <span>{templatesText.folder}</span>
              <select
                value={draft.folderId ?? ""}
                onChange={(e) => setDraft({ ...draft, folderId: e.target.value === "" ? null : Number(e.target.value) })}
              >
                <option value="">{templatesText.noFolder}</option>
                {lib?.folders.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <p className="tpl-help">{templatesText.bubbles}</p>
            {draft.bubbles.map((b, i) => (
              <div className="tpl-bubble" key={i} data-testid="template-bubble">
                <div className="tpl-bubble-bar">
                  <select
                    value={b.type}
                    aria-label={`${i + 1}`}
                    onChange={(e) => {
                      const type = e.target.value;
                      setBubble(
                        i,
                        type === "image"
                          ? { type: "image", path: "" }
                          : type === "sticker"
                            ? { type: "sticker", packageId: "", stickerId: "" }
                            : { type: "text", text: "" },
                      );
                    }}
                  >
                    <option value="text">{templatesText.text}</option>
                    <option value="image">{templatesText.image}</option>
                    <option value="sticker">{templatesText.sticker}</option>
                  </select>
                  <span className="spacer" />
                  <button type="button" onClick={() => move(i, -1)} disabled={i === 0}>
                    {templatesText.up}
                  </button>
                  <button type="button" onClick={() => move(i, 1)} disabled={i === draft.bubbles.length - 1}>
                    {templatesText.down}
                  </button>
                  <button
                    type="button"
                    disabled={draft.bubbles.length === 1}
                    onClick={() => setDraft({ ...draft, bubbles: draft.bubbles.filter((_, j) => j !== i) })}
                  >
                    {templatesText.remove}
                  </button>
                </div>
                {b.type === "text" && (
                  <textarea
                    rows={4}
                    data-testid="template-text"
                    value={b.text}
                    onFocus={(e) => (lastText.current = { index: i, el: e.currentTarget })}
                    onSelect={(e) => (lastText.current = { index: i, el: e.currentTarget })}
                    onChange={(e) => setBubble(i, { type: "text", text: e.target.value })}
                  />
                )}
                {b.type === "image" && (
                  <input
                    value={b.path}
                    placeholder={templatesText.imagePath}
                    aria-label={templatesText.imagePath}
                    onChange={(e) => setBubble(i, { type: "image", path: e.target.value })}
                  />
                )}
                {b.type === "sticker" && (
                  <div className="tpl-bubble-bar">
                    <input
                      value={b.packageId}
                      placeholder={templatesText.packageId}
                      aria-label={templatesText.packageId}
                      onChange={(e) => setBubble(i, { ...b, packageId: e.target.value })}
                    />
                    <input
                      value={b.stickerId}
                      placeholder={templatesText.stickerId}
                      aria-label={templatesText.stickerId}
                      onChange={(e) => setBubble(i, { ...b, stickerId: e.target.value })}
                    />
                  </div>
                )}
              </div>
            ))}
            {draft.bubbles.length < MAX_BUBBLES && (
              <button
                type="button"
                className="secondary-button"
                data-testid="template-add-bubble"
                onClick={() => setDraft({ ...draft, bubbles: [...draft.bubbles, { type: "text", text: "" }] })}
              >
                {templatesText.addBubble}
              </button>
            )}
            <div className="tpl-placeholders">
              <strong>{templatesText.placeholders}</strong>
              <ul>
                {lib?.placeholders.map((p) => (
                  <li key={p.token} className={p.available ? undefined : "unavailable"}>
                    <button type="button" disabled={!p.available} onClick={() => insertPlaceholder(p.token)}>
                      <code>{p.token}</code>
                    </button>{" "}
                    {kindLabel(p)}
                  </li>
                ))}
              </ul>
              <p className="tpl-help">{templatesText.placeholderHelp}</p>
            </div>
            <div className="tpl-bubble-bar">
              <button type="button" className="primary" data-testid="template-save" onClick={save}>
                {templatesText.save}
              </button>
              {status && (
                <span className="tpl-status" role="status" data-testid="template-status">
                  {status}
                </span>
              )}
              <span className="spacer" />
              {draft.id !== null && canDeleteTemplate && (
                <button type="button" className="danger" onClick={remove}>
                  {templatesText.deleteTemplate}
                </button>
              )}
            </div>
          </>
        )}
      </section>
    </main>
  );
}
