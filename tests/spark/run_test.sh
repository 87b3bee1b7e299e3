#!/usr/bin/env bash
# The Spark recipe, tested: runs spark/whosaid_spark.py in local mode over a JSON-lines
# corpus and checks that its rows equal a single-machine `whosaid extract` run's rows.
#   tests/spark/run_test.sh [CORPUS.jsonl]
# Needs Java (17+) and pip; installs pyspark into target/spark-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-tests/data/spark/corpus.jsonl}
work=target/spark-test
venv=target/spark-venv
command -v java >/dev/null || { echo "spark test: java not found (install a JDK 17)" >&2; exit 2; }
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyspark==3.5.3"
fi
cargo build --release -q
bin=$(pwd)/target/release/whosaid
rm -rf "$work" && mkdir -p "$work"
"$bin" extract "$corpus" --out "$work/single" -q || test $? -eq 1
"$venv/bin/python" spark/whosaid_spark.py --master "local[2]" --partitions 3 \
  --input "$corpus" --out "$work/spark" --whosaid "$bin" 2> "$work/spark.log" \
  || { tail -30 "$work/spark.log" >&2; exit 1; }
"$venv/bin/python" - "$work" <<'PY'
import csv, glob, os, sys
work = sys.argv[1]
def read(paths):
    rows = []
    for p in paths:
        with open(p, newline="", encoding="utf-8") as f:
            r = csv.reader(f)
            header = next(r, None)
            rows += [tuple(x) for x in r]
    return header, sorted(rows)
bad = 0
# errors: the source column names the input as each run saw it (a file path and line, or
# standard input), so those rows compare on doc_id, level and message.
keep = {"errors": lambda r: (r[0], r[3], r[4])}
for table in ["entities", "mentions", "claims", "errors"]:
    h1, single = read([os.path.join(work, "single", table + ".csv")])
    h2, spark = read(sorted(glob.glob(os.path.join(work, "spark", table, "part-*.csv"))))
    if table in keep:
        single, spark = sorted(map(keep[table], single)), sorted(map(keep[table], spark))
    same = single == spark and (h2 is None or h1 == h2 or not spark)
    print(f"spark test: {table}: {len(single)} rows single-machine, {len(spark)} rows on Spark: {'equal' if same else 'DIFFERENT'}")
    bad += not same
sys.exit(1 if bad else 0)
PY
