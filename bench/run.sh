#!/usr/bin/env bash
# Throughput and memory, end to end (read JSON lines, extract, write CSV), with 1 and 2
# worker threads, on a corpus of at least 200 MB built from the news text at hand
# (../shared/corpus and ../shared/dev). Prints MB/s, documents/s and peak memory.
#   bench/run.sh [MB]      (default 200)
#   WHOSAID_BIN=target/pgo/whosaid bench/run.sh    (a binary built otherwise, as is)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
mb=${1:-200}
work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
corpus="$work/corpus-${mb}mb.jsonl"

if [ ! -d "$shared" ]; then
  echo "bench: $shared not found; set SHARED=path/to/shared" >&2
  exit 2
fi
if [ ! -s "$corpus" ]; then
  python3 - "$shared" "$mb" "$corpus" <<'PY'
import glob, json, os, sys
shared, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for p in sorted(glob.glob(os.path.join(shared, "corpus", "**", "*.txt"), recursive=True)):
    texts.append(open(p, encoding="utf-8").read())
for p in sorted(glob.glob(os.path.join(shared, "dev", "polnear", "txt", "*.txt"))):
    texts.append(open(p, encoding="utf-8").read())
conll = os.path.join(shared, "dev", "conll", "testa.jsonl")
if os.path.exists(conll):
    for line in open(conll, encoding="utf-8"):
        texts.append(json.loads(line)["text"])
size, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < mb * 1_000_000:
        for t in texts:
            line = json.dumps({"id": f"d{n}", "text": t}, ensure_ascii=False)
            f.write(line + "\n")
            size += len(t.encode("utf-8"))
            n += 1
            if size >= mb * 1_000_000:
                break
print(f"bench: built {out}: {n} documents, {size / 1e6:.1f} MB of text", file=sys.stderr)
PY
fi

bin=${WHOSAID_BIN:-target/release/whosaid}
if [ -z "${WHOSAID_BIN:-}" ]; then
  cargo build --release -q
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); commit $(git rev-parse --short HEAD)"
for t in 1 2; do
  out="$work/out-t$t"
  rm -rf "$out"
  log="$work/time-t$t.txt"
  /usr/bin/time -v "$bin" extract "$corpus" --out "$out" --threads "$t" 2> "$log" >/dev/null || { cat "$log" >&2; exit 1; }
  python3 - "$log" "$t" <<'PY'
import re, sys
log = open(sys.argv[1]).read()
m = re.search(r"whosaid: (\d+) documents, (\d+) errors, (\d+) warnings, ([\d.]+) MB in ([\d.]+) s", log)
docs, mb, secs = int(m.group(1)), float(m.group(4)), float(m.group(5))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", log).group(1)) / 1024
wall = re.search(r"Elapsed \(wall clock\) time.*: (.*)", log).group(1)
print(f"threads {sys.argv[2]}: {mb / secs:.1f} MB/s, {docs / secs:.0f} documents/s, "
      f"{mb:.1f} MB in {secs:.2f} s (process wall {wall}), peak memory {rss:.0f} MB")
PY
done
