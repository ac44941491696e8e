//! `ledger history ID`: each change with its author, time, field changes and reason, including
//! hand edits made with plain git and records created inside a meeting.

use crate::harness::{story, Env};

fn vpn(env: &Env) -> String {
    env.find_of("commitment", "Open a VPN tunnel")
}

#[test]
fn every_due_date_move_with_its_reason_and_author() {
    let env = story();
    let id = vpn(&env);
    let v = env.run(&["history", &id, "--format", "json"]).json();
    let events = v.as_array().unwrap();
    let actions: Vec<&str> = events
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["accept", "reschedule", "note", "reschedule"]);
    for e in events {
        for f in ["commit", "at", "author", "action", "changes"] {
            assert!(!e[f].is_null(), "{f} missing in {e}");
        }
    }
    let moved = &events[1];
    assert_eq!(moved["author"], "Bob Chen");
    assert_eq!(moved["at"], "2026-03-06T17:45:00+01:00");
    assert_eq!(
        moved["reason"],
        "The firewall change window is only on Wednesdays"
    );
    let due = moved["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "due")
        .unwrap();
    assert_eq!(due["from"], "2026-03-06");
    assert_eq!(due["to"], "2026-03-11");

    let table = env.ok(&["history", &id[..8]]);
    assert!(table.contains("4 changes"), "{table}");
    assert!(
        table.contains("    due: 2026-03-06 -> 2026-03-11\n"),
        "{table}"
    );
    assert!(
        table.contains("    due: 2026-03-11 -> 2026-03-18\n"),
        "{table}"
    );
    assert!(
        table.contains("    notes: +1 \"Firewall rules approved; waiting for the change window\""),
        "{table}"
    );
    assert!(table
        .contains("    reason: Vendor appliance firmware bug; the fix is promised for next week"));
    let first = table.find("accept").unwrap();
    let last = table.rfind("reschedule").unwrap();
    assert!(first < last, "oldest first");
}

#[test]
fn a_record_made_in_a_meeting_starts_with_the_meeting_commit() {
    let env = story();
    let id = env.find("Integrate the tokenizer client");
    let v = env.run(&["history", &id, "--format", "json"]).json();
    assert_eq!(v[0]["action"], "meeting");
    assert_eq!(v[0]["by_hand"], false);
    assert!(v[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "meeting" && c["from"].is_null()));
    assert_eq!(v[1]["action"], "block");
    let table = env.ok(&["history", &id]);
    assert!(
        table.contains("created in: alice records mtg-")
            && table.contains(": \"Payments sprint planning\""),
        "{table}"
    );
    assert!(
        table.contains("    blocked: since 2026-03-04, on com-"),
        "{table}"
    );
}

#[test]
fn a_hand_edit_made_with_plain_git_shows_its_field_change() {
    let env = Env::new();
    let id = env.bob_promises_alice("Write the runbook");
    env.edit_by_hand(
        &id,
        "due: 2026-03-27",
        "due: 2026-04-03",
        "Give bob another week",
    );
    let v = env.run(&["history", &id, "--format", "json"]).json();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["action"], "hand-edit");
    assert_eq!(v[1]["by_hand"], true);
    assert_eq!(v[1]["author"], "Test User");
    assert_eq!(
        v[1]["changes"],
        serde_json::json!([{"field": "due", "from": "2026-03-27", "to": "2026-04-03"}])
    );
    let table = env.ok(&["history", &id]);
    assert!(table.contains("hand-edit (made with plain git)"), "{table}");
    assert!(
        table.contains("    due: 2026-03-27 -> 2026-04-03"),
        "{table}"
    );
    let csv = env.ok(&["history", &id, "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.contains(",hand-edit,,due,2026-03-27,2026-04-03")),
        "{csv}"
    );
}

#[test]
fn as_of_stops_at_that_day() {
    let env = story();
    let id = vpn(&env);
    let v = env
        .run(&["history", &id, "--as-of", "2026-03-08", "--format", "json"])
        .json();
    assert_eq!(v.as_array().unwrap().len(), 2, "{v}");
    let out = env.ok(&["history", &id, "--as-of", "2026-03-08"]);
    assert!(
        out.contains("as recorded by the end of 2026-03-08: 2 changes"),
        "{out}"
    );
    // Before the record existed there is nothing to show.
    let err = env.refused(&["history", &id, "--as-of", "2026-03-02"], 1);
    assert!(err.contains("no record matches"), "{err}");
}

