#!/usr/bin/env python3
"""Checks an Attest workbook (matrix.xlsx) with openpyxl against the values a test expects.

Usage: check_workbook.py PATH.xlsx EXPECTED.json

EXPECTED.json, written by Tests/AttestReportsTests/XLSXWorkbookWriterTests.swift from an AuditReport:

    {"sheets": ["Matrix", "Evidence"],
     "matrix": {"header": [...], "rows": [[text, ..., 1, 0, null], ...]},
     "evidence": {"header": [...], "count": N, "cells": [{"row": 2, "column": "rule", "value": ...}, ...]},
     "literals": ["'=HYPERLINK(...)", ...],   # texts that must come back as some cell's exact value
     "truncated": K}                          # cells that must end with the truncation marker

A cell's expected value is a string, a number, null (empty cell) or
{"prefix": ..., "suffix": ..., "max_length": ...} for a text checked by its ends.

Prints one line per check and then "N passed, M failed"; exits 1 when a check failed, 2 when
the workbook or the expectations cannot be read.
"""
import json
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

MAX_CELL = 32767
MARKER = " … [truncated]"
FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}
PARTS = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml",
         "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml",
         "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))


def matches(actual, expected):
    if isinstance(expected, dict):
        if not isinstance(actual, str):
            return False
        return (actual.startswith(expected.get("prefix", "")) and actual.endswith(expected.get("suffix", ""))
                and len(actual) <= expected.get("max_length", MAX_CELL))
    if isinstance(expected, bool) or isinstance(actual, bool):
        return False
    return actual == expected and type(actual) is type(expected) if expected is not None else actual is None


def short(v, n=80):
    r = repr(v)
    return r if len(r) <= n else r[:n] + "..."


def row_values(ws, r, width):
    return [ws.cell(row=r, column=c).value for c in range(1, width + 1)]


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path, expected_path = argv[1], argv[2]
    try:
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            bad_crc = z.testzip()
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001 - any failure to open is the answer
        print(f"FAIL open {path}: {type(e).__name__}: {e}")
        print("0 passed, 1 failed")
        return 2

    c = Checks()
    c.check("zip: every entry's CRC-32 matches its data", bad_crc is None, f"bad entry {bad_crc}")
    missing = [p for p in PARTS if p not in names]
    c.check("zip: the Office Open XML parts are present", not missing, f"missing {missing}")
    c.check("zip: [Content_Types].xml is the first entry", names[:1] == ["[Content_Types].xml"], short(names[:1]))
    c.check("sheet names", wb.sheetnames == expected["sheets"], f"{wb.sheetnames} != {expected['sheets']}")
    for ws in wb.worksheets:
        c.check(f"{ws.title}: header row frozen (freeze_panes == 'A2')", ws.freeze_panes == "A2", short(ws.freeze_panes))

    # Matrix: header, every cell, autofilter, styles
    ws = wb["Matrix"]
    m = expected["matrix"]
    width = len(m["header"])
    header = row_values(ws, 1, ws.max_column)
    c.check("Matrix: header row", header == m["header"], f"{short(header, 200)} != {short(m['header'], 200)}")
    c.check("Matrix: one row per matrix row", ws.max_row == len(m["rows"]) + 1, f"{ws.max_row - 1} rows, expected {len(m['rows'])}")
    wrong = []
    for i, want in enumerate(m["rows"]):
        got = row_values(ws, i + 2, width)
        for j, (a, e) in enumerate(zip(got, want)):
            if not matches(a, e):
                wrong.append(f"{get_column_letter(j + 1)}{i + 2}: {short(a)} != {short(e)}")
    c.check(f"Matrix: all {len(m['rows']) * width} cells as expected (1/0/empty)", not wrong,
            "; ".join(wrong[:5]) + (f" (+{len(wrong) - 5} more)" if len(wrong) > 5 else ""))
    last = f"{get_column_letter(width)}{len(m['rows']) + 1}"
    c.check("Matrix: autofilter on the header", ws.auto_filter.ref == f"A1:{last}", short(ws.auto_filter.ref))
    c.check("Matrix: header cells are bold", all(ws.cell(row=1, column=j).font.b for j in range(1, width + 1)))
    fills = {}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value in (0, 1) and cell.data_type == "n":
                fills.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None)
    one, zero = fills.get(1, set()), fills.get(0, set())
    c.check("Matrix: 1 and 0 cells each have one solid fill, and they differ",
            len(one) <= 1 and len(zero) <= 1 and None not in one | zero and (not one or not zero or one != zero),
            f"1: {one}, 0: {zero}")
    widths = [ws.column_dimensions[get_column_letter(j)].width for j in range(1, width + 1)]
    c.check("Matrix: column widths set", all(w and 4 <= w <= 60 for w in widths), short(widths, 200))

    # Evidence: header, count, sampled cells
    ws = wb["Evidence"]
    ev = expected["evidence"]
    header = row_values(ws, 1, ws.max_column)
    c.check("Evidence: header row", header == ev["header"], f"{header} != {ev['header']}")
    c.check(f"Evidence: {ev['count']} rows, one per finding", ws.max_row - 1 == ev["count"], f"{ws.max_row - 1} rows")
    wrong = []
    for cell in ev["cells"]:
        column = ev["header"].index(cell["column"]) + 1
        got = ws.cell(row=cell["row"], column=column).value
        if not matches(got, cell["value"]):
            wrong.append(f"{cell['column']} of row {cell['row']}: {short(got)} != {short(cell['value'])}")
    c.check(f"Evidence: {len(ev['cells'])} sampled cells as expected", not wrong,
            "; ".join(wrong[:5]) + (f" (+{len(wrong) - 5} more)" if len(wrong) > 5 else ""))
    c.check("Evidence: autofilter on the header", ws.auto_filter.ref == f"A1:{get_column_letter(len(ev['header']))}{ev['count'] + 1}",
            short(ws.auto_filter.ref))

    # every cell of every sheet: literal text, never a formula, nothing XML forbids, within Excel's limit
    texts, formulas, risky, forbidden, too_long, truncated = [], [], [], [], [], 0
    for s in wb.worksheets:
        for row in s.iter_rows():
            for cell in row:
                where = f"{s.title}!{cell.coordinate}"
                if cell.data_type == "f":
                    formulas.append(where)
                if isinstance(cell.value, str):
                    v = cell.value
                    texts.append(v)
                    if v[:1] in ("=", "+", "-", "@"):
                        risky.append(f"{where} {short(v)}")
                    if any(ch in FORBIDDEN for ch in v):
                        forbidden.append(where)
                    if len(v) > MAX_CELL:
                        too_long.append(f"{where} ({len(v)})")
                    if v.endswith(MARKER):
                        truncated += 1
    c.check("no cell is a formula", not formulas, ", ".join(formulas[:5]))
    c.check("no text cell starts with = + - @", not risky, "; ".join(risky[:5]))
    c.check("no text cell holds a character XML 1.0 forbids", not forbidden, ", ".join(forbidden[:5]))
    c.check(f"no text cell is longer than {MAX_CELL} characters", not too_long, ", ".join(too_long[:5]))
    if "truncated" in expected:
        c.check(f"{expected['truncated']} cells cut with the marker", truncated == expected["truncated"], f"{truncated} cells")
    present = set(texts)
    absent = [lit for lit in expected.get("literals", []) if lit not in present]
    c.check(f"{len(expected.get('literals', []))} hostile strings come back as literal text", not absent,
            "; ".join(short(a) for a in absent[:5]))

    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
