#!/usr/bin/env bash
# Ensures Debian's chromium exists for the dashboard browser test. Idempotent.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: /usr/bin/chromium is missing and this is not root; install it with: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
if [ ! -x /usr/bin/chromium ]; then
  echo "chromium.sh: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
