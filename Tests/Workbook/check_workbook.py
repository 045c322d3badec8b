#!/usr/bin/env python3
"""Checks an Attest workbook (matrix.xlsx) with openpyxl against the values a test expects.

Usage: check_workbook.py PATH.xlsx EXPECTED.json
       check_workbook.py --print PATH.xlsx MATRIX.json

The second form checks a workbook of any size against the matrix.json written beside it
(rules, rows with delegation, kind and cells), how it is packed and set up for printing, and then
prints it with LibreOffice (`soffice --headless --convert-to pdf`) and reads the PDF back with
`pdftotext -layout`: every delegation must be on a Matrix page with its own cells on its line,
and every Matrix page must repeat the header row.

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
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
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
        sys.stdout.flush()
        return ok


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


def check_packing_and_printing(c, path, wb, name_columns):
    """Deflated parts; frozen header (and name columns on the Matrix); Matrix print titles,
    landscape, one page wide."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    stored = [i.filename for i in infos if i.compress_type != zipfile.ZIP_DEFLATED]
    c.check("zip: every part is deflated", not stored, f"stored: {stored}")
    size = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    c.check(f"zip: parts deflate to at most half ({packed:,} of {size:,} bytes)", packed * 2 <= size)
    ws = wb["Matrix"]
    last_name = get_column_letter(name_columns)
    corner = f"{get_column_letter(name_columns + 1)}2"
    c.check(f"Matrix: header row and name columns frozen (freeze_panes == '{corner}')", ws.freeze_panes == corner, short(ws.freeze_panes))
    c.check("Evidence: header row frozen (freeze_panes == 'A2')", wb["Evidence"].freeze_panes == "A2", short(wb["Evidence"].freeze_panes))
    c.check("Matrix: print titles repeat row 1", (ws.print_title_rows or "").replace("$", "") == "1:1", short(ws.print_title_rows))
    c.check(f"Matrix: print titles repeat columns A:{last_name}", (ws.print_title_cols or "").replace("$", "") == f"A:{last_name}",
            short(ws.print_title_cols))
    setup = ws.page_setup
    c.check("Matrix: prints landscape", setup.orientation == "landscape", short(setup.orientation))
    fit = ws.sheet_properties.pageSetUpPr
    c.check("Matrix: fit to page is on", fit is not None and bool(fit.fitToPage))
    c.check("Matrix: fit to one page wide, as many tall as needed",
            int(setup.fitToWidth or 0) == 1 and int(setup.fitToHeight if setup.fitToHeight is not None else 1) == 0,
            f"fitToWidth {setup.fitToWidth}, fitToHeight {setup.fitToHeight}")


def pdf_pages(path, c):
    """Prints the workbook with LibreOffice and returns the text of each PDF page (None when
    the tools are missing or the conversion failed, after a failed check)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if not c.check("LibreOffice (soffice) and pdftotext are installed", bool(soffice and pdftotext),
                   f"soffice {soffice}, pdftotext {pdftotext}: run .ci/setup-tools"):
        return None
    with tempfile.TemporaryDirectory(prefix="attest-soffice-") as tmp:
        profile = pathlib.Path(tmp, "profile").as_uri()
        started = time.monotonic()
        run = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                              "--convert-to", "pdf", "--outdir", tmp, os.path.abspath(path)],
                             capture_output=True, text=True, timeout=600)
        pdf = pathlib.Path(tmp, pathlib.Path(path).stem + ".pdf")
        if not c.check(f"soffice --convert-to pdf wrote a PDF ({time.monotonic() - started:.0f} s)", pdf.exists(),
                       (run.stdout + run.stderr).strip()[:300]):
            return None
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=300).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


EVIDENCE_HEADER = re.compile(r"^\s*document\s+line\s+statement\b", re.M)
MATRIX_HEADER = re.compile(r"\bdelegation\s+kind\s+iso3\b")


def check_printed_matrix(c, pages, matrix):
    """Every matrix row on a Matrix page, with its cells on the same line; header on every page."""
    first_evidence = next((i for i, p in enumerate(pages) if EVIDENCE_HEADER.search(p)), len(pages))
    matrix_pages = pages[:first_evidence]
    rules, rows = matrix["rules"], matrix["rows"]
    print(f"info  the PDF has {len(pages)} pages, {len(matrix_pages)} of them the Matrix ({len(rows)} rows × {len(rules)} rules)")
    c.check("the Matrix prints on at least one page", bool(matrix_pages))
    c.check(f"the Matrix prints on few pages ({len(matrix_pages)} for {len(rows)} rows)", 0 < len(matrix_pages) <= max(2, len(rows) // 15))
    no_header = [i + 1 for i, p in enumerate(matrix_pages) if not MATRIX_HEADER.search(p)]
    c.check("every Matrix page repeats the header row", not no_header, f"pages without it: {no_header[:10]}")
    lines = [(i, line) for i, p in enumerate(matrix_pages) for line in p.splitlines()]
    missing, wrong = [], []
    for row in rows:
        pattern = re.compile(r"^\s*" + re.escape(row["delegation"]) + r"\s+" + re.escape(row["kind"]) + r"\b(.*)$")
        found = [(i, m.group(1)) for i, line in lines for m in [pattern.match(line)] if m]
        if not found:
            missing.append(row["delegation"])
            continue
        want = [str(row["cells"][r]) for r in rules if row["cells"][r] is not None]
        if not any(re.findall(r"(?<![\w.])[01](?![\w.])", rest)[-len(want):] == want if want else True for _, rest in found):
            wrong.append(f"{row['delegation']}: {found[0][1].strip()[:80]!r} != {' '.join(want)}")
    c.check(f"all {len(rows)} delegation names are printed on Matrix pages", not missing, f"{len(missing)} missing: {missing[:5]}")
    c.check("each delegation's cells are on its line, on its page", not wrong, f"{len(wrong)}: " + "; ".join(wrong[:3]))


def main_print(path, matrix_path):
    c = Checks()
    try:
        matrix = json.loads(pathlib.Path(matrix_path).read_text(encoding="utf-8"))
        wb = openpyxl.load_workbook(path)
    except Exception as e:  # noqa: BLE001 - any failure to open is the answer
        print(f"FAIL open {path}: {type(e).__name__}: {e}")
        print("0 passed, 1 failed")
        return 2
    print(f"info  {path}: {os.path.getsize(path):,} bytes")
    check_packing_and_printing(c, path, wb, 1)
    ws = wb["Matrix"]
    c.check(f"Matrix: {len(matrix['rows'])} rows", ws.max_row - 1 == len(matrix["rows"]), f"{ws.max_row - 1} rows")
    names = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    c.check("Matrix: column A holds the delegations in order", names == [r["delegation"] for r in matrix["rows"]])
    statements = [ws.cell(row=2, column=3).value for ws in [wb["Evidence"]]]
    c.check("Evidence: statement is a number (the statement's index)", all(isinstance(v, int) for v in statements), short(statements))
    pages = pdf_pages(path, c)
    if pages is not None:
        check_printed_matrix(c, pages, matrix)
    print(f"{c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


def main(argv):
    if len(argv) == 4 and argv[1] == "--print":
        return main_print(argv[2], argv[3])
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
    check_packing_and_printing(c, path, wb, expected.get("name_columns", 1))

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
    c.check("Matrix: column widths set", all(w and 4 <= w <= 90 for w in widths), short(widths, 200))

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
