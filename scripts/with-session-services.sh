#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring (the
# Secret Service the keyring tests and the desktop app use) and, when there is no
# display, a private Xvfb. Everything it starts stops when the command ends.
#   scripts/with-session-services.sh <command> [args...]
set -euo pipefail
if [ -z "${MADOGUCHI_IN_SESSION:-}" ]; then
  export MADOGUCHI_IN_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

# A throwaway keyring home, so tests never touch a developer's real keyring.
keyring_home=$(mktemp -d)
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'madoguchi-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

xvfb_pid=""
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  for n in $(seq 90 120); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    export DISPLAY=":$n"
    break
  done
fi
# The accessibility bus a desktop session runs: without it every GTK app's first start
# waits for D-Bus to launch one (startup benchmarks would time that, not the app).
a11y_pid=""
if [ -x /usr/libexec/at-spi-bus-launcher ]; then
  /usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
  a11y_pid=$!
fi
cleanup() {
  [ -n "$a11y_pid" ] && kill "$a11y_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  pkill -u "$(id -u)" -f "gnome-keyring-daemon.*$keyring_home" 2>/dev/null || true
  rm -rf "$keyring_home"
}
trap cleanup EXIT
export MADOGUCHI_REQUIRE_SECRET_SERVICE=1
# Tests that need the session bus itself (notifications) fail rather than skip in here.
export MADOGUCHI_REQUIRE_DBUS=1
"$@"
