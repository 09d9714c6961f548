#!/usr/bin/env bash
# Installs the Debian packages the build, the demo and the tests need. Idempotent:
# apt-get is only called when a package is missing, so a warm machine pays nothing.
set -euo pipefail
pkgs=(
  build-essential pkg-config curl file git
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  libdbus-1-dev
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  chromium webkit2gtk-driver
  sqlite3 python3-venv caddy nsis
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
  fonts-ipafont-gothic fonts-noto-color-emoji
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
