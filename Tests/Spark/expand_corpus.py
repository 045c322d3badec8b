#!/usr/bin/env python3
"""Writes a deterministic JSON Lines corpus for the Spark test, grown from the bundled texts.

Usage: expand_corpus.py --attest BIN OUT.jsonl [--statements N] [--utf8-copy COPY.jsonl] [--summary S.json] [--no-hostile]

The statements of the bundled press release and S/PV records (`attest statements --format jsonl`)
are written again and again with distinct ids (`c0001-s042`) until N statements (default 10,000)
are written. The first cycle keeps each statement's own delegation; later cycles give the States'
speeches to the member States of the gazetteer in turn, so that the matrix has a row for nearly
every member State (names with diacritics and punctuation included, which tests the row order).
Narrative text and the President's procedural turns keep their `kind`.

Hostile lines are spread through the file so that they land in different partitions:

- broken JSON, a JSON array, an object without `text`, an object with neither `speaker` nor
  `delegation`, a line cut in two by a lone carriage return, a blank line and a CRLF line end;
- bytes that are not UTF-8 inside an otherwise valid line;
- one line of about 5 MB (bundled speeches repeated);
- an empty `text` (an observer State with no other statement: a row of empty cells);
- delegations the gazetteer does not know: one plain, one that a spreadsheet would read as a
  formula, one with a comma and quotes.

`--utf8-copy` also writes the corpus as Spark's text reader hands it to Python: every byte that
is not UTF-8 replaced by U+FFFD. `attest audit` refuses a whole file with one such byte, so the
test audits this copy, which has the same lines and the same statements as what Spark sees.

Prints what it wrote to stderr. Same arguments, same bytes.
"""
import argparse
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUNDLED = sorted((ROOT / "Corpus/press-releases").glob("*.txt")) + sorted((ROOT / "Corpus/unsc-2020").glob("*.txt"))
GAZETTEER = ROOT / "Sources/AttestCorpus/Resources/gazetteer.json"

# (position as a fraction of the file, raw bytes of the line, error records `attest match` gives for it)
HOSTILE = [
    (0.05, b'{"id": "hostile-broken", "delegation": "France", "text": "unterminated', 1),
    (0.10, b'[1, 2, 3]', 1),
    (0.15, b'{"id": "hostile-no-text", "delegation": "France"}', 1),
    (0.20, b'{"id": "hostile-nobody", "text": "A statement that belongs to no one."}', 1),
    (0.25, b'', 0),
    (0.30, b'{"id": "hostile-bad-utf8", "delegation": "France", "text": "caf\xe9 cr\xe8me \xff\xfe and nothing else"}', 0),
    (0.35, b'{"id": "hostile-empty-text", "delegation": "Holy See", "text": ""}', 0),
    (0.40, b'{"id": "hostile-unknown", "delegation": "Republic of Atlantis", "text": '
           b'"Atlantis welcomes resolution 2482 (2019) and calls for respect of international humanitarian law."}', 0),
    (0.45, b'{"id": "hostile-formula", "delegation": "=HYPERLINK(\\"http://example.invalid\\")", "kind": "civil-society", '
           b'"text": "We support resolution 2482 (2019)."}', 0),
    (0.50, b'{"id": "hostile-quotes", "delegation": "Friends of \\"the Chair\\", Inc.", "kind": "organization", '
           b'"text": "Nothing to report."}', 0),
    (0.55, b'{"id": "hostile-crlf", "delegation": "Viet Nam", "text": "We combat trafficking in persons."}\r', 0),
    # a lone CR ends a line for Spark's reader and for attest audit alike: two broken halves
    (0.60, b'{"id": "hostile-lone-cr", "delegation": "France",\r "text": "split"}', 2),
    (0.65, b'   \t', 0),
]
HUGE_AT = 0.70
HUGE_BYTES = 5 * 1024 * 1024


