#!/usr/bin/env python3
"""Checks the review page in a real browser (headless Chromium through chromedriver).

    python3 scripts/browser_test.py OUT_DIR [--screenshot docs/review.png]

OUT_DIR holds the tables and report.html of one `whosaid extract --html` run. The test:
- opens every document of the index and checks that its highlighted claims carry exactly
  the `data-claim-id`s of its rows in claims.csv (one element per row);
- clicks claims and checks that the detail panel shows the row's speaker and rule;
- sets the rule filter and checks that the other claims lose their highlight;
- checks that the page asked the network for nothing (the browser's own request log).
Exits 1 with what failed.
"""
import argparse
import csv
import json
import os
import sys
from collections import defaultdict

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def driver():
    opts = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--window-size=1400,1000", "--allow-file-access-from-files"):
        opts.add_argument(flag)
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=opts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--screenshot")
    args = ap.parse_args()
    page = os.path.abspath(os.path.join(args.out, "report.html"))
    rows = defaultdict(dict)
    with open(os.path.join(args.out, "claims.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows[r["doc_id"]][f'{r["doc_id"]}/{r["claim_id"]}'] = r
    total = sum(len(v) for v in rows.values())
    failures = []
    d = driver()
    try:
        d.get("file://" + page)
        docs = d.execute_script("return JSON.parse(document.getElementById('index').textContent).docs")
        seen = 0
        for n, doc in enumerate(docs):
            d.execute_script("whosaid.openDoc(arguments[0], {})", n)
            ids = [e.get_attribute("data-claim-id") for e in d.find_elements(By.CSS_SELECTOR, "#text [data-claim-id]")]
            want = set(rows.get(doc["id"], {}))
            if len(ids) != len(want) or set(ids) != want:
                failures.append(f"{doc['id']}: page has {len(ids)} claims, claims.csv {len(want)}")
            seen += len(ids)
        if seen != total:
            failures.append(f"{seen} highlighted claims in all, claims.csv has {total} rows")

        # Click claims: the panel shows the row's speaker and rule.
        clicked = 0
        for n, doc in enumerate(docs):
            if clicked >= 12 or not rows.get(doc["id"]):
                continue
            d.find_element(By.CSS_SELECTOR, 'button[data-tab="docs"]').click()
            d.find_elements(By.CSS_SELECTOR, "#doc-index tbody tr.row")[n].click()
            for el in d.find_elements(By.CSS_SELECTOR, "#text [data-claim-id]")[:3]:
                row = rows[doc["id"]][el.get_attribute("data-claim-id")]
                d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
                el.click()
                field = {f.get_attribute("data-field"): f.get_attribute("textContent") for f in d.find_elements(By.CSS_SELECTOR, "#detail dd")}
                if field.get("rule") != row["rule"] or field.get("speaker") != (row["speaker"] or "—"):
                    failures.append(f"{row['doc_id']}/{row['claim_id']}: panel shows {field.get('speaker')!r} by "
                                    f"{field.get('rule')!r}, row has {row['speaker']!r} by {row['rule']!r}")
                clicked += 1
        if clicked == 0:
            failures.append("no claim could be clicked")

        # The rule filter: claims of other rules lose their highlight.
        busiest = max(docs, key=lambda x: len(rows.get(x["id"], {})))
        n = docs.index(busiest)
        d.execute_script("whosaid.openDoc(arguments[0], {})", n)
        rules = sorted({r["rule"] for r in rows[busiest["id"]].values()})
        if len(rules) < 2:
            failures.append(f"{busiest['id']}: needs claims of two rules to test the filter")
        else:
            Select(d.find_element(By.ID, "f-rule")).select_by_value(rules[0])
            for el in d.find_elements(By.CSS_SELECTOR, "#text [data-claim-id]"):
                rule = rows[busiest["id"]][el.get_attribute("data-claim-id")]["rule"]
                bg = d.execute_script("return getComputedStyle(arguments[0]).backgroundColor", el)
                hidden = bg in ("rgba(0, 0, 0, 0)", "transparent")
                if hidden == (rule == rules[0]):
                    failures.append(f"filter {rules[0]}: claim of {rule} has background {bg}")
            d.find_element(By.ID, "f-clear").click()

        # Nothing but the file itself was requested.
        for entry in d.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                url = msg["params"]["request"]["url"]
                if not (url.startswith("file://") or url.startswith("data:") or url.startswith("about:")):
                    failures.append(f"network request: {url}")

        # The other views and filters run without a script error.
        for tab in ("claims", "entities", "docs"):
            d.find_element(By.CSS_SELECTOR, f'button[data-tab="{tab}"]').click()
        d.find_element(By.ID, "f-weak").click()
        weak = len(d.find_elements(By.CSS_SELECTOR, "#claim-index tbody tr.row"))
        want_weak = sum(1 for v in rows.values() for r in v.values() if float(r["confidence"]) < 0.5)
        if weak != min(want_weak, 2000):
            failures.append(f"weak filter lists {weak} claims, claims.csv has {want_weak} below 0.5")
        d.find_element(By.ID, "f-clear").click()
        d.find_element(By.CSS_SELECTOR, 'button[data-tab="entities"]').click()
        ents = d.find_elements(By.CSS_SELECTOR, "#entity-index tbody tr.row")
        if ents:
            ents[0].click()
            links = d.find_elements(By.CSS_SELECTOR, "#entity-docs a")
            if not links:
                failures.append("an entity of the run lists no document")
            else:
                links[0].click()
                if not d.find_elements(By.CSS_SELECTOR, "#text .m.focus"):
                    failures.append("opening an entity's document marks none of its mentions")
        for entry in d.get_log("browser"):
            if entry.get("level") == "SEVERE":
                failures.append(f"browser console: {entry.get('message')}")

        if args.screenshot:
            d.execute_script("whosaid.openDoc(arguments[0], {})", n)
            first = d.find_elements(By.CSS_SELECTOR, "#text [data-claim-id]")
            if first:
                d.execute_script("arguments[0].scrollIntoView({block: 'center'})", first[0])
                first[0].click()
            d.execute_script("window.scrollTo(0, 0)")
            d.save_screenshot(args.screenshot)
    finally:
        d.quit()
    if failures:
        for f in failures:
            print("browser test: " + f, file=sys.stderr)
        return 1
    print(f"browser test: ok ({len(docs)} documents, {total} claims, {clicked} clicked, no network request)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
