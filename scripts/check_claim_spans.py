#!/usr/bin/env python3
"""Checks the offsets of a run's claims.csv against the documents it read: on every row
text[start:end] is the content, text[speaker_start:speaker_end] the speaker_mention and
text[cue_start:cue_end] the cue, where set (code points, Python's slicing).

    scripts/check_claim_spans.py OUT_DIR INPUT   (INPUT: a folder of .txt files or a .jsonl)
"""
import csv
import glob
import json
import os
import sys


def texts(src):
    if src.endswith(".jsonl"):
        with open(src, encoding="utf-8") as f:
            return {d["id"]: d["text"] for d in map(json.loads, filter(str.strip, f))}
    return {os.path.basename(p)[:-4]: open(p, encoding="utf-8").read()
            for p in glob.glob(os.path.join(src, "*.txt"))}


def main():
    out, src = sys.argv[1], sys.argv[2]
    docs = texts(src)
    rows = bad = 0
    with open(os.path.join(out, "claims.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows += 1
            t = docs[r["doc_id"]]
            checks = [("start", "end", "text")]
            checks += [("speaker_start", "speaker_end", "speaker_mention")] if r["speaker_start"] else []
            checks += [("cue_start", "cue_end", "cue")] if r["cue_start"] else []
            for s, e, col in checks:
                if t[int(r[s]):int(r[e])] != r[col]:
                    bad += 1
                    print(f"{r['doc_id']} claim {r['claim_id']}: text[{s}:{e}] is "
                          f"{t[int(r[s]):int(r[e])]!r}, {col} is {r[col]!r}", file=sys.stderr)
            if not r["speaker_start"] and r["speaker_mention"]:
                bad += 1
                print(f"{r['doc_id']} claim {r['claim_id']}: speaker_mention without a span", file=sys.stderr)
    print(f"claim spans: {rows} rows, {bad} wrong")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
