// scripts/release-config.mjs decides, in the release workflow, what the repository's
// secrets allow: signing and updater files with them, a plain unsigned build without
// (forks). Each outcome, merged into tauri.conf.json as `tauri build --config` does,
// must still be a configuration the CLI accepts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { releaseConfig } from "../../scripts/release-config.mjs";
import { repo } from "./repo.js";

const conf = JSON.parse(readFileSync(repo("src-tauri/tauri.conf.json"), "utf8"));
const PUBKEY = "dW50cnVzdGVkIGNvbW1lbnQ6IG1pbmlzaWduIHB1YmxpYyBrZXk6IEFCQ0RFRjAxMjM0NTY3ODkKUldU";

// RFC 7396, the merge the Tauri CLI applies to --config.
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false }).compile(
  JSON.parse(readFileSync(repo("ui/node_modules/@tauri-apps/cli/config.schema.json"), "utf8")),
);

function merged(env) {
  const { overlay } = releaseConfig(conf, env);
  const result = mergePatch(conf, overlay);
  assert.ok(validate(result), JSON.stringify(validate.errors));
  return result;
}

test("without secrets (a fork): no signing, no updater files, no update source", () => {
  const c = merged({ GITHUB_REPOSITORY: "someone/madoguchi" });
  assert.equal(c.bundle.createUpdaterArtifacts, false);
  assert.equal(c.plugins?.updater?.endpoints, undefined, "the app says it does not check for updates");
  assert.equal(c.bundle.windows.certificateThumbprint, undefined);
});

test("a public key without the private key makes no updater files (the bundler would fail)", () => {
  const c = merged({ TAURI_UPDATER_PUBKEY: PUBKEY, GITHUB_REPOSITORY: "shop/madoguchi" });
  assert.equal(c.bundle.createUpdaterArtifacts, false);
});

test("with the updater key: update files, and latest.json on this repository's newest release", () => {
  const c = merged({ HAS_UPDATER_KEY: "true", GITHUB_REPOSITORY: "shop/madoguchi" });
  assert.equal(c.bundle.createUpdaterArtifacts, true);
  assert.equal(c.plugins.updater.pubkey, conf.plugins.updater.pubkey, "the committed public key");
  assert.deepEqual(c.plugins.updater.endpoints, ["https://github.com/shop/madoguchi/releases/latest/download/latest.json"]);
});

test("a fork that signs its own updates sets its own public key", () => {
  const c = merged({ HAS_UPDATER_KEY: "true", TAURI_UPDATER_PUBKEY: PUBKEY, GITHUB_REPOSITORY: "someone/madoguchi" });
  assert.equal(c.plugins.updater.pubkey, PUBKEY);
  assert.deepEqual(c.plugins.updater.endpoints, ["https://github.com/someone/madoguchi/releases/latest/download/latest.json"]);
});

test("with an Authenticode certificate: signed with SHA-256 and a timestamp, installer settings kept", () => {
  const c = merged({ WINDOWS_CERTIFICATE_THUMBPRINT: "0123456789ABCDEF0123456789ABCDEF01234567" });
  assert.equal(c.bundle.windows.certificateThumbprint, "0123456789ABCDEF0123456789ABCDEF01234567");
  assert.equal(c.bundle.windows.digestAlgorithm, "sha256");
  assert.match(c.bundle.windows.timestampUrl, /^https?:\/\//);
  assert.deepEqual(c.bundle.windows.nsis, conf.bundle.windows.nsis);
  assert.deepEqual(c.bundle.windows.wix, conf.bundle.windows.wix);
});
