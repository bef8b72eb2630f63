#!/usr/bin/env bash
# Builds cmd/shanhai, runs the window on a virtual X server with a Chinese
# locale and a throwaway data folder holding a few example enterprises
# (invented names), and saves a picture of the screen.
#
# Usage: scripts/screenshot.sh [OUT.png]   (default docs/screenshots/main.png)
# Needs: Go with the Fyne build packages (see README), xvfb, xdotool,
# imagemagick. Set FYNE_THEME=light or dark to force a variant.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/docs/screenshots/main.png}"
tmp="$(mktemp -d)"
xvfb_pid=""
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "building cmd/shanhai" >&2
(cd "$repo" && go build -o "$tmp/shanhai" ./cmd/shanhai)

data="$tmp/data"
sh() { "$tmp/shanhai" --data "$data" --author 示例 "$@" >/dev/null; }
sh add enterprise --name 绍兴海川智能装备有限公司 --short-name 海川智能 --stage negotiating --region-code 330604
sh add enterprise --name 浙江青山新材料有限公司 --short-name 青山新材 --stage lead --region-code 330683
sh add enterprise --name 宁波东港物流有限公司 --stage signed --region-code 330206
sh add enterprise --name 衢州绿源生物科技有限公司 --stage visited --region-code 330802
sh add enterprise --name 丽水云和精密机械有限公司 --stage started --region-code 331125
sh add enterprise --name 杭州湾数字电子有限公司 --stage producing --region-code 330100
sh add enterprise --name 温州瓯江鞋业有限公司 --stage dropped --close-reason 企业另选址 --region-code 330300
sh add enterprise --name 金华义新日用品有限公司 --stage lead

# -displayfd makes Xvfb pick a free display and report its number.
Xvfb -displayfd 3 -screen 0 960x640x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/display" ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"

LANG=zh_CN.UTF-8 LANGUAGE= LC_ALL= "$tmp/shanhai" --data "$data" 2>"$tmp/app.log" &
app_pid=$!
window=""
for _ in $(seq 100); do
  window="$(xdotool search --name '山海招商外勤' 2>/dev/null | head -n1 || true)"
  [[ -n "$window" ]] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; echo "screenshot: the app exited" >&2; exit 1; }
  sleep 0.2
done
if [[ -z "$window" ]]; then
  cat "$tmp/app.log" >&2
  echo "screenshot: no window titled 山海招商外勤 after 20 s" >&2
  exit 1
fi
# Park the pointer on the status bar so no list row shows a hover shade.
xdotool mousemove 300 630
sleep 2 # let the first frames render
mkdir -p "$(dirname "$out")"
import -window root -define png:exclude-chunks=date,time "$out"
echo "wrote $out" >&2
