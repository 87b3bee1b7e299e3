#!/usr/bin/env python3
"""Counts English words written as string literals in src/, outside test modules.

A literal counts when it is one to three words of letters (with inner ' ’ - and a final
period), e.g. "said", "according to", "Gen.". Not counted: rule ids ("quote.before"), file
names ("verbs.tsv"), comments and everything from `#[cfg(test)]` to the end of a file.
Usage: python3 scripts/english_literals.py [--list] [SRC_DIR]
"""
import pathlib
import re
import sys

args = [a for a in sys.argv[1:] if a != "--list"]
root = pathlib.Path(args[0] if args else "src")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
WORD = re.compile(r"^[A-Za-z][A-Za-z'’\-]*\.?$")
RULE_ID = re.compile(r"^[a-z]+(\.[a-z-]+)+$")
FILE = re.compile(r"\.(txt|tsv|csv|jsonl|ndjson)$")
total = 0
for p in sorted(root.rglob("*.rs")):
    src = p.read_text()
    cut = src.find("#[cfg(test)]")
    if cut >= 0:
        src = src[:cut]
    src = re.sub(r"//[^\n]*", "", src)
    words = []
    for m in LITERAL.finditer(src):
        s = m.group(1)
        toks = s.split()
        if RULE_ID.match(s) or FILE.search(s):
            continue
        if toks and len(toks) <= 3 and all(WORD.match(t) for t in toks):
            words.extend(toks)
    total += len(words)
    if words:
        print(f"{len(words):5d} {p}" + (f"  {words}" if "--list" in sys.argv else ""))
print(f"{total:5d} total")
