//! `ledger people retire HANDLE [--reassign TO]`: kept for history, refused in new records,
//! refused while they owe open commitments unless someone takes them over.

use crate::harness::Env;

fn team(env: &Env) {
    for h in ["alice", "bob", "nina"] {
        env.ok(&["people", "add", h]);
    }
}

#[test]
fn retire_keeps_the_person_for_history_and_refuses_them_in_new_records() {
    let env = Env::new();
    team(&env);
    let c = env.bob_promises_alice("Rotate the keys");
    env.ok(&["done", &c]);
    let out = env.ok(&["people", "retire", "bob"]);
    assert_eq!(out, "bob retired\n");
    let msg = env.message();
    assert!(msg.contains("Ledger-Action: people-retire"), "{msg}");
    assert!(msg.contains("Ledger-Person: bob"), "{msg}");
    let people = env.ok(&["people", "list", "--format", "json"]);
    assert!(people.contains("2026-03-20"), "{people}");
    assert_eq!(env.record(&c)["by"], "bob", "their past is kept");
    let who = env.ok(&["who", "bob"]);
    assert!(who.contains("Rotate the keys"), "{who}");
    let err = env.refused(
        &[
            "promise",
            "More",
            "--by",
            "bob",
            "--to",
            "alice",
            "--due",
            "2026-04-01",
        ],
        1,
    );
    assert!(err.contains("'bob' retired on 2026-03-20"), "{err}");
    let err = env.refused(&["people", "retire", "bob"], 1);
    assert!(err.contains("already retired"), "{err}");
    env.ok(&["verify"]);
    env.assert_sound();
}

#[test]
fn retire_refuses_while_they_owe_open_commitments_unless_reassigned() {
    let env = Env::new();
    team(&env);
    let c = env.bob_promises_alice("Rotate the keys");
    let err = env.refused(&["people", "retire", "bob"], 1);
    assert!(err.contains("bob still owes 1 open commitment(s)"), "{err}");
    assert!(err.contains(&c), "{err}");
    assert!(err.contains("--reassign"), "{err}");
    let err = env.refused(&["people", "retire", "bob", "--reassign", "nnia"], 1);
    assert!(
        err.contains("'nnia' is not in the people file") && err.contains("nina"),
        "{err}"
    );
    let err = env.refused(&["people", "retire", "bob", "--reassign", "bob"], 1);
    assert!(err.contains("their own"), "{err}");
    let out = env.ok(&["people", "retire", "bob", "--reassign", "nina"]);
    assert!(out.contains(&format!("{c} now owed by nina")), "{out}");
    assert!(env.message().contains(&format!("Ledger-Id: {c}")));
    let rec = env.record(&c);
    assert_eq!(rec["by"], "nina");
    let note = rec["notes"][0]["text"].as_str().unwrap_or_default();
    assert!(note.contains("Reassigned from bob"), "{rec}");
    env.ok(&["verify"]);
    env.assert_sound();
}

#[test]
fn retire_refuses_an_unknown_handle() {
    let env = Env::new();
    team(&env);
    let err = env.refused(&["people", "retire", "bbo"], 1);
    assert!(
        err.contains("bbo is not in the people file") && err.contains("bob"),
        "{err}"
    );
}
