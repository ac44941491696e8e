//! `ledger undo`: the last change you made, taken back in a commit that names it, unless
//! something builds on it; never a decision.

use crate::harness::Env;

fn as_bob(env: &Env) {
    env.set("GIT_AUTHOR_NAME", "Bob Chen")
        .set("GIT_AUTHOR_EMAIL", "bob@example.com");
}

fn as_me(env: &Env) {
    env.set("GIT_AUTHOR_NAME", "Test User")
        .set("GIT_AUTHOR_EMAIL", "tester@example.com");
}

#[test]
fn undo_removes_a_record_you_just_made_and_history_keeps_both_commits() {
    let env = Env::new();
    let keep = env.bob_promises_alice("Rotate the keys");
    let typo = env.bob_promises_alice("Rotaet the kyes");
    let made = env.head();
    let before = env.commits();
    let out = env.ok(&["undo"]);
    assert!(out.contains(&format!("undid {}", &made[..10])), "{out}");
    assert!(out.contains(&format!("{typo} removed")), "{out}");
    assert_eq!(env.commits(), before + 1, "a new commit, nothing rewritten");
    let msg = env.message();
    for t in [
        "Ledger-Action: undo".to_string(),
        format!("Ledger-Id: {typo}"),
        "Ledger-Kind: commitment".into(),
        format!("Ledger-Undoes: {made}"),
    ] {
        assert!(msg.contains(&t), "{t} missing:\n{msg}");
    }
    assert!(msg.contains("undoes"), "{msg}");
    let list = env.ok(&["list"]);
    assert!(list.contains("Rotate the keys"), "{list}");
    assert!(
        !list.contains("Rotaet"),
        "the undone record is gone from list:\n{list}"
    );
    env.fails(&["show", &typo], 1);
    let log = env.ok(&["log"]);
    assert!(log.contains("undoes"), "{log}");
    assert!(
        log.contains("Rotaet"),
        "the undone change stays in the log:\n{log}"
    );
    env.ok(&["verify"]);
    env.record(&keep);
    env.assert_sound();
}

#[test]
fn undo_restores_a_changed_record_and_goes_one_change_further_back_each_time() {
    let env = Env::new();
    let c = env.bob_promises_alice("Rotate the keys");
    env.ok(&["note", &c, "wrong record"]);
    env.ok(&["done", &c]);
    let out = env.ok(&["undo"]);
    assert!(out.contains(&format!("{c} restored")), "{out}");
    assert_eq!(env.record(&c)["status"], "open");
    assert_eq!(env.record(&c)["notes"].as_array().map(Vec::len), Some(1));
    env.ok(&["undo"]);
    assert!(env.record(&c)["notes"].as_array().is_none_or(Vec::is_empty));
    env.ok(&["undo"]);
    env.fails(&["show", &c], 1);
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["verify", "--format", "json"])).unwrap();
    assert_eq!(v["ok"], true, "{v}");
    env.assert_sound();
}

#[test]
fn undo_never_takes_back_a_decision() {
    let env = Env::new();
    let d = env.id(&["decide", "PHI at rest is encrypted", "--by", "nina"]);
    let err = env.refused(&["undo"], 1);
    assert!(err.contains("never undone"), "{err}");
    assert!(err.contains(&format!("ledger revoke {d}")), "{err}");
    assert!(err.contains("supersede"), "{err}");
}

#[test]
fn undo_refuses_when_someone_else_has_built_on_the_change() {
    let env = Env::new();
    let c = env.bob_promises_alice("Rotate the keys");
    as_bob(&env);
    env.ok(&["note", &c, "started"]);
    as_me(&env);
    let err = env.refused(&["undo"], 1);
    assert!(err.contains("a later change"), "{err}");
    assert!(err.contains("Bob Chen"), "{err}");
    assert!(err.contains("ledger cancel"), "{err}");
    assert!(err.contains("withdraw"), "{err}");
}

#[test]
fn undo_refuses_when_another_record_links_to_it() {
    let env = Env::new();
    let c = env.bob_promises_alice("Rotate the keys");
    as_bob(&env);
    let other = env.bob_promises_alice("Ship the release");
    env.ok(&["block", &other, "--on", &c]);
    as_me(&env);
    let err = env.refused(&["undo"], 1);
    assert!(err.contains(&format!("{other} links to {c}")), "{err}");
}

#[test]
fn undo_refuses_what_a_sync_or_push_shared() {
    let env = Env::new();
    env.bob_promises_alice("Rotate the keys");
    let remote = env.root().join("remote.git");
    env.git(&["init", "-q", "--bare", remote.to_str().unwrap()]);
    env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    env.git(&["push", "-q", "-u", "origin", "main"]);
    let err = env.refused(&["undo"], 1);
    assert!(err.contains("already on a remote"), "{err}");
}

#[test]
fn undo_has_nothing_to_take_back_before_your_first_change() {
    let env = Env::new();
    let err = env.refused(&["undo"], 1);
    assert!(err.contains("`init`"), "{err}");
    as_bob(&env);
    let err = env.refused(&["undo"], 1);
    assert!(err.contains("no change of yours"), "{err}");
}

#[test]
fn verify_still_reports_a_deletion_that_only_claims_to_be_an_undo() {
    // The commit names the change that made another record, and deletes this one.
    let env = Env::new();
    env.bob_promises_alice("Rotate the keys");
    let made = env.head();
    let a = env.bob_promises_alice("Ship the release");
    let path = env.path_of(&a);
    env.git(&["rm", "-q", &path]);
    env.git(&[
        "commit",
        "-q",
        "-m",
        &format!("forged\n\nLedger-Action: undo\nLedger-Id: {a}\nLedger-Kind: commitment\nLedger-Undoes: {made}\n"),
    ]);
    let out = env.fails(&["verify", "--format", "json"], 2);
    let v = out.json();
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"undo"), "{v}");
    assert!(
        kinds.contains(&"deleted"),
        "the deletion is still reported: {v}"
    );
}

#[test]
fn history_of_an_undone_record_says_where_it_was_made_and_undone() {
    let env = Env::new();
    let typo = env.bob_promises_alice("Rotaet the kyes");
    let made = env.head();
    env.ok(&["undo"]);
    let undone = env.head();
    // By the whole id and by a prefix, as for any record.
    for input in [typo.as_str(), &typo[..8]] {
        let out = env.ok(&["history", input]);
        assert!(
            out.starts_with(&format!(
                "History of {typo} (commitment: Rotaet the kyes): 1 change\nIt is no longer in the ledger: made in commit {} and undone in commit {} (`ledger undo`).\n",
                &made[..10],
                &undone[..10]
            )),
            "{out}"
        );
        assert!(out.contains("    what: \"Rotaet the kyes\""), "{out}");
    }
    let v = env.run(&["history", &typo, "--format", "json"]).json();
    assert_eq!(v[0]["commit"], made.as_str(), "{v}");
    assert_eq!(v[0]["action"], "promise", "{v}");
    // An id that never existed is still not found.
    let out = env.fails(&["history", "com-zzzzzzzz"], 1);
    assert!(out.stderr.contains("no record matches"), "{}", out.stderr);
    // Nor is the record back in any listing.
    env.fails(&["show", &typo], 1);
}
