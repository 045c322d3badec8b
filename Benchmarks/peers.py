#!/usr/bin/env python3
"""The peers Attest is measured against, and the comparison of what each found.

    peers.py run --peer NAME --corpus C.jsonl --rules DIR/rules.json --out PREFIX [--budget S]
    peers.py attest-pairs --rules R.json --out PREFIX < (attest match [--compact] output)
    peers.py attest-summary --corpus C.jsonl --rules R.json --out PREFIX --seconds S [--stopped]
    peers.py report --out-dir out --md results.md

`run` reads the corpus (JSON Lines), matches every statement against every rule and writes
PREFIX.json ({tool, seconds (matching only), total_seconds (with reading and JSON parsing),
bytes, statements, pairs}) and PREFIX.pairs (one "statement-index rule-index" per line). With
--budget, it stops after the statement during which matching time passed S seconds and reports
the bytes it got through, so a slow peer is measured on a prefix of the corpus.

Peers (all case-insensitive, whole words):
  re          Python `re`, one compiled pattern per rule: \b(?:p1|p2|...)\b, words joined by \W+
  aho         pyahocorasick over the lowercased text, literal phrases (single spaces), boundary check
  spacy       spaCy PhraseMatcher(attr="LOWER") on spacy.blank("en") (time includes tokenising)
  hyperscan   one pattern per phrase, \bw1\W+w2\b, HS_FLAG_CASELESS (HS_FLAG_SOM_LEFTMOST with HS_SOM=1)
  re2         google-re2 re2.Set of one pattern per rule (same pattern as `re`)
A citation rule (citation: {resolution: N}) is the phrase "resolution N" for every peer; Attest
also finds "resolutions 2462 (2019) and 2482 (2019)", "S/RES/2482 (2019)" and so on.
A regex rule (rules.json "regex") is its pattern for re, re2 and hyperscan (each in its engine's
spelling, all with Unicode white space for \s; hyperscan with HS_FLAG_UTF8, since its UCP mode
has no \b); aho and spacy cannot run it and skip it.
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys
import time


def load_rules(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def phrase_regex(p):
    return r"\W+".join(re.escape(w) for w in p.split())


def rule_regex(rule, spelling="python"):
    if rule.get("regex"):
        return rule["regex"][spelling]
    return r"\b(?:" + "|".join(phrase_regex(p) for p in rule["phrases"]) + r")\b"


# Each builder returns match(text) -> iterable of rule indices.

def build_re(rules):
    pats = [re.compile(rule_regex(r), re.IGNORECASE) for r in rules]

    def match(text):
        return [i for i, p in enumerate(pats) if p.search(text)]
    return match


def build_aho(rules):
    import ahocorasick
    A = ahocorasick.Automaton()
    table = {}
    for i, r in enumerate(rules):
        for p in r["phrases"]:
            table.setdefault(p.lower(), set()).add(i)
    for p, ids in table.items():
        A.add_word(p, (len(p), tuple(ids)))
    A.make_automaton()

    def match(text):
        t = text.lower()
        n = len(t)
        found = set()
        for end, (length, ids) in A.iter(t):
            start = end - length + 1
            if (start == 0 or not t[start - 1].isalnum()) and (end + 1 == n or not t[end + 1].isalnum()):
                found.update(ids)
        return found
    return match


def build_spacy(rules):
    import spacy
    from spacy.matcher import PhraseMatcher
    nlp = spacy.blank("en")
    m = PhraseMatcher(nlp.vocab, attr="LOWER")
    for i, r in enumerate(rules):
        m.add(str(i), [nlp.make_doc(p) for p in r["phrases"]])
    strings = nlp.vocab.strings

    def match(text):
        doc = nlp.make_doc(text)
        return {int(strings[mid]) for mid, _, _ in m(doc)}
    return match


def build_hyperscan(rules):
    import hyperscan
    exprs, ids, owner, regex = [], [], [], []
    for i, r in enumerate(rules):
        for p in r["phrases"]:
            exprs.append((r"\b" + phrase_regex(p) + r"\b").encode())
            ids.append(len(ids))
            owner.append(i)
            regex.append(False)
        if r.get("regex"):
            exprs.append(r["regex"]["re2"].encode())
            ids.append(len(ids))
            owner.append(i)
            regex.append(True)
    db = hyperscan.Database()
    # HS_FLAG_SOM_LEFTMOST (start offsets) makes compiling 9,000 phrases take ~4 minutes here;
    # the peer needs only which phrase matched (\b is in the pattern), so SOM is opt-in: HS_SOM=1
    flags = hyperscan.HS_FLAG_CASELESS
    if os.environ.get("HS_SOM") == "1":
        flags |= hyperscan.HS_FLAG_SOM_LEFTMOST
    db.compile(expressions=exprs, ids=ids, elements=len(exprs),
               flags=[flags | (hyperscan.HS_FLAG_UTF8 if x else 0) for x in regex])
    scratch = hyperscan.Scratch(db)

    def match(text):
        found = set()

        def on(pid, start, end, flags, ctx):
            found.add(owner[pid])
        db.scan(text.encode("utf-8"), match_event_handler=on, scratch=scratch)
        return found
    return match


def build_re2(rules):
    import re2
    opts = re2.Options()
    opts.case_sensitive = False
    opts.max_mem = 1 << 30
    s = re2.Set.SearchSet(opts)
    for r in rules:
        s.Add(rule_regex(r, "re2"))
    s.Compile()

    def match(text):
        return s.Match(text) or ()
    return match


PEERS = {"re": build_re, "aho": build_aho, "spacy": build_spacy, "hyperscan": build_hyperscan, "re2": build_re2}


def cmd_run(a):
    rules = load_rules(a.rules)
    t0 = time.perf_counter()
    match = PEERS[a.peer](rules)
    compile_s = time.perf_counter() - t0
    match_s = 0.0
    nbytes = n = 0
    pairs = []
    start = time.perf_counter()
    with open(a.corpus, "rb") as f:
        for line in f:
            s = json.loads(line)
            t = time.perf_counter()
            hits = match(s["text"])
            match_s += time.perf_counter() - t
            for r in hits:
                pairs.append((n, r))
            nbytes += len(line)
            n += 1
            if a.budget and match_s > a.budget:
                break
    total = time.perf_counter() - start
    with open(a.out + ".pairs", "w") as f:
        f.writelines(f"{i} {r}\n" for i, r in pairs)
    res = {"tool": a.peer, "seconds": match_s, "total_seconds": total, "compile_seconds": compile_s,
           "bytes": nbytes, "statements": n, "pairs": len(pairs), "rules": len(rules),
           "complete": not (a.budget and match_s > a.budget), "corpus": os.path.basename(a.corpus),
           "pack": os.path.basename(os.path.dirname(os.path.abspath(a.rules)))}
    with open(a.out + ".json", "w") as f:
        json.dump(res, f)
    print(json.dumps(res))


RULE_IN_FINDINGS = re.compile(rb'\["([a-z0-9-]+)",')


def cmd_attest_pairs(a):
    """Reads `attest match` output on stdin (streaming: it can be gigabytes) and writes its pairs,
    statement by statement (rules ascending within one), without holding them all: a 200 MB
    corpus with the dense pack gives 45 million."""
    rules = load_rules(a.rules)
    index = {r["id"]: i for i, r in enumerate(rules)}
    npairs, statements, out_bytes, errors = 0, 0, 0, 0
    current, found = -1, set()
    with open(a.out + ".pairs", "w") as out:
        def flush():
            nonlocal npairs
            if found:
                out.writelines(f"{current} {r}\n" for r in sorted(found))
                npairs += len(found)
                found.clear()
        for line in sys.stdin.buffer:
            out_bytes += len(line)
            head = line.find(b'"findings":[', 0, 600)
            if head >= 0:
                # `attest match --compact`: one line per statement; keys sorted, so the findings
                # ([rule, start, end, spans], only ids and numbers) come before "id"; read the ids
                # with a regular expression rather than parse the whole line (its text included)
                end = line.find(b'],"', head)
                i = line.find(b',"id":"s', end)
                if end < 0 or i < 0 or not line.endswith(b"}\n"):  # the last line of a run stopped by the budget
                    continue
                statements += 1
                sid = int(line[i + 8:line.index(b'"', i + 8)])
                flush()
                current = sid
                found.update(index[m.group(1).decode()] for m in RULE_IN_FINDINGS.finditer(line, head + 12, end + 1))
                continue
            # keys are sorted: ... "id":"s12", ... "rule":"...", "sentence": ...; avoid parsing the rest
            if line.startswith(b'{"delegation"') or b'"type":"' in line[-200:]:
                tail = line[line.rfind(b'"type":"'):]
                if tail.startswith(b'"type":"statement"'):
                    statements += 1
                    continue
                if tail.startswith(b'"type":"error"'):
                    errors += 1
                    continue
                try:
                    i = line.index(b'"id":"s') + 7
                    sid = int(line[i:line.index(b'"', i)])
                    j = line.index(b'"rule":"') + 8
                    rule = index[line[j:line.index(b'"', j)].decode()]
                except ValueError:  # the last line of a run stopped by the budget
                    continue
                if sid != current:
                    flush()
                    current = sid
                found.add(rule)
        flush()
    with open(a.out + ".stream.json", "w") as f:
        json.dump({"statements": statements, "pairs": npairs, "output_bytes": out_bytes, "errors": errors}, f)


def cmd_attest_summary(a):
    with open(a.out + ".stream.json") as f:
        st = json.load(f)
    statements = st["statements"]
    nbytes = 0  # bytes of the statements Attest got through (all of them unless it was stopped)
    with open(a.corpus, "rb") as f:
        for k, line in enumerate(f):
            if k >= statements:
                break
            nbytes += len(line)
    rules = load_rules(a.rules)
    res = {"tool": "attest", "seconds": a.seconds, "total_seconds": a.seconds, "bytes": nbytes,
           "statements": statements, "pairs": st["pairs"], "rules": len(rules), "complete": not a.stopped,
           "corpus": os.path.basename(a.corpus), "output_bytes": st["output_bytes"], "errors": st["errors"],
           "pack": os.path.basename(os.path.dirname(os.path.abspath(a.rules)))}
    with open(a.out + ".json", "w") as f:
        json.dump(res, f)
    print(json.dumps(res))


def statement_pairs(path, limit):
    """(statement, rules) of a pairs file, statement by statement, for statements below `limit`.
    Every writer here gives one statement's pairs together, statements ascending."""
    current, rules = None, set()
    with open(path) as f:
        for line in f:
            i, r = line.split()
            i = int(i)
            if i >= limit:
                continue
            if i != current:
                if current is not None:
                    yield current, rules
                current, rules = i, set()
            rules.add(int(r))
    if current is not None:
        yield current, rules


