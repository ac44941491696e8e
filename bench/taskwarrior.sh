#!/usr/bin/env bash
# Baseline for `ledger overdue`: Taskwarrior's `task overdue` on the same number of items, timed
# the same way (hyperfine, medians), so a figure for ledger can be read against a known tool on
# the same noisy machine. Needs Debian's taskwarrior and hyperfine:
#   apt-get install -y taskwarrior hyperfine
# Usage: bench/taskwarrior.sh [N ...]   (default: 1000 10000 50000)
set -euo pipefail
# shellcheck source=bench/tasks.sh
. "$(dirname "$0")/tasks.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000)
command -v task >/dev/null || { echo "taskwarrior missing: apt-get install -y taskwarrior" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing: apt-get install -y hyperfine" >&2; exit 1; }

for n in "${sizes[@]}"; do
    dir=$(mktemp -d /tmp/ledger-tw-XXXX)
    tw_tasks "$dir" "$n"
    echo "== Taskwarrior $(task --version) with $n tasks: task overdue"
    hyperfine --warmup 1 --runs 7 --style none -N --export-json "$dir/hf.json" "task rc.gc=off overdue" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("   median %.1f ms  (min %.1f, max %.1f, %d runs)" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"])))' "$dir/hf.json"
    rm -rf "$dir"
done
