#!/bin/sh
# Runs a test in its own D-Bus session with a real, freshly created and unlocked gnome-keyring whose
# files live in a throw-away directory. The result then depends neither on the caller's keyring
# (an existing login keyring with another password stays locked) nor touches the developer's own.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/hubgate-keyring.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -m 700 "$dir/home" "$dir/data" "$dir/config" "$dir/cache" "$dir/run"
export HOME="$dir/home" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" \
    XDG_CACHE_HOME="$dir/cache" XDG_RUNTIME_DIR="$dir/run"
unset GNOME_KEYRING_CONTROL
status=0
dbus-run-session -- sh -c '
    printf %s hubgate-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' keyring "$@" || status=$?
exit "$status"
