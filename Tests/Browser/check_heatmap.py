#!/usr/bin/env python3
"""Checks an Attest audit.html in a real headless Chromium against the matrix it shows.

usage: check_heatmap.py AUDIT_HTML MATRIX_JSON [--hostile] [--year]

MATRIX_JSON is the output of JSONMatrixReporter for the same report:
{"rules": [...], "rows": [{"delegation", "kind", "iso3", "statements", "cells": {rule: 1|0|null}}]}.

Prints one line per check and ends with "N passed, M failed"; exits 1 when a check failed
(2 when the page could not be checked at all). With --hostile it also checks that no script
carried by the data ran (no alert, confirm or prompt) and that "<script>" shows as text in the
evidence.

Every page is also checked for how it reads at length: the heatmap starts on the first screen;
after scrolling the table's box to its bottom-right corner, the header row and the delegation
column are still inside the window and not covered; a ✓ opens its evidence inside the window,
beside the cell, and "Back to the cell" closes it and gives the focus back to the cell; printed,
the header row is a table-header-group and (with pdftotext) every printed page of the table
repeats it. With --year the page must have at least 150 rows (a year of records), and the
figures (page height, y of the heatmap, pages printed) are printed as "info" lines.
"""
import os
import re
import shutil
import subprocess
import tempfile
import base64
import json
import pathlib
import signal
import sys
import traceback

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
STATE = {1: "yes", 0: "no", None: "no text"}
CLASS = {"yes": 1, "no": 0, "notext": None}
GLYPH = {"yes": "✓", "no": "✗", "no text": "–"}
# the order of SpeakerKind.allCases, which the Kind column sorts by
KIND_ORDER = ["state", "organization", "un-entity", "civil-society", "presidency", "narrative", "unknown"]
# replaces the dialogs before any script of the page runs, so that a call is recorded, not shown
DIALOG_TRAP = """
window.__dialogs = [];
['alert', 'confirm', 'prompt'].forEach(function (name) {
  window[name] = function (message) { window.__dialogs.push(name + ': ' + message); };
});
"""


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}" + (f": {detail}" if detail else ""))
        sys.stdout.flush()
        return ok

    def run(self, name, function):
        """Runs a group of checks; an exception inside it is one failed check."""
        try:
            function()
        except Exception as error:  # noqa: BLE001 - every error is reported as a failed check
            here = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == __file__]
            where = f" (line {here[-1].lineno}: {here[-1].line})" if here else ""
            message = (getattr(error, "msg", None) or str(error)).strip().splitlines()
            self.check(name, False, f"{type(error).__name__}: {message[0] if message else ''}{where}")


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": DIALOG_TRAP})
    return driver


def body_rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr")


def row_names(driver):
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#heatmap tbody tr'), r => r.querySelector('th .deleg').textContent);")


def row_keys(driver):
    """(delegation, document) of each body row in DOM order; document is '' in aggregated mode."""
    return [tuple(k) for k in driver.execute_script(
        "return Array.from(document.querySelectorAll('#heatmap tbody tr'), r => "
        "[r.querySelector('th .deleg').textContent, (r.querySelector('td.doc') || {textContent: ''}).textContent]);")]


def header(driver, css):
    return driver.find_element(By.CSS_SELECTOR, f"#heatmap thead {css}")


def click(driver, element):
    """A real click, after scrolling the element to the middle of the window (and of the table)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'});", element)
    element.click()


def close_evidence(driver):
    """Closes the evidence panel with its own button, when it is open."""
    driver.execute_script("var b = document.querySelector('#evidence-panel:not([hidden]) button.back'); if (b) { b.click(); }")


# whether the element's box lies inside the window and inside the visible part of the table's box,
# and is what the window shows at its centre (nothing covers it)
IN_VIEW = """
const e = arguments[0], r = e.getBoundingClientRect();
const wrap = document.getElementById('heatmap-scroll').getBoundingClientRect();
const inside = (o, b) => o.left >= b.left - 1 && o.right <= b.right + 1 && o.top >= b.top - 1 && o.bottom <= b.bottom + 1;
const win = {left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight};
const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
return {rect: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],
        window: inside(r, win), box: inside(r, wrap), visible: r.width > 0 && r.height > 0,
        uncovered: !!hit && (hit === e || e.contains(hit))};
