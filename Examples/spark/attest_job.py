#!/usr/bin/env python3
"""Runs `attest match` over a JSON Lines corpus in Apache Spark and builds Attest's matrix.

    spark-submit attest_job.py --attest PATH/TO/attest --rules RULES_DIR \\
        --input corpus.jsonl --output OUT_DIR [--partitions N]

1. Ships the binary, the resource bundle beside it (`Attest_AttestCorpus.resources`, which holds
   the gazetteer: the binary stops without it) and the rules directory to every executor with
   `SparkContext.addFile`.
2. Reads the corpus as text, numbers its lines, `repartition(N)`, and feeds every partition to one
   `attest match` process, found with `SparkFiles.get` inside the partition.
3. Parses the records with Spark SQL (`from_json`, explicit schema) and aggregates the delegation ×
   commitment matrix with Spark SQL the way `attest audit` does.
4. Writes OUT_DIR/matrix.csv, byte for byte what `attest audit --format csv` prints for the same
   statements, OUT_DIR/errors.jsonl (the malformed lines, by their line in the corpus) and
   OUT_DIR/summary.json.

Why not `RDD.pipe`: its command is a string fixed on the driver, where `SparkFiles.get` gives the
driver's path, not the executor's; it gives the child an empty environment unless told otherwise;
it loses the child's stderr and, unless `checkCode=True`, ignores a crash, silently dropping the
rest of the partition. The partition function below is `RDD.pipe` with those four points handled,
plus one more: it knows which corpus line each record answers.
"""
import argparse
import collections
import csv
import glob
import json
import os
import stat
import subprocess
import sys
import threading
import unicodedata

# --------------------------------------------------------------------------------------------
# On the executors: one `attest match` per partition
# --------------------------------------------------------------------------------------------


def shipped(name):
    """The local path, on this executor, of a file or directory shipped with addFile."""
    from pyspark import SparkFiles
    return SparkFiles.get(name)


def ensure_executable(path):
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def match_partition(binary_name, rules_name):
    """The function that runs on every partition of (text, index) pairs.

    Yields (corpus_line, record) for every record `attest match` writes; corpus_line is the
    1-based line of the corpus the record answers (attest numbers lines within its own input,
    which is one partition). Fails the task, with attest's stderr, when attest exits non-zero
    or leaves a line unanswered: Spark then retries it.
    """

    def run(partition_index, rows):
        binary = shipped(binary_name)
        ensure_executable(binary)
        rules = shipped(rules_name)
        # one core per task, as Spark schedules it (attest would otherwise use every core of the executor)
        proc = subprocess.Popen([binary, "match", "--jobs", "1", "--rules", rules], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
        corpus_lines = []       # corpus line of the n-th line written (attest's line n+1)
        expected = 0            # lines attest must answer: all but blank ones
        failure = []
        stderr_tail = collections.deque(maxlen=20)

        def feed():
            nonlocal expected
            try:
                for text, index in rows:
                    corpus_lines.append(index + 1)
                    if text.strip(" \t\r"):
                        expected += 1
                    proc.stdin.write(text.encode("utf-8", errors="replace") + b"\n")
                proc.stdin.close()
            except BrokenPipeError:
                pass            # attest died: its exit code says why
            except BaseException as e:  # noqa: BLE001 - reported by the reading side
                failure.append(e)
                proc.kill()

        def drain():
            for raw in proc.stderr:
                stderr_tail.append(raw.decode("utf-8", errors="replace").rstrip())

        threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain, daemon=True)]
        for t in threads:
            t.start()
        answered = set()
        for raw in proc.stdout:
            record = raw.rstrip(b"\n").decode("utf-8", errors="replace")
            line = json.loads(record)["line"]
            answered.add(line)
            yield corpus_lines[line - 1], record
        code = proc.wait()
        for t in threads:
            t.join()
        if failure:
            raise RuntimeError(f"partition {partition_index}: feeding attest failed") from failure[0]
        if code != 0 or len(answered) != expected:
            why = f"exited with {code}" if code != 0 else f"answered {len(answered)} of {expected} lines"
            raise RuntimeError(f"partition {partition_index}: attest match {why}; its stderr ends with:\n" + "\n".join(stderr_tail))

    return run


def rule_header(binary_name, rules_name):
    """Attest's own matrix header for the pack: `attest merge` of nothing prints just that."""

    def run(_partition_index, _rows):
        binary = shipped(binary_name)
        ensure_executable(binary)
        done = subprocess.run([binary, "merge", "--rules", shipped(rules_name), "-"], stdin=subprocess.DEVNULL,
                              capture_output=True, env=dict(os.environ))
        if done.returncode != 0:
            raise RuntimeError(f"attest merge exited with {done.returncode}: {done.stderr.decode(errors='replace')}")
        yield done.stdout.decode("utf-8")

    return run


