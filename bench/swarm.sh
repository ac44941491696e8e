#!/usr/bin/env bash
# Many clones at once: N clones (default 20) each record K changes (default 5: new promises,
# notes and reschedules on one shared commitment), syncing after each, all at the same time,
# against one remote served by `git daemon` on 127.0.0.1; then every clone syncs twice.
#
# Reports: wall time, pushes retried, changes acknowledged vs present on every clone, whether
# every tree is identical, `git fsck` and `ledger verify`, and the cost of one sync against the
# number of new commits it brought in.
#
# Usage: bench/swarm.sh [N] [K]      Env: LEDGER_BIN (default target/release/ledger, built if
#        missing), SWARM_DIR (default: a new temporary folder, removed at the end).
set -euo pipefail

N=${1:-20}
K=${2:-5}
cd "$(dirname "$0")/.."
BIN=${LEDGER_BIN:-$PWD/target/release/ledger}
if [ ! -x "$BIN" ]; then
    cargo build --release --quiet --bin ledger
fi
DAEMON="$(git --exec-path)/git-daemon"
[ -x "$DAEMON" ] || { echo "swarm: git daemon is not available (install git)" >&2; exit 4; }

ROOT=${SWARM_DIR:-$(mktemp -d)}
mkdir -p "$ROOT"
export HOME=$ROOT/home GIT_CONFIG_NOSYSTEM=1 LEDGER_TODAY=2026-03-20 TZ=UTC
# "Today" and the commits' dates agree, as on a real machine: verify judges a reschedule by the
# day its commit was made, and commit dates by their order.
export GIT_AUTHOR_DATE=2026-03-20T12:00:00+00:00 GIT_COMMITTER_DATE=2026-03-20T12:00:00+00:00
mkdir -p "$HOME"
printf '[user]\n\tname = Swarm\n\temail = swarm@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n' >"$HOME/.gitconfig"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$DAEMON" --export-all --enable=receive-pack --reuseaddr --listen=127.0.0.1 --port="$PORT" \
    --max-connections=0 --base-path="$ROOT" "$ROOT" >/dev/null 2>&1 &
DPID=$!
cleanup() { kill "$DPID" 2>/dev/null || true; [ -n "${SWARM_DIR:-}" ] || rm -rf "$ROOT"; }
trap cleanup EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.05; done
URL=git://127.0.0.1:$PORT/remote.git

git init -q --bare -b main "$ROOT/remote.git"
mkdir "$ROOT/seed"
( cd "$ROOT/seed" && "$BIN" init >/dev/null && git remote add origin "$URL" )
SHARED=$("$BIN" -C "$ROOT/seed" promise "Open the VPN tunnel" --by bob --to alice --due 2026-04-01 | awk '{print $1}')
"$BIN" -C "$ROOT/seed" sync >/dev/null
for i in $(seq 1 "$N"); do git clone -q "$URL" "$ROOT/c$i"; done

# One clone's work: K changes, each followed by a sync; logs what was acknowledged.
clone_work() {
    local i=$1 dir=$ROOT/c$1 log=$ROOT/log$1
    : >"$log"
    for k in $(seq 1 "$K"); do
        case $((k % 3)) in
            1) id=$("$BIN" -C "$dir" promise "c$i k$k" --by bob --to alice --due 2026-04-09 | awk '{print $1}')
               echo "promise $id" >>"$log" ;;
            2) "$BIN" -C "$dir" note "$SHARED" "c$i k$k note" >/dev/null && echo "note c$i k$k note" >>"$log" ;;
            0) due=$(printf '2026-05-%02d' $(( (i * K + k) % 28 + 1 )))
               "$BIN" -C "$dir" reschedule "$SHARED" --due "$due" --reason "c$i k$k slip" >/dev/null 2>&1 \
                   && echo "reschedule c$i k$k slip" >>"$log" || true ;;
        esac
        t0=$(date +%s%N)
        "$BIN" -C "$dir" --format json sync >"$ROOT/sync$i.$k.json" 2>"$ROOT/sync$i.$k.err" \
            || echo "sync-failed $k" >>"$log"
        t1=$(date +%s%N)
        echo "$(jq '.incoming // 0' "$ROOT/sync$i.$k.json" 2>/dev/null || echo 0) $(( (t1 - t0) / 1000000 ))" >>"$ROOT/swarmcosts$i"
    done
}

