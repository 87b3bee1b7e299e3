#!/usr/bin/env bash
# Linear time on hostile input: each case at size N and 2N, with the time ratio (about 2
# means linear; 4 would mean quadratic). Cases: one 50 MB document of news prose, 100,000
# quotation marks, a 10 MB line without a newline, and shapes that once hit quadratic paths
# (many opening marks, one huge sentence, many unclosed quotes, dateline capitals; one
# sentence of a repeated source, ", according to officials" x N; many quotes in one sentence;
# many quotes, each with a pronoun and cue, in one paragraph; quotes each closed by
# "according to"; a sports report of many results lines; a headline of many capitalised words).
#   bench/corners.sh [SCALE] [CASE...]   (SCALE 1 = the sizes above; 0.25 for a quick run;
#   CASEs: only those cases.) WHOSAID_BIN=path times that binary instead of building.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
work=target/corners
mkdir -p "$work"
only=("${@:2}")
if [ -n "${WHOSAID_BIN:-}" ]; then
  bin=$WHOSAID_BIN
else
  cargo build --release -q
  bin=${CARGO_TARGET_DIR:-target}/release/whosaid
fi
gen() {  # kind size_units file
  python3 - "$1" "$2" "$3" <<'PY'
import sys
kind, n, path = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
prose = ("Ada Brook, a retired naval officer, said the port would reopen in June. "
         "“We are ready,” she said. Officials in Lisbon said {i} boats had left.")
if kind == "big_document":      # ~n bytes of prose in paragraphs
    parts, size, i = [], 0, 0
    while size < n:
        p = prose.format(i=i) + "\n"; parts.append(p); size += len(p.encode()); i += 1
    t = "".join(parts)
elif kind == "quote_marks":     # n quotation marks (n/2 short quotes) in one paragraph
    t = "".join(f"“Plan {i} fails,” she said. " for i in range(n // 2))
elif kind == "long_line":       # ~n bytes of prose, no newline
    parts, size, i = [], 0, 0
    while size < n:
        p = prose.format(i=i) + " "; parts.append(p); size += len(p.encode()); i += 1
    t = "".join(parts)
elif kind == "open_marks":      # n opening marks, never closed
    t = "“a " * n
elif kind == "one_sentence":    # one sentence with n cues
    t = " ".join(f"officials said the plan {i} would fail and" for i in range(n))
elif kind == "unclosed":        # n unclosed quotes, one per line
    t = "".join(f"He said “unclosed quote number {i}\n" for i in range(n))
elif kind == "capitals":        # n upper-case place names on one line
    t = "".join(f"WASHINGTON was busy today {i}. " for i in range(n))
elif kind == "according":       # one sentence, a source repeated n times
    t = "The plan failed" + ", according to officials" * n + "."
elif kind == "quotes_sentence": # n quotes with cues in one sentence
    t = "".join(f"“Plan {i} fails,” she said, " for i in range(n)) + "."
elif kind == "pronoun_quotes":  # n quotes, each with a pronoun and cue, in one paragraph
    t = "".join(f"He said “plan {i}” " for i in range(n)) + "."
elif kind == "according_quotes":  # n quotes, each closed by "according to", in one sentence
    t = "“The plan failed,” according to officials, " * n + "."
elif kind == "results_table":   # a sports report of n results lines (the table rule)
    clubs = ["Leeds", "Hull", "Brackwater", "Tolland Rovers", "Zeljan", "Okafor United"]
    t = ("SOCCER - RESULTS\nLONDON 2024-05-02\nLeague results, goals and standings:\n"
         + "".join(f"{clubs[i % 6]} {i % 5} {clubs[(i + 1) % 6]} {i % 3}\n" for i in range(n)))
elif kind == "unique_clubs":    # a sports report of n results lines, every club unknown and new
    import random
    random.seed(3)
    club = lambda: random.choice("BCDFGKLMNPRSTVZ") + "".join(
        random.choice("aeiou") + random.choice("bdfgklmnprstvz") for _ in range(3))
    t = ("SOCCER - RESULTS\nLONDON 2024-05-02\nLeague results, goals and standings:\n"
         + "".join(f"{club()} {i % 5} {club()} {i % 3}\n" for i in range(n)))
elif kind == "headline_caps":   # a headline of n capitalised words, a body naming them
    t = " ".join(f"OKAFOR{i}" for i in range(n)) + "\n" + " ".join(
        f"Ada Okafor{i} met Brook." for i in range(n)) + "\n"
open(path, "w", encoding="utf-8").write(t)
PY
}
run() {  # kind base_size
  local kind=$1 n=$2 t1 t2
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " =~ " $kind " ]]; then return; fi
  for k in 1 2; do
    local f="$work/$kind-$k.txt"
    gen "$kind" "$(python3 -c "print(int($n * $k * $scale))")" "$f"
    local s=$(date +%s.%N)
    "$bin" extract "$f" --out "$work/out-$kind-$k" --threads 1 -q
    local e=$(date +%s.%N)
    eval "t$k=$(python3 -c "print($e - $s)")"
  done
  python3 -c "
import os
mb = os.path.getsize('$work/$kind-1.txt') / 1e6
print(f'{\"$kind\":14s} {mb:7.1f} MB: {$t1:6.2f} s   x2: {$t2:6.2f} s   ratio {$t2 / $t1:4.2f}')"
}
echo "machine: $(nproc) cores; commit $(git rev-parse --short HEAD); times include loading the gazetteers (~0.15 s)"
run big_document 50000000
run quote_marks 100000
run long_line 10000000
run open_marks 100000
run one_sentence 100000
run unclosed 100000
run capitals 100000
run according 20000
run quotes_sentence 10000
run pronoun_quotes 10000
run according_quotes 5000
run results_table 100000
run unique_clubs 20000
run headline_caps 20000
