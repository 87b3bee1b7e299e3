"""Run whosaid over a JSON-lines corpus on Apache Spark and write the same tables as
`whosaid extract`: entities.csv, mentions.csv, claims.csv, errors.csv (one folder each,
Spark part files, header row).

    spark-submit spark/whosaid_spark.py --input corpus.jsonl --out OUT \
        --whosaid /path/to/whosaid [--partitions N]

Each executor pipes its partition of JSON lines through `whosaid stream`, which answers
one JSON line per document ({"id", "entities", "mentions", "claims", "warnings"} or
{"id", "error"}), in input order. The binary must exist at the same path on every worker
(ship it with `--files` and pass `--whosaid ./whosaid`, or install it on the image).
"""
import argparse
import json

from pyspark.sql import Row, SparkSession

COLUMNS = {
    "entities": ["doc_id", "entity_id", "name", "type", "mentions", "aliases", "roles",
                 "wikidata"],
    "mentions": ["doc_id", "entity_id", "start", "end", "text", "type", "source"],
    "claims": ["doc_id", "claim_id", "kind", "speaker", "speaker_id", "speaker_type",
               "speaker_role", "cue", "start", "end", "text", "rule", "confidence",
               "speaker_mention", "speaker_start", "speaker_end", "cue_start", "cue_end"],
    "errors": ["doc_id", "source", "line", "level", "message"],
}


def rows(record, table):
    """The rows of one document's record for one table, as strings (CSV semantics)."""
    doc = json.loads(record)
    if table == "errors":
        items = doc.get("warnings", []) + ([doc["error"]] if "error" in doc else [])
    else:
        items = doc.get(table, [])
    for item in items:
        yield Row(*[csv_field(c, item.get(c)) for c in COLUMNS[table]])


def csv_field(column, value):
    """A typed value of the stream as the CSV contract writes it: lists `|`-joined,
    confidence with two decimals, an absent value empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    if column == "confidence":
        return f"{value:.2f}"
    return str(value)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--input", required=True, help="JSON lines, one {\"id\", \"text\"} a line")
    ap.add_argument("--out", required=True)
    ap.add_argument("--whosaid", required=True, help="path of the whosaid binary on the workers")
    ap.add_argument("--partitions", type=int, default=0)
    ap.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    a = ap.parse_args()

    builder = SparkSession.builder.appName("whosaid")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    lines = spark.sparkContext.textFile(a.input)
    if a.partitions:
        lines = lines.repartition(a.partitions)
    # One thread per task: Spark already runs one task per core.
    records = lines.filter(lambda l: l.strip()).pipe(f"{a.whosaid} stream -q --threads 1").cache()
    for table, cols in COLUMNS.items():
        schema = Row(*cols)
        data = records.flatMap(lambda r, t=table: rows(r, t))
        df = spark.createDataFrame(data.map(lambda r, s=schema: s(*r)), schema=",".join(f"{c} string" for c in cols))
        df.write.mode("overwrite").option("header", True).option("escape", '"').csv(f"{a.out}/{table}")
    spark.stop()


if __name__ == "__main__":
    main()
