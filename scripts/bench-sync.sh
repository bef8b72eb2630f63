#!/bin/bash
# bench-sync.sh — initial push and pull of N enterprise records: our sync
# (Go client → Go server on bbolt, real HTTP on loopback, gzip both ways)
# and the PouchDB peer, interleaved run by run on the same machine, then
# medians and ratios. Also the limits under a pull (raw transfer of the
# same gzip bytes; bbolt write of what the pull stores) and, when
# SHANHAI_TEST_POSTGRES is set, the server-only push on PostgreSQL.
#
# usage: scripts/bench-sync.sh [runs=3] [N=100000]
# PEER_DIR: a writable copy of ../shared/bench/pouchdb-peer with its npm
# packages installed (see its README); without it only our side runs.
set -eu
RUNS=${1:-3}
N=${2:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
echo "results in $OUT"
go test -c -o "$OUT/client.test" "$ROOT/sync/client"
if [ -n "${SHANHAI_TEST_POSTGRES:-}" ]; then go test -c -o "$OUT/api.test" "$ROOT/server/api"; fi
if [ -n "${PEER_DIR:-}" ]; then rm -f "$PEER_DIR/results.jsonl"; fi
for run in $(seq 1 "$RUNS"); do
  if [ -n "${PEER_DIR:-}" ]; then
    (cd "$PEER_DIR" && bash run.sh 1 "$N") >> "$OUT/peer.log"
  fi
  (cd "$ROOT/sync/client" && SHANHAI_BENCH_N=$N "$OUT/client.test" -test.run '^$' \
    -test.bench '^Benchmark(InitialPull|InitialPush|LimitRawTransfer|LimitBoltWrite)$' -test.benchtime 1x) \
    | grep '^Benchmark' | tee -a "$OUT/ours.txt"
  if [ -n "${SHANHAI_TEST_POSTGRES:-}" ]; then
    (cd "$ROOT/server/api" && SHANHAI_BENCH_100K=1 "$OUT/api.test" -test.run '^$' \
      -test.bench "^BenchmarkInitialPush\$/^pg\$/^N=$N\$" -test.benchtime 1x) \
      | grep '^Benchmark' | tee -a "$OUT/ours.txt"
  fi
done
# median NAME: median docs/s of our benchmark NAME (sub-benchmarks: a/b)
median() {
  grep "^Benchmark$1-[0-9]" "$OUT/ours.txt" | awk '{for (i = 1; i < NF; i++) if ($(i+1) == "docs/s") print $i}' \
    | sort -n | awk '{v[NR] = $1} END {if (NR) print int(v[int((NR + 1) / 2)]); else print 0}'
}
pull=$(median InitialPull); push=$(median InitialPush); raw=$(median LimitRawTransfer); bolt=$(median LimitBoltWrite)
pg=$(median "InitialPush/pg/N=$N")
echo "ours (median of $RUNS, N=$N, docs/s): pull $pull, push $push; limits: raw transfer $raw, bbolt write $bolt; postgres server push $pg"
if [ -n "${PEER_DIR:-}" ]; then
  peer=$(node "$PEER_DIR/client/median.js" "$PEER_DIR/results.jsonl" | grep "\"N\":$N,")
  echo "peer: $peer"
  ppull=$(echo "$peer" | sed 's/.*"pull_docs_per_s":\([0-9]*\).*/\1/')
  ppush=$(echo "$peer" | sed 's/.*"push_docs_per_s":\([0-9]*\).*/\1/')
  awk -v a="$pull" -v b="$ppull" -v c="$push" -v d="$ppush" -v e="$pg" 'BEGIN {
    printf "ratio to peer: pull %.1fx, push %.1fx, postgres server push %.1fx\n", a / b, c / d, e / d }'
  awk -v p="$pull" -v r="$raw" -v w="$bolt" 'BEGIN {
    printf "pull vs limit: pull %.0f docs/s; bbolt write alone %.0f, transfer alone %.0f, both in series %.0f docs/s (pull at %.0f%%)\n",
      p, w, r, 1 / (1 / w + 1 / r), 100 * p / (1 / (1 / w + 1 / r)) }'
fi
