import { describe, expect, it, vi } from "vitest";
import type { Request, Response } from "../api/types.gen";
import { typedRpc } from "./rpc";
import { BackendError, type Backend } from "./types";

function backendAnswering(res: Response) {
  const rpc = vi.fn(async (_req: Request) => res);
  const b: Backend = { rpc, me: async () => ({ member: null, role: "owner" }), mediaUrl: (f) => f, onEvent: () => () => {} };
  return { b, rpc };
}

describe("typed rpc", () => {
  it("sends a method without params as { method } and answers the data", async () => {
    const accounts = [{ id: 1, name: "カフェ", botUserId: null, basicId: "@cafe" }];
    const { b, rpc } = backendAnswering({ kind: "accounts", data: accounts });
    await expect(typedRpc(b)("listAccounts")).resolves.toEqual(accounts);
    expect(rpc).toHaveBeenCalledWith({ method: "listAccounts" });
  });

  it("sends params and answers nothing for an ok", async () => {
    const { b, rpc } = backendAnswering({ kind: "ok" });
    await expect(typedRpc(b)("markRead", { conversationId: 7 })).resolves.toBeUndefined();
    expect(rpc).toHaveBeenCalledWith({ method: "markRead", params: { conversationId: 7 } });
  });

  it("refuses an answer of another kind than the method declares", async () => {
    const { b } = backendAnswering({ kind: "ok" });
    const err = await typedRpc(b)("getQuota", { accountId: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).code).toBe("unexpected_response");
  });
});
