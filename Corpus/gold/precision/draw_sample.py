#!/usr/bin/env python3
"""Draw a stratified per-rule sample of Attest findings for precision labelling, and report on it.

Draw (writes JSON Lines on stdout, or to --out):

    draw_sample.py FINDINGS.jsonl [--seed 2482] [--rules DIR] [--design records|findings]
                   [--keep OLD_SAMPLE.jsonl] [--out FILE]

Report (prints a Markdown table of precision per rule with a Wilson 95% lower bound):

    draw_sample.py --report SAMPLE.jsonl [--findings FINDINGS.jsonl] [--rules DIR]

For every rule of the pack (ids read in order from DIR/*.yaml by a line scan for "- id:"), all of
its findings are kept when there are fewer than 25 (SAMPLE_SIZE), else 25 are drawn, stratified
across records: the documents holding the rule's findings are put in a seeded random order, then
taken round-robin, one finding drawn at random from each document per round, until 25 are drawn.
With --design findings, the 25 are a simple random sample of the rule's findings instead (every
finding equally likely), for a per-finding precision when a few records hold most findings.
The random generator is seeded per rule with "<seed>:<rule id>", so adding or changing one rule does
not move the samples of the others. Findings are put in a canonical order before drawing, so the
order of lines in FINDINGS does not matter: the same findings and seed give byte-identical output.

With --keep, the label and reason of every finding already present in OLD_SAMPLE (same document,
statement, rule and sentence_start) are carried over; new findings get null.

Standard library only.
"""

import argparse
import glob
import json
import math
import os
import random
import re
import sys
from collections import defaultdict

SAMPLE_SIZE = 25
DEFAULT_SEED = 2482
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RULES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "Rules", "unsc-2482"))
ID_LINE = re.compile(r"^\s*-\s+id:\s*[\"']?([A-Za-z0-9._-]+)[\"']?\s*(#.*)?$")


