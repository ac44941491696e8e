#!/usr/bin/env bash
# Benchmarks ledger on generated ledgers of 1,000, 10,000 and 100,000 records: median wall time
# and its spread (hyperfine) and peak memory (/usr/bin/time -v) of the queries and a recording
# command, with two baselines measured in the same run: a plain `git add && git commit` in the
# same repository, and Taskwarrior's `task overdue` on as many tasks (the "x Taskwarrior" column
# is ledger's median over Taskwarrior's). Appends a dated section to bench/results.md, so
# earlier runs stay for comparison.
#
# Needs hyperfine and GNU time: apt-get install -y hyperfine time (and taskwarrior for the
# outside reference, skipped when missing)
# Usage: bench/run.sh [SIZES...]        (default: 1000 10000 100000)
# Env:   RUNS=5 (timed runs per warm command), COLD_RUNS=3, REGEN=1 to regenerate ledgers,
#        BENCH_DIR=/tmp (where ledgers live), OUT=bench/results.md (appended to)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
for tool in hyperfine /usr/bin/time jq; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench: $tool is missing; install it with: apt-get install -y hyperfine time jq" >&2
        exit 4
    fi
done

SIZES=("${@:-1000 10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-5}
COLD_RUNS=${COLD_RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp}
OUT=${OUT:-bench/results.md}
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")

cargo build --release --quiet --bin ledger --example generate
BIN=$PWD/target/release/ledger
GENERATE=$PWD/target/release/examples/generate
export LEDGER_TODAY=2026-03-20
# A cold `history`/`show` starts a background build of the history index after answering; it
# would run on during the next timed runs and cost them a core, so it is off while measuring.
export LEDGER_NO_BACKGROUND=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com

# timed NAME PREPARE COMMAND RUNS: hyperfine's median and spread in milliseconds, as
# "MEDIAN|MEDIAN (MIN-MAX)": `med` and `shown` split it.
timed() {
    local json
    json=$(mktemp)
    if ! hyperfine --style none --runs "$4" --prepare "$2" --export-json "$json" "$3" >/dev/null 2>&1; then
        echo "|fail"; rm -f "$json"; return
    fi
    jq -r '.results[0] | "\(.median * 1000 | floor)|\(.median * 1000 | floor) (\(.min * 1000 | floor)-\(.max * 1000 | floor))"' "$json"
    rm -f "$json"
}
med() { echo "${1%%|*}"; }
shown() { echo "${1#*|}"; }

# peak_mb COMMAND: the maximum resident set of one run, in MB.
peak_mb() {
    /usr/bin/time -v bash -c "$1" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}'
}

# ratio A B: A / B to two places, or "-" when either is missing.
ratio() {
    if [[ -n $1 && -n $2 && $2 != 0 ]]; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else echo "-"; fi
}

{
    echo
    echo "## $(date -u +%Y-%m-%d) $(date -u +%H:%M) UTC: bench/run.sh ${SIZES[*]}"
    echo
    echo "Build $(git -C "$ROOT" rev-parse --short HEAD), RUNS=$RUNS COLD_RUNS=$COLD_RUNS, load average at the start: $(cut -d' ' -f1-3 /proc/loadavg). Times are hyperfine medians in ms with (min-max); cold deletes \`.git/ledger/cache\` before each run (a fresh clone)."
    echo
    echo "| records | commits | command | cold ms | after one change ms | warm ms | peak MB | x Taskwarrior (cold, warm) |"
    echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
} >>"$OUT"

row() { # SIZE COMMITS NAME COLD CHANGED WARM PEAK RATIO
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$@" | tee -a "$OUT"
}

for n in "${SIZES[@]}"; do
    dir=$BENCH_DIR/ledger-bench-$n
    if [[ -n ${REGEN:-} || ! -f $dir/ledger.yaml ]]; then
        rm -rf "$dir"
        echo "bench: generating $n records in $dir" >&2
        /usr/bin/time -f "bench: generated in %e s" "$GENERATE" --records "$n" "$dir" >&2
    fi
    cd "$dir"
    commits=$(git rev-list --count HEAD)
    cache=".git/ledger/cache"
    # Queries read a commitment the generator rescheduled (a few commits of history); the
    # recording runs write notes on another one, so the queried record does not grow a longer
    # history with every benchmark run.
    wid=$(git log -1 --format=%B --grep='Ledger-Action: promise' | awk '/^Ledger-Id:/ {print $2; exit}')
    id=$(git log --format=%B --grep='Ledger-Action: reschedule' | awk -v w="$wid" '/^Ledger-Id:/ && $2 != w && !found {print $2; found = 1}')
    who=p001
    L="$BIN -C $dir"
    queries=("list --by $who" "show $id" "overdue" "who $who" "history $id")
    # Taskwarrior first, so the overdue row can show the ratio to it.
    tw=
    if command -v task >/dev/null; then
        tw=$("$ROOT/bench/taskwarrior.sh" "$n" | awk '/median/ {printf "%.0f", $2}')
    fi
    for q in "${queries[@]}"; do
        cold=$(timed "$q" "rm -rf $cache" "$L $q >/dev/null" "$COLD_RUNS")
        $L $q >/dev/null 2>&1 || true
        # What the background build does after a cold `history`/`show` (off while measuring):
        # without it, "warm" would time the walk again.
        $L __index >/dev/null 2>&1 || true
        # The first query after a recording command: only what that commit changed is re-read.
        changed=$(timed "$q" "$L note $wid 'bench change' >/dev/null" "$L $q >/dev/null" "$RUNS")
        warm=$(timed "$q" "true" "$L $q >/dev/null" "$RUNS")
        vs="-"
        [[ $q == overdue ]] && vs="$(ratio "$(med "$cold")" "$tw"), $(ratio "$(med "$warm")" "$tw")"
        row "$n" "$commits" "ledger $q" "$(shown "$cold")" "$(shown "$changed")" "$(shown "$warm")" "$(peak_mb "$L $q")" "$vs"
    done
    # Recording: each run adds a note (one commit); the cache is warm, as it is day to day.
    # A recent record (the newest promise) and the oldest one, which is filed three years back.
    oid=$(git log --reverse --format=%B --grep='Ledger-Action: promise' | awk '/^Ledger-Id:/ && !f {print $2; f = 1}')
    rec=$(timed note "true" "$L note $wid 'bench note' >/dev/null" "$RUNS")
    row "$n" "$commits" "ledger note ID TEXT (newest record)" "-" "-" "$(shown "$rec")" "$(peak_mb "$L note $wid 'bench note'")" "-"
    rec=$(timed note "true" "$L note $oid 'bench note' >/dev/null" "$RUNS")
    row "$n" "$commits" "ledger note ID TEXT (oldest record)" "-" "-" "$(shown "$rec")" "$(peak_mb "$L note $oid 'bench note'")" "-"
    # Baseline: the git program committing one changed file in the same repository.
    base=$(timed git "echo x >> bench-baseline.txt" "git add bench-baseline.txt && git commit -q -m baseline" "$RUNS")
    row "$n" "$commits" "git add && git commit (one file)" "-" "-" "$(shown "$base")" "$(peak_mb "echo y >> bench-baseline.txt && git add bench-baseline.txt && git commit -q -m baseline")" "-"
    # Taskwarrior's `task overdue` on as many tasks, in the same run, as an outside reference.
    if [[ -n $tw ]]; then
        row "$n" "-" "task overdue (Taskwarrior $(task --version), $n tasks)" "-" "-" "$tw" "-" "1.00"
    fi
    cd - >/dev/null
done
echo "bench: results in $OUT" >&2
