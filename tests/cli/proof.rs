//! `done`, `cancel` and `decline` take `--by` (who did it), `--note` and repeatable
//! `--evidence LINK`: the note and the links are kept on the record, append-only.

use crate::harness::Env;

fn promise(env: &Env) -> String {
    env.id(&[
        "promise",
        "Sign the BAA",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "+1w",
    ])
}

#[test]
fn done_keeps_who_did_it_a_note_and_the_links_that_prove_it() {
    let env = Env::new();
    let com = promise(&env);
    let before = env.commits();
    env.ok(&[
        "done",
        &com,
        "--by",
        "carol",
        "--note",
        "BAA confirmed by email",
        "--evidence",
        "mailto:legal@example.com",
        "--evidence",
        "https://git.example.com/pr/42",
    ]);
    assert_eq!(env.commits(), before + 1, "one commit");
    let c = env.record(&com);
    assert_eq!(c["status"], "done");
    assert_eq!(c["notes"][0]["text"], "BAA confirmed by email");
    assert_eq!(c["notes"][0]["by"], "carol");
    // Kept in the order every sync merge writes (sorted), so clones agree on it.
    assert_eq!(c["evidence"][0], "https://git.example.com/pr/42");
    assert_eq!(c["evidence"][1], "mailto:legal@example.com");
    let msg = env.message();
    assert!(msg.starts_with(&format!("carol completes {com}")), "{msg}");
    for t in [
        "Done by: carol",
        "Note: BAA confirmed by email",
        "Evidence: mailto:legal@example.com, https://git.example.com/pr/42",
        "Ledger-Action: done",
    ] {
        assert!(msg.contains(t), "{t}: {msg}");
    }
    env.assert_sound();
    let v = env.run(&["verify"]);
    assert_eq!(
        v.code, 0,
        "verify accepts the note and evidence: {}{}",
        v.stdout, v.stderr
    );
    let h = env.ok(&["history", &com]);
    assert!(!h.contains("hand-edit"), "{h}");
}

#[test]
fn cancel_and_decline_take_them_too_and_the_note_is_by_you_by_default() {
    let env = Env::new();
    let com = promise(&env);
    env.ok(&[
        "cancel",
        &com,
        "--reason",
        "Vendor dropped",
        "--note",
        "Procurement stopped the purchase",
        "--evidence",
        "https://tickets.example.com/PROC-7",
    ]);
    let c = env.record(&com);
    assert_eq!(c["status"], "cancelled");
    assert_eq!(c["notes"][0]["by"], "tester");
    assert_eq!(c["evidence"][0], "https://tickets.example.com/PROC-7");
    let ask = env.id(&["ask", "Review", "--from", "alice", "--to", "bob"]);
    env.ok(&[
        "decline",
        &ask,
        "--reason",
        "No capacity",
        "--by",
        "dave",
        "--evidence",
        "http://wiki.example.com/capacity",
    ]);
    let a = env.record(&ask);
    assert_eq!(a["status"], "declined");
    assert_eq!(a["evidence"][0], "http://wiki.example.com/capacity");
    assert!(env.message().starts_with(&format!("dave declines {ask}")));
    env.assert_sound();
    let v = env.run(&["verify"]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
}

#[test]
fn evidence_that_is_not_a_link_is_refused_saying_what_a_link_is() {
    let env = Env::new();
    let com = promise(&env);
    for bad in [
        "BAA confirmed by email",
        "ftp://files.example.com/x",
        "https://",
        "https://a b",
    ] {
        let err = env.refused(&["done", &com, "--evidence", bad], 1);
        assert!(err.contains("--evidence"), "{bad}: {err}");
        assert!(err.contains(bad), "names the value: {err}");
    }
    let err = env.refused(&["done", &com, "--evidence", "the email"], 1);
    assert!(err.contains("http://, https:// or mailto:"), "{err}");
    assert!(err.contains("--note"), "says where words go: {err}");
    env.ok(&["people", "add", "bob"]);
    let err = env.refused(&["done", &com, "--by", "bbo"], 1);
    assert!(err.contains("did you mean bob?"), "{err}");
}
