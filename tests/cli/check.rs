//! `ledger check` and hand edits: problems as path:line:col, exit 2; queries name bad files.

use crate::harness::Env;

fn ledger_with_two(env: &Env) -> (String, String) {
    let ask = env.id(&[
        "ask", "Tunnel", "--from", "alice", "--to", "bob", "--due", "+1w",
    ]);
    let com = env.id(&["accept", &ask]);
    (ask, com)
}

#[test]
fn a_clean_ledger_checks() {
    let env = Env::new();
    ledger_with_two(&env);
    let out = env.ok(&["check"]);
    assert_eq!(out, "ok: 2 records, no problems\n");
    let out = env.ok(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["ok"].clone(), v["records"].clone()),
        (true.into(), 2.into())
    );
}

#[test]
fn a_hand_broken_file_is_reported_with_path_line_and_column() {
    let env = Env::new();
    let (ask, com) = ledger_with_two(&env);
    let path = env.path_of(&com);
    let text = env.read(&path).replace("what: Tunnel", "what: [Tunnel");
    env.write(&path, &text);
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains(&format!("{path}:5:7: what:")),
        "{}",
        out.stdout
    );
    // The ask that names the broken commitment is not blamed for it.
    assert!(!out.stdout.contains(&env.path_of(&ask)), "{}", out.stdout);
    assert!(out.stdout.contains("1 problem(s)"), "{}", out.stdout);
    // Uncommitted, it blocks changing that record; committed by hand, queries name it and
    // exit 2.
    let err = env.refused(&["note", &com, "x"], 1);
    assert!(err.contains(&path) && err.contains("uncommitted"), "{err}");
    env.commit_by_hand("a bad hand edit");
    let out = env.fails(&["list", "--all"], 2);
    assert!(
        out.stdout.contains(&ask[..8]),
        "the rest is answered: {}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!("{path}:5:7")),
        "{}",
        out.stderr
    );
    let out = env.fails(&["check", "--committed"], 2);
    assert!(out.stdout.contains(&path), "{}", out.stdout);
    // Changing the broken record is refused with the file named; exit 2, nothing committed.
    let err = env.refused(&["done", &com], 2);
    assert!(err.contains(&format!("{path}:5:7")), "{err}");
    // Showing it names the file rather than claiming the record does not exist.
    let out = env.fails(&["show", &com], 2);
    assert!(out.stderr.contains(&path), "{}", out.stderr);
    assert!(!out.stderr.contains("no record matches"), "{}", out.stderr);
}

#[test]
fn check_finds_every_kind_of_hand_mistake() {
    let env = Env::new();
    let (ask, com) = ledger_with_two(&env);
    let cpath = env.path_of(&com);
    let apath = env.path_of(&ask);
    env.write(
        &cpath,
        &env.read(&cpath).replace("status: open", "status: finished"),
    );
    env.write(&apath, &format!("{}colour: red\n", env.read(&apath)));
    env.write(
        "decisions/2026/03/dec-aaaaaaaaaaaa.yaml",
        "id: dec-bbbbbbbbbbbb\nkind: decision\nstatus: active\ndate: 2026-03-01\nstatement: x\nby: e\n",
    );
    env.write(
        "commitments/2026/03/com-cccccccccccc.yaml",
        "id: com-cccccccccccc\nkind: commitment\nstatus: open\ndate: 2026-03-01\nwhat: x\nby: b\nto: a\ndue: 2026-02-30\nmeeting: mtg-dddddddddddd\n",
    );
    let out = env.fails(&["check"], 2);
    let s = out.stdout;
    assert!(
        s.contains(&format!("{cpath}:3:")) && s.contains("finished"),
        "{s}"
    );
    assert!(s.contains(&apath) && s.contains("colour"), "{s}");
    assert!(
        s.contains("decisions/2026/03/dec-aaaaaaaaaaaa.yaml") && s.contains("dec-bbbbbbbbbbbb"),
        "{s}"
    );
    assert!(
        s.contains("commitments/2026/03/com-cccccccccccc.yaml:8:6: due: is not a day that exists"),
        "{s}"
    );
    for line in s.lines().filter(|l| l.contains(".yaml")) {
        let mut parts = line.splitn(4, ':');
        let (_, l, c) = (parts.next(), parts.next().unwrap(), parts.next().unwrap());
        assert!(
            l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(),
            "{line}"
        );
    }
}

#[test]
fn a_dangling_reference_is_a_problem() {
    let env = Env::new();
    env.write(
        "commitments/2026/03/com-cccccccccccc.yaml",
        "id: com-cccccccccccc\nkind: commitment\nstatus: open\ndate: 2026-03-01\nwhat: x\nby: b\nto: a\ndue: 2026-03-30\nmeeting: mtg-dddddddddddd\n",
    );
    let out = env.fails(&["check"], 2);
    assert!(out.stdout.contains("com-cccccccccccc.yaml:9:1: meeting: names mtg-dddddddddddd, which is not in the ledger"), "{}", out.stdout);
}

#[test]
fn a_broken_people_file_is_named() {
    let env = Env::new();
    env.write("people.yaml", "people:\n  bob: [\n");
    let out = env.fails(&["check"], 2);
    assert!(out.stdout.contains("people.yaml:"), "{}", out.stdout);
}

#[test]
fn a_nested_field_is_located_on_its_own_line() {
    let env = Env::new();
    let a = env.id(&["promise", "a", "--by", "b", "--to", "c", "--due", "+1w"]);
    let b = env.id(&["promise", "b", "--by", "b", "--to", "c", "--due", "+1w"]);
    env.ok(&["block", &b, "--on", &a]);
    let path = env.path_of(&b);
    env.write(&path, &env.read(&path).replace(&a, "com-zzzzzzzzzzzz"));
    let out = env.fails(&["check"], 2);
    let line = env
        .read(&path)
        .lines()
        .position(|l| l.contains("com-zzzz"))
        .unwrap()
        + 1;
    assert!(
        out.stdout.contains(&format!(
            "{path}:{line}:3: blocked.on: names com-zzzzzzzzzzzz"
        )),
        "{}",
        out.stdout
    );
}