def compare_pairs(path_a, path_p, limit):
    """Pairs in both files, only in the first and only in the second, read side by side: two
    files of 45 million pairs each never have to be held in memory."""
    both = a_only = p_only = 0
    a, p = statement_pairs(path_a, limit), statement_pairs(path_p, limit)
    x, y = next(a, None), next(p, None)
    while x is not None or y is not None:
        if y is None or (x is not None and x[0] < y[0]):
            a_only += len(x[1]); x = next(a, None)
        elif x is None or y[0] < x[0]:
            p_only += len(y[1]); y = next(p, None)
        else:
            both += len(x[1] & y[1]); a_only += len(x[1] - y[1]); p_only += len(y[1] - x[1])
            x, y = next(a, None), next(p, None)
    return both, a_only, p_only


def rss_mb(prefix):
    try:
        with open(prefix + ".time") as f:
            for line in f:
                if "Maximum resident set size" in line:
                    return int(line.rsplit(":", 1)[1]) / 1024
    except OSError:
        pass
    return None


def cpu_seconds(prefix):
    """User and system CPU seconds of the process (and its children) from `/usr/bin/time -v`."""
    user = system = None
    try:
        with open(prefix + ".time") as f:
            for line in f:
                if "User time (seconds)" in line:
                    user = float(line.rsplit(":", 1)[1])
                elif "System time (seconds)" in line:
                    system = float(line.rsplit(":", 1)[1])
    except OSError:
        pass
    return user, system


