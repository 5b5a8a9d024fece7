#!/usr/bin/env bash
# Profile-guided release build of stakes (not a test; not run by CI: it compiles everything
# twice, ~10 minutes on 2 cores). The compiler first builds an instrumented binary; that binary
# builds explainer sites of the kind stakes is for (a generated archive of explainers, a few
# small photos resized, the demo site, `stakes check`); the counts it records then guide
# the real build: which branches are taken, which functions to inline, how to lay out the code.
# Template rendering and Markdown parsing are branchy interpreters, which is where this pays:
# about 12 % less CPU time for a large build (docs/performance.md).
#
#   scripts/build-pgo.sh                 # -> target/pgo/release/stakes
#   SCRATCH=/dev/shm scripts/build-pgo.sh
#
# Needs llvm-profdata that reads the profiles of rustc's own LLVM: `rustup component add
# llvm-tools` gives the matching one; otherwise an llvm-profdata on PATH or under
# /usr/lib/llvm-*/bin (Debian's `llvm-19` works with rustc 1.95) is tried, newest first.
# Nothing in the repository is written except under target/.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-${TMPDIR:-/tmp}}
work=$(mktemp -d "$scratch/stakes-pgo.XXXXXX")
trap 'rm -rf "$work"' EXIT

profdata_candidates() {
  local sysroot host
  sysroot=$(rustc --print sysroot)
  host=$(rustc -vV | sed -n 's/^host: //p')
  echo "$sysroot/lib/rustlib/$host/bin/llvm-profdata"
  compgen -c llvm-profdata | sort -u -V -r | while read -r name; do command -v "$name"; done
  ls -d /usr/lib/llvm-*/bin/llvm-profdata 2>/dev/null | sort -V -r
}

# Which llvm-profdata reads this rustc's profiles, found before the long builds rather than
# after them: a one-line program compiled with the same instrumentation leaves a profile that
# each candidate is asked to merge (a few seconds).
probe=$work/probe
mkdir -p "$probe"
echo 'fn main() {}' > "$probe/main.rs"
rustc -O -Cprofile-generate="$probe/profiles" -o "$probe/main" "$probe/main.rs"
"$probe/main"
profdata=""
while read -r tool; do
  [ -x "$tool" ] || continue
  if "$tool" merge -o "$probe/merged.profdata" "$probe"/profiles/*.profraw 2>/dev/null; then
    profdata=$tool
    break
  fi
done < <(profdata_candidates)
if [ -z "$profdata" ]; then
  echo "error: no llvm-profdata here reads rustc's profiles: run \`rustup component add llvm-tools\`" >&2
  echo "       (or install an LLVM close to $(rustc -vV | sed -n 's/^LLVM version: //p'))" >&2
  exit 1
fi

echo "1/4 instrumented build (target/pgo-instrumented)" >&2
# The binary alone, with the same features as the final build: building an example too would
# bring in dev-dependencies, change shared crates' features, and leave profiles that match
# nothing in the final build. (A fixed profile folder keeps this build cached between runs.)
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$PWD/target/pgo-instrumented/profiles" \
  cargo build --release --quiet --target-dir target/pgo-instrumented --bin stakes
cargo build --release --quiet --example gen_corpus
instrumented=target/pgo-instrumented/release/stakes
generator=target/release/examples/gen_corpus

echo "2/4 training builds" >&2
"$generator" --out "$work/archive" -n 3000 --images >/dev/null 2>&1
"$generator" --out "$work/photos" -n 40 --images >/dev/null 2>&1
mkdir -p "$work/demo"
cp -R content static site.yaml "$work/demo/"
[ -d templates ] && cp -R templates "$work/demo/"
# The profile weighs code by how often it ran,
# so the training must look like the work: many articles, few photos to resize. The generated
# photos are small; the demo's large photos are linked, not resized, or resizing would outweigh
# everything else and leave the build's own code looking cold.
export LLVM_PROFILE_FILE="$work/profiles/stakes-%p-%m.profraw"
for _ in 1 2; do
  "$instrumented" build --root "$work/archive" --output "$work/archive-out" --no-image-processing >/dev/null
  rm -rf "$work/archive-out"
done
"$instrumented" check --root "$work/archive" >/dev/null
"$instrumented" build --root "$work/photos" --output "$work/photos-out" >/dev/null
"$instrumented" build --root "$work/demo" --output "$work/demo-out" --no-image-processing >/dev/null
unset LLVM_PROFILE_FILE

echo "3/4 merging profiles with $profdata" >&2
"$profdata" merge -o "$work/merged.profdata" "$work"/profiles/*.profraw

echo "4/4 optimised build (target/pgo)" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$work/merged.profdata" \
  cargo build --release --quiet --target-dir target/pgo --bin stakes
echo "target/pgo/release/stakes"
