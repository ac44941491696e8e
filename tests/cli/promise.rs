//! `ledger promise`: a commitment, alone or answering an ask; authorship from git's settings.

use crate::harness::Env;

#[test]
fn promise_json_is_one_object_with_the_contract_fields() {
    let env = Env::new();
    let out = env.run(&[
        "promise", "Ship it", "--by", "bob", "--to", "alice", "--due", "+1w", "--format", "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["kind"], "commitment");
    assert_eq!(v["status"], "open");
    assert_eq!(v["date"], "2026-03-20");
    assert_eq!(v["what"], "Ship it");
    assert_eq!(v["by"], "bob");
    assert_eq!(v["to"], "alice");
    assert_eq!(v["due"], "2026-03-27");
    assert!(v["id"].as_str().unwrap().starts_with("com-"));
}

#[test]
fn promise_answering_an_ask_accepts_it_in_the_same_commit() {
    let env = Env::new();
    let ask = env.id(&["ask", "Tunnel", "--from", "alice", "--to", "bob"]);
    let com = env.id(&[
        "promise",
        "Tunnel by Friday",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "friday",
        "--ask",
        &ask[..8],
    ]);
    assert_eq!(env.changed().len(), 2);
    let a = env.record(&ask);
    assert_eq!(a["status"], "accepted");
    assert_eq!(a["commitment"], com.as_str());
    assert_eq!(env.record(&com)["ask"], ask.as_str());
    let msg = env.message();
    assert!(
        msg.contains(&format!("Ledger-Id: {com}")) && msg.contains(&format!("Ledger-Id: {ask}"))
    );
    // The ask is taken now: a second promise cannot answer it.
    let err = env.refused(
        &[
            "promise", "again", "--to", "alice", "--due", "friday", "--ask", &ask,
        ],
        1,
    );
    assert!(err.contains("already accepted"), "{err}");
    env.assert_sound();
}

#[test]
fn promise_refuses_links_of_the_wrong_kind() {
    let env = Env::new();
    let com = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let err = env.refused(
        &["promise", "y", "--to", "a", "--due", "+1w", "--ask", &com],
        1,
    );
    assert!(err.contains("not an ask"), "{err}");
    let err = env.refused(
        &[
            "promise",
            "y",
            "--to",
            "a",
            "--due",
            "+1w",
            "--meeting",
            "mtg-zzzz",
        ],
        1,
    );
    assert!(err.contains("no record matches 'mtg-zzzz'"), "{err}");
}

#[test]
fn git_author_settings_are_honoured() {
    let env = Env::new();
    env.set("GIT_AUTHOR_NAME", "Bob Chen")
        .set("GIT_AUTHOR_EMAIL", "bob@example.com")
        .set("GIT_AUTHOR_DATE", "2026-03-02T14:30:00+01:00");
    env.ok(&["promise", "x", "--by", "bob", "--to", "a", "--due", "+1w"]);
    assert_eq!(
        env.git(&["log", "-1", "--format=%an|%ae|%aI|%cn"]).trim(),
        "Bob Chen|bob@example.com|2026-03-02T14:30:00+01:00|Test User"
    );
}

#[test]
fn the_people_file_email_decides_who_you_are() {
    let env = Env::new();
    env.ok(&["people", "add", "bob", "--email", "bob@example.com"]);
    env.ok(&["people", "add", "a"]);
    env.set("GIT_AUTHOR_EMAIL", "bob@example.com");
    env.set("GIT_COMMITTER_EMAIL", "bob@example.com");
    let id = env.id(&["promise", "x", "--to", "a", "--due", "+1w"]);
    assert_eq!(env.record(&id)["by"], "bob");
}
