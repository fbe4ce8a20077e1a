#!/usr/bin/env bash
# Installs the Debian packages the test bench needs, only when something is missing.
# Used by `npm run test:all` (the README's test command) and by .ci/run.
set -euo pipefail

packages=(dovecot-imapd dovecot-pop3d dovecot-submissiond dovecot-managesieved
  dovecot-auth-lua lua-socket lua-cjson
  gnome-keyring dbus dbus-x11 libsecret-tools chromium openssl curl)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps: all Debian packages present"
  exit 0
fi

echo "test-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
# The packages' own services are not needed: the tests start their own servers.
export DEBIAN_FRONTEND=noninteractive
if [ "${APT_UPDATED:-0}" != 1 ]; then "${sudo_cmd[@]}" apt-get update -q; fi
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
