#!/bin/sh
# The bench's peers from Debian packages, installed when missing: Pillow for Debian's own
# python3 (/usr/bin/python3) and ImageMagick (/usr/bin/convert). Then:
#   npm run bench -- --only peers   (its defaults are these two)
set -e
missing=
/usr/bin/python3 -c 'import PIL' 2>/dev/null || missing="$missing python3-pil"
/usr/bin/convert -version 2>/dev/null | grep -q ImageMagick || missing="$missing imagemagick"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
