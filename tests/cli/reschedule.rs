//! `ledger reschedule`: a renegotiated due date, its reason kept in the file and the commit.

use crate::harness::Env;

#[test]
fn reschedule_keeps_every_move_with_its_reason() {
    let env = Env::new();
    let id = env.id(&[
        "promise",
        "Tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-18",
    ]);
    let out = env.ok(&[
        "reschedule",
        &id,
        "--due",
        "+1w",
        "--reason",
        "Firmware bug",
    ]);
    assert!(
        out.starts_with(&format!("{id} due 2026-03-18 -> 2026-03-27")),
        "{out}"
    );
    let msg = env.message();
    assert!(msg.contains("Ledger-Reason: Firmware bug"), "{msg}");
    assert!(
        msg.contains("Ledger-Due: 2026-03-18 -> 2026-03-27"),
        "{msg}"
    );
    assert!(msg.contains("Ledger-Action: reschedule") && msg.contains(&format!("Ledger-Id: {id}")));
    let out = env.ok(&[
        "reschedule",
        &id,
        "--due",
        "eom",
        "--reason",
        "Change window",
        "--by",
        "alice",
    ]);
    assert!(out.contains("moved 2 times"), "{out}");
    let v = env.record(&id);
    assert_eq!(v["due"], "2026-03-31");
    assert_eq!(
        v["reschedules"],
        serde_json::json!([
            {"date": "2026-03-20", "from": "2026-03-18", "to": "2026-03-27", "reason": "Firmware bug", "by": "tester",
             "at": "2026-03-20T09:02:00+00:00"},
            {"date": "2026-03-20", "from": "2026-03-27", "to": "2026-03-31", "reason": "Change window", "by": "alice",
             "at": "2026-03-20T09:04:00+00:00"}
        ])
    );
    env.assert_sound();
}

#[test]
fn reschedule_refusals() {
    let env = Env::new();
    let id = env.bob_promises_alice("Tunnel");
    let err = env.refused(
        &["reschedule", &id, "--due", "2026-03-27", "--reason", "r"],
        1,
    );
    assert!(err.contains("already due 2026-03-27"), "{err}");
    let err = env.refused(&["reschedule", &id, "--due", "+1w", "--reason", ""], 1);
    assert!(err.contains("--reason is empty"), "{err}");
    let err = env.refused(
        &["reschedule", &id, "--due", "2026-02-30", "--reason", "r"],
        1,
    );
    assert!(err.contains("'2026-02-30'"), "{err}");
    env.ok(&["done", &id]);
    let err = env.refused(&["reschedule", &id, "--due", "+2w", "--reason", "r"], 1);
    assert!(err.contains("it is done"), "{err}");
    let dec = env.id(&["decide", "x", "--by", "e"]);
    let err = env.refused(&["reschedule", &dec, "--due", "+2w", "--reason", "r"], 1);
    assert!(err.contains("decision"), "{err}");
}

#[test]
fn an_ask_needed_by_date_moves_with_a_note() {
    let env = Env::new();
    let ask = env.id(&[
        "ask",
        "Numbers",
        "--from",
        "carol",
        "--to",
        "dave",
        "--due",
        "2026-03-25",
    ]);
    env.ok(&[
        "reschedule",
        &ask,
        "--due",
        "2026-04-01",
        "--reason",
        "Finance late",
    ]);
    let v = env.record(&ask);
    assert_eq!(v["due"], "2026-04-01");
    assert!(
        v["notes"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Finance late"),
        "{v}"
    );
    env.assert_sound();
}
