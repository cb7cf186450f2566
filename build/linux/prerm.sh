#!/bin/sh
# NoPOS Terminal deb: runs before the package is removed (electron-builder.yml, deb.fpm --before-remove).
# Refuses the removal while a user's terminal still has items waiting to reach NoPOS, as said by the
# small marker the terminal keeps beside its data (~/.config/NoPOS Terminal/unsynced-status.ini: counts
# and times only). An upgrade is never refused: the data stays and the new version sends it.
# Force after exporting:  sudo env NOPOS_FORCE_UNINSTALL=1 apt-get remove nopos-terminal
set -u

MARKER_REL=".config/NoPOS Terminal/unsynced-status.ini"

# The home folders to look in: every account's (getent), or NOPOS_TERMINAL_HOMES (colon-separated)
# for unusual setups and the tests.
homes() {
  if [ -n "${NOPOS_TERMINAL_HOMES:-}" ]; then
    printf '%s\n' "$NOPOS_TERMINAL_HOMES" | tr ':' '\n'
  elif command -v getent >/dev/null 2>&1; then
    getent passwd | cut -d: -f6 | sort -u
  else
    cut -d: -f6 /etc/passwd | sort -u
  fi
}

# Prints "<count> <marker file>" for every marker that says items wait.
waiting() {
  homes | while IFS= read -r home; do
    [ -n "$home" ] || continue
    marker="$home/$MARKER_REL"
    [ -f "$marker" ] || continue
    count=$(sed -n 's/^unsynced=\([0-9][0-9]*\)[[:space:]]*$/\1/p' "$marker" | head -n 1)
    if [ -n "$count" ] && [ "$count" -gt 0 ]; then
      printf '%s %s\n' "$count" "$marker"
    fi
  done
}

case "${1:-remove}" in
  remove|purge) ;;
  *) exit 0 ;;
esac

found=$(waiting)
[ -n "$found" ] || exit 0

if [ "${NOPOS_FORCE_UNINSTALL:-}" = "1" ]; then
  echo "NoPOS Terminal: removing although items still wait to reach NoPOS (NOPOS_FORCE_UNINSTALL=1):" >&2
  printf '%s\n' "$found" | sed 's/^/  /' >&2
  echo "The terminal's data folder is kept; export files are in its exports folder." >&2
  exit 0
fi

echo "NoPOS Terminal is NOT removed: items still wait to reach NoPOS." >&2
printf '%s\n' "$found" | sed 's/^\([0-9]*\) \(.*\)$/  \1 waiting (\2)/' >&2
echo "Let the terminal sync (online, Sync now), or have an admin export them first:" >&2
echo "  Settings -> Export unsynced items (writes a file to the terminal's exports folder)." >&2
echo "Then remove it anyway with:  sudo env NOPOS_FORCE_UNINSTALL=1 apt-get remove nopos-terminal" >&2
exit 1
