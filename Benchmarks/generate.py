#!/usr/bin/env python3
"""Deterministic benchmark data for Attest and its peers, drawn from the bundled corpus.

    generate.py corpus --mb 20 --out data/corpus-20.jsonl [--seed 1]
    generate.py rules --rules 2000 --out data/rules-2000 [--seed 1]

`corpus` writes JSON Lines statements {"id", "delegation", "text"}: each text is 2-12 sentences
drawn (with a seeded RNG) from the paragraphs of the press release and the speeches of the S/PV
records in Corpus/, with the `Speaker (Country):` headers stripped.

`rules` writes a pack directory (pack.yaml, Attest's YAML) of N phrase rules plus a handful of
citation rules, and rules.json beside it: [{"id", "phrases": [...], "citation": N|null}] for the
peers (a citation rule's phrases are ["resolution N"]). Each phrase rule has 1-8 phrases of 1-4
words; ~85% are word n-grams of the texts (ASCII words separated by single spaces in the source),
the rest invented words that never occur.
"""
import argparse
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Corpus")
SOURCES = [
    "press-releases/2020-08-06-security-council-terrorism-organized-crime.txt",
    "unsc-2020/S-PV-8711.txt",
    "unsc-2020/S-PV-8715.txt",
]
HEADER = re.compile(r"^(?:The President|The Secretary-General|[^:\n]{1,120}\([^)\n]{1,60}\)|Mr\.?[^:\n]{0,80}|Ms\.?[^:\n]{0,80}|Mrs\.?[^:\n]{0,80}):\s+")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])")
COUNTRY = re.compile(r"\(([^)\n]{3,60})\):")
CITATION_RESOLUTIONS = [2482, 2462, 2396, 1373, 2178, 2254, 2401, 2533, 2504]


def paragraphs():
    """Paragraphs of speech text (headers stripped) and the delegations named in the headers."""
    paras, delegations = [], set()
    for rel in SOURCES:
        with open(os.path.join(CORPUS, rel), encoding="utf-8") as f:
            for p in f.read().split("\n"):
                p = p.strip()
                if len(p) < 120:  # titles, "Skip to main content", procedural one-liners
                    continue
                m = COUNTRY.match(p[p.find("("):] if "(" in p[:120] else "")
                if m and re.fullmatch(r"[A-Z][A-Za-z' -]+", m.group(1)) and "spoke" not in m.group(1):
                    delegations.add(m.group(1))
                paras.append(HEADER.sub("", p, count=1))
    return paras, sorted(delegations) or ["France"]


def sentences(paras):
    out = []
    for p in paras:
        out.extend(s.strip() for s in SENTENCE.split(p) if len(s.strip()) > 20)
    return out


def write_corpus(args):
    rng = random.Random(args.seed)
    paras, delegations = paragraphs()
    sents = sentences(paras)
    target = int(args.mb * 1_000_000)
    written = 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        i = 0
        while written < target:
            n = rng.randint(2, 12)
            text = " ".join(rng.choice(sents) for _ in range(n))
            line = json.dumps({"id": f"s{i}", "delegation": rng.choice(delegations), "text": text}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            i += 1
    print(f"{args.out}: {i} statements, {written / 1e6:.1f} MB from {len(sents)} sentences", file=sys.stderr)


STOP = set("""a an and are as at be but by for from has have he her his i in is it its of on or our
that the their them there these they this those to was we were which who will with would not no
can could should may must also all any more most other such than then so very mr ms""".split())


def ngrams(paras):
    """Word n-grams (1-4) whose words are ASCII alphanumerics separated by single spaces."""
    grams = {1: set(), 2: set(), 3: set(), 4: set()}
    for p in paras:
        for run in re.split(r"[^A-Za-z0-9 ]+", p):  # runs without punctuation
            words = run.split()
            for n in range(1, 5):
                for k in range(len(words) - n + 1):
                    w = [x.lower() for x in words[k:k + n]]
                    # commitment-like phrases: no phrase starts or ends with a function word
                    if w[0] in STOP or w[-1] in STOP or (n == 1 and len(w[0]) < 6):
                        continue
                    g = " ".join(w)
                    if len(g) >= 3:
                        grams[n].add(g)
    return {n: sorted(g) for n, g in grams.items()}


SYLLABLES = ["zor", "qua", "vex", "plim", "trax", "bly", "quo", "zif", "gront", "xel", "vup", "kry"]


def invented(rng):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(rng.randint(1, 3)))


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def write_rules(args):
    rng = random.Random(args.seed)
    paras, _ = paragraphs()
    grams = ngrams(paras)
    # favour 2-3 word phrases (the realistic shape of a commitment phrase), keep some single words
    weights = {1: 0.2, 2: 0.35, 3: 0.3, 4: 0.15}
    rules = []
    for r in range(args.rules):
        phrases = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.15:
                p = invented(rng)
            else:
                n = rng.choices(list(weights), weights=list(weights.values()))[0]
                p = rng.choice(grams[n])
            if p not in phrases:
                phrases.append(p)
        rules.append({"id": f"phrase-{r:05d}", "phrases": phrases, "citation": None})
    for n in CITATION_RESOLUTIONS[: args.citations]:
        rules.append({"id": f"cites-resolution-{n}", "phrases": [f"resolution {n}"], "citation": n})

    out = args.out
    os.makedirs(out, exist_ok=True)
    no_match = "Quokkas hum softly."  # words that occur in no source text and no invented phrase
    lines = [
        "# Generated by Benchmarks/generate.py; do not edit.",
        "pack:",
        f"  id: bench-{args.rules}",
        f"  title: Benchmark pack of {args.rules} phrase rules (seed {args.seed})",
        '  version: "0.0.1"',
        "",
        "rules:",
    ]
    for rule in rules:
        lines.append(f"  - id: {rule['id']}")
        lines.append(f"    title: {yaml_str('Generated rule ' + rule['id'])}")
        lines.append(f"    scope: {args.scope}")
        lines.append("    negation: allow")
        if rule["citation"]:
            lines.append(f"    match: {{citation: {{resolution: {rule['citation']}}}}}")
            example = f"The Council adopted resolution {rule['citation']} (2019)."
        else:
            lines.append("    match: [" + ", ".join(yaml_str(p) for p in rule["phrases"]) + "]")
            example = f"We note: {rule['phrases'][0]}."
        lines.append("    examples:")
        lines.append(f"      match: [{yaml_str(example)}]")
        lines.append(f"      no_match: [{yaml_str(no_match)}]")
    with open(os.path.join(out, "pack.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "rules.json"), "w", encoding="utf-8") as f:
        json.dump(rules, f, indent=0)
    with open(os.path.join(out, "phrases.txt"), "w", encoding="utf-8") as f:  # for ripgrep -F -f
        seen = set()
        for rule in rules:
            for p in rule["phrases"]:
                if p not in seen:
                    seen.add(p)
                    f.write(p + "\n")
    nphr = sum(len(r["phrases"]) for r in rules)
    print(f"{out}: {len(rules)} rules ({args.citations} citation), {nphr} phrases", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("--mb", type=float, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("rules")
    r.add_argument("--rules", type=int, required=True)
    r.add_argument("--citations", type=int, default=5)
    r.add_argument("--scope", default="statement", choices=["sentence", "paragraph", "statement"])
    r.add_argument("--out", required=True)
    r.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    write_corpus(args) if args.cmd == "corpus" else write_rules(args)


if __name__ == "__main__":
    main()
