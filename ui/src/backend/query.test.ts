import { describe, expect, it } from "vitest";
import { rpcQueryKey, shouldRetry } from "./query";
import { BackendError } from "./types";

const err = (code: string) => new BackendError({ code, message: code, messageJa: code });

describe("rpc queries", () => {
  it("are keyed by the method and its params", () => {
    expect(rpcQueryKey("listMembers", undefined)).toEqual(["listMembers"]);
    expect(rpcQueryKey("getFriend", { friendId: 3 })).toEqual(["getFriend", { friendId: 3 }]);
  });

  it("retry a hub or server out of reach a couple of times, never a refused input", () => {
    expect(shouldRetry(0, err("transport"))).toBe(true);
    expect(shouldRetry(1, err("hubUnreachable"))).toBe(true);
    expect(shouldRetry(2, err("transport"))).toBe(false);
    expect(shouldRetry(0, err("invalid"))).toBe(false);
    expect(shouldRetry(0, err("forbidden"))).toBe(false);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
  });
});
