#!/usr/bin/env bash
# Builds cmd/shanhai, runs the window on a virtual X server with a Chinese
# locale and a throwaway data folder holding the demo data (invented
# enterprises, see package demo), and saves a picture of each main screen.
#
# Usage: scripts/screenshot.sh [SCREEN...]
#   With no SCREEN, captures every screen listed in $screens below into
#   docs/screenshots/<screen>.png, and the enterprise list also as main.png.
#   SCREEN names are those of app.Screen (enterprises, detail, tasks, …).
# Needs: Go with the Fyne build packages (see README), xvfb, xdotool,
# imagemagick. Set FYNE_THEME=light or dark to force a variant, and
# SCREENSHOT_LANG=en_US.UTF-8 to capture the English interface into
# <screen>-en.png.
#
# Every run unlocks the store with $SCREENSHOT_PASSPHRASE through
# SHANHAI_PASSPHRASE, except the start screens: set-passphrase (a new
# store), unlock and forgot (忘记口令, reached by Tab and Space from the
# passphrase entry), which run without it. retention is the retention
# review (the demo's closed enterprise has a contact without a legal basis).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
outdir="$repo/docs/screenshots"
screens=(enterprises detail new visit screening-run referrals zones tasks sync settings first-start)
if [[ ! -f "$repo/cmd/shanhai/vault_plain.go" || "${SCREENSHOT_TAGS:-}" == *shanhai_crypt* ]]; then
  # After the main screens: unlock and forgot need the store they made.
  screens+=(retention set-passphrase unlock forgot)
fi
[[ $# -gt 0 ]] && screens=("$@")
passphrase="${SCREENSHOT_PASSPHRASE:-山海示例口令2026}"
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
(cd "$repo" && go build -tags "${SCREENSHOT_TAGS:-}" -o "$tmp/shanhai" ./cmd/shanhai)

# -displayfd makes Xvfb pick a free display and report its number.
Xvfb -displayfd 3 -screen 0 960x640x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/display" ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"
mkdir -p "$outdir"

# shoot SCREEN OUT: starts the app on SCREEN, waits for its window, saves
# the screen to OUT and stops the app. One data folder serves every run,
# so the demo data is loaded once.
shoot() {
  local screen="$1" out="$2" window="" demo=1 data="$tmp/data" pass="$passphrase" keys=""
  case "$screen" in
  # first-start: the enterprise screen of an empty store.
  first-start) demo=0 data="$tmp/empty" screen=enterprises ;;
  # The start screens, before the store is open.
  set-passphrase) demo=0 data="$tmp/new" screen="" pass="" ;;
  unlock) screen="" pass="" ;;
  forgot) screen="" pass="" keys="Tab space" ;;
  esac
  SHANHAI_PASSPHRASE="$pass" SHANHAI_DEMO=$demo SHANHAI_SCREEN="$screen" SHANHAI_USER=示例 \
    LANG="${SCREENSHOT_LANG:-zh_CN.UTF-8}" LANGUAGE= LC_ALL= \
    "$tmp/shanhai" --data "$data" 2>"$tmp/app.log" &
  app_pid=$!
  for _ in $(seq 100); do
    window="$(xdotool search --name '山海招商外勤|Shanhai Field' 2>/dev/null | head -n1 || true)"
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
  if [[ -n "$keys" ]]; then
    # shellcheck disable=SC2086 # keys is a list of key names
    xdotool key --window "$window" $keys
    sleep 1
  fi
  import -window root -define png:exclude-chunks=date,time "$out"
  echo "wrote $out" >&2
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

suffix=""
[[ "${SCREENSHOT_LANG:-zh}" == en* ]] && suffix="-en"
for s in "${screens[@]}"; do
  shoot "$s" "$outdir/$s$suffix.png"
  [[ "$s" == enterprises && -z "$suffix" ]] && cp "$outdir/$s.png" "$outdir/main.png"
done
