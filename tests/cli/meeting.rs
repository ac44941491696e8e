//! `ledger meeting`: the meeting, its decisions and its action items, linked, in ONE commit.

use crate::harness::Env;

#[test]
fn meeting_with_decisions_and_actions_is_one_commit_linked_both_ways() {
    let env = Env::new();
    let before = env.commits();
    let out = env.run(&[
        "meeting",
        "Payments sprint planning",
        "--attendees",
        "alice,bob,dave",
        "--chair",
        "dave",
        "--notes",
        "## Agenda\n- tunnel\n- tokens",
        "--decision",
        "Card data never leaves the vault network.",
        "--action",
        "bob: Open the VPN tunnel due:2026-03-27",
        "--action",
        "alice: Integrate the tokenizer due:+2w to:bob",
        "--where",
        "Room 4",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "", "no warning when every owner attended");
    assert_eq!(env.commits(), before + 1);
    assert_eq!(env.changed().len(), 4);
    let mtg = out.id();
    assert!(mtg.starts_with("mtg-"), "{}", out.stdout);
    let m = env.record(&mtg);
    assert_eq!(m["title"], "Payments sprint planning");
    assert_eq!(m["attendees"], serde_json::json!(["alice", "bob", "dave"]));
    assert_eq!(m["notes"], "## Agenda\n- tunnel\n- tokens");
    assert_eq!(m["where"], "Room 4");
    let decisions = m["decisions"].as_array().unwrap().clone();
    let commitments = m["commitments"].as_array().unwrap().clone();
    assert_eq!((decisions.len(), commitments.len()), (1, 2));
    let d = env.record(decisions[0].as_str().unwrap());
    assert_eq!(d["meeting"], mtg.as_str());
    assert_eq!(d["by"], "dave");
    assert_eq!(d["statement"], "Card data never leaves the vault network.");
    let c1 = env.record(commitments[0].as_str().unwrap());
    assert_eq!(
        (
            c1["by"].clone(),
            c1["to"].clone(),
            c1["due"].clone(),
            c1["meeting"].clone()
        ),
        (
            "bob".into(),
            "dave".into(),
            "2026-03-27".into(),
            mtg.as_str().into()
        )
    );
    let c2 = env.record(commitments[1].as_str().unwrap());
    assert_eq!(
        (c2["what"].clone(), c2["to"].clone(), c2["due"].clone()),
        (
            "Integrate the tokenizer".into(),
            "bob".into(),
            "2026-04-03".into()
        )
    );
    // Every record made is named in the commit's trailers.
    let msg = env.message();
    for id in [
        mtg.as_str(),
        decisions[0].as_str().unwrap(),
        commitments[0].as_str().unwrap(),
        commitments[1].as_str().unwrap(),
    ] {
        assert!(msg.contains(&format!("Ledger-Id: {id}")), "{id}: {msg}");
    }
    assert!(
        msg.starts_with(&format!(
            "tester records {mtg}: \"Payments sprint planning\"\n"
        )),
        "{msg}"
    );
    assert!(
        msg.contains("Held 2026-03-20: 3 attendees, 1 decision, 2 actions"),
        "{msg}"
    );
    // `show` on the meeting lists what was made in it.
    let shown = env.ok(&["show", &mtg]);
    assert!(shown.contains(commitments[1].as_str().unwrap()), "{shown}");
    env.assert_sound();
}

#[test]
fn an_owner_who_did_not_attend_is_a_warning_not_a_refusal() {
    let env = Env::new();
    let out = env.run(&[
        "meeting",
        "Sync",
        "--attendees",
        "alice,bob",
        "--action",
        "carol: Write the docs due:friday",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("carol"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("error"), "{}", out.stderr);
    assert_eq!(env.changed().len(), 2);
    env.assert_sound();
}

#[test]
fn meeting_json_names_what_it_made() {
    let env = Env::new();
    let out = env.run(&[
        "meeting",
        "Review",
        "--attendees",
        "a,b",
        "--decision",
        "Go",
        "--compliance-decision",
        "Keep logs 13 months",
        "--action",
        "a: Do it due:+1w",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["kind"], "meeting");
    assert_eq!(v["status"], "held");
    assert_eq!(v["date"], "2026-03-20");
    assert_eq!(v["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(v["commitments"].as_array().unwrap().len(), 1);
    let compliance = env.record(v["decisions"][1].as_str().unwrap());
    assert_eq!(compliance["compliance"], true);
}

#[test]
fn notes_come_from_a_file_or_standard_input() {
    let env = Env::new();
    let notes = env.root().join("notes.md");
    std::fs::write(&notes, "# Minutes\n\n* one\n* two\n").unwrap();
    let id = env.id(&[
        "meeting",
        "Retro",
        "--attendees",
        "a",
        "--notes-file",
        &notes.to_string_lossy(),
    ]);
    assert_eq!(env.record(&id)["notes"], "# Minutes\n\n* one\n* two");
    let err = env.refused(
        &[
            "meeting",
            "Retro",
            "--attendees",
            "a",
            "--notes-file",
            "/nonexistent",
        ],
        1,
    );
    assert!(err.contains("/nonexistent"), "{err}");
}

#[test]
fn a_malformed_action_is_refused_before_anything_is_written() {
    let env = Env::new();
    for (action, why) in [
        ("bob Write docs due:friday", "OWNER: WHAT"),
        ("Write docs", "no owner"),
        ("bob: Write docs", "no due date"),
        ("bob: due:friday", "nothing to do"),
        ("bob: Write docs due:2026-02-30", "2026-02-30"),
        ("bob smith: Write docs due:friday", "--action"),
    ] {
        let err = env.refused(
            &["meeting", "Sync", "--attendees", "bob", "--action", action],
            1,
        );
        assert!(err.contains(why), "{action}: {err}");
    }
}

#[test]
fn an_empty_decision_names_its_flag() {
    let env = Env::new();
    let err = env.refused(&["meeting", "M", "--attendees", "a", "--decision", " "], 1);
    assert!(err.contains("--decision is empty"), "{err}");
    let err = env.refused(
        &[
            "meeting",
            "M",
            "--attendees",
            "a",
            "--compliance-decision",
            "",
        ],
        1,
    );
    assert!(err.contains("--compliance-decision is empty"), "{err}");
}

#[test]
fn a_decision_names_who_made_it_with_a_handle_prefix() {
    let env = Env::new();
    for h in ["alice", "dave", "nina"] {
        env.ok(&["people", "add", h]);
    }
    let out = env.run(&[
        "meeting",
        "HIPAA review",
        "--attendees",
        "alice,dave,nina",
        "--chair",
        "dave",
        "--decision",
        "nina: PHI at rest is encrypted with AES-256.",
        "--decision",
        "Scope: PHI only, not billing data.",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let m = env.record(&out.id());
    let ds: Vec<serde_json::Value> = m["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| env.record(d.as_str().unwrap()))
        .collect();
    assert_eq!(ds[0]["by"], "nina");
    assert_eq!(ds[0]["statement"], "PHI at rest is encrypted with AES-256.");
    assert_eq!(ds[1]["by"], "dave", "the chair stays the default");
    assert_eq!(ds[1]["statement"], "Scope: PHI only, not billing data.");
    let msg = env.message();
    assert!(msg.contains("2 decisions"), "{msg}");
    assert!(msg.contains("by nina: PHI at rest"), "{msg}");
    assert!(msg.contains(": Scope: PHI only"), "{msg}");
    // A prefix that is not a known person is refused like any unknown handle.
    let err = env.refused(
        &[
            "meeting",
            "Again",
            "--attendees",
            "alice",
            "--decision",
            "nnia: Keys rotate.",
        ],
        1,
    );
    assert!(
        err.contains("'nnia' is not in the people file") && err.contains("nina"),
        "{err}"
    );
    env.ok(&["verify"]);
    env.assert_sound();
}
