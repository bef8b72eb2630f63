#!/usr/bin/env bash
# Measures the desktop client over a large store: time from start to the
# window, to the first painted enterprise list, and the resident memory
# (VmRSS, RssAnon, RssFile from /proc/PID/status) at fixed times after
# start. Makes the store once (scripts/mkstore, synthetic data of package
# searchtest) and keeps it for later runs.
#
# Usage: scripts/measure-client.sh [RUNS]
#   N=100000     enterprises in the store (two contacts each)
#   STORE=DIR    data folder (default /tmp/shanhai-measure-$N)
#   EMPTY=1      measure an empty store instead (what Fyne itself costs)
#   SHOT=FILE    save a picture of the window at the last sample
#   SAMPLES="2 5 10"  seconds after start to read the memory at
#   TYPE=TEXT    after the last sample, type TEXT into the search box one
#                key at a time (clearing it between words) and read the
#                memory again: the figure after use, not only at rest
# The environment reaches the app, so GOGC or GOMEMLIMIT can be tried.
# Needs: Go with the Fyne build packages, xvfb, xdotool, imagemagick.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
n="${N:-100000}"
store="${STORE:-/tmp/shanhai-measure-$n}"
read -r -a samples <<<"${SAMPLES:-2 5 10}"
tmp="$(mktemp -d)"
xvfb_pid="" app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$repo" && go build -o "$tmp/shanhai" ./cmd/shanhai)
if [[ "${EMPTY:-0}" == 1 ]]; then
  store="$tmp/empty"
elif [[ ! -e "$store/shanhai.db" ]]; then
  (cd "$repo" && go run ./scripts/mkstore -n "$n" -dir "$store")
fi

Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/display" ]] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$tmp/display")"

now() { date +%s.%N; }
# status PID: VmRSS RssAnon RssFile in MiB.
status() {
  awk '/^(VmRSS|RssAnon|RssFile):/ {v[$1]=$2} END {printf "%.0f %.0f %.0f", v["VmRSS:"]/1024, v["RssAnon:"]/1024, v["RssFile:"]/1024}' "/proc/$1/status"
}
# painted WINDOW: the list area holds text (many colours), not a blank or
# single-colour notice. Prints the number of colours.
colours() {
  import -window "$1" -crop 600x300+20+140 +repage png:- 2>/dev/null | identify -format '%k' - 2>/dev/null || echo 0
}

printf 'run window-s list-s'
for s in "${samples[@]}"; do printf ' rss@%ss(anon,file)' "$s"; done
[[ -n "${TYPE:-}" ]] && printf ' rss-after-typing'
printf '\n'
for run in $(seq "$runs"); do
  sync
  t0=$(now)
  LANG=zh_CN.UTF-8 SHANHAI_USER=measure "$tmp/shanhai" --data "$store" 2>"$tmp/app.log" &
  app_pid=$!
  win=""
  for _ in $(seq 1000); do
    win="$(xdotool search --onlyvisible --name '山海招商外勤|Shanhai Field' 2>/dev/null | head -n1 || true)"
    [[ -n "$win" ]] && break
    sleep 0.01
  done
  t_win=$(now)
  [[ -z "$win" ]] && { cat "$tmp/app.log" >&2; echo "measure: no window" >&2; exit 1; }
  t_list=""
  for _ in $(seq 300); do
    if (($(colours "$win") > 40)); then t_list=$(now); break; fi
  done
  line="$run $(echo "$t_win - $t0" | bc) $( [[ -n "$t_list" ]] && echo "$t_list - $t0" | bc || echo -)"
  for s in "${samples[@]}"; do
    wait_until=$(echo "$t0 + $s" | bc)
    while (($(echo "$(now) < $wait_until" | bc))); do sleep 0.05; done
    read -r rss anon file <<<"$(status "$app_pid")"
    line+=" $rss($anon,$file)"
  done
  if [[ -n "${TYPE:-}" ]]; then
    xdotool mousemove --window "$win" 300 62 click 1 # the search box
    for word in $TYPE; do
      xdotool key --window "$win" ctrl+a BackSpace
      xdotool type --window "$win" --delay 150 "$word"
    done
    sleep 2
    read -r rss anon file <<<"$(status "$app_pid")"
    line+=" $rss($anon,$file)"
  fi
  echo "$line"
  if [[ -n "${SHOT:-}" ]]; then import -window "$win" "$SHOT"; fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
  app_pid=""
done
