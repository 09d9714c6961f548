import { useEffect, useRef, useState } from "react";
import { DateTimeField } from "../../components/DateTimeFields";
import { InlineConfirm } from "../../components/InlineConfirm";
import type { AudienceTag, BroadcastPreview, BroadcastView, TagExpr } from "../../api/types.gen";
import { useReportError, useRpcQuery } from "../../backend/query";
import { useBroadcastApi } from "./api";
import {
  type AudienceMode,
  type Bubble,
  emptyBubble,
  MAX_BUBBLES,
  msToShopLocal,
  roleOf,
  setTagRole,
  shopLocalToMs,
  type TagRole,
  toAudience,
  toContents,
} from "./draft";
import { broadcastText } from "./i18n";

interface Props {
  accountId: number | null;
  onCreated: (b: BroadcastView) => void;
  onError: (e: unknown) => void;
}

const EMPTY_EXPR: TagExpr = { all: [], any: [], none: [] };
const NO_TAGS: AudienceTag[] = [];

/** Compose up to 5 bubbles, pick the audience, see the count and quota impact, send or schedule. */
export function BroadcastComposer({ accountId, onCreated, onError }: Props) {
  const api = useBroadcastApi();
  const [bubbles, setBubbles] = useState<Bubble[]>([emptyBubble("text")]);
  const [mode, setMode] = useState<AudienceMode>("all");
  const [expr, setExpr] = useState<TagExpr>(EMPTY_EXPR);
  const audienceTags = useRpcQuery("listTagsForAudience", { accountId });
  useReportError(audienceTags.error, onError);
  const tags = audienceTags.data ?? NO_TAGS;
  const [preview, setPreview] = useState<BroadcastPreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [scheduled, setScheduled] = useState(false);
  const [at, setAt] = useState(() => msToShopLocal(Date.now() + 3_600_000));
  const [confirming, setConfirming] = useState(false);
  const sendButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);

  const audience = toAudience(mode, expr);
  const audienceKey = JSON.stringify(audience);
  useEffect(() => {
    let live = true;
    setChecking(true);
    setConfirming(false);
    const timer = setTimeout(() => {
      api
        .preview(accountId, JSON.parse(audienceKey))
        .then((p) => live && setPreview(p), onError)
        .finally(() => live && setChecking(false));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, accountId, audienceKey, onError]);

  const contents = toContents(bubbles);
  const sendAt = scheduled ? shopLocalToMs(at) : null;
  const canSend =
    contents !== null &&
    preview !== null &&
    !checking &&
    preview.recipients > 0 &&
    !preview.wouldExceed &&
    preview.quotaError === null &&
    (!scheduled || sendAt !== null) &&
    !busy;

  const update = (i: number, b: Bubble) => setBubbles((bs) => bs.map((x, j) => (j === i ? b : x)));

  const send = () => {
    if (contents === null) return;
    setBusy(true);
    api
      .create(accountId, contents, audience, sendAt)
      .then((b) => {
        setBubbles([emptyBubble("text")]);
        setConfirming(false);
        onCreated(b);
      }, onError)
      .finally(() => setBusy(false));
  };

  return (
    <div className="broadcast-composer" data-testid="broadcast-composer">
      <h2>{broadcastText.newBroadcast}</h2>
      <fieldset>
        <legend>{broadcastText.bubbles}</legend>
        {bubbles.map((b, i) => (
          <div className="broadcast-bubble" key={i} data-testid="broadcast-bubble">
            <select
              aria-label={`${i + 1}`}
              value={b.type}
              onChange={(e) => update(i, emptyBubble(e.target.value as Bubble["type"]))}
            >
              <option value="text">{broadcastText.kindText}</option>
              <option value="image">{broadcastText.kindImage}</option>
              <option value="sticker">{broadcastText.kindSticker}</option>
            </select>
            {b.type === "text" && (
              <textarea
                value={b.text}
                placeholder={broadcastText.textPlaceholder}
                rows={3}
                onChange={(e) => update(i, { type: "text", text: e.target.value })}
                data-testid="broadcast-text"
              />
            )}
            {b.type === "image" && (
              <input
                type="text"
                value={b.path}
                placeholder={broadcastText.imagePath}
                onChange={(e) => update(i, { type: "image", path: e.target.value })}
              />
            )}
            {b.type === "sticker" && (
              <span className="broadcast-sticker">
                <input
                  type="text"
                  inputMode="numeric"
                  value={b.packageId}
                  placeholder={broadcastText.stickerPackage}
                  onChange={(e) => update(i, { ...b, packageId: e.target.value })}
                />
                <input
                  type="text"
                  inputMode="numeric"
                  value={b.stickerId}
                  placeholder={broadcastText.stickerId}
                  onChange={(e) => update(i, { ...b, stickerId: e.target.value })}
                />
              </span>
            )}
            {bubbles.length > 1 && (
              <button type="button" className="link-button" onClick={() => setBubbles((bs) => bs.filter((_, j) => j !== i))}>
                {broadcastText.removeBubble}
              </button>
            )}
          </div>
        ))}
        {bubbles.length < MAX_BUBBLES && (
          <button type="button" className="secondary-button" data-testid="broadcast-add-bubble" onClick={() => setBubbles((bs) => [...bs, emptyBubble("text")])}>
            ＋ {broadcastText.addBubble}
          </button>
        )}
      </fieldset>

      <fieldset>
        <legend>{broadcastText.audience}</legend>
        <label>
          <input type="radio" name="audience" checked={mode === "all"} onChange={() => setMode("all")} /> {broadcastText.audienceAll}
        </label>
        <label>
          <input
            type="radio"
            name="audience"
            checked={mode === "tags"}
            onChange={() => setMode("tags")}
            data-testid="broadcast-audience-tags"
          />{" "}
          {broadcastText.audienceTags}
        </label>
        {mode === "tags" && (
          <table className="broadcast-tags">
            <thead>
              <tr>
                <th />
                <th>{broadcastText.allOf}</th>
                <th>{broadcastText.anyOf}</th>
                <th>{broadcastText.noneOf}</th>
              </tr>
            </thead>
            <tbody>
              {tags.length === 0 && (
                <tr>
                  <td colSpan={4} className="broadcast-muted">
                    {broadcastText.noTags}
                  </td>
                </tr>
              )}
              {tags.map((tag) => (
                <tr key={tag.id} data-testid="broadcast-tag" data-tag-name={tag.name}>
                  <td>
                    <span className="broadcast-tag-dot" style={{ background: /^#[0-9a-fA-F]{6}$/.test(tag.color) ? tag.color : undefined }} />
                    {tag.name} <span className="broadcast-muted">{broadcastText.tagFriends(tag.friends)}</span>
                  </td>
                  {(["all", "any", "none"] as TagRole[]).map((role) => (
                    <td key={role}>
                      <input
                        type="checkbox"
                        aria-label={`${tag.name} ${role}`}
                        data-role={role}
                        checked={roleOf(expr, tag.id) === role}
                        onChange={(e) => setExpr((x) => setTagRole(x, tag.id, e.target.checked ? role : null))}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </fieldset>

      <div className="broadcast-preview" data-testid="broadcast-preview" aria-live="polite">
        {checking || preview === null ? (
          <span className="broadcast-muted">{broadcastText.checking}</span>
        ) : (
          <>
            <div data-testid="broadcast-recipients" data-count={preview.recipients}>
              <strong>{broadcastText.recipients(preview.recipients)}</strong>
              {preview.blockedExcluded > 0 && <span className="broadcast-muted">{broadcastText.blockedExcluded(preview.blockedExcluded)}</span>}
            </div>
            {preview.quota && (
              <div data-testid="broadcast-quota">
                {broadcastText.quota(preview.quota.used, preview.quota.pending, preview.quota.after, preview.quota.limit)}
              </div>
            )}
            {preview.quotaError !== null && <div className="broadcast-warn">{broadcastText.quotaUnknown}: {preview.quotaError}</div>}
            {preview.wouldExceed && (
              <div className="broadcast-warn" role="alert" data-testid="broadcast-over-quota">
                {broadcastText.overQuota}
              </div>
            )}
          </>
        )}
      </div>

      <div className="broadcast-when">
        <label>
          <input type="radio" name="when" checked={!scheduled} onChange={() => setScheduled(false)} /> {broadcastText.sendNow}
        </label>
        <label>
          <input type="radio" name="when" checked={scheduled} onChange={() => setScheduled(true)} /> {broadcastText.schedule}
        </label>
        {scheduled && (
          <DateTimeField label={broadcastText.scheduleAt} value={at} onChange={setAt} testId="broadcast-at" />
        )}
      </div>

      {confirming && preview ? (
        <InlineConfirm
          className="broadcast-confirm"
          label={broadcastText.confirmSend(preview.recipients)}
          onCancel={() => setConfirming(false)}
          returnFocus={() => sendButton.current}
        >
          <span>{broadcastText.confirmSend(preview.recipients)}</span>
          <button type="button" className="primary" disabled={!canSend} onClick={send} data-testid="broadcast-confirm">
            {scheduled ? broadcastText.schedule : broadcastText.sendNow}
          </button>
          <button type="button" className="link-button" aria-label={broadcastText.dismiss} onClick={() => setConfirming(false)}>
            ×
          </button>
        </InlineConfirm>
      ) : (
        <button
          ref={sendButton}
          type="button"
          className="primary"
          disabled={!canSend}
          onClick={() => setConfirming(true)}
          data-testid="broadcast-send"
        >
          {scheduled ? broadcastText.schedule : broadcastText.sendNow}
        </button>
      )}
    </div>
  );
}
