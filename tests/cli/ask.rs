//! `ledger ask`: an ask recorded with every field, its commit, and its JSON.

use crate::harness::Env;

#[test]
fn ask_records_every_field_in_one_commit() {
    let env = Env::new();
    let out = env.ok(&[
        "ask",
        "Capacity numbers for Q2",
        "--from",
        "carol",
        "--to",
        "dave",
        "--due",
        "2026-03-27",
        "--why",
        "The cluster plan needs them",
        "--where",
        "#platform",
        "--tag",
        "q2",
    ]);
    assert!(
        out.contains("carol asked dave: \"Capacity numbers for Q2\" (needed by 2026-03-27)"),
        "{out}"
    );
    let id = out.split_whitespace().next().unwrap().to_string();
    assert!(id.starts_with("ask-") && id.len() == 16, "{id}");
    let file = env.read(&env.path_of(&id));
    assert_eq!(
        file,
        format!("id: {id}\nkind: ask\nstatus: open\ndate: 2026-03-20\nwhat: Capacity numbers for Q2\nfrom: carol\nto: dave\ndue: 2026-03-27\nwhy: The cluster plan needs them\nwhere: '#platform'\ntags:\n- q2\n")
    );
    let msg = env.message();
    assert!(
        msg.starts_with(&format!("carol asks {id}: \"Capacity numbers for Q2\"\n"))
            && msg.contains("Asked: by carol of dave on 2026-03-20\nNeeded by: 2026-03-27\n"),
        "{msg}"
    );
    for t in [
        "Ledger-Action: ask".to_string(),
        format!("Ledger-Id: {id}"),
        "Ledger-Kind: ask".to_string(),
    ] {
        assert!(msg.contains(&t), "{t} missing in {msg}");
    }
    assert_eq!(env.changed(), vec![format!("asks/2026/03/{id}.yaml")]);
    env.assert_sound();
}

#[test]
fn ask_defaults_from_to_the_current_user() {
    let env = Env::new();
    let id = env.id(&["ask", "x", "--to", "bob"]);
    // git's user.name "Test User" is no handle; the email's local part is.
    assert_eq!(env.record(&id)["from"], "tester");
    env.ok(&["people", "add", "tess", "--email", "tester@example.com"]);
    env.ok(&["people", "add", "bob"]);
    let id = env.id(&["ask", "y", "--to", "bob"]);
    assert_eq!(env.record(&id)["from"], "tess");
}

#[test]
fn ask_json_is_one_object_with_the_contract_fields() {
    let env = Env::new();
    let out = env.run(&["ask", "x", "--from", "a", "--to", "b", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    for f in ["id", "kind", "status", "date", "what", "from", "to", "due"] {
        assert!(v.get(f).is_some(), "{f} missing in {v}");
    }
    assert_eq!(v["kind"], "ask");
    assert_eq!(v["status"], "open");
    assert_eq!(v["date"], "2026-03-20");
    assert!(v["due"].is_null());
}

#[test]
fn ask_refuses_bad_handles_and_wrong_meeting() {
    let env = Env::new();
    let err = env.refused(&["ask", "x", "--to", "bob smith"], 1);
    assert!(err.contains("--to"), "{err}");
    let com = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let err = env.refused(&["ask", "x", "--to", "b", "--meeting", &com], 1);
    assert!(err.contains("not a meeting"), "{err}");
}

#[test]
fn an_empty_tag_is_refused() {
    let env = Env::new();
    let err = env.refused(&["ask", "x", "--to", "b", "--tag", " "], 1);
    assert!(err.contains("tags") && err.contains("empty tag"), "{err}");
}
