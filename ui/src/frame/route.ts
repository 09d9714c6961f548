/** The frame's place in the URL hash: `#/<view>` or `#/<view>/<arg>`. */
export interface Route {
  view: string;
  arg: string | null;
}

export function parseRoute(hash: string, fallback: string): Route {
  const m = /^#\/([a-z0-9-]+)(?:\/(.*))?$/.exec(hash);
  if (!m) return { view: fallback, arg: null };
  return { view: m[1] ?? fallback, arg: m[2] ? decodeURIComponent(m[2]) : null };
}

export function formatRoute(r: Route): string {
  return r.arg === null ? `#/${r.view}` : `#/${r.view}/${encodeURIComponent(r.arg)}`;
}
