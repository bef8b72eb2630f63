#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansCJKsc-{Regular,Bold}.subset.otf, the
# Simplified Chinese font the app bundles so that it never depends on the
# system's CJK fonts (Fyne's own font has no Han glyphs, and Debian's
# fonts-noto-cjk fallback draws Japanese glyph forms and loses bold).
#
# Source: Debian 12 package fonts-noto-cjk (1:20220127+repack1-1, Noto Sans
# CJK version 2.004, SIL OFL 1.1, see assets/fonts/OFL.txt). Face index 2 of
# each .ttc is "Noto Sans CJK SC"; the script checks that before subsetting.
#
# Coverage: every code point that Python's 'gbk' codec can encode (all GBK
# hanzi; 21,791 non-ASCII code points) plus ASCII, Latin-1, general punctuation,
# CJK symbols and punctuation, and half/full-width forms. Hinting and all
# OpenType layout features are dropped: horizontal UI text needs neither,
# and keeping GSUB nearly doubles the glyph count.
#
# It also writes NotoSansCJKsc-Coverage.otf: the Regular subset with every
# glyph blanked (same cmap, no outlines, no subroutines; 0.2 MB). The
# window registers it as the font for the user's language in Fyne's font
# map (cmd/shanhai/font_map.go), where a face is needed only for its
# character coverage; parsing the full font there cost 6 MB of heap.
#
# Needs: python3 with fontTools (Debian: python3-fonttools), fonts-noto-cjk.
# Usage: scripts/subset-font.sh   (from anywhere; writes into the repo)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/assets/fonts"
src="${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}"
# Debian's python3 carries fontTools; a pyenv/venv python on PATH may not.
py="${PYTHON:-/usr/bin/python3}"
face=2

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$py" - "$tmp/gbk.txt" <<'PY'
import sys
chars = []
for cp in range(0x80, 0x110000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    try:
        chr(cp).encode("gbk")
    except UnicodeEncodeError:
        continue
    chars.append(chr(cp))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("".join(chars))
print(f"gbk: {len(chars)} non-ASCII code points", file=sys.stderr)
PY

for weight in Regular Bold; do
  ttc="$src/NotoSansCJK-$weight.ttc"
  family="$("$py" -c 'import sys
from fontTools.ttLib import TTCollection
print(TTCollection(sys.argv[1]).fonts[int(sys.argv[2])]["name"].getDebugName(1))' "$ttc" "$face")"
  if [[ "$family" != "Noto Sans CJK SC" ]]; then
    echo "subset-font: face $face of $ttc is '$family', want 'Noto Sans CJK SC'" >&2
    exit 1
  fi
  "$py" -m fontTools.subset "$ttc" --font-number="$face" \
    --text-file="$tmp/gbk.txt" \
    --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-303F,U+FF00-FFEF" \
    --no-hinting --layout-features='' \
    --output-file="$out/NotoSansCJKsc-$weight.subset.otf"
  ls -l "$out/NotoSansCJKsc-$weight.subset.otf"
done

"$py" - "$out/NotoSansCJKsc-Regular.subset.otf" "$out/NotoSansCJKsc-Coverage.otf" <<'PY'
import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1])
cff = font["CFF "].cff
top = cff.topDictIndex[0]
for name in top.CharStrings.keys():
    cs = top.CharStrings[name]
    cs.decompile()
    cs.program, cs.bytecode = ["endchar"], None
for fd in top.FDArray:
    fd.Private.rawDict.pop("Subrs", None)
    if hasattr(fd.Private, "Subrs"):
        del fd.Private.Subrs
cff.GlobalSubrs.items = []
for tag in ("GSUB", "GPOS", "VORG", "vhea", "vmtx", "BASE", "DSIG"):
    if tag in font:
        del font[tag]
font.save(sys.argv[2])
PY
ls -l "$out/NotoSansCJKsc-Coverage.otf"
