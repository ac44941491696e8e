#!/usr/bin/env bash
# The first run on a fresh clone: `ledger overdue` with no cache, beside Taskwarrior's
# `task overdue` on as many tasks, in one hyperfine run, plus peak memory (/usr/bin/time -v).
# The cache lives in the ledger's .git/ledger/cache; deleting it is what a fresh clone sees.
#
# Needs hyperfine, GNU time, jq, taskwarrior: apt-get install -y hyperfine time jq taskwarrior
# Usage: bench/cold.sh LEDGER_DIR [OTHER_LEDGER_BINARY]
#   LEDGER_DIR: a generated ledger (cargo run --release --example generate -- --records N DIR)
#   OTHER_LEDGER_BINARY: another build to time in the same run (for example the previous one)
# Env:   RUNS=5
set -euo pipefail
# shellcheck source=bench/tasks.sh
. "$(dirname "$0")/tasks.sh"
dir=$1
other=${2:-}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin ledger
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/ledger
RUNS=${RUNS:-5}
export LEDGER_TODAY=2026-03-20

# As many Taskwarrior tasks as the ledger has commitments and asks, a third of them past due
# (bench/tasks.sh, the same tasks bench/taskwarrior.sh times).
n=$(git -C "$dir" ls-tree -r --name-only HEAD | grep -c -E '^(commitments|asks)/' || true)
tw=$(mktemp -d /tmp/ledger-tw-XXXX)
tw_tasks "$tw" "$n"

echo "ledger: $(git -C "$dir" ls-tree -r --name-only HEAD | wc -l) files, $(git -C "$dir" rev-list --count HEAD) commits; Taskwarrior $(task --version): $n tasks"
cmds=("task rc.gc=off overdue" "$bin -C $dir overdue")
[[ -n $other ]] && cmds+=("$other -C $dir overdue")
hyperfine --style basic -N --runs "$RUNS" --prepare "rm -rf $dir/.git/ledger/cache" "${cmds[@]}" \
    --export-json "$tw/hf.json" >/dev/null 2>&1 || true
jq -r '.results[] | "\(.command)\tmedian \(.median * 1000 | floor) ms\tmin \(.min * 1000 | floor)\tmax \(.max * 1000 | floor)"' "$tw/hf.json"
for c in "${cmds[@]}"; do
    rm -rf "$dir/.git/ledger/cache"
    peak=$(/usr/bin/time -v $c 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}')
    echo "$c	peak ${peak} MB (cold)"
done
rm -rf "$tw"
