"""Run whosaid inside Spark's Python workers with `mapInPandas` and get typed DataFrames:
entities, mentions, claims and errors, with the columns of the CSV contract as Spark types
(long offsets and counts, double confidence, array<string> aliases and roles, a string
wikidata that is null where the entity has no Wikidata item).

    spark-submit spark/whosaid_pandas.py --input corpus.jsonl --out OUT [--format parquet]

Every worker needs the Python package (`pip install ./python`, or the wheel from
`maturin build --release`) beside pandas and pyarrow. In a notebook, import this file and
call `extract(spark, docs)` on any DataFrame with string columns `id` and `text`:

    from whosaid_pandas import extract
    tables = extract(spark, spark.read.json("corpus.jsonl"))
    tables["claims"].where("speaker_type = 'PERSON'").groupBy("speaker").count()

The documents are extracted once: one `mapInPandas` pass writes every table's rows into one
wide schema (a `table` column says which table a row belongs to), which is cached and split
into the four tables.
"""
import argparse
import os
import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

S, L, D = T.StringType(), T.LongType(), T.DoubleType()
A = T.ArrayType(T.StringType(), containsNull=False)

# The contract's columns, in order, with their Spark types.
TABLES = {
    "entities": [("doc_id", S), ("entity_id", S), ("name", S), ("type", S), ("mentions", L),
                 ("aliases", A), ("roles", A), ("wikidata", S)],
    "mentions": [("doc_id", S), ("entity_id", S), ("start", L), ("end", L), ("text", S),
                 ("type", S), ("source", S)],
    "claims": [("doc_id", S), ("claim_id", L), ("kind", S), ("speaker", S), ("speaker_id", S),
               ("speaker_type", S), ("speaker_role", S), ("cue", S), ("start", L), ("end", L),
               ("text", S), ("rule", S), ("confidence", D), ("speaker_mention", S),
               ("speaker_start", L), ("speaker_end", L), ("cue_start", L), ("cue_end", L)],
    "errors": [("doc_id", S), ("source", S), ("line", L), ("level", S), ("message", S)],
}


def _wide_schema():
    """One schema holding every table's columns (a column two tables share has one type in
    both), and `table`."""
    fields, seen = [T.StructField("table", S, False)], set()
    for cols in TABLES.values():
        for name, typ in cols:
            if name not in seen:
                seen.add(name)
                fields.append(T.StructField(name, typ, True))
    return T.StructType(fields)


WIDE = _wide_schema()

_PIPELINE = None


def _pipeline(gazetteers, default_gazetteers):
    """One pipeline per worker process: building it compiles the gazetteers (tens of ms)."""
    global _PIPELINE
    if _PIPELINE is None:
        import whosaid
        _PIPELINE = whosaid.Pipeline(gazetteers=gazetteers, default_gazetteers=default_gazetteers)
    return _PIPELINE


def _extract_batches(gazetteers, default_gazetteers):
    """The mapInPandas function: pandas batches of (id, text) in, rows of the wide schema out."""
    import pandas as pd

    names = [f.name for f in WIDE.fields]

    def run(batches):
        pipe = _pipeline(gazetteers, default_gazetteers)
        for batch in batches:
            rows, docs = [], []
            bad = batch["_corrupt_record"] if "_corrupt_record" in batch else [None] * len(batch)
            for doc_id, text, corrupt in zip(batch["id"], batch["text"], bad):
                doc_id = "" if doc_id is None or pd.isna(doc_id) else str(doc_id)
                if isinstance(text, str):
                    docs.append((doc_id, text))
                    continue
                why = ("not valid JSON (one object a line expected)" if isinstance(corrupt, str)
                       else 'no "text"')
                rows.append({"table": "errors", "doc_id": doc_id, "source": "spark",
                             "line": None, "level": "error", "message": why})
            # One thread: Spark already runs one task per core.
            for result in pipe.extract_many(docs, threads=1, errors="include"):
                if "error" in result:
                    rows.append({"table": "errors", "doc_id": result["id"], "source": "spark",
                                 "line": None, "level": "error", "message": result["error"]})
                    continue
                for table in ("entities", "mentions", "claims"):
                    rows.extend(dict(r, table=table) for r in result[table])
                rows.extend(dict(r, table="errors") for r in result["warnings"])
            frame = pd.DataFrame.from_records(rows, columns=names)
            for f in WIDE.fields:
                if f.dataType == A:
                    # A row of another table has no list here: None, not pandas' NaN.
                    frame[f.name] = [v if isinstance(v, list) else None for v in frame[f.name]]
                elif f.dataType == L:
                    frame[f.name] = frame[f.name].astype("Int64")
                elif f.dataType == D:
                    frame[f.name] = frame[f.name].astype("float64")
                elif f.dataType == S and not pd.api.types.is_string_dtype(frame[f.name]):
                    # No row of the batch has a value here (no entity with a Wikidata item):
                    # pandas made the column float NaN; Arrow wants strings or None.
                    frame[f.name] = pd.Series([v if isinstance(v, str) else None
                                               for v in frame[f.name]], dtype=object)
            yield frame

    return run


def extract(spark: SparkSession, docs: DataFrame, gazetteers=None, default_gazetteers=True):
    """The four tables of `docs` (string columns `id` and `text`; a `_corrupt_record`
    column, as Spark's JSON reader gives, marks unreadable lines) as typed DataFrames, keyed
    by table name. A document without text is a row of `errors`. Rows within a table are in no particular order; sort by `doc_id` and an
    offset or id column to compare runs."""
    columns = [F.col("id").cast("string"), "text"]
    if "_corrupt_record" in docs.columns:
        columns.append("_corrupt_record")
    wide = docs.select(*columns).mapInPandas(
        _extract_batches(gazetteers, default_gazetteers), schema=WIDE).cache()
    return {table: wide.where(F.col("table") == table).select(
                *[F.col(name).cast(typ).alias(name) for name, typ in cols])
            for table, cols in TABLES.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="JSON lines, one {\"id\", \"text\"} a line")
    ap.add_argument("--out", required=True)
    ap.add_argument("--format", choices=["parquet", "json"], default="parquet")
    ap.add_argument("--gazetteers", action="append", help="a gazetteer folder (repeatable)")
    ap.add_argument("--no-default-gazetteers", action="store_true")
    ap.add_argument("--partitions", type=int, default=0)
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    a = ap.parse_args()

    if a.master and a.master.startswith("local"):
        # Local workers run this interpreter, which has the package.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("whosaid-pandas")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    # The text as JSON gives it, exactly: a schema, so no line is sampled or guessed.
    docs = spark.read.schema("id string, text string, _corrupt_record string").json(a.input)
    if a.partitions:
        docs = docs.repartition(a.partitions)
    for table, frame in extract(spark, docs, a.gazetteers, not a.no_default_gazetteers).items():
        frame.write.mode("overwrite").format(a.format).save(f"{a.out}/{table}")
    spark.stop()


if __name__ == "__main__":
    main()
