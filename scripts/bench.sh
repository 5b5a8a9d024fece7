#!/usr/bin/env bash
# Build-speed benchmark (not a test): generates corpora of N explainers with the project's own
# generator (examples/gen_corpus.rs) and times a cold `stakes build` of each with
# /usr/bin/time -v: wall time, CPU time, CPU/wall (how busy the cores are), peak memory, pages/s.
#
#   scripts/bench.sh [N ...]            default: 1000 10000 100000
#   SCRATCH=/dev/shm RUNS=3 scripts/bench.sh 10000
#   STAKES=target/pgo/release/stakes scripts/bench.sh   # another binary (scripts/build-pgo.sh)
#
# Photos are linked, not resized (--no-image-processing): the photo pipeline has its own
# benchmark (examples/photo_bench.rs). Corpora are generated once per N and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
scratch=${SCRATCH:-/dev/shm}
runs=${RUNS:-3}
cargo build --release --quiet --bin stakes --example gen_corpus
stakes=${STAKES:-target/release/stakes}

printf '%8s %8s %8s %8s %10s %10s\n' articles wall_s cpu_s cpu/wall peak_MiB pages/s
for n in "${sizes[@]}"; do
  corpus="$scratch/stakes-bench-$n"
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    target/release/examples/gen_corpus --out "$corpus" -n "$n" --images 2>/dev/null
    touch "$corpus/.complete"
  fi
  walls=(); cpus=(); peaks=(); pages=0
  for _ in $(seq "$runs"); do
    rm -rf "$corpus/public"
    log=$(mktemp)
    /usr/bin/time -v -o "$log" "$stakes" build --root "$corpus" --no-image-processing >/dev/null
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); s = t[length(t)]; m = (length(t) > 1 ? t[length(t)-1] : 0); print m * 60 + s}' "$log")")
    cpus+=("$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$log")")
    peaks+=("$(awk -F': ' '/Maximum resident/ {print $2 / 1024}' "$log")")
    rm -f "$log"
  done
  pages=$(find "$corpus/public" -name '*.html' | wc -l)
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  wall=$(median "${walls[@]}"); cpu=$(median "${cpus[@]}"); peak=$(median "${peaks[@]}")
  awk -v n="$n" -v w="$wall" -v c="$cpu" -v p="$peak" -v pg="$pages" \
    'BEGIN {printf "%8d %8.2f %8.2f %8.2f %10.0f %10.0f\n", n, w, c, c / w, p, pg / w}'
done
