import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.fn();
const unlisten = vi.fn();
let handler: ((e: { payload: unknown }) => void) | null = null;
let listenedTo = "";
let resolveListen: (fn: () => void) => void = () => {};

const convertFileSrc = vi.fn((path: string, protocol: string) => `${protocol}://localhost/${encodeURIComponent(path)}`);
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (...args: unknown[]) => invoke(...args),
  convertFileSrc: (path: string, protocol: string) => convertFileSrc(path, protocol),
}));
vi.mock("@tauri-apps/api/event", () => ({
  listen: (name: string, cb: (e: { payload: unknown }) => void) => {
    listenedTo = name;
    handler = cb;
    return new Promise<() => void>((resolve) => {
      resolveListen = resolve;
    });
  },
}));

const { createTauriBackend, CORE_EVENT, OPEN_CONVERSATION_EVENT } = await import("./tauri");
const { BackendError } = await import("./types");

describe("Tauri transport", () => {
  beforeEach(() => {
    invoke.mockReset();
    unlisten.mockReset();
    handler = null;
  });

  it("plays video and audio from a blob of the scheme's bytes only on Linux (WebKitGTK)", () => {
    expect(createTauriBackend("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15").playerUrl).toBeTypeOf("function");
    expect(createTauriBackend("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15").playerUrl).toBeUndefined();
    expect(createTauriBackend("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/131.0").playerUrl).toBeUndefined();
  });

  it("serves media from the shell's media: scheme, never from a server path", () => {
    const url = createTauriBackend().mediaUrl("ab12.png");
    expect(convertFileSrc).toHaveBeenCalledWith("ab12.png", "media");
    expect(url).toBe("media://localhost/ab12.png");
  });

  it("invokes the one rpc command with the request", async () => {
    invoke.mockResolvedValue({ kind: "ok" });
    const res = await createTauriBackend().rpc({ method: "markRead", params: { conversationId: 5 } });
    expect(res).toEqual({ kind: "ok" });
    expect(invoke).toHaveBeenCalledWith("rpc", { request: { method: "markRead", params: { conversationId: 5 } } });
  });

  it("checks for and installs updates through the shell's own commands", async () => {
    invoke.mockResolvedValue({ state: "available", current: "0.1.0", version: "0.2.0", notes: null });
    const backend = createTauriBackend();
    expect(await backend.checkForUpdate?.()).toEqual({ state: "available", current: "0.1.0", version: "0.2.0", notes: null });
    expect(invoke).toHaveBeenCalledWith("check_update", {});
    invoke.mockRejectedValue({ code: "unavailable", message: "Could not check for updates.", messageJa: "更新を確認できませんでした。" });
    await expect(backend.installUpdate?.()).rejects.toBeInstanceOf(BackendError);
    expect(invoke).toHaveBeenLastCalledWith("install_update", {});
  });

  it("turns a rejected ApiError into a BackendError", async () => {
    invoke.mockRejectedValue({ code: "not_found", message: "Not found.", messageJa: "見つかりません。" });
    const err = await createTauriBackend().rpc({ method: "listAccounts" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: "not_found", messageJa: "見つかりません。", message: "Not found." });
  });

  it("listens to core-event and unlistens even when unsubscribed before listen resolved", async () => {
    expect(CORE_EVENT).toBe("core-event");
    const got: unknown[] = [];
    const off = createTauriBackend().onEvent((e) => got.push(e));
    handler?.({ payload: { type: "conversationUpdated", conversationId: 1 } });
    expect(got).toEqual([{ type: "conversationUpdated", conversationId: 1 }]);
    off();
    resolveListen(unlisten);
    await Promise.resolve();
    await Promise.resolve();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("hands a clicked notification's conversation id to onOpenConversation", () => {
    expect(OPEN_CONVERSATION_EVENT).toBe("open-conversation");
    const got: number[] = [];
    const off = createTauriBackend().onOpenConversation?.((id) => got.push(id));
    expect(listenedTo).toBe("open-conversation");
    handler?.({ payload: { conversationId: 42 } });
    expect(got).toEqual([42]);
    off?.();
  });
});
