//! `ledger people rename OLD NEW`: one commit rewriting every reference, accepted by `verify`.

use crate::harness::Env;

fn team(env: &Env) {
    for h in ["alice", "bob", "nina"] {
        env.ok(&["people", "add", h]);
    }
    env.ok(&["people", "set", "alice", "--reports-to", "bob"]);
}

#[test]
fn rename_rewrites_every_reference_in_one_commit_and_verify_accepts_it() {
    let env = Env::new();
    team(&env);
    let c = env.bob_promises_alice("Rotate the keys");
    env.ok(&["note", &c, "started", "--by", "bob"]);
    env.ok(&[
        "reschedule",
        &c,
        "--due",
        "2026-04-03",
        "--reason",
        "vendor",
        "--by",
        "bob",
    ]);
    let d = env.id(&["decide", "PHI at rest is encrypted", "--by", "bob"]);
    let a = env.id(&["ask", "Logs?", "--from", "alice", "--to", "nina"]);
    let before = env.commits();
    let out = env.ok(&["people", "rename", "bob", "robert"]);
    assert_eq!(out, "bob renamed to robert (people file and 2 record(s))\n");
    assert_eq!(env.commits(), before + 1, "one commit");
    let msg = env.message();
    for t in [
        "Ledger-Action: people-rename".to_string(),
        "Ledger-Person: bob".into(),
        "Ledger-Renamed-To: robert".into(),
        format!("Ledger-Id: {c}"),
        format!("Ledger-Id: {d}"),
    ] {
        assert!(msg.contains(&t), "{t} missing:\n{msg}");
    }
    assert!(
        !msg.contains(&a),
        "a record not naming bob is untouched:\n{msg}"
    );
    let rec = env.record(&c);
    assert_eq!(rec["by"], "robert");
    assert_eq!(rec["notes"][0]["by"], "robert");
    assert_eq!(rec["reschedules"][0]["by"], "robert");
    assert_eq!(env.record(&d)["by"], "robert");
    let people = env.ok(&["people", "list", "--format", "json"]);
    assert!(
        people.contains("\"reports_to\": \"robert\"")
            || people.contains("\"reports_to\":\"robert\""),
        "{people}"
    );
    assert!(!people.contains("\"bob\""), "{people}");
    let who = env.ok(&["who", "robert"]);
    assert!(
        who.contains("Rotate the keys"),
        "who NEW shows the old handle's past:\n{who}"
    );
    let hist = env.ok(&["history", &c]);
    assert!(hist.contains("robert"), "{hist}");
    env.ok(&["verify"]);
    env.assert_sound();
    // The old handle is no longer known, so a new record naming it is refused.
    let err = env.fails(&["note", &c, "more", "--by", "bob"], 1).stderr;
    assert!(err.contains("'bob' is not in the people file"), "{err}");
}

#[test]
fn rename_refuses_unknown_taken_and_invalid_handles() {
    let env = Env::new();
    team(&env);
    let err = env.refused(&["people", "rename", "bbo", "robert"], 1);
    assert!(
        err.contains("bbo is not in the people file") && err.contains("bob"),
        "{err}"
    );
    let err = env.refused(&["people", "rename", "bob", "nina"], 1);
    assert!(err.contains("nina is already in the people file"), "{err}");
    let err = env.refused(&["people", "rename", "bob", "Bob Chen"], 1);
    assert!(err.contains("NEW"), "{err}");
}

#[test]
fn verify_still_reports_a_hand_edit_that_claims_to_be_a_rename() {
    let env = Env::new();
    team(&env);
    let d = env.id(&["decide", "PHI at rest is encrypted", "--by", "bob"]);
    let path = env.path_of(&d);
    let text = env.read(&path);
    env.write(
        &path,
        &text.replace("PHI at rest is encrypted", "PHI is not encrypted"),
    );
    env.git(&["commit", "-q", "-a", "-m", &format!("x\n\nLedger-Action: people-rename\nLedger-Person: bob\nLedger-Renamed-To: robert\nLedger-Id: {d}\n")]);
    env.fails(&["verify"], 2);
}
