#!/usr/bin/env bash
# A ledger in a folder of a code repository: six `ledger promise` processes race four loops of
# plain `git add && git commit`, ROUNDS times; counts rounds where an acknowledged (exit 0)
# record is missing at HEAD. Hermetic: its own HOME and git config under a temporary folder.
# Usage: bench/race.sh [LEDGER_BINARY] [ROUNDS]   (default: target/release/ledger, 10)
# Env:   SETTLE=0 counts right after the race, before the next ledger change restores anything;
#        KEEP=1 keeps the repositories.
set -u
cd "$(dirname "$0")/.."
L=$(realpath "${1:-target/release/ledger}")
R=${2:-10}
work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "kept in $work" || trap 'rm -rf "$work"' EXIT
export HOME=$work/home GIT_CONFIG_GLOBAL=$work/home/.gitconfig GIT_CONFIG_NOSYSTEM=1
export LEDGER_TODAY=2026-03-20
mkdir -p "$HOME"
printf '[user]\n\tname = Race\n\temail = race@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n' >"$GIT_CONFIG_GLOBAL"
lost=0
for round in $(seq 1 "$R"); do
    repo=$work/repo$round
    git init -q "$repo" && cd "$repo" || exit 4
    echo x >README && git add README && git commit -qm init
    "$L" init led >/dev/null
    for g in 1 2 3 4; do
        (
            for k in 1 2 3; do
                f=code$g-$k.txt
                echo "$k" >"$f"
                for _ in $(seq 1 2000); do
                    git cat-file -e "HEAD:$f" 2>/dev/null && break
                    git add "$f" 2>/dev/null && git commit -qm "code $f" >/dev/null 2>&1
                done
            done
        ) &
    done
    for w in 1 2 3 4 5 6; do
        ("$L" -C led promise "task $w" --by bob --to alice --due friday >/dev/null 2>&1 &&
            echo "task $w" >>"$work/acked.$round") &
    done
    wait
    # The next ledger change puts back what a plain commit from an outdated index took back;
    # SETTLE=0 counts before it.
    if [ "${SETTLE:-1}" = 1 ]; then
        "$L" -C led ask "settle" --from alice --to bob >/dev/null 2>&1
    fi
    acked=$(wc -l <"$work/acked.$round" 2>/dev/null || echo 0)
    present=$("$L" -C led list commitment --all --format json 2>/dev/null | grep -c '"what"')
    if [ "$present" -lt "$acked" ]; then
        lost=$((lost + 1))
        echo "round $round: $acked acknowledged, $present at HEAD; deleted by: $(git log --diff-filter=D --format="%h %s" -- led | head -3 | tr "\n" ";")"
    fi
    cd - >/dev/null || exit 4
done
echo "rounds with acknowledged records missing at HEAD: $lost of $R"