def find(rows, tool, corpus, pack):
    """The row of `tool` on `corpus` with `pack`, run to its end (not stopped at the budget), or None."""
    return next((r for r in rows if r["tool"] == tool and r["corpus"] == corpus and r.get("pack") == pack
                 and r.get("complete", True)), None)


def targets(rows):
    """The targets of issue 15, each computed from the rows of one run: for every corpus size and
    rule count, Attest with the 20 regexes against re2.Set on the same pack, the regexes' cost over
    the phrase-only pack, UN typography against ASCII, and user CPU over wall clock."""
    out = ["| corpus | rules | Attest with regexes: wall / user CPU, MB/s | re2.Set (matching) | re2.Set ÷ Attest: wall / CPU | target | "
           "regexes add: wall / CPU (target ≤ 25 %) | phrase-only UN ÷ ASCII, per MB: wall / CPU (target ≤ 1.3×) | "
           "user ÷ wall with regexes (target 1.8-2); with system time |",
           "|---|---|---|---|---|---|---|---|---|"]
    seen = False
    for r in sorted(rows, key=lambda r: (r["bytes"], r.get("pack", ""))):
        pack = r.get("pack", "")
        if r["tool"] != "attest" or not pack.endswith("-rx") or "-un." not in r["corpus"]:
            continue
        seen = True
        base, un = pack[:-3], r["corpus"]
        ascii_corpus = un.replace("-un.", "-ascii.")
        phrase, ascii_run, re2 = find(rows, "attest", un, base), find(rows, "attest", ascii_corpus, base), find(rows, "re2", un, pack)
        user, system = cpu_seconds(r["prefix"])
        mb = r["bytes"] / 1e6
        n = int(base.split("-")[1]) if base.split("-")[1].isdigit() else 0
        goal = "≥ 5× and ≥ 50 MB/s" if n >= 2000 else "≥ 2×"
        cells = [f"{un} ({mb:.0f} MB)", pack, f"{r['seconds']:.2f} / {user:.2f} s, {mb / r['seconds']:.1f} MB/s" if user is not None else f"{r['seconds']:.2f} s"]
        if re2:
            cells.append(f"{re2['seconds']:.2f} s")
            cells.append(f"{re2['seconds'] / r['seconds']:.2f}× / " + (f"{re2['seconds'] / user:.2f}×" if user else "?"))
        else:
            cells += ["not run", ""]
        cells.append(goal)
        if phrase:
            pu, _ = cpu_seconds(phrase["prefix"])
            add_wall = r["seconds"] / phrase["seconds"] - 1
            add_cpu = (user / pu - 1) if (user and pu) else None
            cells.append(f"{add_wall:+.0%} / " + (f"{add_cpu:+.0%}" if add_cpu is not None else "?"))
        else:
            cells.append("not run")
        if phrase and ascii_run:
            pu, _ = cpu_seconds(phrase["prefix"])
            au, _ = cpu_seconds(ascii_run["prefix"])
            per_mb = lambda sec, row: sec / (row["bytes"] / 1e6)
            wall = per_mb(phrase["seconds"], phrase) / per_mb(ascii_run["seconds"], ascii_run)
            cpu = per_mb(pu, phrase) / per_mb(au, ascii_run) if (pu and au) else None
            cells.append(f"{wall:.2f}× / " + (f"{cpu:.2f}×" if cpu is not None else "?"))
        else:
            cells.append("not run")
        # (system time: mostly the kernel copying the records into the output file)
        both = f"; {(user + system) / r['seconds']:.2f}" if user and system is not None else ""
        cells.append(f"{user / r['seconds']:.2f}{both}" if user else "?")
        out.append("| " + " | ".join(cells) + " |")
    return out if seen else []


