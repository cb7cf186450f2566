#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with a fresh, unlocked gnome-keyring and a
# temporary HOME, so tests use a real Secret Service and never touch a developer's keychain.
# Everything it starts (bus, keyring daemon, the command) is stopped on every way out: the command
# ending or failing, and INT, TERM or HUP to this script. (SIGKILL cannot be caught.)
set -euo pipefail
if [ "${NOPOS_IN_TEST_KEYRING:-}" = 1 ]; then exec "$@"; fi
for tool in dbus-daemon dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install dbus-x11 gnome-keyring (see .ci/run)" >&2; exit 1; }
done
test_home=$(mktemp -d -t nopos-test-home.XXXXXX)
bus_pid='' keyring_pid='' command_pid=''

# The daemons fork away from us, so they are watched by pid; a zombie counts as gone.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

stop() {
  kill -TERM "$1" 2>/dev/null || return 0
  for _ in $(seq 50); do alive "$1" || return 0; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM HUP
  if [ -n "$command_pid" ]; then
    kill -TERM "$command_pid" 2>/dev/null || true
    wait "$command_pid" 2>/dev/null || true
  fi
  for pid in $keyring_pid $bus_pid; do stop "$pid"; done
  rm -rf "$test_home"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# npm must still find the real user config (registry settings) after HOME moves.
export NPM_CONFIG_USERCONFIG="${NPM_CONFIG_USERCONFIG:-$HOME/.npmrc}"
# Nothing of another keyring may leak in: each run finds only the daemon it starts below.
unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID SSH_AUTH_SOCK
export HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" XDG_RUNTIME_DIR="$test_home/run" NOPOS_IN_TEST_KEYRING=1
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

{ read -r DBUS_SESSION_BUS_ADDRESS; read -r bus_pid; } < <(dbus-daemon --session --fork --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS
printf "%s" "nopos-test-keyring" |
  gnome-keyring-daemon --unlock --components=secrets --control-directory="$XDG_RUNTIME_DIR/keyring" >/dev/null
# The bus knows exactly which process serves the Secret Service on it: that one is ours to stop.
# (--unlock returns before the daemon has claimed its name, so ask until it has: up to 30 s, as a
# machine busy with other test runs can be slow to start it.)
for _ in $(seq 600); do
  keyring_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '{ print $NF }') && break
  sleep 0.05
done
[ -n "$keyring_pid" ] || { echo "gnome-keyring-daemon did not start its Secret Service" >&2; exit 1; }

# In the background so a signal to this script is handled at once; stdin stays the terminal's.
"$@" <&0 &
command_pid=$!
wait "$command_pid"