# --------------------------------------------------------------------------------------------
# On the driver: Attest's row order and CSV, reproduced
# --------------------------------------------------------------------------------------------
#
# Attest (Swift) compares names as Swift strings: canonically equivalent spellings are one name
# (so "e" + U+0301 and "é" make one row), and its CSV checks look at user-perceived characters
# (grapheme clusters): a "," or '"' followed by a combining mark is not a comma or a quote to it.
# The functions below reproduce that, so that the file is byte for byte Attest's.

# grapheme cluster boundaries (UAX #29) that matter here: what attaches to the previous character
_PREPEND = {0x06DD, 0x070F, 0x08E2, 0x0D4E, 0x110BD, 0x110CD, 0x1193F, 0x11941, 0x11A3A, 0x11D46, 0x11F02}
_PREPEND_RANGES = [(0x0600, 0x0605), (0x0890, 0x0891), (0x111C2, 0x111C3), (0x11A84, 0x11A89)]


def _extends(c):
    """True when c joins the character before it into one grapheme (Extend, ZWJ, SpacingMark)."""
    o = ord(c)
    return (unicodedata.category(c) in ("Mn", "Me", "Mc") or o in (0x200C, 0x200D) or 0x1F3FB <= o <= 0x1F3FF
            or 0xFF9E <= o <= 0xFF9F or 0xE0020 <= o <= 0xE007F)


def _prepends(c):
    o = ord(c)
    return o in _PREPEND or any(a <= o <= b for a, b in _PREPEND_RANGES)


def _has_grapheme(s, ch):
    """True when ch stands alone as a grapheme somewhere in s (Swift's `String.contains(Character)`)."""
    for i, c in enumerate(s):
        if c == ch and not (i + 1 < len(s) and _extends(s[i + 1])) and not (i > 0 and _prepends(s[i - 1])):
            return True
    return False


def _is_word_char(c):
    """Attest's WordTokenizer: ASCII letters and digits, and any alphabetic, numeric or nonspacing mark."""
    if c.isascii():
        return c.isalnum()
    o = ord(c)
    return (c.isalpha() or unicodedata.category(c) in ("Nl", "Mn", "Mc") or unicodedata.numeric(c, None) is not None
            or 0x24B6 <= o <= 0x24E9)


def _fold(word):
    """Lowercase without diacritics, fullwidth forms read as ASCII (Foundation's `folding`)."""
    if word.isascii():
        return word.lower()
    w = "".join(unicodedata.normalize("NFKC", c) if 0xFF00 <= ord(c) <= 0xFFEF else c for c in word)
    w = unicodedata.normalize("NFD", unicodedata.normalize("NFD", w).casefold())
    # marks go with the letter they sit on; marks that open the word have none and stay
    kept, based = [], False
    for c in w:
        if unicodedata.category(c) in ("Mn", "Me"):
            if not based:
                kept.append(c)
        else:
            kept.append(c)
            based = True
    return unicodedata.normalize("NFC", "".join(kept).lower())


def name_key(name):
    """Attest's `WordTokenizer.key`: the folded words joined by single spaces."""
    words, current = [], []
    for c in name:
        if _is_word_char(c):
            current.append(c)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return " ".join(_fold(w) for w in words)


def row_order(delegation):
    """Rows sort by folded key, then by name as written (Swift compares NFC scalars)."""
    return (name_key(delegation), unicodedata.normalize("NFC", delegation))


def csv_field(s):
    """One CSV field as Attest writes it: formula-neutralised, RFC 4180 quoted."""
    if s and s[0] in "=+-@":
        s = "'" + s
    if "," in s or '"' in s or "\n" in s or "\r" in s:
        return '"' + s.replace('"', '""') + '"'
    return s


def merge_equivalent(rows):
    """Rows per exact spelling (from Spark) → rows per Swift string (canonical equivalence).

    Each row: dict with delegation, first_line, kind, iso3, with_text, rules (set). The first
    spelling seen names the merged row and gives its kind and iso3, as in `attest audit`.
    """
    merged = {}
    for r in sorted(rows, key=lambda r: r["first_line"]):
        k = unicodedata.normalize("NFC", r["delegation"])
        if k in merged:
            merged[k]["with_text"] += r["with_text"]
            merged[k]["rules"] |= r["rules"]
        else:
            merged[k] = dict(r, rules=set(r["rules"]))
    return list(merged.values())


def matrix_csv(header, rule_ids, rows):
    """The whole matrix.csv and its number of rows: Attest's header line, then a row per delegation in Attest's order."""
    lines = [header.rstrip("\n")]
    merged = merge_equivalent(rows)
    for r in sorted(merged, key=lambda r: row_order(r["delegation"])):
        cells = ["" if r["with_text"] == 0 else "1" if rule in r["rules"] else "0" for rule in rule_ids]
        lines.append(",".join(csv_field(f) for f in [r["delegation"], r["kind"], r["iso3"] or ""] + cells))
    return "\n".join(lines) + "\n", len(merged)


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# The job
# --------------------------------------------------------------------------------------------

RECORD_SCHEMA = ("type STRING, key STRING, delegation STRING, kind STRING, iso3 STRING, has_text BOOLEAN, "
                 "rule STRING, line BIGINT, message STRING")

