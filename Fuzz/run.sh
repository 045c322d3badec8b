#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time.
#
#   Fuzz/run.sh [SECONDS] [TARGET...]      (default: 60 seconds, every target)
#
# Each target starts from a copy of its seed corpus (Fuzz/Corpus/<Target>/, never written to)
# in Fuzz/work/<Target>/ and writes crash, timeout, leak and OOM inputs to Fuzz/artifacts/<Target>/.
# When a target stops early on a finding it is restarted on its working corpus until its SECONDS
# are used up, so every target gets its full time and every finding is kept. Prints per target the
# executions and the findings; exits 1 when any artifact appeared.
#
# Environment: FUZZ_JOBS (targets run at once, default 1), FUZZ_ARGS (extra libFuzzer flags),
# FUZZ_NO_BUILD=1 (use the binaries already built), FUZZ_BUILD_JOBS (compile jobs, default 1),
# FUZZ_ASAN=1 (also AddressSanitizer and so LeakSanitizer, built in Fuzz/.build/asan),
# FUZZ_LEAKS=0 (no leak detection, per input or at exit: Foundation's NSRegularExpression gives
# LeakSanitizer false reports, see README.md).
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
all_targets=(FuzzRuleLoader FuzzPressRelease FuzzVerbatimRecord FuzzJSONLines FuzzMatcher FuzzMerge FuzzGoldConfig FuzzLineSplitter)

seconds=60
if [[ $# -gt 0 && "$1" =~ ^[0-9]+$ ]]; then seconds="$1"; shift; fi
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "run.sh: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done

scratch="$here/.build" sanitize=(--sanitize fuzzer)
if [[ "${FUZZ_ASAN:-0}" == 1 ]]; then scratch="$here/.build/asan" sanitize=(--sanitize fuzzer --sanitize address); fi

if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
    echo "building ${targets[*]}" >&2
    for t in "${targets[@]}"; do
        swift build "${sanitize[@]}" -Xswiftc -parse-as-library -c debug --scratch-path "$scratch" \
            -j "${FUZZ_BUILD_JOBS:-1}" --product "$t" >&2 || { echo "run.sh: build of $t failed" >&2; exit 2; }
    done
fi
bin="$(swift build -c debug --scratch-path "$scratch" --show-bin-path)"

export SWIFT_BACKTRACE=enable=no
leak_args=()
if [[ "${FUZZ_LEAKS:-1}" == 0 ]]; then
    leak_args=(-detect_leaks=0)
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
summaries="$(mktemp -d)"
trap 'rm -rf "$summaries"' EXIT

# run_target TARGET: fuzz for $seconds in total, restarting after each finding; writes $summaries/TARGET
run_target() {
    local t="$1"
    local work="$here/work/$t" art="$here/artifacts/$t" log="$here/work/$t.log"
    rm -rf "$work" && mkdir -p "$work" "$art" && : > "$log"
    cp "$here/Corpus/$t/"* "$work/" 2>/dev/null
    local dict=()
    [[ "$t" == FuzzRuleLoader ]] && dict=(-dict="$here/dict/yaml.dict")
    local before; before=$(ls "$art" | wc -l)
    local start=$SECONDS execs=0 runs=0 left
    while left=$((seconds - (SECONDS - start))); [[ $left -gt 0 && $runs -lt 50 ]]; do
        runs=$((runs + 1))
        "$bin/$t" "$work" "${dict[@]}" -max_total_time="$left" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
            -print_final_stats=1 -artifact_prefix="$art/" "${leak_args[@]}" ${FUZZ_ARGS:-} >"$log.run" 2>&1
        local rc=$? n
        n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log.run" | tail -1 | grep -o '[0-9]*$')
        # a run killed by a crash prints no final stats: count its executions from its last status line
        [[ -n "$n" ]] || n=$(grep -o '^#[0-9]*' "$log.run" | tail -1 | tr -d '#')
        cat "$log.run" >>"$log" && rm -f "$log.run"
        execs=$((execs + ${n:-0}))
        [[ $rc -eq 0 ]] && break
        echo "$t: exit $rc after $((SECONDS - start)) s, restarting" >>"$log"
        [[ $(ls "$art" | wc -l) -gt $before ]] || sleep 1
    done
    local found; found=$(ls "$art" | wc -l)
    echo "$t $execs $((SECONDS - start)) $((found - before)) $runs" > "$summaries/$t"
}

jobs_max="${FUZZ_JOBS:-1}"
for t in "${targets[@]}"; do
    while [[ $(jobs -rp | wc -l) -ge $jobs_max ]]; do wait -n; done
    echo "fuzzing $t for $seconds s (log: Fuzz/work/$t.log)" >&2
    run_target "$t" &
done
wait

status=0
printf '%-20s %14s %8s  %s\n' target executions seconds result
for t in "${targets[@]}"; do
    read -r _ execs secs new runs < "$summaries/$t"
    if [[ $new -gt 0 ]]; then
        status=1
        printf '%-20s %14s %8s  %s\n' "$t" "$execs" "$secs" "FOUND $new new artifact(s) in Fuzz/artifacts/$t/ ($runs runs)"
        ls "$here/artifacts/$t" | sed 's/^/    /'
    else
        printf '%-20s %14s %8s  %s\n' "$t" "$execs" "$secs" "nothing found"
    fi
done
exit $status
