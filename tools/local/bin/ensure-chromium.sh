#!/bin/sh
# The upload page's browser test drives Debian's chromium with playwright-core
# (`npx playwright install` cannot download here). Installs it when missing; prints its path.
set -e
for candidate in chromium chromium-browser chromium-headless-shell; do
  if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; exit 0; fi
done
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
command -v chromium
