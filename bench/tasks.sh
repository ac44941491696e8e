# Sourced by bench/taskwarrior.sh and bench/cold.sh: a Taskwarrior database in DIR holding N
# tasks, a third of them past due, like the generated ledgers. Sets TASKRC and TASKDATA.
# Usage: tw_tasks DIR N
tw_tasks() {
    local dir=$1 n=$2
    export TASKRC="$dir/taskrc" TASKDATA="$dir/data"
    mkdir -p "$TASKDATA"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ngc=on\n' "$TASKDATA" >"$TASKRC"
    python3 - "$n" >"$dir/tasks.json" <<'PY'
import json, sys, uuid, random
random.seed(1)
n = int(sys.argv[1])
for i in range(n):
    due = "2026%02d%02dT000000Z" % (random.randint(1, 12), random.randint(1, 28))
    print(json.dumps({"uuid": str(uuid.UUID(int=random.getrandbits(128))), "description": "Promise %d: ship part %d" % (i, i),
                      "status": "pending" if i % 3 else "completed", "entry": "20260101T000000Z",
                      "due": due, "project": "team%d" % (i % 12)}))
PY
    task import "$dir/tasks.json" >/dev/null 2>&1
}