"""


def pdf_pages(driver):
    """The page printed to PDF by Chromium, as the text of each page (pdftotext -layout), or
    (page count, None) when pdftotext is not installed."""
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    count = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    tool = shutil.which("pdftotext")
    if not tool:
        return count, None
    with tempfile.TemporaryDirectory(prefix="attest-pdf-") as tmp:
        path = os.path.join(tmp, "audit.pdf")
        with open(path, "wb") as f:
            f.write(pdf)
        text = subprocess.run([tool, "-layout", path, "-"], capture_output=True, text=True, timeout=120).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return len(pages), pages


def click_header(driver, th):
    click(driver, th.find_element(By.CSS_SELECTOR, "button.sort"))


def stable_sorted(order, key, direction):
    """Rows in `order` sorted by key, ties in their current order (as the page sorts)."""
    sign = -1 if direction == "descending" else 1
    indexed = list(enumerate(order))
    indexed.sort(key=lambda pair: (sign * key(pair[1]), pair[0]))
    return [item for _, item in indexed]


def main(argv):
    flags = set(argv[3:])
    if len(argv) < 3 or not flags <= {"--hostile", "--year"}:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    page = pathlib.Path(argv[1]).resolve()
    matrix = json.loads(pathlib.Path(argv[2]).read_text(encoding="utf-8"))
    hostile, year = "--hostile" in flags, "--year" in flags
    rules, rows = matrix["rules"], matrix["rows"]

    # a killed run must not leave Chromium behind: SIGTERM and the watchdog unwind to driver.quit()
    def stop(signum, _frame):
        raise SystemExit(f"stopped by signal {signum}")
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(290)

    checks = Checks()
    driver = make_driver()
    try:
        driver.get(page.as_uri())
        dom_keys = row_keys(driver)
        # identity of each matrix row: delegation and, in per-document pages, the document shown
        has_documents = any(d for _, d in dom_keys)
        by_key = {}
        for (name, document), row in zip(dom_keys, rows):
            by_key[(name, document)] = row

        def structure():
            trs = body_rows(driver)
            checks.check("one body row per matrix row", len(trs) == len(rows), f"{len(trs)} rows, matrix has {len(rows)}")
            ids = [th.get_attribute("data-rule-id") for th in driver.find_elements(By.CSS_SELECTOR, "#heatmap thead th.rule")]
            checks.check("one rule column per rule, in order", ids == rules, f"{ids} != {rules}")
            counts = [len(tr.find_elements(By.CSS_SELECTOR, "td.c")) for tr in trs]
            checks.check("one rule cell per rule in every row", all(n == len(rules) for n in counts), f"cells per row {counts}")
            names = [name for name, _ in dom_keys]
            checks.check("rows are the matrix rows in its order", names == [r["delegation"] for r in rows],
                         f"{names} != {[r['delegation'] for r in rows]}")
            checks.check("row headers are th scope=row", len(driver.find_elements(By.CSS_SELECTOR, "#heatmap tbody th[scope=row]")) == len(rows))
            checks.check("the table has a caption", driver.find_element(By.CSS_SELECTOR, "#heatmap caption").text.strip() != "")

        def cells():
            states = driver.execute_script(
                "return Array.from(document.querySelectorAll('#heatmap tbody tr'), r => "
                "Array.from(r.querySelectorAll('td.c'), c => [c.classList.contains('yes') ? 'yes' : c.classList.contains('no') ? 'no' : "
                "c.classList.contains('notext') ? 'notext' : '?', c.textContent, r.getAttribute('data-kind')]));")
            expected = {"yes": 0, "no": 0, "notext": 0}
            for row in rows:
                for rule in rules:
                    value = row["cells"][rule]
                    expected["yes" if value == 1 else "no" if value == 0 else "notext"] += 1
            actual = {"yes": 0, "no": 0, "notext": 0}
            mismatches, unlabeled = [], []
            for row, dom in zip(rows, states):
                for rule, (cls, text, kind) in zip(rules, dom):
                    actual[cls] = actual.get(cls, 0) + 1
                    if CLASS.get(cls, "?") != row["cells"][rule]:
                        mismatches.append(f"{row['delegation']}/{rule}: page {cls}, matrix {row['cells'][rule]}")
                    label = STATE[CLASS.get(cls)] if cls in CLASS else "?"
                    if label not in text or GLYPH.get(label, "?") not in text:
                        unlabeled.append(f"{row['delegation']}/{rule}: {text!r}")
            for state in ("yes", "no", "notext"):
                checks.check(f"{state} cells: {expected[state]}", actual[state] == expected[state], f"page has {actual[state]}")
            checks.check("every cell agrees with matrix.json", not mismatches, "; ".join(mismatches[:5]))
            checks.check("every cell says yes/no/no text in text and glyph", not unlabeled, "; ".join(unlabeled[:5]))
            kinds = [k for k in driver.execute_script(
                "return Array.from(document.querySelectorAll('#heatmap tbody tr'), r => r.getAttribute('data-kind'));")]
            checks.check("row kinds agree with matrix.json", kinds == [r["kind"] for r in rows])
            totals = driver.execute_script(
                "return Array.from(document.querySelectorAll('#heatmap tbody td.total'), td => Number(td.textContent));")
            checks.check("row totals count the yes cells",
                         totals == [sum(1 for rule in rules if r["cells"][rule] == 1) for r in rows], f"{totals}")
            column = driver.execute_script(
                "return Array.from(document.querySelectorAll('#heatmap tfoot td.coltotal'), td => Number(td.textContent));")
            expected_columns = [sum(1 for r in rows if r["cells"][rule] == 1) for rule in rules]
            checks.check("column totals count the delegations", column[:len(rules)] == expected_columns,
                         f"{column} != {expected_columns}")

        def evidence():
            buttons = driver.find_elements(By.CSS_SELECTOR, "#heatmap td.c.yes button")
            if not checks.check("yes cells are buttons", len(buttons) == sum(1 for r in rows for rule in rules if r["cells"][rule] == 1)):
                return
            if not buttons:
                checks.check("evidence (no yes cell to click)", True)
                return
            panel = driver.find_element(By.ID, "evidence-panel")
            checks.check("evidence panel is aria-live=polite", panel.get_attribute("aria-live") == "polite")
            click(driver, buttons[0])
            marks = panel.find_elements(By.TAG_NAME, "mark")
            checks.check("clicking the first yes cell shows a <mark>", len(marks) > 0)
            checks.check("the <mark> text is not empty", bool(marks) and all(m.text.strip() for m in marks),
                         repr([m.text for m in marks]))
            sentences = panel.find_elements(By.CSS_SELECTOR, "blockquote.sentence")
            checks.check("the evidence shows the sentence", bool(sentences) and len(sentences[0].text.strip()) > 10,
                         repr([s.text for s in sentences]))
            checks.check("the marked words are in the sentence", bool(sentences) and bool(marks) and marks[0].text in sentences[0].text)
            meta = panel.find_element(By.CSS_SELECTOR, "li.finding .meta").text
            checks.check("the evidence names the document and line", "line " in meta, repr(meta))
            fired = panel.find_elements(By.CSS_SELECTOR, "ul.fired li")
            checks.check("the evidence says which sub-expression fired", bool(fired) and " matched by " in fired[0].text)
            checks.check("the clicked cell is aria-pressed", buttons[0].get_attribute("aria-pressed") == "true")
            close_evidence(driver)

        def sorting():
            order = row_keys(driver)
            name_th = header(driver, "th.name")
            checks.check("the delegation column starts sorted ascending", name_th.get_attribute("aria-sort") == "ascending")
            # a rule column whose sort moves rows
            value = {1: 2, 0: 1, None: 0}
            chosen = None
            for i, rule in enumerate(rules):
                if stable_sorted(order, lambda k: value[by_key[k]["cells"][rule]], "descending") != order:
                    chosen = i
                    break
            if chosen is None:
                checks.check("sorting (no rule column whose sort changes the order)", True)
                return
            rule = rules[chosen]
            th = driver.find_elements(By.CSS_SELECTOR, "#heatmap thead th.rule")[chosen]
            for click in (1, 2):
                before = row_keys(driver)
                click_header(driver, th)
                direction = th.get_attribute("aria-sort")
                after = row_keys(driver)
                expected = stable_sorted(before, lambda k: value[by_key[k]["cells"][rule]], direction or "ascending")
                checks.check(f"click {click} on {rule} sets aria-sort", direction in ("ascending", "descending"), repr(direction))
                checks.check(f"click {click} on {rule} sorts the rows stably ({direction})", after == expected)
                if click == 1:
                    checks.check(f"sorting by {rule} changes the order", after != order)
                    first_direction = direction
                else:
                    checks.check("a second click toggles the direction", direction != first_direction, repr(direction))
            others = [h.get_attribute("aria-sort") for h in driver.find_elements(By.CSS_SELECTOR, "#heatmap thead th")
                      if h != th and h.get_attribute("aria-sort")]
            checks.check("only the sorted column has aria-sort", not others, repr(others))
            for css, key in (("th.total", lambda k: sum(1 for r in rules if by_key[k]["cells"][r] == 1)),
                             ("th.kind", lambda k: KIND_ORDER.index(by_key[k]["kind"]))):
                column = header(driver, css)
                before = row_keys(driver)
                click_header(driver, column)
                direction = column.get_attribute("aria-sort")
                checks.check(f"sorting by {css} orders the rows ({direction})",
                             row_keys(driver) == stable_sorted(before, key, direction or "ascending"))
            click_header(driver, name_th)
            checks.check("sorting by delegation restores the original order",
                         name_th.get_attribute("aria-sort") == "ascending" and row_keys(driver) == order)

        def filtering():
            select = driver.find_element(By.ID, "kind-filter")
            label = driver.find_elements(By.CSS_SELECTOR, "label[for=kind-filter]")
            checks.check("the kind filter has a label", bool(label) and label[0].text.strip() != "")
            values = [o.get_attribute("value") for o in Select(select).options]
            checks.check("the filter offers all, state, organization, un-entity, civil-society",
                         all(v in values for v in ("all", "state", "organization", "un-entity", "civil-society")), repr(values))
            Select(select).select_by_value("un-entity")
            shown = [(tr.get_attribute("data-kind"), tr.find_element(By.CSS_SELECTOR, "th .deleg").get_attribute("textContent"))
                     for tr in body_rows(driver) if tr.is_displayed()]
            expected = sorted(r["delegation"] for r in rows if r["kind"] == "un-entity")
            checks.check("filtering by un-entity shows only un-entity rows", all(k == "un-entity" for k, _ in shown), repr(shown))
            checks.check(f"filtering by un-entity shows all {len(expected)} of them", sorted(n for _, n in shown) == expected,
                         f"{[n for _, n in shown]} != {expected}")
            column = driver.execute_script(
                "return Array.from(document.querySelectorAll('#heatmap tfoot td.coltotal'), td => Number(td.textContent));")
            expected_columns = [sum(1 for r in rows if r["kind"] == "un-entity" and r["cells"][rule] == 1) for rule in rules]
            checks.check("column totals follow the filter", column[:len(rules)] == expected_columns, f"{column} != {expected_columns}")
            Select(select).select_by_value("all")
            checks.check("the 'all' filter shows every row", all(tr.is_displayed() for tr in body_rows(driver)))

        def printing():
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            try:
                hidden = driver.execute_script(
                    "return ['.controls', '#evidence-panel'].every(s => getComputedStyle(document.querySelector(s)).display === 'none');")
                checks.check("print hides the controls and the evidence panel", hidden)
                bare = driver.execute_script(
                    "return Array.from(document.querySelectorAll('#heatmap button')).every(b => { const s = getComputedStyle(b); "
                    "return s.borderTopStyle === 'none' && s.backgroundColor === 'rgba(0, 0, 0, 0)' && s.cursor === 'auto'; });")
                checks.check("print shows no buttons", bare)
            finally:
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

        def first_screen():
            figures = driver.execute_script(
                "window.scrollTo(0, 0); const t = document.getElementById('heatmap').getBoundingClientRect();"
                "return {height: document.documentElement.scrollHeight, top: Math.round(t.top + window.scrollY), window: window.innerHeight,"
                " rows: document.querySelectorAll('#heatmap tbody tr').length};")
            print(f"info  page height {figures['height']} px; the heatmap starts at y = {figures['top']} (window {figures['window']} px); "
                  f"{figures['rows']} rows")
            checks.check(f"the heatmap starts on the first screen (y = {figures['top']})", figures["top"] < figures["window"] - 200)
            if year:
                checks.check(f"a year of records: at least 150 rows ({figures['rows']})", figures["rows"] >= 150)
            prov = driver.execute_script(
                "const p = document.querySelector('section.provenance'), h = document.getElementById('heatmap');"
                "return [!!(p && (p.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_PRECEDING)),"
                " !!document.querySelector('section.provenance details.inputs:not([open])')];")
            checks.check("the provenance comes after the heatmap, its inputs collapsed", prov == [True, True], repr(prov))

        def sticky():
            driver.execute_script(
                "const w = document.getElementById('heatmap-scroll'); w.scrollIntoView({block: 'start'});"
                "w.scrollTop = w.scrollHeight; w.scrollLeft = w.scrollWidth;")
            scrolled = driver.execute_script(
                "const w = document.getElementById('heatmap-scroll'); return [w.scrollTop, w.scrollLeft, w.scrollHeight - w.clientHeight,"
                " w.scrollWidth - w.clientWidth, window.scrollY];")
            print(f"info  the table's box scrolled to ({scrolled[1]}, {scrolled[0]}) of ({scrolled[3]}, {scrolled[2]}); window at y = {scrolled[4]}")
            if year:
                checks.check("the table's box scrolls vertically (a year does not fit the window)", scrolled[2] > 0 and scrolled[0] >= scrolled[2] - 1,
                             repr(scrolled))
            targets = [("the last rule's column header", "#heatmap thead th.rule:nth-last-child(2)"),
                       ("the Delegation column header", "#heatmap thead th.name"),
                       ("the last row's delegation name", "#heatmap tbody tr:last-child th.name")]
            for name, css in targets:
                seen = driver.execute_script(IN_VIEW, driver.find_element(By.CSS_SELECTOR, css))
                checks.check(f"at the bottom-right, {name} is inside the window and the box, uncovered",
                             seen["window"] and seen["box"] and seen["visible"] and seen["uncovered"], repr(seen))
            driver.execute_script("const w = document.getElementById('heatmap-scroll'); w.scrollTop = 0; w.scrollLeft = 0;")

        def evidence_in_view():
            buttons = driver.find_elements(By.CSS_SELECTOR, "#heatmap td.c.yes button")
            if not buttons:
                checks.check("evidence in view (no yes cell)", True)
                return
            target = buttons[len(buttons) * 4 // 5]  # a cell far down the table
            click(driver, target)
            state = driver.execute_script(
                "const p = document.getElementById('evidence-panel'), r = p.getBoundingClientRect(), c = arguments[0].getBoundingClientRect();"
                "const overlap = !(r.right <= c.left || c.right <= r.left || r.bottom <= c.top || c.bottom <= r.top);"
                "return {hidden: p.hidden, rect: [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)],"
                " cell: [Math.round(c.left), Math.round(c.top), Math.round(c.right), Math.round(c.bottom)],"
                " inWindow: r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,"
                " overlap: overlap, focus: document.activeElement && document.activeElement.className,"
                " sentences: p.querySelectorAll('blockquote.sentence').length, y: window.scrollY};", target)
            print(f"info  evidence of a cell at {state['cell']} shows at {state['rect']} (window at y = {state['y']})")
            checks.check("clicking a ✓ far down opens the evidence inside the window", not state["hidden"] and state["inWindow"]
                         and state["sentences"] > 0, repr(state))
            checks.check("the evidence does not cover the clicked cell", not state["overlap"], repr(state))
            checks.check("the focus moves to the evidence's 'Back to the cell' button", state["focus"] == "back", repr(state["focus"]))
            back = driver.find_element(By.CSS_SELECTOR, "#evidence-panel button.back")
            checks.check("the back control is labelled", "Back to the cell" in back.text, repr(back.text))
            back.click()
            after = driver.execute_script(
                "const c = arguments[0].getBoundingClientRect();"
                "return {hidden: document.getElementById('evidence-panel').hidden, focused: document.activeElement === arguments[0],"
                " inWindow: c.top >= 0 && c.bottom <= window.innerHeight && c.left >= 0 && c.right <= window.innerWidth,"
                " pressed: arguments[0].getAttribute('aria-pressed')};", target)
            checks.check("'Back to the cell' closes the evidence and focuses the cell, in view",
                         after["hidden"] and after["focused"] and after["inWindow"], repr(after))
            click(driver, target)
            from selenium.webdriver.common.keys import Keys
            driver.switch_to.active_element.send_keys(Keys.ESCAPE)
            escaped = driver.execute_script("return [document.getElementById('evidence-panel').hidden, document.activeElement === arguments[0]];", target)
            checks.check("Escape closes the evidence and focuses the cell", escaped == [True, True], repr(escaped))

        def print_header():
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            try:
                style = driver.execute_script(
                    "const t = document.querySelector('#heatmap thead'), th = document.querySelector('#heatmap thead th.rule'),"
                    " w = document.getElementById('heatmap-scroll');"
                    "return [getComputedStyle(t).display, getComputedStyle(th).position, getComputedStyle(w).display, getComputedStyle(w).overflowY];")
                checks.check("print: thead is a table-header-group, its cells static, the box a plain block",
                             style == ["table-header-group", "static", "block", "visible"], repr(style))
            finally:
                driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            count, pages = pdf_pages(driver)
            print(f"info  printed (A4 landscape, Chromium): {count} pages")
            if pages is None:
                print("info  pdftotext is not installed: the repeated header is checked by its computed style only")
                return
            names = [r["delegation"] for r in rows]
            # the table's pages: up to the page where the Commitments section starts (the evidence is not printed)
            end = next((i for i, text in enumerate(pages) if re.search(r"^\s*Commitments\s*$", text, re.M)), len(pages) - 1)
            table_pages = [i for i in range(end + 1) if any(n in pages[i] for n in names)]
            missing = [i + 1 for i in table_pages if not (re.search(r"\bDelegation\b(?!s)", pages[i]) and re.search(r"\bKind\b", pages[i]))]
            print(f"info  {len(table_pages)} printed pages hold rows of the table")
            checks.check(f"every printed page of the table repeats the header row ({len(table_pages)} pages)", table_pages and not missing,
                         f"pages without it: {missing[:10]}")

        def self_contained():
            remote = driver.execute_script(
                "return Array.from(document.querySelectorAll('[src],[href]'), e => e.getAttribute('src') || e.getAttribute('href'))"
                ".filter(u => /^\\s*(https?:)?\\/\\//i.test(u));")
            checks.check("no src/href to the network", not remote, repr(remote))
            resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
            checks.check("the page loaded no resource", not resources, repr(resources))

        def hostile_checks():
            try:
                text = driver.switch_to.alert.text
                checks.check("no alert is open", False, repr(text))
            except NoAlertPresentException:
                checks.check("no alert is open", True)
            dialogs = driver.execute_script("return window.__dialogs;")
            checks.check("no alert, confirm or prompt was called", dialogs == [], repr(dialogs))
            checks.check("the page holds only its own two scripts", driver.execute_script("return document.scripts.length;") == 2)
            panel = driver.find_element(By.ID, "evidence-panel")
            shown = False
            for button in driver.find_elements(By.CSS_SELECTOR, "#heatmap td.c.yes button"):
                click(driver, button)
                if any("<script>" in q.text for q in panel.find_elements(By.CSS_SELECTOR, "blockquote.sentence")):
                    shown = True
                    break
                close_evidence(driver)
            checks.check("<script> shows as text in the evidence sentence", shown, repr(panel.text[:300]))
            checks.check("the evidence created no element from the data",
                         not panel.find_elements(By.CSS_SELECTOR, "script, b, i, img, iframe"))
            names = " ".join(n for n, _ in row_keys(driver))
            checks.check("<script> shows as text in the row headers", "<script>" in names or not any("<" in r["delegation"] for r in rows))
            dialogs = driver.execute_script("return window.__dialogs;")
            checks.check("still no dialog after showing the evidence", dialogs == [], repr(dialogs))

        def claims():
            # the claims section, when the report has claims: one row per claim, its verdict as a
            # class and a colour, the sentence and the facts with their sources shown as text
            tables = driver.find_elements(By.CSS_SELECTOR, "#claims")
            if not tables:
                return
            rows_ = driver.find_elements(By.CSS_SELECTOR, "#claims tbody tr")
            checks.check("claims: at least one row", len(rows_) > 0)
            summary = driver.find_element(By.CSS_SELECTOR, "section.claims > p").text
            checks.check("claims: the count matches the rows", summary.startswith(f"{len(rows_)} claim"), summary)
            colours = {"consistent": "rgb(26, 127, 75)", "contradicted": "rgb(179, 38, 30)", "unverifiable": "rgb(228, 231, 235)"}
            wrong = []
            for r in rows_:
                verdict = r.get_attribute("class")
                cell = r.find_element(By.CSS_SELECTOR, "td.verdict")
                background = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor;", cell)
                if verdict not in colours or colours[verdict] != background or not cell.text.startswith(verdict):
                    wrong.append((verdict, background, cell.text))
                if not r.find_element(By.CSS_SELECTOR, "q").text.strip() or not r.find_elements(By.CSS_SELECTOR, ".fact"):
                    wrong.append(("no sentence or fact", r.text[:80]))
            checks.check("claims: every verdict has its class, colour, sentence and fact", not wrong, repr(wrong[:3]))
            facts = [f.text for f in driver.find_elements(By.CSS_SELECTOR, "#claims .fact")]
            checks.check("claims: fact rows show their source", any("source:" in f for f in facts), repr(facts[:3]))

        checks.run("structure", structure)
        checks.run("claims", claims)
        checks.run("cells", cells)
        checks.run("evidence", evidence)
        checks.run("sorting", sorting)
        checks.run("filtering", filtering)
        checks.run("printing", printing)
        checks.run("self-contained", self_contained)
        checks.run("first screen", first_screen)
        checks.run("sticky header and names", sticky)
        checks.run("evidence in view", evidence_in_view)
        checks.run("print header", print_header)
        if hostile:
            checks.run("hostile", hostile_checks)
        if has_documents:
            checks.check("per-document rows show their document", all(d for _, d in row_keys(driver)))

        severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
        checks.check("no console errors", not severe, "; ".join(e.get("message", "") for e in severe[:5]))
    finally:
        driver.quit()
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
