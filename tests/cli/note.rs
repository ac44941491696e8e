//! `ledger note`: dated progress notes on asks and commitments.

use crate::harness::Env;

#[test]
fn notes_accumulate_with_date_and_author() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Tunnel", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    let out = env.ok(&["note", &id, "Firewall rules approved"]);
    assert!(out.starts_with(&format!("{id} noted")), "{out}");
    // The next day (a --date after today is refused: a note says what happened).
    env.today("2026-03-21");
    env.ok(&[
        "note",
        &id,
        "Waiting: change window",
        "--by",
        "bob",
        "--date",
        "2026-03-21",
    ]);
    let v = env.record(&id);
    assert_eq!(
        v["notes"],
        serde_json::json!([
            {"date": "2026-03-20", "by": "tester", "text": "Firewall rules approved",
             "at": "2026-03-20T09:02:00+00:00"},
            {"date": "2026-03-21", "by": "bob", "text": "Waiting: change window",
             "at": "2026-03-21T09:00:00+00:00"}
        ])
    );
    let msg = env.message();
    assert!(
        msg.starts_with(&format!("bob notes {id}: \"Waiting: change window\""))
            && msg.contains("Ledger-Action: note"),
        "{msg}"
    );
    let ask = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    env.ok(&["note", &ask, "Pinged again"]);
    assert_eq!(env.record(&ask)["notes"][0]["text"], "Pinged again");
    env.assert_sound();
}

#[test]
fn notes_on_decisions_and_meetings_are_refused() {
    let env = Env::new();
    let dec = env.id(&["decide", "x", "--by", "e"]);
    let err = env.refused(&["note", &dec, "hm"], 1);
    assert!(err.contains("never reworded"), "{err}");
    let mtg = env.id(&["meeting", "Sync", "--attendees", "a"]);
    let err = env.refused(&["note", &mtg, "hm"], 1);
    assert!(err.contains("ledger edit"), "{err}");
}

/// A note dated before the last one goes in date order, the order every sync merge writes (so a
/// clone that merges the record keeps the same list), and `verify` accepts it: old notes keep
/// their order and text; only a removed or changed note is a finding.
#[test]
fn a_backdated_note_goes_in_date_order_and_verify_accepts_it() {
    let env = Env::new();
    let id = env.bob_promises_alice("Tunnel");
    env.ok(&["note", &id, "Rules approved"]);
    env.ok(&[
        "note",
        &id,
        "Vendor called on Monday",
        "--date",
        "2026-03-16",
    ]);
    let texts: Vec<String> = env.record(&id)["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["Vendor called on Monday", "Rules approved"]);
    env.assert_sound();
}
