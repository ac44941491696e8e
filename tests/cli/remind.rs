//! `ledger remind [--days N] [--for HANDLE]`: overdue and coming due, grouped by person, exit 3
//! when anything is overdue.

use crate::harness::Env;

fn promise(env: &Env, what: &str, by: &str, due: &str) -> String {
    env.id(&["promise", what, "--by", by, "--to", "alice", "--due", due])
}

#[test]
fn remind_groups_overdue_and_coming_due_by_person_and_exits_3_when_overdue() {
    let env = Env::new();
    env.today("2026-03-10");
    let late = promise(&env, "Rotate the keys", "bob", "2026-03-18");
    let soon = promise(&env, "Ship the release", "nina", "2026-03-24");
    let far = promise(&env, "Write the report", "nina", "2026-04-30");
    let ask = env.id(&[
        "ask",
        "Logs?",
        "--from",
        "alice",
        "--to",
        "bob",
        "--due",
        "2026-03-21",
    ]);
    env.today("2026-03-20");
    let out = env.fails(&["remind"], 3).stdout;
    assert!(
        out.starts_with(
            "Reminders on 2026-03-20: overdue, and due by 2026-03-27 (1 overdue, 2 coming)"
        ),
        "{out}"
    );
    let bob = out.find("\nbob\n").expect("bob's group");
    let nina = out.find("\nnina\n").expect("nina's group");
    assert!(bob < nina, "{out}");
    assert!(out[bob..nina].contains("overdue 2 days"), "{out}");
    assert!(
        out[bob..nina].contains("due in 1 day "),
        "the ask to bob: {out}"
    );
    assert!(out[nina..].contains("due in 4 days"), "{out}");
    assert!(!out.contains("Write the report"), "{out}");
    let v = env.fails(&["remind", "--format", "json"], 3).json();
    assert_eq!(v["people"][0]["person"], "bob");
    assert_eq!(v["people"][0]["overdue"][0]["id"], late.as_str());
    assert_eq!(v["people"][0]["overdue"][0]["days"], 2);
    assert_eq!(v["people"][0]["due_soon"][0]["id"], ask.as_str());
    assert_eq!(v["people"][1]["due_soon"][0]["id"], soon.as_str());
    let wide = env
        .fails(&["remind", "--days", "60", "--format", "json"], 3)
        .json();
    assert_eq!(wide["people"][1]["due_soon"][1]["id"], far.as_str());
}

#[test]
fn remind_for_one_person_and_nothing_to_remind_exits_0() {
    let env = Env::new();
    env.today("2026-03-10");
    promise(&env, "Rotate the keys", "bob", "2026-03-18");
    promise(&env, "Ship the release", "nina", "2026-03-24");
    env.today("2026-03-20");
    let out = env.ok(&["remind", "--for", "nina"]);
    assert!(
        out.contains("Ship the release") && !out.contains("Rotate"),
        "{out}"
    );
    let out = env.ok(&["remind", "--for", "nina", "--days", "0"]);
    assert_eq!(
        out,
        "Nothing overdue on 2026-03-20, and nothing due by 2026-03-20.\n"
    );
}

#[test]
fn remind_refuses_a_bad_number_of_days() {
    let env = Env::new();
    let out = env.run(&["remind", "--days=-3"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("--days"), "{}", out.stderr);
    let out = env.run(&["remind", "--days", "400"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("400"), "{}", out.stderr);
}