def runs(prefix):
    """Every run's figure of a configuration, in run order (`PREFIX.runs`, written by run.sh), or []."""
    try:
        with open(prefix + ".runs") as f:
            return [float(x) for x in f.read().split()]
    except (OSError, ValueError):
        return []


def paired(rows):
    """Run k of each configuration ran in the same round (run.sh interleaves them): the ratios of
    the targets taken round by round, their median and range, which a slow minute moves less than
    a ratio of two medians taken apart. Wall clock (the runs' CPU times are not kept)."""
    def summary(values, fmt):
        values = sorted(values)
        return f"{fmt(statistics.median(values))} ({fmt(values[0])} to {fmt(values[-1])})"
    out = []
    for r in sorted(rows, key=lambda r: (r["bytes"], r.get("pack", ""))):
        pack = r.get("pack", "")
        if r["tool"] != "attest" or not pack.endswith("-rx") or "-un." not in r["corpus"]:
            continue
        rx, phrase, re2 = runs(r["prefix"]), find(rows, "attest", r["corpus"], pack[:-3]), find(rows, "re2", r["corpus"], pack)
        cells = []
        if re2 and len(rx) >= 2 and len(runs(re2["prefix"])) == len(rx):
            cells.append("re2.Set ÷ Attest " + summary([b / a for a, b in zip(rx, runs(re2["prefix"]))], lambda v: f"{v:.2f}×"))
        if phrase and len(rx) >= 2 and len(runs(phrase["prefix"])) == len(rx):
            cells.append("the regexes add " + summary([b / a - 1 for a, b in zip(runs(phrase["prefix"]), rx)], lambda v: f"{v:+.1%}"))
        if cells:
            out.append(f"- {r['corpus']}, {pack}, {len(rx)} rounds: " + "; ".join(cells))
    return out


