#!/usr/bin/env bash
# Instructions executed, counted by valgrind's cachegrind: the same input gives the same
# count on every run, where wall-clock timings on a shared machine spread by 15% or more.
# A change that saves 1% of the work shows here at once; a timing needs dozens of runs.
# (Counts are not time: a cache miss costs no instruction. Confirm a gain with bench/run.sh
# or farm-bench before calling it one.)
#
#   bench/instructions.sh [BIN] [MB]
#
# BIN defaults to target/release/whosaid (built if missing), MB to 2: the first MB of
# the benchmark corpus that bench/run.sh builds (run it once first). Prints the total,
# then the functions with the most instructions of their own (inlined code counts for
# the function it is inlined into: the release profile's fat LTO inlines most stages into
# `Pipeline::stages`; for a breakdown by stage build with
#   CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
#   CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --target-dir T
# and pass T/release/whosaid).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/whosaid}
mb=${2:-2}
work=${BENCH_DIR:-target/bench}
corpus=$(ls "$work"/corpus-*mb.jsonl 2>/dev/null | head -1 || true)
if ! command -v valgrind >/dev/null; then
  echo "instructions: valgrind not found (apt-get install valgrind)" >&2
  exit 2
fi
if [ -z "$corpus" ]; then
  echo "instructions: no corpus in $work; run bench/run.sh first" >&2
  exit 2
fi
if [ "$bin" = target/release/whosaid ]; then cargo build --release -q; fi
[ -x "$bin" ] || { echo "instructions: $bin is not an executable" >&2; exit 2; }
part="$work/head-${mb}mb.jsonl"
# Whole lines only: the last, cut line is dropped.
head -c $((mb * 1000000)) "$corpus" | head -n -1 > "$part"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$out/cg" \
  "$bin" extract "$part" --out "$out/tables" --threads 1 -q 2> "$out/log" ||
  { cat "$out/log" >&2; exit 1; }
python3 - "$out/cg" <<'PY'
import collections, sys
own, total, fn = collections.Counter(), 0, None
for line in open(sys.argv[1]):
    if line.startswith("fn="):
        fn = line[3:].strip()
    elif line[:1].isdigit() and fn:
        n = int(line.split()[1])
        own[fn] += n
        total += n
print(f"instructions: {total:,}")
try:
    for f, n in own.most_common(25):
        print(f"{n:>14,} {100 * n / total:5.1f}%  {f[:100]}")
except BrokenPipeError:
    pass
PY
