// What the app would link on Windows and macOS, read from Cargo's own resolution:
// `cargo tree --target` applies each crate's [target.'cfg(...)'] tables without needing
// that target's standard library, so a Linux machine can see the Windows and macOS
// dependency trees that only the release runners compile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { repo } from "./repo.js";

const TARGETS = {
  windows: "x86_64-pc-windows-msvc",
  macos: "aarch64-apple-darwin",
  macosIntel: "x86_64-apple-darwin",
};

// Crates that exist for Linux desktops only: D-Bus (Secret Service, notifications),
// the kernel keyring, WebKitGTK and GTK, X11 and Wayland.
const LINUX_ONLY =
  /^(zbus|zbus_.*|zvariant|dbus|libdbus-sys|dbus-secret-service.*|zbus-secret-service.*|secret-service|linux-keyutils.*|webkit2gtk.*|javascriptcore-rs.*|soup3.*|gtk|gtk-sys|gdk|gdk-sys|gdkx11.*|gdkwayland.*|libappindicator.*|x11|x11-dl|x11rb.*|wayland-.*)$/;

function cargo(args) {
  return execFileSync("cargo", args, { cwd: repo(), encoding: "utf8", maxBuffer: 64 << 20 });
}

/// The packages in the app's tree for one target: name -> version.
function appTree(target) {
  const out = cargo(["tree", "--locked", "-p", "madoguchi", "--target", target, "-e", "normal,build", "--prefix", "none", "--format", "{p}"]);
  const crates = new Map();
  for (const line of out.split("\n")) {
    const m = line.match(/^(\S+) v(\S+)/);
    if (m) crates.set(m[1], m[2]);
  }
  return crates;
}

function workspaceMembers() {
  const meta = JSON.parse(cargo(["metadata", "--locked", "--no-deps", "--format-version", "1"]));
  return new Set(meta.packages.map((p) => p.name));
}

/// The crates that depend on `libc` directly, across the workspace, tests included.
function directLibcUsers(target) {
  const out = cargo(["tree", "--locked", "--workspace", "--target", target, "-e", "normal,build,dev", "-i", "libc", "--depth", "1", "--prefix", "none", "--format", "{p}"]);
  return out.split("\n").slice(1).map((l) => l.split(" ")[0]).filter(Boolean);
}

const trees = Object.fromEntries(Object.entries(TARGETS).map(([os, target]) => [os, appTree(target)]));

test("the app's dependency trees resolve for Windows and macOS", (t) => {
  for (const [os, crates] of Object.entries(trees)) {
    t.diagnostic(`${TARGETS[os]}: ${crates.size} crates`);
    assert.ok(crates.size > 100, `${TARGETS[os]}: only ${crates.size} crates`);
    assert.ok(crates.has("tauri") && crates.has("madoguchi-core"), `${TARGETS[os]}: no tauri or core`);
  }
});

test("the keyring uses Windows Credential Manager on Windows", () => {
  const w = trees.windows;
  assert.ok(w.has("keyring"), "keyring is in the Windows tree");
  assert.ok(w.has("windows-native-keyring-store"), "keyring's Windows store is compiled in");
  assert.ok(!w.has("apple-native-keyring-store"), "no Apple store on Windows");
});

test("the keyring uses the Keychain on macOS (Apple Silicon and Intel)", () => {
  for (const os of ["macos", "macosIntel"]) {
    const m = trees[os];
    assert.ok(m.has("apple-native-keyring-store"), `${TARGETS[os]}: keyring's Apple store is compiled in`);
    assert.ok(!m.has("windows-native-keyring-store"), `${TARGETS[os]}: no Windows store`);
  }
});

test("no Linux-only crate (D-Bus, Secret Service, GTK, WebKitGTK, X11) is in the Windows or macOS tree", () => {
  for (const [os, crates] of Object.entries(trees)) {
    const found = [...crates.keys()].filter((name) => LINUX_ONLY.test(name));
    assert.deepEqual(found, [], `${TARGETS[os]} would build Linux-only crates`);
  }
});

test("the Linux-only list above does match the Linux tree (so the check can fail)", () => {
  const linux = appTree("x86_64-unknown-linux-gnu");
  const found = [...linux.keys()].filter((name) => LINUX_ONLY.test(name));
  for (const expected of ["zbus", "zbus-secret-service-keyring-store", "webkit2gtk", "gtk"]) {
    assert.ok(found.includes(expected), `${expected} in the Linux tree: ${found.join(", ")}`);
  }
});

test("no crate of ours depends on libc outside a cfg gate", () => {
  // libc is Unix's C library; third-party crates gate their own uses. Ours must declare
  // it under [target.'cfg(...)'.dependencies] for the systems whose code calls it
  // (core: Linux thread priority, macOS plain fsync), and never for Windows.
  const members = workspaceMembers();
  const meta = JSON.parse(cargo(["metadata", "--locked", "--no-deps", "--format-version", "1"]));
  const ungated = meta.packages.flatMap((p) =>
    p.dependencies.filter((d) => d.name === "libc" && !d.target).map(() => p.name),
  );
  assert.deepEqual(ungated, [], "workspace crates with libc outside a [target.'cfg(...)'] table");
  const onWindows = directLibcUsers(TARGETS.windows).filter((name) => members.has(name));
  assert.deepEqual(onWindows, [], `${TARGETS.windows}: workspace crates that pull libc in`);
});
