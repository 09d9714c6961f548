// src-tauri/tauri.conf.json is read by the bundler only when an installer is built, and
// the Windows and macOS installers are built nowhere but the release workflow: a typo or
// a field the CLI no longer knows would surface there, after the tag. This checks the
// file against the schema shipped in the installed @tauri-apps/cli (the one that builds
// it) and the release fields the shops' systems need.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { repo } from "./repo.js";

const conf = JSON.parse(readFileSync(repo("src-tauri/tauri.conf.json"), "utf8"));
const schemaPath = repo("ui/node_modules/@tauri-apps/cli/config.schema.json");

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  // The schema is generated from Rust types: its patterns are written for Rust's regex
  // engine (`\:` is no valid escape in a /u JavaScript regex) and its formats (uint32,
  // double) are type notes schemars adds, not string formats a validator knows.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(schema);
}

function problems(validate, value) {
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}`);
}

test("tauri.conf.json is valid against the installed @tauri-apps/cli schema", () => {
  const validate = validator();
  assert.deepEqual(problems(validate, conf), []);
});

test("the schema check rejects a wrong installer field (so the check above can fail)", () => {
  const validate = validator();
  const broken = structuredClone(conf);
  broken.bundle.windows = { ...broken.bundle.windows, nsis: { languages: "Japanese" } };
  broken.bundle.macOS = { ...broken.bundle.macOS, minimumSystemVersoin: "11.0" };
  const found = problems(validate, broken).join("\n");
  assert.match(found, /\/bundle\/windows\/nsis\/languages/);
  assert.match(found, /\/bundle\/macOS must NOT have additional properties/);
});

test("macOS: the minimum is 11.0, the oldest system whose Safari runs the UI", () => {
  assert.equal(conf.bundle?.macOS?.minimumSystemVersion, "11.0");
});

test("Windows installers speak Japanese first, and English", () => {
  const windows = conf.bundle?.windows ?? {};
  assert.deepEqual(windows.wix?.language, ["ja-JP", "en-US"]);
  assert.deepEqual(windows.nsis?.languages, ["Japanese", "English"]);
  assert.equal(windows.nsis?.displayLanguageSelector, true);
});

test("Windows: WebView2 installs without an internet connection", () => {
  assert.equal(conf.bundle?.windows?.webviewInstallMode?.type, "offlineInstaller");
});

test("the updater's public key is built in; update files and the update source come with the private key", () => {
  // The plugin refuses to start without plugins.updater.pubkey, so the key is in the
  // committed file. The bundler fails when createUpdaterArtifacts is on and
  // TAURI_SIGNING_PRIVATE_KEY is not set: it stays off here (local builds, forks), and
  // the release workflow turns it on, with the repository's latest.json as the source,
  // only when it has the private key (scripts/release-config.mjs).
  const updater = conf.plugins?.updater;
  assert.match(updater?.pubkey ?? "", /^[A-Za-z0-9+/=]{40,}$/, "plugins.updater.pubkey is a minisign public key (base64)");
  const decoded = Buffer.from(updater.pubkey, "base64").toString("utf8");
  assert.match(decoded, /^untrusted comment: minisign public key: [0-9A-F]{16}\nRW[A-Za-z0-9+/=]{54}\n?$/, decoded);
  assert.equal(conf.bundle?.createUpdaterArtifacts, false);
  assert.equal(updater.endpoints, undefined, "latest.json is named per repository by the release workflow");
});

test("identifier does not end in .app, and the app moves the old one's data folder", () => {
  // macOS Finder shows a folder ending in .app (the data folder under Application
  // Support is named after the identifier) as an application.
  assert.doesNotMatch(conf.identifier, /\.app$/i);
  assert.equal(conf.identifier, "jp.madoguchi.desktop");
  // The shell moves a store left under the old name (src-tauri/src/data_home.rs).
  const dataHome = readFileSync(repo("src-tauri/src/data_home.rs"), "utf8");
  assert.match(dataHome, /pub const OLD_IDENTIFIER: &str = "jp\.madoguchi\.app";/);
});
