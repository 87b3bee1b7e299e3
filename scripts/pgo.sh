#!/usr/bin/env bash
# A release binary built with profile-guided optimisation (PGO): an instrumented build runs
# on news text, and the compiler then lays out and inlines the code for the branches that
# text takes. Same source, same output byte for byte; fewer instructions and less time per
# document (figures in bench/RESULTS.md, "sixth stop").
#
#   scripts/pgo.sh [INPUT...]
#
# INPUT: files or folders `whosaid extract` reads, to train on. By default the repository's
# own texts (examples/corpus, tests/data/review): small, so they give part of the gain; a
# few megabytes of news like the one to be processed give more. Writes target/pgo/whosaid
# (target/release is left as it is). Needs llvm-profdata of the compiler's own LLVM
# version: the `llvm-tools` rustup component, added here when missing.
# (`cargo pgo`, from the cargo-pgo crate, does the same in more steps; this needs nothing
# but rustup.)
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(examples/corpus tests/data/review)
fi
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools >&2 || true
fi
if [ ! -x "$profdata" ]; then
  echo "pgo: $profdata not found; install it with: rustup component add llvm-tools" >&2
  exit 2
fi

work=target/pgo
rm -rf "$work/profiles" "$work/train-out"
mkdir -p "$work/profiles"
RUSTFLAGS="-Cprofile-generate=$PWD/$work/profiles" \
  cargo build --release -q --target-dir "$work/gen"
# The build scripts ran instrumented too: their profiles are not the tool's.
rm -f "$work/profiles"/*.profraw
# Every output format, so that none is left out of the profile as cold code.
# (Exit status 1 says some documents were refused; the others still trained.)
for format in csv jsonl parquet; do
  status=0
  "$work/gen/release/whosaid" extract "${inputs[@]}" --out "$work/train-out/$format" \
    --format "$format" --threads 1 -q || status=$?
  if [ "$status" -gt 1 ]; then
    echo "pgo: the training run failed (exit status $status)" >&2
    exit "$status"
  fi
done
"$profdata" merge -o "$work/merged.profdata" "$work/profiles"
RUSTFLAGS="-Cprofile-use=$PWD/$work/merged.profdata -Cllvm-args=-pgo-warn-missing-function=false" \
  cargo build --release -q --target-dir "$work/use"
cp "$work/use/release/whosaid" "$work/whosaid"
echo "pgo: built $work/whosaid, trained on ${inputs[*]}" >&2
