#!/usr/bin/env bash
# Draws assets/icon/icon.png, the 512×512 application icon: a mountain
# ridge above sea waves on a sky-blue rounded square, with 山海 written in
# the bundled font (assets/fonts, so the icon needs no system CJK font).
# Needs: ImageMagick 6 (Debian: imagemagick).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
font="$repo/assets/fonts/NotoSansCJKsc-Bold.subset.otf"
out="$repo/assets/icon/icon.png"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# wave Y PHASE prints a polygon: a sine band 9 px thick centred on Y.
# (ImageMagick 6 closes stroked paths and polylines, so a filled band is
# the reliable way to draw an open wavy line.)
wave() {
  awk -v y="$1" -v ph="$2" 'BEGIN {
    pi = atan2(0, -1)
    for (x = 0; x <= 512; x += 4) printf "%d,%.1f ", x, y + 10*sin((x+ph)/100*2*pi) - 4.5
    for (x = 512; x >= 0; x -= 4) printf "%d,%.1f ", x, y + 10*sin((x+ph)/100*2*pi) + 4.5
  }'
}

# Sky gradient clipped to a rounded square.
convert -size 512x512 gradient:'#2b8fd6'-'#bfe6ff' "$tmp/sky.png"
convert -size 512x512 xc:none -fill white \
  -draw 'roundrectangle 8,8 503,503 96,96' "$tmp/mask.png"

convert "$tmp/sky.png" \
  -fill '#1e6b4f' -draw 'polygon 8,390 120,262 180,312 290,205 400,318 440,282 503,340 503,420 8,420' \
  -fill '#2e8b63' -draw 'polygon 8,405 140,312 220,362 300,272 380,342 503,312 503,430 8,430' \
  -fill '#ffffff' -draw 'polygon 290,205 266,230 279,226 291,238 304,224 314,230' \
  -fill '#0d4f8b' -draw 'rectangle 8,405 503,503' \
  -fill '#e8f6ff' -draw "polygon $(wave 440 0)" -draw "polygon $(wave 474 50)" \
  -fill '#ffffff' -font "$font" -pointsize 140 -gravity north \
  -annotate +0+22 '山海' \
  "$tmp/art.png"

convert "$tmp/art.png" "$tmp/mask.png" -alpha off -compose CopyOpacity -composite \
  -depth 8 -define png:exclude-chunks=date,time -strip "$out"
identify "$out"
