#!/usr/bin/env bash
# Benchmark Attest against the tools a user would reach for. See Benchmarks/README.md.
#   Benchmarks/run.sh [--quick]
# --quick: the 20 MB corpus and 100 rules only. Otherwise 20 MB and 200 MB × 100 and 2,000 rules.
# Each rule count runs twice: phrase-only (rules-N) and with the 20 regex rules (rules-N-rx); the
# corpus has UN typography, and Attest also runs phrase-only on the same corpus in ASCII.
# BUDGET (seconds, default 120, 30 with --quick): a tool whose matching passes it is stopped and
# measured on the prefix of the corpus it got through (marked "(prefix)" in the table).
# SIZES, RULES: override the lists ("20 200", "100 2000"). DENSE=1: packs of 200-300 pairs per
# statement (generate.py --dense; packs rules-N-dense[-rx]). PEERS: which peers run (default all
# that install); with the regex packs only re, re2 and hyperscan run (the others cannot).
# REPEAT=N (default 1): N rounds, each running every pack and tool once; the median run of each is kept,
# every run listed, and the targets' ratios also taken round by round (run k against run k).
# SHIPPED=0: leave out the shipped pack (Rules/unsc-2482), which Attest runs alone on each size.
# OUT_DIR: where the outputs go (default Benchmarks/out; its files are removed first; see below).
set -uo pipefail
cd "$(dirname "$0")"
B=$PWD
ROOT=$(cd .. && pwd)
QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if [ $QUICK = 1 ]; then SIZES=${SIZES:-20}; RULES=${RULES:-100}; BUDGET=${BUDGET:-30}
else SIZES=${SIZES:-20 200}; RULES=${RULES:-100 2000}; BUDGET=${BUDGET:-120}; fi
DENSE=${DENSE:-0}
REPEAT=${REPEAT:-1}
SUFFIX=""; DENSE_FLAG=""
[ "$DENSE" = 1 ] && { SUFFIX="-dense"; DENSE_FLAG="--dense"; }
# OUT_DIR: where the runs write their outputs (default Benchmarks/out). Attest's end-to-end time
# includes writing every finding (with 2,000 dense rules, 2.1 GB from 200 MB): on a disk the
# kernel's writeback of the previous run can add seconds of system time, so OUT_DIR=/dev/shm/...
# (memory) measures Attest, and the default what a user writing to this disk sees.
DATA=$B/data; OUT=${OUT_DIR:-$B/out}; mkdir -p "$DATA" "$OUT"
rm -f "$OUT"/*
log() { echo "== $*" >&2; }

# --- tools ---------------------------------------------------------------------------------------
# the build links RE2 and zlib (as .ci/setup-tools installs them); the peers need ripgrep and time
APT=()
dpkg-query -W -f='${Status}' libre2-dev 2>/dev/null | grep -q "ok installed" || APT+=(libre2-dev)
[ -f /usr/include/zlib.h ] || APT+=(zlib1g-dev)
command -v rg >/dev/null || APT+=(ripgrep)
[ -x /usr/bin/time ] || APT+=(time)
if [ ${#APT[@]} -gt 0 ]; then
    log "installing ${APT[*]} (apt)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT[@]}") >/dev/null 2>&1 || log "apt-get failed"
fi
command -v rg >/dev/null || log "ripgrep is not installed: skipping that peer"
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
PY=$B/.venv/bin/python
declare -A MODULE=([aho]=ahocorasick [spacy]=spacy [hyperscan]=hyperscan [re2]=re2 [re]=re)
declare -A PACKAGE=([aho]=pyahocorasick [spacy]=spacy [hyperscan]=hyperscan [re2]=google-re2)
WANTED=${PEERS:-re aho re2 hyperscan spacy}
PEERS=""
for p in $WANTED; do
    if ! $PY -c "import ${MODULE[$p]}" 2>/dev/null; then
        log "pip install ${PACKAGE[$p]}"
        .venv/bin/pip install -q "${PACKAGE[$p]}" >&2 || true
    fi
    if $PY -c "import ${MODULE[$p]}" 2>/dev/null; then PEERS="$PEERS $p"
    else log "SKIPPED peer $p: ${PACKAGE[$p]} did not install"; echo "$p" >>"$OUT/skipped"; fi
done

# --- Attest, release (own scratch path so that edits in progress elsewhere don't collide) --------
log "building attest (release)"
(cd "$ROOT" && swift build -c release --scratch-path "$B/.build" --product attest >&2) || { log "build failed"; exit 2; }
ATTEST=$B/.build/release/attest

# --- data ----------------------------------------------------------------------------------------
# corpora: UN typography (what is measured) and the same statements in ASCII (what it costs)
for mb in $SIZES; do for t in un ascii; do
    [ -s "$DATA/corpus-$mb-$t.jsonl" ] || python3 generate.py corpus --mb "$mb" --typography $t --out "$DATA/corpus-$mb-$t.jsonl"
done; done
PACKS=""
for n in $RULES; do for rx in "" -rx; do
    pack=rules-$n$SUFFIX$rx
    PACKS="$PACKS $pack"
    [ -s "$DATA/$pack/pack.yaml" ] || python3 generate.py rules --rules "$n" $DENSE_FLAG $([ -n "$rx" ] && echo --regexes 20) --out "$DATA/$pack"
    "$ATTEST" validate "$DATA/$pack" >"$OUT/validate-$pack.log" 2>&1
    rc=$?; [ $rc = 0 ] || { log "attest validate rejected $pack (exit $rc):"; tail -5 "$OUT/validate-$pack.log" >&2; exit 2; }
done; done

# --- pack compile time (always the 2,000-rule pack) ----------------------------------------------
BIG=2000
BIGPACK=rules-$BIG$SUFFIX-rx
[ -s "$DATA/$BIGPACK/pack.yaml" ] || python3 generate.py rules --rules "$BIG" $DENSE_FLAG --regexes 20 --out "$DATA/$BIGPACK"
sub() { awk "BEGIN { printf \"%.3f\", $1 - $2 }"; }
elapsed() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; sub "$(date +%s.%N)" "$s"; }
T_VALIDATE=$(elapsed "$ATTEST" validate "$DATA/$BIGPACK")
T_EMPTY=$(elapsed sh -c "'$ATTEST' match --rules '$DATA/$BIGPACK' </dev/null")

# --- runs ----------------------------------------------------------------------------------------
timed() {  # timed PREFIX CMD... : wall clock seconds into PREFIX.wall, /usr/bin/time -v into PREFIX.time
    local prefix=$1; shift
    local s=$(date +%s.%N)
    /usr/bin/time -v -o "$prefix.time" "$@"
    local rc=$?
    sub "$(date +%s.%N)" "$s" >"$prefix.wall"
    return $rc
}
# REPEAT runs of each tool and configuration, interleaved (Attest, then ripgrep, then each
# peer, then again): each is kept by its median run (wall clock for Attest and ripgrep, the
# matching calls for the peers; of an even number, the lower median), and every run's figure is
# listed under the table.
attest_once() {  # attest_once CORPUS PACK TAG K
    local C=$1 R=$2 tag=$3 k=$4
    [ -e "$OUT/attest-$tag.stopped" ] && return
    log "attest match: $tag (run $k of $REPEAT)"
    # end to end: read the JSON Lines, match, write every finding with its spans to a file
    # (--compact: one line per statement with its text and findings as offsets, ~3.5x the input
    # here); the pairs are read from the file afterwards, outside the time
    local to="$OUT/attest-$tag.jsonl"
    [ "$k" = 1 ] || to="$OUT/attest-$tag.again.jsonl"
    timed "$OUT/attest-$tag.r$k" timeout "$BUDGET" "$ATTEST" match --compact --rules "$R" <"$C" >"$to"
    rc=$?
    [ $rc = 0 ] || [ $rc = 124 ] || log "attest exited $rc"
    # a run stopped at the budget is measured on its prefix, and not run again
    if [ $rc = 124 ]; then touch "$OUT/attest-$tag.stopped"; fi
    if [ "$k" != 1 ]; then
        # the same input gives the same bytes, run after run
        [ $rc != 0 ] || cmp -s "$OUT/attest-$tag.jsonl" "$to" || log "attest: run $k of $tag wrote other bytes than run 1"
        rm -f "$to"
    fi
}
# keeps the median of PREFIX.r1.* ... PREFIX.rN.* as PREFIX.* (KEY: wall, or the seconds of
# PREFIX.rK.json); writes every run's figure to PREFIX.runs
keep_median() {  # keep_median PREFIX KEY
    local prefix=$1 key=$2 best
    best=$(python3 - "$prefix" "$key" <<'PYEOF'
import glob, json, re, sys
prefix, key = sys.argv[1], sys.argv[2]
runs = []
for f in glob.glob(glob.escape(prefix) + ".r*.wall"):
    k = int(re.search(r"\.r(\d+)\.wall$", f).group(1))
    try:
        v = float(open(f).read()) if key == "wall" else json.load(open(f"{prefix}.r{k}.json"))["seconds"]
    except (OSError, ValueError, KeyError):
        continue
    runs.append((k, v))
runs.sort()
with open(prefix + ".runs", "w") as out:
    out.write(" ".join(f"{v:.2f}" for _, v in runs) + "\n")
by_value = sorted(runs, key=lambda r: (r[1], r[0]))
print(by_value[(len(by_value) - 1) // 2][0] if by_value else "")
PYEOF
)
    [ -n "$best" ] || return
    for f in "$prefix".r"$best".*; do mv "$f" "$prefix${f#"$prefix".r"$best"}"; done
    rm -f "$prefix".r[0-9]*.*
}
attest_finish() {  # attest_finish CORPUS PACK TAG
    local C=$1 R=$2 tag=$3 stopped=""
    keep_median "$OUT/attest-$tag" wall
    [ -e "$OUT/attest-$tag.stopped" ] && stopped=--stopped
    $PY peers.py attest-pairs --rules "$R/rules.json" --out "$OUT/attest-$tag" <"$OUT/attest-$tag.jsonl"
    rm -f "$OUT/attest-$tag.jsonl"
    $PY peers.py attest-summary --corpus "$C" --rules "$R/rules.json" --out "$OUT/attest-$tag" \
        --seconds "$(cat "$OUT/attest-$tag.wall")" $stopped >/dev/null
}
# Each repetition runs every pack (and on each, Attest, ripgrep and the peers) before the next
# repetition starts, so that run k of every configuration falls in the same few minutes: the
# report pairs them (the regexes' cost and RE2's set against Attest, run by run).
for mb in $SIZES; do
    C=$DATA/corpus-$mb-un.jsonl
    for k in $(seq 1 "$REPEAT"); do for pack in $PACKS; do
        R=$DATA/$pack; tag="$mb-$pack"
        attest_once "$C" "$R" "$tag" "$k"
        # phrase-only packs: also on the same statements in ASCII (the cost of the typography)
        case $pack in *-rx) ;; *) attest_once "$DATA/corpus-$mb-ascii.jsonl" "$R" "$mb-ascii-$pack" "$k" ;; esac
        if command -v rg >/dev/null && [ "${pack%-rx}" = "$pack" ]; then
            log "ripgrep: $tag (run $k of $REPEAT)"
            timed "$OUT/ripgrep-$tag.r$k" rg -i -w -F -c -f "$R/phrases.txt" "$C" >"$OUT/ripgrep-$tag.count"
        fi
        for p in $PEERS; do
            case $pack in *-rx) case $p in re|re2|hyperscan) ;; *) continue ;; esac ;; esac
            log "$p: $tag (run $k of $REPEAT)"
            timed "$OUT/$p-$tag.r$k" $PY peers.py run --peer "$p" --corpus "$C" --rules "$R/rules.json" --out "$OUT/$p-$tag.r$k" --budget "$BUDGET" >/dev/null \
                || log "$p failed (see $OUT/$p-$tag.r$k.time)"
        done
    done; done
    for pack in $PACKS; do
        R=$DATA/$pack; tag="$mb-$pack"
        attest_finish "$C" "$R" "$tag"
        case $pack in *-rx) ;; *) attest_finish "$DATA/corpus-$mb-ascii.jsonl" "$R" "$mb-ascii-$pack" ;; esac
        if command -v rg >/dev/null && [ "${pack%-rx}" = "$pack" ]; then
            keep_median "$OUT/ripgrep-$tag" wall
            s=$(cat "$OUT/ripgrep-$tag.wall"); lines=$(cat "$OUT/ripgrep-$tag.count" 2>/dev/null || echo 0)
            stm=$(wc -l <"$C"); by=$(stat -c %s "$C")
            echo "{\"tool\":\"ripgrep\",\"seconds\":$s,\"total_seconds\":$s,\"bytes\":$by,\"statements\":$stm,\"pairs\":${lines:-0},\"rules\":$(python3 -c "import json;print(len(json.load(open('$R/rules.json'))))"),\"complete\":true,\"corpus\":\"$(basename "$C")\",\"pack\":\"$pack\"}" >"$OUT/ripgrep-$tag.json"
        fi
        for p in $PEERS; do
            case $pack in *-rx) case $p in re|re2|hyperscan) ;; *) continue ;; esac ;; esac
            keep_median "$OUT/$p-$tag" seconds
        done
    done
done

# --- the shipped pack ----------------------------------------------------------------------------
# What an analyst runs (Rules/unsc-2482): sentence scope, negations checked, vocabularies of
# hundreds of terms, near, all/not/unless, sentence windows, citations, regexes. The generated
# packs are plain choices of phrases of statement scope, which the engine matches from its
# postings; this one goes through the expressions. No peer can express it: Attest alone, end to
# end, on the UN corpus. SHIPPED=0 leaves it out.
if [ "${SHIPPED:-1}" = 1 ]; then
    for mb in $SIZES; do
        C=$DATA/corpus-$mb-un.jsonl; tag=shipped-$mb
        for k in $(seq 1 "$REPEAT"); do
            [ -e "$OUT/attest-$tag.stopped" ] && break
            log "attest match: the shipped pack on $mb MB (run $k of $REPEAT)"
            timed "$OUT/attest-$tag.r$k" timeout "$BUDGET" "$ATTEST" match --compact --rules "$ROOT/Rules/unsc-2482" <"$C" >"$OUT/attest-$tag.r$k.jsonl"
            rc=$?
            [ $rc = 124 ] && touch "$OUT/attest-$tag.stopped"
            [ $rc = 0 ] || [ $rc = 124 ] || log "attest exited $rc"
        done
        keep_median "$OUT/attest-$tag" wall
    done
fi

# --- report --------------------------------------------------------------------------------------
MD=$B/results-$(date +%Y-%m-%d).md
{
    echo "# Attest benchmark, $(date -u +'%Y-%m-%d %H:%M UTC')"
    echo
    echo "Command: \`${OUT_DIR:+OUT_DIR=$OUT_DIR }SIZES=\"$SIZES\" RULES=\"$RULES\" DENSE=$DENSE PEERS=\"${WANTED}\" BUDGET=$BUDGET REPEAT=$REPEAT Benchmarks/run.sh${1:+ $1}\` (budget per tool and configuration)."
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo), $(uname -sr)."
    echo "Outputs written to $OUT ($(df -PT "$OUT" | awk 'NR == 2 {print $2}'))."
    echo "Attest $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?') (working tree, release build)."
    echo "Peers: ${PEERS# }$( [ -s "$OUT/skipped" ] && echo "; skipped (did not install): $(tr '\n' ' ' <"$OUT/skipped")")."
    echo
    echo "Compile the $BIG-rule pack with 20 regexes ($BIGPACK): \`attest validate\` ${T_VALIDATE}s, \`attest match\` on empty input ${T_EMPTY}s."
    echo
} >"$MD"
$PY peers.py report --out-dir "$OUT" --data-dir "$DATA" --md "$MD"
if [ "${SHIPPED:-1}" = 1 ]; then
    {
        echo
        echo "The shipped pack (\`Rules/unsc-2482\`, $(grep -c '^  - id:' "$ROOT/Rules/unsc-2482/rules.yaml") rules of every kind of expression), Attest alone, end to end on the UN corpus, \`attest match --compact\`:"
        echo
        echo "| corpus | seconds (wall) | MB/s | user + system CPU seconds | statements with a finding | findings |"
        echo "|---|---:|---:|---:|---:|---:|"
        for mb in $SIZES; do
            tag=shipped-$mb; [ -s "$OUT/attest-$tag.wall" ] || continue
            python3 - "$DATA/corpus-$mb-un.jsonl" "$OUT/attest-$tag" "$mb" <<'PYEOF'
import json, os, re, sys
corpus, prefix, mb = sys.argv[1], sys.argv[2], sys.argv[3]
wall = float(open(prefix + ".wall").read())
cpu = 0.0
for line in open(prefix + ".time"):
    m = re.match(r"\s*(User|System) time \(seconds\): ([\d.]+)", line)
    if m: cpu += float(m.group(2))
statements = findings = 0
for line in open(prefix + ".jsonl", encoding="utf-8"):
    n = len(json.loads(line).get("findings", []))
    statements += n > 0
    findings += n
stopped = " (stopped at the budget: a prefix)" if os.path.exists(prefix + ".stopped") else ""
size = os.path.getsize(corpus) / 1e6
print(f"| {mb} MB UN{stopped} | {wall:.2f} | {size / wall:.1f} | {cpu:.2f} | {statements:,} | {findings:,} |")
PYEOF
        done
    } >>"$MD"
    rm -f "$OUT"/attest-shipped-*.jsonl
fi
if [ "$REPEAT" -gt 1 ]; then
    {
        echo
        echo "Each row is the median of $REPEAT runs (interleaved: Attest, ripgrep, the peers, then again); every run, in order (seconds: wall clock for Attest and ripgrep, the matching calls for the peers):"
        echo
        for f in "$OUT"/*.runs; do echo "- $(basename "${f%.runs}"): $(cat "$f")"; done
    } >>"$MD"
fi
cat >>"$MD" <<'EOF'

seconds (match): Attest is end to end (read JSON Lines, match, write every finding with spans),
wall clock; ripgrep is its whole run; the Python peers time only their matching calls, and
`seconds (total)` adds reading and JSON parsing. MB/s = corpus MB processed / seconds (match).
Pairs are (statement, rule) pairs; ripgrep reports the number of lines with any phrase.
Jaccard and "only" counts compare each peer with Attest on the statements both processed.
Differences are expected: Attest folds diacritics and treats every punctuation mark as a word
separator (the literal peers aho and ripgrep need single spaces), spaCy's tokens differ from
Attest's words, and a citation rule is "resolution N" for the peers but every citation form
("resolutions 2462 (2019) and 2482 (2019)", "S/RES/2482") for Attest. Ratio = Attest MB/s / peer MB/s.
EOF
echo >&2; echo "written $MD" >&2
