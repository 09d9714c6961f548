#!/usr/bin/env bash
# Type-checks the app, core and the notification crate (tests included) for Windows and
# macOS from Linux: `cargo check --target` with those targets' standard libraries from
# rustup. Only the C libraries' build scripts (SQLite, zstd, aws-lc) need a C compiler
# for the target, and a check links nothing, so a stand-in that makes empty objects and
# archives lets them finish. Everything Rust, the cfg(windows) and
# cfg(target_os = "macos") code included, is checked for real; a program for those
# systems is still only built by the release workflow.
#
#   scripts/typecheck-targets.sh [TARGET ...]   (default: both below; minutes each)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-pc-windows-msvc aarch64-apple-darwin)

stand_in=$(mktemp -d)
trap 'rm -rf "$stand_in"' EXIT
cat > "$stand_in/cc" <<'SH'
#!/bin/sh
out=""; prev=""
for a in "$@"; do
  case "$prev" in -o) out="$a";; esac
  case "$a" in -Fo*) out="${a#-Fo}";; /Fo*) out="${a#/Fo}";; esac
  prev="$a"
done
[ -n "$out" ] && : > "$out"
exit 0
SH
cat > "$stand_in/ar" <<'SH'
#!/bin/sh
for a in "$@"; do
  case "$a" in
    -out:*|-OUT:*|/out:*|/OUT:*) : > "${a#*:}";;
    *.a|*.lib) : > "$a";;
  esac
done
exit 0
SH
chmod +x "$stand_in/cc" "$stand_in/ar"

for target in "${targets[@]}"; do
  rustup target add "$target" >/dev/null
  var=${target//-/_}
  echo "typecheck-targets: $target"
  env "CC_$var=$stand_in/cc" "CXX_$var=$stand_in/cc" "AR_$var=$stand_in/ar" AWS_LC_SYS_PREBUILT_NASM=1 SQLX_OFFLINE=true \
    cargo check --locked -p madoguchi -p madoguchi-core -p madoguchi-desktop-notify --tests --target "$target"
done
