#!/usr/bin/env node
// The release workflow's additions to src-tauri/tauri.conf.json, written as a file for
// `tauri build --config FILE`: only what the repository's secrets and variables allow.
// A fork without them gets `{}` (an unsigned build without updater files); the bundler
// would otherwise fail on a signing setting it has no key for.
//
//   node scripts/release-config.mjs OUT.json
//
// Reads from the environment:
//   HAS_UPDATER_KEY                "true" when secrets.TAURI_SIGNING_PRIVATE_KEY is set
//   TAURI_UPDATER_PUBKEY           the updater's public key (vars), in place of tauri.conf.json's
//                                  (a fork that signs its own updates sets its own)
//   GITHUB_REPOSITORY              owner/name, for the latest.json address
//   WINDOWS_CERTIFICATE_THUMBPRINT the imported Authenticode certificate (Windows job only)
//   WINDOWS_TIMESTAMP_URL          the RFC 3161 timestamp server for Authenticode
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com";

export function releaseConfig(conf, env) {
  const overlay = {};
  const notes = [];

  const committed = conf.plugins?.updater?.pubkey || "";
  const pubkey = env.TAURI_UPDATER_PUBKEY || committed;
  if (env.HAS_UPDATER_KEY === "true" && pubkey) {
    overlay.bundle = { createUpdaterArtifacts: true };
    // The app checks the newest published release of the repository that built it; the
    // committed file names no repository, so a local or a fork's build checks nothing.
    const endpoint = `https://github.com/${env.GITHUB_REPOSITORY}/releases/latest/download/latest.json`;
    overlay.plugins = { updater: { endpoints: [endpoint] } };
    if (pubkey !== committed) overlay.plugins.updater.pubkey = pubkey;
    notes.push("updater: signed update files and latest.json");
  } else {
    // A committed public key without the private one fails the build: leave it unused.
    overlay.bundle = { createUpdaterArtifacts: false };
    notes.push("updater: none (needs secrets.TAURI_SIGNING_PRIVATE_KEY and a public key)");
  }

  if (env.WINDOWS_CERTIFICATE_THUMBPRINT) {
    overlay.bundle.windows = {
      certificateThumbprint: env.WINDOWS_CERTIFICATE_THUMBPRINT,
      digestAlgorithm: "sha256",
      timestampUrl: env.WINDOWS_TIMESTAMP_URL || DEFAULT_TIMESTAMP_URL,
      tsp: true,
    };
    notes.push("windows: Authenticode-signed");
  }
  return { overlay, notes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: release-config.mjs OUT.json");
    process.exit(2);
  }
  const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
  const conf = JSON.parse(readFileSync(join(repo, "src-tauri/tauri.conf.json"), "utf8"));
  const { overlay, notes } = releaseConfig(conf, process.env);
  writeFileSync(out, `${JSON.stringify(overlay, null, 2)}\n`);
  for (const note of notes) console.log(`release-config: ${note}`);
}