start=$(date +%s.%N)
pids=()
for i in $(seq 1 "$N"); do clone_work "$i" & pids+=($!); done
wait "${pids[@]}"
swarm_end=$(date +%s.%N)
# Then every clone syncs twice, timing each sync against the commits it brought in.
: >"$ROOT/costs"
for pass in 1 2; do
    for i in $(seq 1 "$N"); do
        t0=$(date +%s%N)
        "$BIN" -C "$ROOT/c$i" --format json sync >"$ROOT/final$i.$pass.json"
        t1=$(date +%s%N)
        echo "$(jq .incoming "$ROOT/final$i.$pass.json") $(( (t1 - t0) / 1000000 ))" >>"$ROOT/costs"
    done
done
end=$(date +%s.%N)

retries=$(cat "$ROOT"/sync*.json 2>/dev/null | jq -s 'map(.retries) | add')
failed=$(cat "$ROOT"/log* | grep -c '^sync-failed' || true)
acked_promises=$(cat "$ROOT"/log* | grep -c '^promise ' || true)
acked_notes=$(cat "$ROOT"/log* | grep -c '^note ' || true)
acked_res=$(cat "$ROOT"/log* | grep -c '^reschedule ' || true)
trees=$(for i in $(seq 1 "$N"); do git -C "$ROOT/c$i" rev-parse 'HEAD^{tree}'; done | sort -u | wc -l)
missing=0; fsck=ok; verify=ok; check=ok
for i in $(seq 1 "$N"); do
    d=$ROOT/c$i
    while read -r _ id; do "$BIN" -C "$d" show "$id" >/dev/null 2>&1 || missing=$((missing + 1)); done < <(cat "$ROOT"/log* | grep '^promise ')
    present_notes=$("$BIN" -C "$d" --format json show "$SHARED" | jq '.notes | length')
    present_res=$("$BIN" -C "$d" --format json show "$SHARED" | jq '.reschedules | length')
    [ "$present_notes" = "$acked_notes" ] || missing=$((missing + 1))
    [ "$present_res" = "$acked_res" ] || missing=$((missing + 1))
    git -C "$d" fsck --strict --no-progress >/dev/null 2>&1 || fsck=FAILED
    "$BIN" -C "$d" verify >"$ROOT/verify.out" 2>&1 || { verify=FAILED; [ -n "${SHOW_FINDINGS:-}" ] && head -20 "$ROOT/verify.out" >&2; }
    "$BIN" -C "$d" check >/dev/null 2>&1 || check=FAILED
done

echo "swarm: N=$N clones, K=$K changes each, git daemon on 127.0.0.1"
printf 'wall time, all clones recording and syncing at once: %.1f s\n' "$(echo "$swarm_end - $start" | bc)"
printf 'wall time, including two final syncs per clone:     %.1f s\n' "$(echo "$end - $start" | bc)"
echo "pushes retried: $retries; syncs that gave up: $failed"
echo "acknowledged: $acked_promises promises, $acked_notes notes, $acked_res reschedules; missing on some clone: $missing"
echo "trees identical: $([ "$trees" = 1 ] && echo yes || echo "no ($trees different)")"
echo "git fsck: $fsck; ledger check: $check; ledger verify: $verify"
# median_by_bucket FILE: lines "COMMITS_IN MS"; the median time per bucket of commits brought in.
median_by_bucket() {
    for b in "0 0" "1 5" "6 20" "21 50" "51 100000"; do
        local file=$1
        read -r lo hi <<<"$b"
        times=$(awk -v lo="$lo" -v hi="$hi" '$1 >= lo && $1 <= hi {print $2}' "$file" | sort -n)
        n=$(printf '%s\n' "$times" | grep -c . || true)
        [ "$n" -gt 0 ] || continue
        med=$(printf '%s\n' "$times" | sed -n "$(( (n + 1) / 2 ))p")
        printf '  %s-%s commits in: %4d syncs, median %5d ms\n' "$lo" "$hi" "$n" "$med"
    done
}
cat "$ROOT"/swarmcosts* >"$ROOT/allswarm"
echo "cost of one sync by the commits it brought in, while all clones sync at once (incl. retries):"
median_by_bucket "$ROOT/allswarm"
echo "cost of one sync by the commits it brought in, one clone at a time (final syncs):"
median_by_bucket "$ROOT/costs"
