#!/usr/bin/env bash
# Regenerates assets/fonts/report/NotoSansSC-Report-{Regular,Bold}.ttf, the
# TrueType (glyf) fonts the PDF reports embed. The PDF library
# (github.com/go-pdf/fpdf) reads TrueType outlines only, while the app's
# font (assets/fonts/*.subset.otf) has CFF outlines; this script takes
# that font, subsets it further and converts the cubic CFF outlines to
# quadratic glyf outlines with fontTools' cu2qu (the approach of
# fontTools' otf2ttf snippet; max error 1 unit of 1000/em).
#
# Source: assets/fonts/NotoSansCJKsc-{Regular,Bold}.subset.otf (Noto Sans
# CJK SC 2.004, SIL OFL 1.1, see assets/fonts/report/OFL.txt).
#
# Coverage: GB 2312-80 (6,763 hanzi and 682 other characters, every code
# point Python's 'gb2312' codec encodes) plus ASCII, Latin-1, general
# punctuation, CJK symbols and punctuation, and half/full-width forms.
# Reports print names of enterprises and places, which GB 2312 covers in
# practice; a character outside it prints as a blank box (the PDF still
# opens). GBK coverage would triple the file size.
#
# Needs: python3 with fontTools (Debian: python3-fonttools).
# Usage: scripts/report-font.sh   (from anywhere; writes into the repo)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/assets/fonts/report"
py="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"
cp "$repo/assets/fonts/OFL.txt" "$out/OFL.txt"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$py" - "$tmp/gb2312.txt" <<'PY'
import sys
chars = []
for cp in range(0x80, 0x10000):
    if 0xD800 <= cp <= 0xDFFF:
        continue
    try:
        chr(cp).encode("gb2312")
    except UnicodeEncodeError:
        continue
    chars.append(chr(cp))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("".join(chars))
print(f"gb2312: {len(chars)} non-ASCII code points", file=sys.stderr)
PY

for weight in Regular Bold; do
  "$py" -m fontTools.subset "$repo/assets/fonts/NotoSansCJKsc-$weight.subset.otf" \
    --text-file="$tmp/gb2312.txt" \
    --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-303F,U+FF00-FFEF" \
    --no-hinting --layout-features='' --name-IDs='*' \
    --output-file="$tmp/$weight.otf"
  "$py" - "$tmp/$weight.otf" "$out/NotoSansSC-Report-$weight.ttf" <<'PY'
import sys
from fontTools.ttLib import TTFont, newTable
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

font = TTFont(sys.argv[1])
order = font.getGlyphOrder()
gs = font.getGlyphSet()
glyf = newTable("glyf")
glyf.glyphOrder = order
glyf.glyphs = {}
for name in order:
    pen = TTGlyphPen(gs)
    gs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyf.glyphs[name] = pen.glyph()
del font["CFF "]
if "VORG" in font:
    del font["VORG"]
font["glyf"] = glyf
font["loca"] = newTable("loca")
font["maxp"].tableVersion = 0x00010000
for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
             "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
    setattr(font["maxp"], attr, 0)
font["maxp"].maxZones = 1
font["post"].formatType = 3.0  # no glyph names: smaller, and PDF needs none
font["head"].glyphDataFormat = 0
font.sfntVersion = "\x00\x01\x00\x00"
font.save(sys.argv[2])
PY
  echo "wrote $out/NotoSansSC-Report-$weight.ttf ($(stat -c %s "$out/NotoSansSC-Report-$weight.ttf") bytes)" >&2
done