ROWS_SQL = """
WITH counted AS (  -- what makes a row: a delegation, and not narrative or procedural text
  SELECT * FROM records
  WHERE type IN ('statement', 'finding') AND delegation IS NOT NULL AND kind NOT IN ('narrative', 'presidency')
)
SELECT s.delegation,
       s.first.corpus_line AS first_line, s.first.kind AS kind, s.first.iso3 AS iso3,
       s.with_text, coalesce(f.rules, array()) AS rules
FROM (
  SELECT delegation,
         min_by(named_struct('corpus_line', corpus_line, 'kind', kind, 'iso3', iso3), corpus_line) AS first,
         sum(CASE WHEN has_text THEN 1 ELSE 0 END) AS with_text
  FROM counted WHERE type = 'statement' GROUP BY delegation
) s
LEFT JOIN (
  SELECT delegation, collect_set(rule) AS rules FROM counted WHERE type = 'finding' GROUP BY delegation
) f ON s.delegation = f.delegation
"""


def parse_args(argv):
    p = argparse.ArgumentParser(description="Attest as a streaming filter in Spark: the delegation × commitment matrix.")
    p.add_argument("--attest", required=True, help="the attest binary, built for the executors' Linux")
    p.add_argument("--rules", required=True, help="the rules directory (packs)")
    p.add_argument("--input", required=True, help="the corpus: JSON Lines, one statement a line (any path Spark reads)")
    p.add_argument("--output", required=True, help="a directory on the driver for matrix.csv, errors.jsonl, summary.json")
    p.add_argument("--partitions", type=int, default=0, help="partitions, one attest process each (default: Spark's parallelism)")
    p.add_argument("--max-errors", type=int, default=10_000, help="malformed lines listed in errors.jsonl (all are counted)")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    from pyspark import StorageLevel
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("attest").getOrCreate()
    sc = spark.sparkContext

    binary = os.path.abspath(args.attest)
    rules = os.path.abspath(args.rules).rstrip("/")
    resources = sorted(glob.glob(os.path.join(os.path.dirname(binary), "*.resources")))
    if not os.access(binary, os.X_OK) or not os.path.isdir(rules):
        sys.exit(f"attest_job: {binary} is not an executable or {rules} is not a directory")
    if not resources:
        sys.exit(f"attest_job: no *.resources bundle beside {binary}: the binary cannot run without it")
    sc.addFile(binary)
    for r in resources:          # the gazetteer: lands beside the binary on every executor
        sc.addFile(r, recursive=True)
    sc.addFile(rules, recursive=True)
    binary_name, rules_name = os.path.basename(binary), os.path.basename(rules)

    header = sc.parallelize([0], 1).mapPartitionsWithIndex(rule_header(binary_name, rules_name)).collect()[0]
    rule_ids = next(csv.reader([header.rstrip("\n")]))[3:]

    partitions = args.partitions or sc.defaultParallelism
    lines = sc.textFile(args.input).zipWithIndex().repartition(partitions)
    piped = lines.mapPartitionsWithIndex(match_partition(binary_name, rules_name))
    raw = spark.createDataFrame(piped, "corpus_line BIGINT, record STRING")
    records = raw.selectExpr("corpus_line", f"from_json(record, '{RECORD_SCHEMA}') AS r").select("corpus_line", "r.*")
    records.persist(StorageLevel.MEMORY_AND_DISK)
    records.createOrReplaceTempView("records")

    counts = {r["type"]: r["n"] for r in spark.sql("SELECT type, count(*) AS n FROM records GROUP BY type").collect()}
    rows = [{"delegation": r["delegation"], "first_line": r["first_line"], "kind": r["kind"], "iso3": r["iso3"],
             "with_text": r["with_text"], "rules": set(r["rules"])} for r in spark.sql(ROWS_SQL).collect()]
    errors = spark.sql("SELECT corpus_line AS line, message FROM records WHERE type = 'error' "
                       f"ORDER BY corpus_line LIMIT {int(args.max_errors)}").collect()

    os.makedirs(args.output, exist_ok=True)
    matrix, row_count = matrix_csv(header, rule_ids, rows)
    write_atomically(os.path.join(args.output, "matrix.csv"), matrix)
    write_atomically(os.path.join(args.output, "errors.jsonl"),
                     "".join(json.dumps({"line": e["line"], "message": e["message"]}, ensure_ascii=False) + "\n" for e in errors))
    summary = {"input": args.input, "partitions": partitions, "rules": rule_ids,
               "statements": counts.get("statement", 0), "findings": counts.get("finding", 0),
               "errors": counts.get("error", 0), "rows": row_count}
    write_atomically(os.path.join(args.output, "summary.json"), json.dumps(summary, indent=2, sort_keys=True) + "\n")
    print(f"attest_job: {summary['statements']} statements, {summary['findings']} findings, "
          f"{summary['errors']} error records, {summary['rows']} rows in {partitions} partitions "
          f"-> {os.path.join(args.output, 'matrix.csv')}")
    spark.stop()


if __name__ == "__main__":
    main()
