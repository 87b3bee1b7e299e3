#!/usr/bin/env bash
# What user pattern rules cost: `whosaid extract` with a patterns.tsv of 100 generated rules
# (A) against the same run with a patterns.tsv of none (B), so that the difference is the
# rules' alone (compiling them, and matching them on every document), timed by farm-bench.
#   bench/patterns.sh [INPUT] [RUNS]     (default: the PolNeAR texts, 5 runs)
# Needs farm-bench on PATH and a release build (cargo build --release).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
input=${1:-$shared/dev/polnear/txt}
runs=${2:-5}
work=${BENCH_DIR:-target/bench}/patterns
bin=${WHOSAID_BIN:-target/release/whosaid}
mkdir -p "$work/rules" "$work/none"
printf '# id\ttype\tpattern\treason\n' > "$work/none/patterns.tsv"
# 100 rules of three shapes: a literal word then a capitalised word (60; the regex crate
# finds the literal fast), a capitalised word then a literal head (30; no literal prefix),
# and case-insensitive alternations (10).
python3 - "$work/rules/patterns.tsv" <<'PY'
import sys
before = """Operation Project Camp Fort Lake Mount Port Cape Saint Hurricane Storm Typhoon
Cyclone Bishop Judge Senator Governor Mayor Professor Doctor Captain Colonel Major General
Admiral Sergeant Detective Inspector Chancellor Minister Ambassador Commissioner Director
Chairman Speaker Justice Prince Princess King Queen Duke Baron Count Sheikh Imam Rabbi
Pastor Father Sister Brother Coach Agent Officer Trooper Deputy Marshal Sheriff Warden
Dean Provost""".split()
after = """Ministry Council Agency Fund Foundation Institute Authority Commission Committee
Bureau Office Department Service Board Group Alliance Coalition Movement Front Union
Association Society League Federation Party Network Trust Partnership Center Centre""".split()
anycase = ["task force", "working group", "joint venture", "peace plan", "trade deal",
           "summit", "accord", "treaty", "pact", "initiative"]
rows = ["# id\ttype\tpattern\treason"]
for i, w in enumerate(before[:60]):
    rows.append(f"bench.before{i}\tPERSON\t{w} [A-Z][a-z]+\tgenerated")
for i, w in enumerate(after[:30]):
    rows.append(f"bench.after{i}\tORG\t[A-Z][a-z]+ {w}\tgenerated")
for i, w in enumerate(anycase):
    rows.append(f"bench.anycase{i}\tORG\t(?i)the [a-z]+ {w}|{w} of [A-Z][a-z]+\tgenerated")
assert len(rows) == 101, len(rows)
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
"$bin" gazetteer check "$work/rules"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); commit $(git rev-parse --short HEAD); input $input"
farm-bench -n "$runs" --timeout 600 \
  --vs "$bin extract $input --out $work/out-none -q --threads 1 --gazetteers $work/none" \
  -- "$bin" extract "$input" --out "$work/out-rules" -q --threads 1 --gazetteers "$work/rules"
rules=$(grep -c ',rule:bench\.' "$work/out-rules/mentions.csv" || true)
echo "mentions found by the 100 rules: $rules of $(($(wc -l < "$work/out-rules/mentions.csv") - 1))"