def bundled_statements(attest):
    out = subprocess.run([attest, "statements", "--format", "jsonl", *map(str, BUNDLED)],
                         check=True, capture_output=True, cwd=ROOT).stdout
    return [json.loads(line) for line in out.decode("utf-8").splitlines() if line.strip()]


def member_states():
    entries = json.loads(GAZETTEER.read_text(encoding="utf-8"))["entries"]
    return [e["name"] for e in entries if e.get("kind") == "state" and e.get("status") == "member"]


def record(statement, cycle, index, states):
    """One corpus line for a bundled statement in a given cycle."""
    o = {"id": f"c{cycle:04d}-s{index:03d}"}
    kind = statement["kind"]
    if kind in ("narrative", "presidency"):
        o["speaker"] = statement["speaker"] or "narrative"
        o["kind"] = kind
    elif kind == "state" and cycle > 0:
        o["delegation"] = states[(cycle * 7 + index) % len(states)]
    else:
        if statement["speaker"]:
            o["speaker"] = statement["speaker"]
        if statement["delegation"]:
            o["delegation"] = statement["delegation"]
    o["text"] = statement["text"]
    return json.dumps(o, ensure_ascii=False, sort_keys=True).encode("utf-8")


def huge_line(statements):
    texts = [s["text"] for s in statements if s["kind"] == "state" and s["text"]]
    parts, size, i = [], 0, 0
    while size < HUGE_BYTES:
        parts.append(texts[i % len(texts)])
        size += len(texts[i % len(texts)].encode("utf-8")) + 1
        i += 1
    o = {"id": "hostile-huge", "delegation": "Norway", "text": " ".join(parts)}
    return json.dumps(o, ensure_ascii=False, sort_keys=True).encode("utf-8")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--attest", required=True, help="the attest binary (for `attest statements`)")
    p.add_argument("--statements", type=int, default=10_000, help="statements from the bundled texts (default 10,000)")
    p.add_argument("--utf8-copy", help="also write the corpus as Spark decodes it (non-UTF-8 bytes as U+FFFD)")
    p.add_argument("--no-hostile", action="store_true", help="only the bundled statements (for throughput measurements)")
    p.add_argument("--summary", help="also write what was written as JSON: lines, bytes, statements, and the statement and error records `attest match` must give")
    p.add_argument("out")
    args = p.parse_args()

    statements = bundled_statements(args.attest)
    states = member_states()
    lines = []
    for n in range(args.statements):
        cycle, index = divmod(n, len(statements))
        lines.append(record(statements[index], cycle, index, states))
    error_records = 0
    statement_records = args.statements
    if not args.no_hostile:
        inserts = [(at, raw) for at, raw, _ in HOSTILE] + [(HUGE_AT, huge_line(statements))]
        error_records = sum(errors for _, _, errors in HOSTILE)
        # the hostile lines that are statements all the same, and the huge one
        statement_records += sum(1 for _, raw, errors in HOSTILE if errors == 0 and raw.strip(b" \t\r")) + 1
        # from the last position back, so that earlier positions stay where they were computed
        for at, raw in sorted(inserts, key=lambda x: -x[0]):
            lines.insert(int(len(lines) * at), raw)

    data = b"\n".join(lines) + b"\n"
    pathlib.Path(args.out).write_bytes(data)
    if args.utf8_copy:
        pathlib.Path(args.utf8_copy).write_bytes(data.decode("utf-8", errors="replace").encode("utf-8"))
    if args.summary:
        summary = {"lines": len(lines), "bytes": len(data), "statements": args.statements,
                   "statement_records": statement_records, "error_records": error_records}
        pathlib.Path(args.summary).write_text(json.dumps(summary, sort_keys=True) + "\n", encoding="utf-8")
    print(f"expand_corpus: {args.out}: {len(lines)} lines, {args.statements} bundled statements "
          f"({len(statements)} per cycle), {len(data)} bytes, {error_records} error records expected", file=sys.stderr)


if __name__ == "__main__":
    main()
