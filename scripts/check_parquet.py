#!/usr/bin/env python3
"""Checks a run's Parquet tables against the CSV tables of the same input: read with
pyarrow, each table has the CSV columns in order, typed (strings; int64 counts and offsets,
null only where CSV may leave them empty; float64 confidence; list<string> aliases and
roles; the entities' wikidata a string, null where CSV is empty), and every row says what
the CSV row says (lists |-joined, confidence with two decimals, null as empty).

    scripts/check_parquet.py OUTDIR_CSV OUTDIR_PARQUET
"""
import csv
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

INTS = {"mentions", "claim_id", "start", "end"}
OPTIONAL_INTS = {"speaker_start", "speaker_end", "cue_start", "cue_end", "line"}
LISTS = {"aliases", "roles"}
# Strings that are null, not empty, where CSV is empty.
OPTIONAL_STRS = {"wikidata"}


def expected_type(column):
    if column in INTS or column in OPTIONAL_INTS:
        return pa.int64()
    if column == "confidence":
        return pa.float64()
    if column in LISTS:
        return pa.list_(pa.string())
    return pa.string()


def as_csv(value):
    """A Parquet value as the CSV table writes it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def check(csv_dir, pq_dir, name):
    with open(os.path.join(csv_dir, f"{name}.csv"), newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        csv_rows = list(reader)
    table = pq.read_table(os.path.join(pq_dir, f"{name}.parquet"))
    problems = []
    if table.column_names != header:
        problems.append(f"columns {table.column_names}, CSV has {header}")
        return problems, 0
    for field in table.schema:
        want = expected_type(field.name)
        # Compare list types by their value type: the item field's name and nullability
        # are not part of the contract.
        got = field.type.value_type if pa.types.is_list(field.type) else field.type
        want_cmp = want.value_type if pa.types.is_list(want) else want
        if pa.types.is_list(want) != pa.types.is_list(field.type) or got != want_cmp:
            problems.append(f"{field.name}: {field.type}, expected {want}")
        nulls = table.column(field.name).null_count
        if nulls and field.name not in OPTIONAL_INTS | OPTIONAL_STRS:
            problems.append(f"{field.name}: {nulls} nulls in a column that has none")
    if table.num_rows != len(csv_rows):
        problems.append(f"{table.num_rows} rows, CSV has {len(csv_rows)}")
    for n, (prow, crow) in enumerate(zip(table.to_pylist(), csv_rows), 1):
        got = [as_csv(prow[c]) for c in header]
        if got != crow:
            diff = [(c, g, w) for c, g, w in zip(header, got, crow) if g != w]
            problems.append(f"row {n}: {diff[:3]}")
            if len(problems) > 10:
                break
    return problems, table.num_rows


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    csv_dir, pq_dir = sys.argv[1], sys.argv[2]
    failed = False
    for name in ["entities", "mentions", "claims", "errors"]:
        problems, rows = check(csv_dir, pq_dir, name)
        for p in problems:
            print(f"{name}.parquet: {p}", file=sys.stderr)
        failed = failed or bool(problems)
        print(f"{name}.parquet: {rows} rows{'' if problems else ', same as CSV'}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
