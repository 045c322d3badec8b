#!/usr/bin/env python3
"""Runs `attest match` over a JSON Lines corpus in Apache Spark and builds Attest's matrix.

    spark-submit attest_job.py --attest PATH/TO/attest --rules RULES_DIR \\
        --input corpus.jsonl --output OUT_DIR [--partitions N]

1. Ships the binary, the resource bundle beside it (`Attest_AttestCorpus.resources`, which holds
   the gazetteer: the binary stops without it) and the rules directory to every executor with
   `SparkContext.addFile`.
2. Reads the corpus as text, numbers its lines, `repartition(N)`, and feeds every partition to one
   `attest match` process, found with `SparkFiles.get` inside the partition.
3. Reduces every partition's records with `attest merge --emit records` (deduplicated, sorted: the
   merge is associative), collects those on the driver and runs `attest merge` once more: the
   matrix is Attest's own, with no copy of its row order, folding or CSV rules here.
4. Writes OUT_DIR/matrix.csv, byte for byte what `attest audit --format csv` prints for the same
   statements, OUT_DIR/errors.jsonl (the malformed lines, by their line in the corpus, counted with
   Spark SQL) and OUT_DIR/summary.json.

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
import tempfile
import threading

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


def merge_partition(binary_name, rules_name):
    """Reduces one partition's records to their merge: `attest merge --emit records`, which
    deduplicates and sorts them, so that the driver receives less and merges again."""

    def run(partition_index, records):
        binary = shipped(binary_name)
        ensure_executable(binary)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False) as f:
            for record in records:
                f.write(record + "\n")
            path = f.name
        try:
            done = subprocess.run([binary, "merge", "--rules", shipped(rules_name), "--emit", "records", path],
                                  capture_output=True, env=dict(os.environ))
        finally:
            os.unlink(path)
        if done.returncode != 0:
            raise RuntimeError(f"partition {partition_index}: attest merge exited with {done.returncode}: "
                               + done.stderr.decode("utf-8", errors="replace"))
        for line in done.stdout.decode("utf-8").splitlines():
            if line:
                yield line

    return run


def final_merge(binary, rules, record_lines):
    """The driver's last `attest merge` of every partition's merged records: matrix.csv as text."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", delete=False) as f:
        for line in record_lines:
            f.write(line + "\n")
        path = f.name
    try:
        done = subprocess.run([binary, "merge", "--rules", rules, "--format", "csv", path], capture_output=True)
    finally:
        os.unlink(path)
    if done.returncode != 0:
        sys.exit(f"attest_job: attest merge exited with {done.returncode}: {done.stderr.decode('utf-8', errors='replace')}")
    return done.stdout.decode("utf-8")


def write_atomically(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------------------------
# The job
# --------------------------------------------------------------------------------------------

RECORD_SCHEMA = "type STRING, line BIGINT, message STRING"


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

    partitions = args.partitions or sc.defaultParallelism
    lines = sc.textFile(args.input).zipWithIndex().repartition(partitions)
    piped = lines.mapPartitionsWithIndex(match_partition(binary_name, rules_name))
    piped.persist(StorageLevel.MEMORY_AND_DISK)
    # the matrix: Attest's own merge, first per partition, then once on the driver
    merged = piped.map(lambda pair: pair[1]).mapPartitionsWithIndex(merge_partition(binary_name, rules_name)).collect()
    matrix = final_merge(binary, rules, merged)
    # counts and malformed lines (by their line in the corpus), with Spark SQL
    raw = spark.createDataFrame(piped, "corpus_line BIGINT, record STRING")
    records = raw.selectExpr("corpus_line", f"from_json(record, '{RECORD_SCHEMA}') AS r").select("corpus_line", "r.*")
    records.createOrReplaceTempView("records")
    counts = {r["type"]: r["n"] for r in spark.sql("SELECT type, count(*) AS n FROM records GROUP BY type").collect()}
    errors = spark.sql("SELECT corpus_line AS line, message FROM records WHERE type = 'error' "
                       f"ORDER BY corpus_line LIMIT {int(args.max_errors)}").collect()
    rule_ids = next(csv.reader([matrix.split("\n", 1)[0]]))[3:]
    row_count = max(0, matrix.count("\n") - 1)

    os.makedirs(args.output, exist_ok=True)
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
