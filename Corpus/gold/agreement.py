#!/usr/bin/env python3
"""Agreement between two statement-level golds of the same records (two annotators).

Usage: agreement.py FIRST.jsonl SECOND.jsonl [--markdown]

Both files are in the format of ../year-statements.jsonl (line 1 {"scored_rules": [...]}, then
one statement per line with document, statement, delegation, rules). A cell is (document,
statement, rule) for every scored rule of every statement both files list. Prints, overall and
per rule: cells both marked, only the first, only the second; positive agreement (F1 of one
annotator scored against the other; symmetric) and Cohen's kappa over all scored cells.
Statements only one file lists are reported and left out of the figures.
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(l) for l in f if l.strip()]
    rules = lines[0]["scored_rules"]
    cells = {}
    for row in lines[1:]:
        cells[(row["document"], int(row["statement"]))] = (row.get("delegation"), set(row["rules"]))
    return rules, cells


def kappa(both, first, second, neither):
    n = both + first + second + neither
    if n == 0:
        return float("nan")
    observed = (both + neither) / n
    p1 = (both + first) / n
    p2 = (both + second) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def f1(both, first, second):
    return 2 * both / (2 * both + first + second) if both + first + second else float("nan")


def main(argv):
    markdown = "--markdown" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    rules_a, a = load(paths[0])
    rules_b, b = load(paths[1])
    if rules_a != rules_b:
        print("the two files score different rules", file=sys.stderr)
        return 2
    shared = sorted(set(a) & set(b))
    for name, only in (("first", sorted(set(a) - set(b))), ("second", sorted(set(b) - set(a)))):
        for doc, st in only:
            print(f"note: only the {name} file lists {doc} #{st}", file=sys.stderr)
    rows = []
    totals = [0, 0, 0, 0]
    for rule in rules_a:
        counts = [0, 0, 0, 0]  # both, first only, second only, neither
        for key in shared:
            x, y = rule in a[key][1], rule in b[key][1]
            counts[0 if x and y else 1 if x else 2 if y else 3] += 1
        totals = [t + c for t, c in zip(totals, counts)]
        if counts[0] + counts[1] + counts[2]:
            rows.append((rule, counts))
    rows.append(("all rules", totals))
    if markdown:
        print("| rule | both | first only | second only | positive agreement (F1) | kappa |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for rule, (both, first, second, neither) in rows:
            print(f"| {rule} | {both} | {first} | {second} | {f1(both, first, second):.3f} | {kappa(both, first, second, neither):.3f} |")
    else:
        for rule, (both, first, second, neither) in rows:
            print(f"{rule:45} both {both:4} first {first:4} second {second:4}  F1 {f1(both, first, second):.3f}  kappa {kappa(both, first, second, neither):.3f}")
    print(f"statements compared: {len(shared)}; scored cells: {sum(totals)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
