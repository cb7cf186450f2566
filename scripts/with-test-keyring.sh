#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with a fresh, unlocked gnome-keyring and a
# temporary HOME, so tests use a real Secret Service and never touch a developer's keychain.
set -euo pipefail
if [ "${NOPOS_IN_TEST_KEYRING:-}" = 1 ]; then exec "$@"; fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install dbus-x11 gnome-keyring (see .ci/run)" >&2; exit 1; }
done
test_home=$(mktemp -d -t nopos-test-home.XXXXXX)
trap 'rm -rf "$test_home"' EXIT
# npm must still find the real user config (registry settings) after HOME moves.
export NPM_CONFIG_USERCONFIG="${NPM_CONFIG_USERCONFIG:-$HOME/.npmrc}"
export HOME="$test_home" XDG_DATA_HOME="$test_home/.local/share" XDG_RUNTIME_DIR="$test_home/run" NOPOS_IN_TEST_KEYRING=1
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c '
  printf "%s" "nopos-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' bash "$@"
