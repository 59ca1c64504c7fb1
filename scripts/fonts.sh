#!/usr/bin/env bash
# Ensures Debian's DejaVu fonts exist: the format tests write PDFs with pdfkit in DejaVu Sans (Vietnamese glyphs).
# Idempotent.
set -euo pipefail

if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "fonts.sh: DejaVu fonts are missing and this is not root; install them with: sudo apt-get update && sudo apt-get install -y fonts-dejavu-core" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends fonts-dejavu-core
