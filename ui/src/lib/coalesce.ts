/**
 * Batches keys arriving in bursts (a customer sending five messages in a row) into one
 * call per key after `delayMs` of quiet.
 */
export function coalescer<K>(delayMs: number, flush: (keys: K[]) => void) {
  let pending = new Set<K>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(key: K) {
      pending.add(key);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const keys = [...pending];
        pending = new Set();
        flush(keys);
      }, delayMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = new Set();
    },
  };
}
