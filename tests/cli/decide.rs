//! `ledger decide`: statements kept word for word, compliance, and supersession in one commit.

use crate::harness::Env;

#[test]
fn the_statement_is_kept_verbatim() {
    let env = Env::new();
    for statement in [
        "  Keep   logs: 13 months -- then delete!  ",
        "yes",
        "# not a comment",
        "Line one\n\n  indented: line\nlast line ",
        "\"quoted\" and 'single' & <angle> {braces} [brackets] 100%",
        "Ünïcödé — déjà vu",
    ] {
        let id = env.id(&["decide", "--by", "erin", "--", statement]);
        assert_eq!(env.record(&id)["statement"], statement, "{statement:?}");
        // The commit body keeps it too, for readers of `git log`.
        assert!(
            env.message().contains("Statement, verbatim:"),
            "{}",
            env.message()
        );
    }
    env.assert_sound();
}

#[test]
fn decide_json_has_the_contract_fields() {
    let env = Env::new();
    let out = env.run(&["decide", "Use TLS 1.3", "--by", "erin", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    for f in [
        "id",
        "kind",
        "status",
        "date",
        "statement",
        "by",
        "compliance",
        "supersedes",
    ] {
        assert!(v.get(f).is_some(), "{f} missing in {v}");
    }
    assert_eq!(v["compliance"], false);
    assert!(v["supersedes"].is_null());
    assert_eq!(v["status"], "active");
}

#[test]
fn supersedes_marks_the_earlier_one_in_the_same_commit() {
    let env = Env::new();
    let first = env.id(&[
        "decide",
        "Payment logs are kept for 13 months.",
        "--by",
        "erin",
        "--compliance",
        "--rationale",
        "PCI",
        "--evidence",
        "https://example.com/pci",
        "--date",
        "2026-03-05",
    ]);
    let before = env.commits();
    let out = env.run(&[
        "decide",
        "Payment logs are kept for 13 months; card fields are masked.",
        "--by",
        "erin",
        "--compliance",
        "--supersedes",
        &first[..8],
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let second = out.json()["id"].as_str().unwrap().to_string();
    assert_eq!(out.json()["supersedes"], first.as_str());
    assert_eq!(out.json()["compliance"], true);
    assert_eq!(env.commits(), before + 1);
    assert_eq!(env.changed().len(), 2);
    let old = env.record(&first);
    assert_eq!(old["status"], "superseded");
    assert_eq!(old["superseded_by"], second.as_str());
    assert_eq!(old["closed"], "2026-03-20");
    assert_eq!(old["statement"], "Payment logs are kept for 13 months.");
    assert_eq!(
        old["evidence"],
        serde_json::json!(["https://example.com/pci"])
    );
    let msg = env.message();
    assert!(
        msg.contains(&format!("Ledger-Supersedes: {first}")),
        "{msg}"
    );
    assert!(msg.contains("Ledger-Compliance: yes"), "{msg}");
    assert!(
        msg.contains(&format!("Ledger-Id: {second}"))
            && msg.contains(&format!("Ledger-Id: {first}"))
    );
    // The chain is visible from the old one.
    let shown = env.ok(&["show", &first]);
    assert!(
        shown.contains(&format!("the decision in force is {second}")),
        "{shown}"
    );
    // A superseded decision cannot be superseded again: the hint names its successor.
    let err = env.refused(
        &["decide", "Third", "--by", "erin", "--supersedes", &first],
        1,
    );
    assert!(
        err.contains("already superseded") && err.contains(&second),
        "{err}"
    );
    env.assert_sound();
}

#[test]
fn supersedes_must_name_a_decision() {
    let env = Env::new();
    let com = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let err = env.refused(&["decide", "y", "--by", "e", "--supersedes", &com], 1);
    assert!(err.contains("not a decision"), "{err}");
    let err = env.refused(&["decide", "y", "--by", "e", "--supersedes", "dec-zzzz"], 1);
    assert!(err.contains("dec-zzzz"), "{err}");
}
