#!/usr/bin/env bash
# Installs the Debian packages Gongshi builds and tests against, if any are missing.
# Works on a bare Debian 12 with Swift: runs apt-get as root, or through sudo.
set -euo pipefail

packages=(libsqlite3-dev libicu-dev libmicrohttpd-dev zlib1g-dev libcrypt-dev pkg-config)
if [ "${1:-}" = "--test" ]; then
  packages+=(chromium fonts-wqy-microhei)   # browser tests (and a CJK font for screenshots)
elif [ "${1:-}" = "--bench" ]; then
  packages+=(wrk)        # HTTP benchmark
elif [ "${1:-}" = "--cluster" ]; then
  packages+=(wrk haproxy socat)   # scripts/cluster-test.sh and scripts/rollout.sh (HAProxy's runtime API)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The browser tests' accessibility check (axe-core, from PyPI).
if [ "${1:-}" = "--test" ]; then "$(dirname "$0")/install-axe.sh"; fi
