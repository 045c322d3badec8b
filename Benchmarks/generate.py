#!/usr/bin/env python3
"""Deterministic benchmark data for Attest and its peers, drawn from the bundled corpus.

    generate.py corpus --mb 20 --out data/corpus-20.jsonl [--typography un|ascii|source] [--seed 1]
    generate.py rules --rules 2000 --out data/rules-2000 [--regexes 20] [--dense] [--seed 1]

`corpus` writes JSON Lines statements {"id", "delegation", "text"}: each text is 2-12 sentences
drawn (with a seeded RNG) from the paragraphs of the press release and the speeches of the S/PV
records in Corpus/, with the `Speaker (Country):` headers stripped. With `--typography un` (the
default) the text is written as UN documents are (the S/PV records in Corpus/ are plain ASCII
transcriptions; the press release is not), at the rates measured in the press release when the
script starts (`typography_rates`): U+00A0 after a sentence's full stop (". " + U+00A0 as
the press release writes it), inside citations ("resolution 2482 (2019)") and next to numbers
("50 Member States"); U+2011 in hyphenated words; ’ for apostrophes, “ ” for quotes, — for a
spaced dash, and – between the numbers of a range (the corpus has no range to measure that
from: always). `--typography ascii` writes the same statements with every one of those
characters replaced by its ASCII equivalent (for measuring what the typography costs);
`--typography source` writes the sentences as they are in Corpus/ (the corpus before issue 15).

`rules` writes a pack directory (pack.yaml, Attest's YAML) of N phrase rules plus a handful of
citation rules and, with `--regexes K`, the first K of the 20 regex rules in REGEXES (citations
of resolutions, document symbols, dates, percentages, amounts, "Article N of the Charter" — the
kinds analysts write); and rules.json beside it: [{"id", "phrases": [...], "citation": N|null,
"regex": {"attest", "re2", "python"}|null}] for the peers (a citation rule's phrases are
["resolution N"]; a regex in each engine's spelling, all meaning the same: `\s` is Unicode white
space, U+00A0 included). Each phrase rule has 1-8 phrases of 1-4 words; ~85% are word n-grams of
the texts (ASCII words separated by single spaces in the source), the rest invented words that
never occur. `--dense` draws 30% of the n-grams from the 400 most frequent ones instead, for a
pack in which a statement matches 200-300 rules (2,000 rules) rather than about 70.
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


PRESS_RELEASE = os.path.join(CORPUS, SOURCES[0])


def typography_rates():
    """How often the press release (a UN document as published) writes each typographic form."""
    with open(PRESS_RELEASE, encoding="utf-8") as f:
        t = f.read()

    def share(pattern, ascii_pattern):
        a, b = len(re.findall(pattern, t)), len(re.findall(ascii_pattern, t))
        return a / (a + b) if a + b else 0.0
    return {
        "sentence_nbsp": share(r"[.!?]\u00a0 ", r"[.!?] (?=[A-Z\u201c\"])"),
        "citation_nbsp": share(r"resolutions?\u00a0\d|\d\u00a0\(\d{4}\)", r"resolutions? \d|\d \(\d{4}\)"),
        "number_nbsp": share(r"\d\u00a0[A-Za-z]|[a-z]\u00a0\d", r"\d [A-Za-z]|[a-z] \d"),
        "nb_hyphen": share(r"\w\u2011\w", r"\w-\w"),
        "apostrophe": share(r"\w\u2019\w", r"\w'\w"),
        "quotes": share(r"[\u201c\u201d]", r'"'),
        "em_dash": share(r"\u2014", r" -{1,2} "),
        "en_dash_range": 1.0,
    }


ASCII = str.maketrans({"\u00a0": " ", "\u2011": "-", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})


def un_typography(sentence, rng, rates):
    """The sentence as a UN document writes it, each form at its rate."""
    def maybe(key, un, plain):
        return lambda m: m.expand(un if rng.random() < rates[key] else plain)
    s = re.sub(r"\b(resolutions?) (?=\d)", maybe("citation_nbsp", "\\1\u00a0", "\\1 "), sentence)
    s = re.sub(r"(\d) (?=\(\d{4}\))", maybe("citation_nbsp", "\\1\u00a0", "\\1 "), s)
    s = re.sub(r"(\d) (?=[A-Za-z])", maybe("number_nbsp", "\\1\u00a0", "\\1 "), s)
    s = re.sub(r"([a-z]) (?=\d)", maybe("number_nbsp", "\\1\u00a0", "\\1 "), s)
    s = re.sub(r"(\d)-(?=\d)", maybe("en_dash_range", "\\1\u2013", "\\1-"), s)
    s = re.sub(r"(\w)-(?=\w)", maybe("nb_hyphen", "\\1\u2011", "\\1-"), s)
    s = re.sub(r"(\w)'(?=\w)", maybe("apostrophe", "\\1\u2019", "\\1'"), s)
    if rng.random() < rates["quotes"]:
        s = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", s)
    s = re.sub(r" -{1,2} ", maybe("em_dash", " \u2014 ", " - "), s)
    return s


def write_corpus(args):
    rng = random.Random(args.seed)
    paras, delegations = paragraphs()
    sents = sentences(paras)
    rates = typography_rates()
    if args.typography != "source":
        print("typography rates (press release): " + ", ".join(f"{k} {v:.2f}" for k, v in rates.items()), file=sys.stderr)
    target = int(args.mb * 1_000_000)
    written = 0
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        i = 0
        while written < target:
            n = rng.randint(2, 12)
            if args.typography == "source":
                text = " ".join(rng.choice(sents) for _ in range(n))
            else:
                parts = [un_typography(rng.choice(sents), rng, rates) for _ in range(n)]
                text = parts[0]
                for p in parts[1:]:
                    text += ("\u00a0 " if rng.random() < rates["sentence_nbsp"] else " ") + p
            record = {"id": f"s{i}", "delegation": rng.choice(delegations), "text": text}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            # the ASCII corpus has the same statements as the UN one (it is a little smaller)
            written += len(line.encode("utf-8"))
            if args.typography == "ascii":
                record["text"] = text.translate(ASCII)
                line = json.dumps(record, ensure_ascii=False) + "\n"
            f.write(line)
            i += 1
    print(f"{args.out}: {i} statements, {written / 1e6:.1f} MB from {len(sents)} sentences", file=sys.stderr)


STOP = set("""a an and are as at be but by for from has have he her his i in is it its of on or our
that the their them there these they this those to was we were which who will with would not no
can could should may must also all any more most other such than then so very mr ms""".split())


def ngrams(paras, counts=None):
    """Word n-grams (1-4) whose words are ASCII alphanumerics separated by single spaces; with
    `counts` (a dict), also how many times each occurs."""
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
                        if counts is not None:
                            counts[g] = counts.get(g, 0) + 1
    return {n: sorted(g) for n, g in grams.items()}


SYLLABLES = ["zor", "qua", "vex", "plim", "trax", "bly", "quo", "zif", "gront", "xel", "vup", "kry"]


def invented(rng):
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(rng.randint(1, 3)))


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


# The regex rules of a benchmark pack: (id, pattern as an Attest rule writes it, a statement it
# matches). Kinds analysts write: citations of resolutions, document symbols, dates, percentages,
# amounts, "Article N of the Charter".
REGEXES = [
    ("rx-resolution", r"\bresolutions?\s+\d{3,4}\s*\(\d{4}\)", "Recalling resolution 2482 (2019)."),
    ("rx-resolution-list", r"\bresolutions\s+\d{3,4}\s*\(\d{4}\)(?:\s*(?:,|and)\s*\d{3,4}\s*\(\d{4}\))+",
     "Recalling resolutions 2462 (2019) and 2482 (2019)."),
    ("rx-s-res", r"\bS/RES/\d{1,4}\s*\(\d{4}\)", "See S/RES/2482 (2019)."),
    ("rx-document", r"\bS/\d{4}/\d{1,4}\b", "See document S/2020/754."),
    ("rx-record", r"\bS/PV\.\d{4}\b", "See S/PV.8711."),
    ("rx-prst", r"\bS/PRST/\d{4}/\d{1,2}\b", "See S/PRST/2020/5."),
    ("rx-ga-resolution", r"\bA/RES/\d{2}/\d{1,3}\b", "See A/RES/74/1."),
    ("rx-date", r"\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b",
     "On 6 August 2020 the Council met."),
    ("rx-month-year", r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}\b",
     "In December 2019 it began."),
    ("rx-percent", r"\b\d{1,3}(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)", "More than 95 per cent of deaths."),
    ("rx-thousands", r"\b\d{1,3}(?:,\d{3})+\b", "Some 586,000 people moved."),
    ("rx-dollars", r"(?:\$|US\$|USD\s*)\s*\d+(?:[.,]\d+)*(?:\s*(?:million|billion|trillion))?", "It requested $336 million."),
    ("rx-millions", r"\b\d+(?:\.\d+)?\s+(?:million|billion|trillion)\b", "Some 1.4 million people."),
    ("rx-charter-article", r"\bArticle\s+\d{1,3}\s+of\s+the\s+(?:United\s+Nations\s+)?Charter\b", "Under Article 51 of the Charter."),
    ("rx-charter-chapter", r"\bChapter\s+(?:VI|VII|VIII)\s+of\s+the\s+Charter\b", "Under Chapter VII of the Charter."),
    ("rx-year-range", r"\b(?:19|20)\d{2}\s*[-\u2013]\s*(?:19|20)?\d{2}\b", "The plan for 2020-2021."),
    ("rx-paragraph-of", r"\bparagraphs?\s+\d{1,2}\s+of\s+resolution\s+\d{3,4}\b", "As paragraph 15 of resolution 2482 asks."),
    ("rx-covid", r"\b(?:COVID|SARS)[-\u2010\u2011]?19\b", "The COVID-19 pandemic."),
    ("rx-ordinal-meeting", r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:meeting|session|anniversary)\b", "On the 75th anniversary."),
    ("rx-counter-terrorism", r"\b(?:counter|anti)[\s\u2010\u2011-]*terrorism\b", "Counter-terrorism efforts."),
]


def regex_spellings(pattern):
    """The pattern for each engine, meaning the same: Attest's (ICU spelling: `\\s` is white space
    with U+00A0, `\\uXXXX`), RE2's (google-re2, Hyperscan: `\\s` is ASCII there, so spelled out;
    `\\x{XXXX}`) and Python's (`\\s` is Unicode white space already)."""
    space = r"\t\n\f\r\p{Z}"
    re2 = pattern.replace(r"[\s", "[" + space).replace(r"\s", "[" + space + "]")
    re2 = re.sub(r"\\u([0-9A-Fa-f]{4})", r"\\x{\1}", re2)
    return {"attest": pattern, "re2": re2, "python": pattern}


