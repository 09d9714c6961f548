#!/usr/bin/env bash
# The hub's .deb as an administrator meets it: it builds, installs with dpkg, its unit
# passes `systemd-analyze verify`, the installed binary starts as its own user with the
# EnvironmentFile's credentials and answers, `dpkg -r` keeps the data, `dpkg -P` deletes it.
# Installs a package and a system user on this machine: CI's throwaway machine, or a
# developer's as root. Refuses to run where madoguchi-hub is really installed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
fail() { echo "hub package: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (dpkg -i); run make test as root, as the README says"
if dpkg-query -W -f='${Status}' madoguchi-hub 2>/dev/null | grep -q 'install ok installed'; then
  fail "madoguchi-hub is installed on this machine; this test would purge its data. Test on another machine."
fi

scripts/package-hub.sh --profile dev >/dev/null 2>target/package-hub.log || { cat target/package-hub.log >&2; fail "cargo deb"; }
deb=$(ls -t target/debian/madoguchi-hub_*_amd64.deb | head -1)
echo "hub package: built $deb ($(du -h "$deb" | cut -f1))"

cleanup() {
  [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true
  dpkg -P madoguchi-hub >/dev/null 2>&1 || true
}
trap cleanup EXIT

dpkg -i "$deb" >/dev/null
unit=/usr/lib/systemd/system/madoguchi-hub.service
[ -f "$unit" ] || unit=/lib/systemd/system/madoguchi-hub.service
[ -f "$unit" ] || fail "the unit was not installed"
systemd-analyze verify "$unit" 2>&1 | tee target/hub-verify.log
if grep -v -e '^$' target/hub-verify.log | grep -q .; then fail "systemd-analyze verify printed warnings"; fi
echo "hub package: systemd-analyze verify: clean"

getent passwd madoguchi >/dev/null || fail "no madoguchi system user"
[ "$(stat -c '%U:%G %a' /etc/madoguchi/hub.env)" = "root:madoguchi 640" ] || fail "hub.env is $(stat -c '%U:%G %a' /etc/madoguchi/hub.env), not root:madoguchi 640"
[ "$(stat -c '%U:%G %a' /var/lib/madoguchi)" = "madoguchi:madoguchi 750" ] || fail "/var/lib/madoguchi is $(stat -c '%U:%G %a' /var/lib/madoguchi)"

# The first-run command: the owner member, as the service's user.
echo "test-owner-password" | runuser -u madoguchi -- madoguchi-server member add --data-dir /var/lib/madoguchi --name 店長 --role owner >/dev/null

# Start it the way the unit does (no systemd as PID 1 here): its user, its
# EnvironmentFile, its ExecStart — read from the installed unit, on a free port.
cat >/etc/madoguchi/hub.env <<'ENV'
LINE_CHANNEL_SECRET=0123456789abcdef0123456789abcdef
LINE_CHANNEL_ACCESS_TOKEN=test-access-token-from-the-environment-file
ENV
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
ui_dir=$(sed -n 's/^Environment=MADOGUCHI_UI_DIR=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cmd="${exec_start/127.0.0.1:8787/127.0.0.1:$port}"
# The same KEY=VALUE lines systemd would pass; setpriv execs the server itself (no
# forking wrapper), so the pid below is the hub's and its signals reach it.
mapfile -t envs < <(grep -E '^[A-Z_]+=' /etc/madoguchi/hub.env)
setpriv --reuid="$user" --regid="$user" --init-groups -- env -i PATH=/usr/bin:/bin MADOGUCHI_UI_DIR="$ui_dir" "${envs[@]}" $cmd >target/hub-run.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat target/hub-run.log >&2; fail "the installed hub exited"; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"status":"ok"' || fail "/healthz"
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root"' || fail "the UI from /usr/share/madoguchi-hub/ui"
[ "$(ps -o user= -p "$pid" | tr -d ' ')" = "$user" ] || fail "the hub does not run as $user"
[ "$(stat -c %U /var/lib/madoguchi/madoguchi.db)" = "$user" ] || fail "the store is not the service user's"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/login" -H 'content-type: application/json' \
  -d '{"name":"店長","password":"test-owner-password"}')
[ "$status" = 200 ] || fail "the owner added by the first-run command cannot sign in ($status)"
grep -q "LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN are not set" target/hub-run.log && fail "the EnvironmentFile's credentials did not reach the hub"
grep -q "0123456789abcdef0123456789abcdef\|test-access-token-from" target/hub-run.log && fail "a credential in the log"
kill -INT "$pid"
for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$pid" 2>/dev/null && fail "the hub did not stop on SIGINT (the unit's KillSignal)"
wait "$pid" 2>/dev/null || true; pid=
echo "hub package: the installed hub ran as $user with the EnvironmentFile and answered"

dpkg -r madoguchi-hub >/dev/null
[ -f /var/lib/madoguchi/madoguchi.db ] || fail "dpkg -r deleted the shop's data"
[ -f /etc/madoguchi/hub.env ] || fail "dpkg -r deleted the credentials (a conffile)"
echo "hub package: removed; the data and the credentials stay"
dpkg -P madoguchi-hub >/dev/null
[ ! -e /var/lib/madoguchi ] || fail "dpkg -P kept /var/lib/madoguchi"
! getent passwd madoguchi >/dev/null || fail "dpkg -P kept the madoguchi user"
echo "hub package: purged; data and user gone"