def cmd_report(a):
    rows = []
    for js in sorted(j for j in glob.glob(os.path.join(a.out_dir, "*.json")) if not j.endswith(".stream.json")):
        with open(js) as f:
            r = json.load(f)
        r["prefix"] = js[:-5]
        r["rss"] = rss_mb(r["prefix"])
        rows.append(r)
    groups = {}
    for r in rows:
        groups.setdefault((r["corpus"], r.get("pack", str(r["rules"]))), []).append(r)
    lines = ["| tool | corpus | pack | rules | statements | seconds (match) | MB/s (match) | seconds (total) | "
             "peak RSS MB | pairs | Jaccard vs Attest | only Attest | only peer | Attest speed ratio |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    def size(k):
        path = os.path.join(a.data_dir, k[0])
        return os.path.getsize(path) if os.path.exists(path) else 0
    for key in sorted(groups, key=lambda k: (size(k) // 10_000_000, k[1], k[0])):
        g = groups[key]
        at = next((r for r in g if r["tool"] == "attest"), None)
        order = ["attest", "ripgrep", "hyperscan", "aho", "re2", "re", "spacy"]
        g.sort(key=lambda r: order.index(r["tool"]) if r["tool"] in order else 99)
        for r in g:
            mb = r["bytes"] / 1e6
            mbs = mb / r["seconds"] if r["seconds"] else float("inf")
            jac = only_a = only_p = ratio = ""
            if at and r["tool"] not in ("attest", "ripgrep") and os.path.exists(r["prefix"] + ".pairs"):
                lim = min(r["statements"], at["statements"])
                both, a_only, p_only = compare_pairs(at["prefix"] + ".pairs", r["prefix"] + ".pairs", lim)
                u = both + a_only + p_only
                jac = f"{both / u:.4f}" if u else "1"
                only_a, only_p = str(a_only), str(p_only)
            if at and r["tool"] != "attest" and r["seconds"]:
                at_mbs = (at["bytes"] / 1e6) / at["seconds"]
                ratio = f"{at_mbs / mbs:.2g}×"
            partial = "" if r.get("complete", True) else " (prefix)"
            pairs = str(r["pairs"]) + (" lines" if r["tool"] == "ripgrep" else "")
            rss = f"{r['rss']:.0f}" if r["rss"] is not None else "?"
            lines.append(f"| {r['tool']}{partial} | {r['corpus']} ({mb:.1f} MB) | {r.get('pack', '')} | {r['rules']} | {r['statements']} | "
                         f"{r['seconds']:.2f} | {mbs:.3g} | {r['total_seconds']:.2f} | {rss} | {pairs} | {jac} | {only_a} | {only_p} | {ratio} |")
    goals = targets(rows)
    if goals:
        lines += ["", "Targets of issue 15 (this run; wall clock is end to end for Attest, the matching calls for re2.Set; "
                  "CPU is Attest's user time, both cores):", ""] + goals
        rounds = paired(rows)
        if rounds:
            lines += ["", "The same targets round by round (run k of every configuration ran in round k; the median of the "
                      "rounds' ratios, and their range; wall clock):", ""] + rounds
    text = "\n".join(lines)
    print(text)
    if a.md:
        with open(a.md, "a") as f:
            f.write(text + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--peer", required=True, choices=sorted(PEERS))
    r.add_argument("--corpus", required=True)
    r.add_argument("--rules", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--budget", type=float, default=0)
    p = sub.add_parser("attest-pairs")
    p.add_argument("--rules", required=True)
    p.add_argument("--out", required=True)
    s = sub.add_parser("attest-summary")
    s.add_argument("--corpus", required=True)
    s.add_argument("--rules", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--seconds", type=float, required=True)
    s.add_argument("--stopped", action="store_true")
    q = sub.add_parser("report")
    q.add_argument("--out-dir", required=True)
    q.add_argument("--data-dir", required=True)
    q.add_argument("--md")
    a = ap.parse_args()
    {"run": cmd_run, "attest-pairs": cmd_attest_pairs, "attest-summary": cmd_attest_summary, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
