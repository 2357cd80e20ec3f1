#!/usr/bin/env bash
# Regenerates server/brief/font/AtlasBriefKai.ttf: LXGW WenKai Regular
# (SIL OFL 1.1, from Debian's fonts-lxgw-wenkai) cut to the characters
# `go run ./scripts/briefont` lists, and renamed, since the licence reserves
# the names "LXGW" and "霞鹜" for unmodified fonts. Needs apt (for the
# package) and python3-fonttools. Run from the repository's root.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=server/brief/font/AtlasBriefKai.ttf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download fonts-lxgw-wenkai >/dev/null && dpkg-deb -x fonts-lxgw-wenkai_*.deb x)
src=$(ls "$work"/x/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf)
go run ./scripts/briefont > "$work/chars.txt"
/usr/bin/python3 -m fontTools.subset "$src" --text-file="$work/chars.txt" --output-file="$work/sub.ttf" \
  --layout-features='' --no-hinting --desubroutinize --name-IDs='0,7,8,9,10,11,12,13,14'
/usr/bin/python3 - "$work/sub.ttf" "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
names = {1: "Atlas Brief Kai", 2: "Regular", 3: "Atlas Brief Kai Regular subset", 4: "Atlas Brief Kai Regular",
         6: "AtlasBriefKai-Regular"}
for nid, text in names.items():
    f["name"].setName(text, nid, 3, 1, 0x409)
f["head"].created = f["head"].modified = 0
f.save(sys.argv[2])
PY
echo "wrote $out ($(wc -c < "$out") bytes, $(wc -m < "$work/chars.txt") characters)"