def pack_rule_ids(rules_dir):
    """Rule ids in pack order: files sorted by name, ids in the order they appear."""
    ids = []
    for path in sorted(glob.glob(os.path.join(rules_dir, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = ID_LINE.match(line)
                if m and m.group(1) not in ids:
                    ids.append(m.group(1))
    if not ids:
        sys.exit(f"draw_sample.py: no '- id:' lines in {rules_dir}/*.yaml")
    return ids


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"draw_sample.py: {path}:{n}: not JSON: {e}")


def key(row):
    return (row["document"], row["statement"], row["rule"], row["sentence_start"])


def to_row(finding):
    spans = finding.get("spans") or []
    return {
        "document": os.path.basename(finding["document"]),
        "statement": finding["statement"],
        "rule": finding["rule"],
        "sentence_start": finding["sentence_start"],
        "sentence_end": finding["sentence_end"],
        "sentence": finding["sentence"],
        "delegation": finding.get("delegation"),
        "matched": [s.get("text") for s in spans],
        "by": [s.get("by") for s in spans],
        "label": None,
        "reason": None,
    }


def canonical(row):
    return (row["document"], row["statement"], row["sentence_start"], row["sentence_end"],
            row["sentence"], json.dumps(row["matched"], ensure_ascii=False))


def draw(rows, rule, seed, design="records"):
    """Draw SAMPLE_SIZE rows (all rows when there are fewer).

    design "records": stratified round-robin over records (the default);
    design "findings": a simple random sample of findings, every finding equally likely."""
    if len(rows) < SAMPLE_SIZE:
        return list(rows)
    rng = random.Random(f"{seed}:{rule}")
    if design == "findings":
        return rng.sample(sorted(rows, key=canonical), SAMPLE_SIZE)
    by_doc = defaultdict(list)
    for row in sorted(rows, key=canonical):
        by_doc[row["document"]].append(row)
    docs = sorted(by_doc)
    rng.shuffle(docs)
    drawn = []
    while len(drawn) < SAMPLE_SIZE:
        for doc in docs:
            pool = by_doc[doc]
            if not pool:
                continue
            drawn.append(pool.pop(rng.randrange(len(pool))))
            if len(drawn) == SAMPLE_SIZE:
                break
    return drawn


def sample_command(args):
    rule_ids = pack_rule_ids(args.rules)
    order = {r: i for i, r in enumerate(rule_ids)}
    by_rule = defaultdict(list)
    seen = set()
    for finding in read_jsonl(args.findings):
        if finding.get("rule") not in order:
            continue
        row = to_row(finding)
        if key(row) in seen:
            continue
        seen.add(key(row))
        by_rule[row["rule"]].append(row)

    kept = {}
    for keep in args.keep or []:  # repeatable; the first file that labels a finding wins
        for old in read_jsonl(keep):
            if old.get("label") is not None and key(old) not in kept:
                kept[key(old)] = (old["label"], old.get("reason"))

    out = []
    for rule in rule_ids:
        for row in draw(by_rule.get(rule, []), rule, args.seed, args.design):
            if key(row) in kept:
                row["label"], row["reason"] = kept[key(row)]
            out.append(row)
    out.sort(key=lambda r: (order[r["rule"]], r["document"], r["statement"], r["sentence_start"]))

    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, args.out)
    else:
        sys.stdout.write(text)


def wilson_lower(right, n, z=1.959963984540054):
    if n == 0:
        return None
    p = right / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / denom


def weighted_precision(rule, per_doc, year_doc, year_total):
    """Per-finding precision estimated from a record-stratified sample.

    Each sampled record's precision is weighted by the record's findings in the year (a ratio
    estimator over the sampled records). Returns (estimate, share of the year's findings that lie
    in sampled records), or (None, 0) when nothing is labelled."""
    num = den = 0.0
    for (r, doc), (right, labelled) in per_doc.items():
        if r != rule or not labelled:
            continue
        n_doc = year_doc.get((rule, doc), 0)
        num += n_doc * right / labelled
        den += n_doc
    if not den:
        return None, 0.0
    return num / den, den / year_total if year_total else 0.0


def report_command(args):
    rule_ids = pack_rule_ids(args.rules)
    year = defaultdict(int)
    year_doc = defaultdict(int)  # (rule, document) -> findings in the year
    if args.findings:
        seen = set()
        for finding in read_jsonl(args.findings):
            doc = os.path.basename(finding["document"])
            k = (doc, finding["statement"], finding["rule"], finding["sentence_start"])
            if k not in seen:
                seen.add(k)
                year[finding["rule"]] += 1
                year_doc[(finding["rule"], doc)] += 1
    counts = defaultdict(lambda: {"n": 0, "right": 0, "wrong": 0, "open": 0})
    per_doc = defaultdict(lambda: [0, 0])  # (rule, document) -> [right, labelled] in the sample
    for row in read_jsonl(args.report):
        c = counts[row["rule"]]
        if row.get("label") in ("right", "wrong"):
            d = per_doc[(row["rule"], row["document"])]
            d[0] += row["label"] == "right"
            d[1] += 1
        c["n"] += 1
        label = row.get("label")
        if label == "right":
            c["right"] += 1
        elif label == "wrong":
            c["wrong"] += 1
        else:
            c["open"] += 1

    def fmt(x):
        return "–" if x is None else f"{x:.2f}"

    cols = ["rule", "findings in year", "sample", "right", "wrong", "precision", "Wilson 95% lower"]
    if args.findings:
        cols += ["per-finding precision (record-weighted)", "year findings in sampled records"]
    if any(c["open"] for c in counts.values()):
        cols.append("unlabelled")
    print("| " + " | ".join(cols) + " |")
    print("| " + " | ".join(["---"] + ["---:"] * (len(cols) - 1)) + " |")
    tot = {"n": 0, "right": 0, "wrong": 0, "open": 0}
    est_right = 0.0
    est_year = 0
    for rule in rule_ids:
        c = counts[rule]
        labelled = c["right"] + c["wrong"]
        prec = c["right"] / labelled if labelled else None
        cells = [f"`{rule}`", str(year[rule]) if args.findings else "?", str(c["n"]), str(c["right"]),
                 str(c["wrong"]), fmt(prec), fmt(wilson_lower(c["right"], labelled))]
        if args.findings:
            wp, cover = weighted_precision(rule, per_doc, year_doc, year[rule])
            cells += [fmt(wp), "–" if wp is None else f"{cover:.0%}"]
            if wp is not None:
                est_right += wp * year[rule]
                est_year += year[rule]
        if "unlabelled" in cols:
            cells.append(str(c["open"]))
        print("| " + " | ".join(cells) + " |")
        for k in tot:
            tot[k] += c[k]
    labelled = tot["right"] + tot["wrong"]
    prec = tot["right"] / labelled if labelled else None
    cells = ["all rules, sample pooled (unweighted)", str(sum(year.values())) if args.findings else "?",
             str(tot["n"]), str(tot["right"]), str(tot["wrong"]), fmt(prec),
             fmt(wilson_lower(tot["right"], labelled))]
    if args.findings:
        cells += ["", ""]
    if "unlabelled" in cols:
        cells.append(str(tot["open"]))
    print("| " + " | ".join(cells) + " |")
    if args.findings and est_year:
        cells = ["all rules, per finding (record-weighted)", str(est_year), "", "", "", "", "",
                 fmt(est_right / est_year), ""]
        if "unlabelled" in cols:
            cells.append("")
        print("| " + " | ".join(cells) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("findings", nargs="?", help="findings.jsonl written by `attest audit --out`")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--rules", default=DEFAULT_RULES, help="the pack directory (default: Rules/unsc-2482)")
    ap.add_argument("--design", choices=["records", "findings"], default="records",
                    help="records: stratified round-robin over records (default); findings: simple random sample")
    ap.add_argument("--keep", metavar="FILE", action="append",
                    help="a previous labelled sample whose labels carry over (repeatable; the first file that labels a finding wins)")
    ap.add_argument("--out", metavar="FILE", help="write the sample here (default: stdout)")
    ap.add_argument("--report", metavar="SAMPLE", help="print the per-rule precision table of a labelled sample")
    ap.add_argument("--findings", dest="year_findings", metavar="FILE",
                    help="with --report: the findings.jsonl the sample was drawn from, for the year counts")
    args = ap.parse_args()
    if args.report:
        args.findings = args.year_findings or args.findings
        report_command(args)
    elif args.findings:
        sample_command(args)
    else:
        ap.error("give a findings.jsonl to draw from, or --report SAMPLE")


if __name__ == "__main__":
    main()
