// The NSIS uninstaller's "Delete the application data" checkbox deletes the shop's whole
// history. src-tauri/windows/hooks.nsh asks once more before it does; this checks the
// hook against the NSIS template inside the installed @tauri-apps/cli (the one that
// builds the installer), and compiles it with makensis when that is installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repo } from "./repo.js";

const conf = JSON.parse(readFileSync(repo("src-tauri/tauri.conf.json"), "utf8"));
const hooksPath = repo("src-tauri", conf.bundle.windows.nsis.installerHooks ?? "(none)");

/// The installer.nsi template compiled into the CLI's native module.
function cliTemplate() {
  const dir = repo("ui/node_modules/@tauri-apps/cli-linux-x64-gnu");
  const native = readdirSync(dir).find((f) => f.endsWith(".node"));
  const bytes = readFileSync(join(dir, native)).toString("latin1");
  const start = bytes.indexOf("Var DeleteAppDataCheckboxState");
  assert.ok(start > 0, "the CLI's NSIS template declares $DeleteAppDataCheckboxState");
  const end = bytes.indexOf("Function RestorePreviousInstallLocation", start);
  return bytes.slice(bytes.lastIndexOf("Unicode true", start), end);
}

test("the uninstaller hook is configured and its file is UTF-8 with a byte order mark", () => {
  assert.equal(conf.bundle.windows.nsis.installerHooks, "windows/hooks.nsh");
  const bytes = readFileSync(hooksPath);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "NSIS reads an include without a BOM as ANSI");
});

test("Tauri's uninstaller runs the hook before it deletes the app data, and only on the checkbox", () => {
  const nsi = cliTemplate();
  assert.match(nsi, /!include "\{\{installer_hooks\}\}"/);
  assert.match(nsi, /Var UpdateMode/);
  const section = nsi.slice(nsi.indexOf("Section Uninstall"));
  const hook = section.indexOf("!insertmacro NSIS_HOOK_PREUNINSTALL");
  const gate = section.indexOf("${If} $DeleteAppDataCheckboxState = 1");
  const removal = section.indexOf('RmDir /r "$LOCALAPPDATA\\${BUNDLEID}"');
  assert.ok(hook > 0 && gate > hook && removal > gate, `hook ${hook}, gate ${gate}, removal ${removal}`);
  // Nothing else in the section deletes the data folder.
  assert.equal(section.split("$LOCALAPPDATA\\${BUNDLEID}").length - 1, 1);
});

test("the hook keeps the data unless the owner answers yes, also when silent", () => {
  const nsh = readFileSync(hooksPath, "utf8");
  assert.match(nsh, /!macro NSIS_HOOK_PREUNINSTALL/);
  const boxes = [...nsh.matchAll(/^\s*MessageBox (\S+) "[^"]+" (.*)$/gm)];
  assert.equal(boxes.length, 2, "one question in Japanese, one in English");
  for (const [, style, rest] of boxes) {
    assert.match(style, /MB_YESNO/);
    assert.match(style, /MB_DEFBUTTON2/, "No is the default button");
    assert.match(rest, /\/SD IDNO/, "a silent uninstall keeps the data");
    assert.match(rest, /IDYES madoguchi_delete_confirmed$/);
  }
  const reset = nsh.indexOf("StrCpy $DeleteAppDataCheckboxState 0");
  assert.ok(reset > nsh.lastIndexOf("MessageBox") && reset < nsh.indexOf("madoguchi_delete_confirmed:"), "every answer but yes unticks the box");
  assert.match(nsh, /\$\{AndIf\} \$UpdateMode <> 1/);
});

test("makensis compiles the hook inside an uninstaller like Tauri's", (t) => {
  if (spawnSync("makensis", ["-VERSION"]).error) {
    t.skip("makensis not installed (apt-get install nsis)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "nsis-hooks-"));
  try {
    const script = join(dir, "uninstaller.nsi");
    writeFileSync(
      script,
      [
        "Unicode true",
        "!include LogicLib.nsh",
        `!include "${hooksPath}"`,
        `OutFile "${join(dir, "harness.exe")}"`,
        "Var DeleteAppDataCheckboxState",
        "Var UpdateMode",
        "Section",
        "  StrCpy $UpdateMode 0",
        `  WriteUninstaller "${join(dir, "harness-un.exe")}"`,
        "SectionEnd",
        "Section Uninstall",
        "  !insertmacro NSIS_HOOK_PREUNINSTALL",
        "  ${If} $DeleteAppDataCheckboxState = 1",
        '    RmDir /r "$LOCALAPPDATA\\jp.madoguchi.desktop"',
        "  ${EndIf}",
        "SectionEnd",
        "",
      ].join("\n"),
    );
    const run = spawnSync("makensis", ["-V2", "-WX", script], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(existsSync(join(dir, "harness.exe")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
