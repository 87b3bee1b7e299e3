#!/usr/bin/env bash
# The mapInPandas recipe, tested: runs spark/whosaid_pandas.py in local mode (the Python
# package inside Spark's workers) over a JSON-lines corpus, writes Parquet, and checks the
# typed rows against a single-machine `whosaid extract` run's CSV rows.
#   tests/spark/pandas_test.sh WHEEL_OR_PACKAGE_DIR [CORPUS.jsonl]
# Needs Java (17+) and pip; installs pyspark, pandas, pyarrow and the package into
# target/spark-venv.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The package builds in the root crate's target folder: its dependencies are compiled once.
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$(pwd)/target}
package=${1:?"usage: tests/spark/pandas_test.sh WHEEL_OR_PACKAGE_DIR [CORPUS.jsonl]"}
corpus=${2:-tests/data/spark/corpus.jsonl}
work=target/spark-pandas-test
venv=target/spark-venv
command -v java >/dev/null || { echo "spark test: java not found (install a JDK 17)" >&2; exit 2; }
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "pyspark==3.5.3" pandas pyarrow
"$venv/bin/pip" install -q --force-reinstall --no-deps "$package"
cargo build --release -q
bin=$CARGO_TARGET_DIR/release/whosaid
rm -rf "$work" && mkdir -p "$work"
"$bin" extract "$corpus" --out "$work/single" -q || test $? -eq 1
"$venv/bin/python" spark/whosaid_pandas.py --master "local[2]" --partitions 3 \
  --input "$corpus" --out "$work/spark" 2> "$work/spark.log" \
  || { tail -30 "$work/spark.log" >&2; exit 1; }
"$venv/bin/python" - "$work" <<'PY'
import csv, os, sys
import pyarrow.parquet as pq
import pyarrow as pa
work = sys.argv[1]
INTS = {"mentions", "claim_id", "start", "end", "line", "speaker_start", "speaker_end",
        "cue_start", "cue_end"}
sys.path.insert(0, "scripts")
from check_parquet import as_csv  # a typed value as the CSV contract writes it

bad = 0
for table in ["entities", "mentions", "claims", "errors"]:
    with open(os.path.join(work, "single", table + ".csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        header = next(r)
        single = [tuple(x) for x in r]
    t = pq.read_table(os.path.join(work, "spark", table))
    if t.column_names != header:
        print(f"spark test: {table}: columns {t.column_names} != {header}")
        bad += 1
        continue
    for name in header:
        typ = t.schema.field(name).type
        want = (pa.int64() if name in INTS else pa.float64() if name == "confidence"
                else pa.list_(pa.string()) if name in ("aliases", "roles") else pa.string())
        if typ != want and not (pa.types.is_list(typ) and pa.types.is_list(want)):
            print(f"spark test: {table}.{name} is {typ}, expected {want}")
            bad += 1
    spark = [tuple(as_csv(v) for v in row.values())
             for row in t.to_pylist()]
    if table == "errors":
        # The source column names the input as each run saw it, and an unreadable line's
        # message comes from a different reader: errors compare on doc_id and level, and
        # warnings on their message too.
        key = lambda r: (r[0], r[3], r[4] if r[3] == "warning" else "")
        single, spark = list(map(key, single)), list(map(key, spark))
    same = sorted(single) == sorted(spark)
    print(f"spark test (mapInPandas): {table}: {len(single)} rows single-machine, "
          f"{len(spark)} rows on Spark: {'equal' if same else 'DIFFERENT'}")
    if not same:
        print("  only single:", sorted(set(single) - set(spark))[:5])
        print("  only spark:", sorted(set(spark) - set(single))[:5])
    bad += not same
sys.exit(1 if bad else 0)
PY
