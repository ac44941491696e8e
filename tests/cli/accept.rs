//! `ledger accept`: an ask becomes a commitment, linked both ways, in one commit.

use crate::harness::Env;

#[test]
fn accept_makes_a_linked_commitment_in_one_commit() {
    let env = Env::new();
    let ask = env.id(&[
        "ask",
        "Security sign-off",
        "--from",
        "alice",
        "--to",
        "erin",
        "--due",
        "2026-03-27",
    ]);
    let before = env.commits();
    let out = env.ok(&["accept", &ask]);
    assert!(out.contains(&format!("erin accepted {ask}")), "{out}");
    let com = out.split_whitespace().next().unwrap().to_string();
    assert_eq!(env.commits(), before + 1);
    assert_eq!(env.changed().len(), 2);
    let c = env.record(&com);
    assert_eq!(c["by"], "erin");
    assert_eq!(c["to"], "alice");
    assert_eq!(c["due"], "2026-03-27");
    assert_eq!(c["what"], "Security sign-off");
    assert_eq!(c["ask"], ask.as_str());
    let a = env.record(&ask);
    assert_eq!(a["status"], "accepted");
    assert_eq!(a["commitment"], com.as_str());
    assert_eq!(a["closed"], "2026-03-20");
    let msg = env.message();
    for t in [
        format!("Ledger-Id: {com}"),
        format!("Ledger-Id: {ask}"),
        "Ledger-Kind: commitment".into(),
        "Ledger-Action: accept".into(),
    ] {
        assert!(msg.contains(&t), "{t}: {msg}");
    }
    env.assert_sound();
}

#[test]
fn accept_with_its_own_due_what_and_json() {
    let env = Env::new();
    let ask = env.id(&["ask", "Numbers", "--from", "carol", "--to", "dave"]);
    let out = env.run(&[
        "accept",
        &ask,
        "--due",
        "+2w",
        "--what",
        "Numbers for the EU cluster",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["kind"], "commitment");
    assert_eq!(v["due"], "2026-04-03");
    assert_eq!(v["what"], "Numbers for the EU cluster");
    assert_eq!(v["status"], "open");
}

#[test]
fn accept_refuses_what_cannot_be_accepted() {
    let env = Env::new();
    let ask = env.id(&["ask", "x", "--from", "a", "--to", "b", "--due", "+1w"]);
    env.ok(&["decline", &ask, "--reason", "No capacity"]);
    let err = env.refused(&["accept", &ask], 1);
    assert!(err.contains("already declined"), "{err}");

    let open = env.id(&["ask", "y", "--from", "a", "--to", "b"]);
    let err = env.refused(&["accept", &open], 1);
    assert!(
        err.contains("no needed-by date") && err.contains("--due"),
        "{err}"
    );
    env.ok(&["accept", &open, "--due", "friday"]);
    let err = env.refused(&["accept", &open, "--due", "friday"], 1);
    assert!(err.contains("already accepted"), "{err}");

    let com = env.id(&["promise", "z", "--by", "b", "--to", "a", "--due", "+1w"]);
    let err = env.refused(&["accept", &com], 1);
    assert!(err.contains("only asks are accepted"), "{err}");
}
