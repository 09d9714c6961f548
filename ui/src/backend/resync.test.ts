import { describe, expect, it, vi } from "vitest";
import type { CoreEvent } from "../api/types.gen";
import { createHttpBackend, type EventSourceLike } from "./http";
import { onResync } from "./resync";

/** An HTTP backend whose one EventSource the test feeds by hand. */
function backendWithEvents() {
  let source: EventSourceLike | null = null;
  const b = createHttpBackend({
    token: "t",
    fetch: vi.fn() as unknown as typeof fetch,
    eventSource: () => {
      source = { onmessage: null, close() {} };
      return source;
    },
  });
  const send = (e: CoreEvent) => source?.onmessage?.(new MessageEvent("message", { data: JSON.stringify(e) }));
  return { b, send };
}

describe("resync", () => {
  it("a resync from the server makes what is on screen be read again, other events do not", () => {
    const { b, send } = backendWithEvents();
    const refetch = vi.fn();
    const off = onResync(b, refetch);

    send({ type: "conversationUpdated", conversationId: 3 });
    expect(refetch).not.toHaveBeenCalled();

    // The server's lagging stream sends it as an ordinary (unnamed) event.
    send({ type: "resync" });
    expect(refetch).toHaveBeenCalledTimes(1);

    off();
    send({ type: "resync" });
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