#[test]
fn unknown_or_ambiguous_ids_are_refused() {
    let env = story();
    let err = env.refused(&["history", "com-zzzz"], 1);
    assert!(err.contains("no record matches 'com-zzzz'"), "{err}");
    let err = env.refused(&["history", "com-"], 1);
    assert!(err.contains("ambiguous"), "{err}");
}

#[test]
fn a_record_whose_file_was_broken_by_hand_still_has_a_history() {
    let env = Env::new();
    let id = env.bob_promises_alice("Write the runbook");
    let path = env.edit_by_hand(&id, "due: 2026-03-27", "due: [oops", "Break the file");
    let out = env.fails(&["history", &id, "--format", "json"], 2);
    assert!(out.stderr.contains(&path), "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["action"], "hand-edit");
    let table = env.fails(&["history", &id[..8]], 2).stdout;
    assert!(table.contains("its file does not parse now"), "{table}");
    assert!(table.contains("(unparseable)"), "{table}");
}

/// A git repository with a project file committed and ledgers in the folders `dirs`.
fn repo_with_ledgers_in(dirs: &[&str]) -> Env {
    let env = Env::empty();
    env.git(&["init", "-q", "-b", "main"]);
    env.write("README.md", "project\n");
    env.commit_by_hand("project start");
    for dir in dirs {
        env.ok(&["init", dir]);
    }
    env
}

#[test]
fn history_of_a_ledger_in_a_subfolder_of_another_repository() {
    let env = repo_with_ledgers_in(&["records"]);
    let id = env.bob_promises_alice_in("records", "Ship it");
    env.ok(&[
        "-C",
        "records",
        "reschedule",
        &id,
        "--due",
        "2026-04-03",
        "--reason",
        "Waiting for review",
    ]);
    let out = env.ok(&["-C", "records", "history", &id[..8]]);
    assert!(out.contains("Ship it"), "{out}");
    assert!(out.contains("2 changes"), "{out}");
    assert!(out.contains("    due: 2026-03-27 -> 2026-04-03\n"), "{out}");
}

#[test]
fn a_record_deleted_by_hand_has_no_history_to_show_now() {
    let env = Env::new();
    let id = env.bob_promises_alice("Draft it");
    let path = env.path_of(&id);
    env.git(&["rm", "-q", &path]);
    env.git(&["commit", "-q", "-m", "Remove the record by hand"]);
    let err = env.refused(&["history", &id], 1);
    assert!(err.contains("no record matches"), "{err}");
}

#[test]
fn a_record_made_invalid_by_hand_still_gets_its_problem_reported() {
    let env = Env::new();
    let id = env.bob_promises_alice("Write it");
    let path = env.edit_by_hand(&id, "what: Write it", "what: ' '", "Blank the text");
    let out = env.fails(&["history", &id], 2);
    assert!(
        out.stderr.contains(&path) && out.stderr.contains("what"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("2 changes"), "{}", out.stdout);
}

#[test]
fn an_id_copied_into_a_second_file_is_reported() {
    let env = Env::new();
    let id = env.bob_promises_alice("Write it");
    let path = env.path_of(&id);
    let copy = path.replace("/2026/03/", "/2026/04/");
    env.write(&copy, &env.read(&path));
    env.git(&["add", &copy]);
    env.git(&["commit", "-q", "-m", "Copy the record by hand"]);
    let out = env.fails(&["history", &id], 2);
    assert!(out.stderr.contains("also used by"), "{}", out.stderr);
}

#[test]
fn two_ledgers_in_one_repository_keep_their_histories_apart() {
    let env = repo_with_ledgers_in(&["a", "b"]);
    let in_a = env.bob_promises_alice_in("a", "In a");
    let in_b = env.bob_promises_alice_in("b", "In b");
    // Build a's index first; b must not read it.
    assert!(env.ok(&["-C", "a", "history", &in_a]).contains("1 change"));
    let out = env.ok(&["-C", "b", "history", &in_b]);
    assert!(out.contains("In b") && out.contains("1 change"), "{out}");
    let shown = env.ok(&["-C", "b", "show", &in_b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert!(
        v["recorded"]["subject"]
            .as_str()
            .is_some_and(|s| s.contains("In b")),
        "{v}"
    );
}
