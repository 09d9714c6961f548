// A real Caddy (Debian's package) in front of a hub for the window suite, configured from
// the shipped packaging/hub/Caddyfile.example with `tls internal` in place of a public
// certificate (as src-tauri/crates/server/tests/caddy.rs does for the Rust tests): its
// state in a scratch folder, no admin port, nothing installed into the system's trust.

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { until } from "./webdriver.js";

const REPO = resolve(import.meta.dirname, "../..");

/** The shipped Caddyfile for `localhost:httpsPort`, proxying to `127.0.0.1:hubPort`, with an access log. */
function caddyfile(dir, httpsPort, hubPort) {
  const shipped = readFileSync(join(REPO, "packaging/hub/Caddyfile.example"), "utf8");
  if (!shipped.includes("shop.example.jp {") || !shipped.includes("reverse_proxy 127.0.0.1:8787")) throw new Error("the shipped Caddyfile changed shape");
  const site = shipped
    .replace("shop.example.jp {", `localhost:${httpsPort} {\n\ttls internal\n\tlog {\n\t\toutput file ${join(dir, "access.log")}\n\t\tformat json\n\t}`)
    .replace("127.0.0.1:8787", `127.0.0.1:${hubPort}`);
  return `{\n\tadmin off\n\tauto_https disable_redirects\n\tskip_install_trust\n\tstorage file_system ${join(dir, "caddy-data")}\n}\n\n${site}`;
}

/**
 * Caddy on `httpsPort` in front of `127.0.0.1:hubPort` (the hub may start later).
 * Resolves with { base, rootPem, intermediatePem, accessLog, stop } once its root exists.
 */
export async function startCaddy(dir, httpsPort, hubPort) {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, "Caddyfile");
  writeFileSync(config, caddyfile(dir, httpsPort, hubPort));
  const child = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", config], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "xdg-data"), XDG_CONFIG_HOME: join(dir, "xdg-config") },
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  const pki = join(dir, "caddy-data/pki/authorities/local");
  const read = (name) => {
    const pem = existsSync(join(pki, name)) ? readFileSync(join(pki, name), "utf8") : "";
    // The file appears before it is fully written.
    return pem.includes("-----END CERTIFICATE-----") ? pem : null;
  };
  try {
    await until("Caddy's own root and intermediate certificates", () => child.exitCode === null && read("root.crt") && read("intermediate.crt"), 30_000);
  } catch (e) {
    child.kill("SIGKILL");
    throw new Error(`${e.message}; caddy's log:\n${log}`);
  }
  return {
    base: `https://localhost:${httpsPort}`,
    rootPem: read("root.crt"),
    intermediatePem: read("intermediate.crt"),
    accessLog: join(dir, "access.log"),
    stop: () => child.exitCode === null && child.kill("SIGTERM"),
  };
}