def write_rules(args):
    rng = random.Random(args.seed)
    paras, _ = paragraphs()
    counts = {}
    grams = ngrams(paras, counts)
    frequent = sorted(counts, key=lambda g: (-counts[g], g))[:400]
    # favour 2-3 word phrases (the realistic shape of a commitment phrase), keep some single words
    weights = {1: 0.2, 2: 0.35, 3: 0.3, 4: 0.15}
    rules = []
    for r in range(args.rules):
        phrases = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.15:
                p = invented(rng)
            elif args.dense and rng.random() < 0.3:
                p = rng.choice(frequent)
            else:
                n = rng.choices(list(weights), weights=list(weights.values()))[0]
                p = rng.choice(grams[n])
            if p not in phrases:
                phrases.append(p)
        rules.append({"id": f"phrase-{r:05d}", "phrases": phrases, "citation": None})
    for n in CITATION_RESOLUTIONS[: args.citations]:
        rules.append({"id": f"cites-resolution-{n}", "phrases": [f"resolution {n}"], "citation": n})
    for rid, pattern, example in REGEXES[: args.regexes]:
        rules.append({"id": rid, "phrases": [], "citation": None, "regex": regex_spellings(pattern), "example": example})

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
        if rule.get("regex"):
            lines.append(f"    match: {{regex: {yaml_str(rule['regex']['attest'])}}}")
            example = rule["example"]
        elif rule["citation"]:
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
    print(f"{out}: {len(rules)} rules ({args.citations} citation, {min(args.regexes, len(REGEXES))} regex), {nphr} phrases", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("--mb", type=float, required=True)
    c.add_argument("--out", required=True)
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--typography", default="un", choices=["un", "ascii", "source"])
    r = sub.add_parser("rules")
    r.add_argument("--rules", type=int, required=True)
    r.add_argument("--citations", type=int, default=5)
    r.add_argument("--regexes", type=int, default=0, help="how many of the 20 regex rules to add")
    r.add_argument("--dense", action="store_true", help="30%% of the n-grams from the 400 most frequent")
    r.add_argument("--scope", default="statement", choices=["sentence", "paragraph", "statement"])
    r.add_argument("--out", required=True)
    r.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    write_corpus(args) if args.cmd == "corpus" else write_rules(args)


if __name__ == "__main__":
    main()
