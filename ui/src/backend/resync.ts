import type { Backend } from "./types";

/**
 * Calls `refetch` whenever the backend says this window missed core events (`resync`):
 * what it shows may be stale, so it reads it again. Returns the unsubscribe function.
 */
export function onResync(b: Backend, refetch: () => void): () => void {
  return b.onEvent((e) => {
    if (e.type === "resync") refetch();
  });
}
