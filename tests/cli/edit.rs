//! `ledger edit`: $EDITOR on a record; valid results committed, invalid ones kept as a draft.

use crate::harness::Env;

/// An $EDITOR that runs a sed expression on the file it is given.
fn sed_editor(env: &Env, name: &str, expr: &str) -> String {
    env.script(name, &format!("sed -i '{expr}' \"$1\""))
}

fn draft(env: &Env, id: &str) -> std::path::PathBuf {
    env.dir.join(format!(".git/ledger/edit-{id}.yaml"))
}

#[test]
fn a_valid_edit_is_committed() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Tunel", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "fix.sh", "s/^what: Tunel$/what: Tunnel to the vault/"),
    );
    let out = env.ok(&["edit", &id[..8]]);
    assert!(out.starts_with(&format!("{id} edited: what")), "{out}");
    assert_eq!(env.record(&id)["what"], "Tunnel to the vault");
    let msg = env.message();
    assert!(
        msg.contains("Ledger-Action: edit") && msg.contains("Ledger-Fields: what"),
        "{msg}"
    );
    assert!(msg.contains(&format!("Ledger-Id: {id}")), "{msg}");
    assert!(!draft(&env, &id).exists());
    env.assert_sound();
}

#[test]
fn an_invalid_edit_commits_nothing_and_keeps_the_draft() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Tunnel", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "bad.sh", "s/^due: .*/due: 2026-02-30/"),
    );
    let err = env.refused(&["edit", &id], 1);
    // The header takes three lines; `due` is the record's eighth.
    assert!(
        err.contains("line 11") && err.contains("due: is not a day that exists"),
        "{err}"
    );
    assert!(err.contains("nothing was recorded"), "{err}");
    let kept = std::fs::read_to_string(draft(&env, &id)).expect("draft kept");
    assert!(kept.contains("due: 2026-02-30"), "{kept}");
    // The next edit resumes the draft; fixing it records the change (the due date back as it
    // was: moving it is a reschedule, not an edit).
    env.set(
        "EDITOR",
        &sed_editor(
            &env,
            "good.sh",
            "s/^due: .*/due: 2026-03-27/;s/^what: .*/what: Tunnel to the vault/",
        ),
    );
    let out = env.run(&["edit", &id]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("resuming"), "{}", out.stderr);
    assert_eq!(env.record(&id)["what"], "Tunnel to the vault");
    assert!(!draft(&env, &id).exists());
    env.assert_sound();
}

#[test]
fn yaml_that_does_not_parse_is_reported_with_its_line() {
    let env = Env::new();
    let id = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "bad.sh", "s/^what: .*/what: [unclosed/"),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(err.contains("line 8"), "{err}");
    assert!(draft(&env, &id).exists());
}

#[test]
fn a_decision_statement_is_never_reworded() {
    let env = Env::new();
    let id = env.id(&["decide", "Logs are kept 13 months.", "--by", "erin"]);
    env.set(
        "EDITOR",
        &sed_editor(
            &env,
            "reword.sh",
            "s/^statement: .*/statement: Logs are kept 12 months./",
        ),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(
        err.contains("never reworded") && err.contains("--supersedes"),
        "{err}"
    );
    assert_eq!(env.record(&id)["statement"], "Logs are kept 13 months.");
    assert!(draft(&env, &id).exists());
}

#[test]
fn the_id_cannot_change() {
    let env = Env::new();
    let id = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "id.sh", "s/^id: ask-..../id: ask-zzzz/"),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(err.contains("id"), "{err}");
}

#[test]
fn an_empty_file_abandons_and_no_change_records_nothing() {
    let env = Env::new();
    let id = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    let head = env.head();
    env.set("EDITOR", &env.script("empty.sh", ": > \"$1\""));
    let out = env.ok(&["edit", &id]);
    assert!(out.contains("abandoned"), "{out}");
    env.set("EDITOR", "true");
    let out = env.ok(&["edit", &id]);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(env.head(), head);
    assert!(!draft(&env, &id).exists());
}

#[test]
fn a_stale_draft_never_undoes_a_later_change() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Tunnel", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "bad.sh", "s/^due: .*/due: 2026-02-30/"),
    );
    env.refused(&["edit", &id], 1);
    // Meanwhile the commitment is kept.
    env.ok(&["done", &id]);
    // Resuming the old draft (status: open) must not reopen it.
    env.set(
        "EDITOR",
        &sed_editor(&env, "good.sh", "s/^due: .*/due: 2026-04-10/"),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(err.contains("changed") && err.contains("edit-"), "{err}");
    assert_eq!(env.record(&id)["status"], "done");
    assert!(draft(&env, &id).exists(), "the draft is still kept");
}

#[test]
fn an_edit_that_breaks_a_reference_is_refused() {
    let env = Env::new();
    let id = env.id(&["promise", "x", "--by", "b", "--to", "a", "--due", "+1w"]);
    let ask = env.id(&["ask", "y", "--from", "a", "--to", "b"]);
    env.set(
        "EDITOR",
        &env.script("link.sh", "echo 'meeting: mtg-zzzzzzzzzzzz' >> \"$1\""),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(
        err.contains("meeting: names mtg-zzzzzzzzzzzz, which is not in the ledger"),
        "{err}"
    );
    assert!(err.contains("line 12"), "{err}");
    std::fs::remove_file(draft(&env, &id)).unwrap();
    env.set(
        "EDITOR",
        &env.script("kind.sh", &format!("echo 'ask: {id}' >> \"$1\"")),
    );
    let err = env.refused(&["edit", &id], 1);
    assert!(err.contains("which is a commitment, not an ask"), "{err}");
    // A link to a record that exists, of the right kind, is fine.
    std::fs::remove_file(draft(&env, &id)).unwrap();
    env.set(
        "EDITOR",
        &env.script("ok.sh", &format!("echo 'ask: {ask}' >> \"$1\"")),
    );
    env.ok(&["edit", &id]);
    env.assert_sound();
}

#[test]
fn an_edit_that_moves_the_due_date_or_rewrites_a_note_is_refused_with_the_verb_to_use() {
    let env = Env::new();
    let id = env.id(&[
        "promise",
        "Tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-27",
    ]);
    env.ok(&["note", &id, "waiting on the firewall"]);
    let before = env.repo_state();
    env.set(
        "EDITOR",
        &sed_editor(&env, "due.sh", "s/^due: 2026-03-27$/due: 2026-04-30/"),
    );
    let out = env.fails(&["edit", &id], 1);
    assert!(
        out.stderr.contains("without a reschedule"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("ledger reschedule"), "{}", out.stderr);
    std::fs::remove_file(draft(&env, &id)).unwrap();
    env.set(
        "EDITOR",
        &sed_editor(&env, "note.sh", "s/waiting on the firewall/done already/"),
    );
    let out = env.fails(&["edit", &id], 1);
    assert!(out.stderr.contains("append-only"), "{}", out.stderr);
    assert_eq!(env.repo_state(), before);
}

#[test]
fn edit_reason_is_kept_in_the_commit() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Tunel", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    env.set(
        "EDITOR",
        &sed_editor(&env, "fix.sh", "s/^what: Tunel$/what: Tunnel/"),
    );
    let err = env.refused(&["edit", &id, "--reason", "  "], 1);
    assert!(err.contains("--reason"), "{err}");
    env.ok(&["edit", &id, "--reason", "typo in the title"]);
    let msg = env.message();
    assert!(msg.contains("Reason: typo in the title"), "{msg}");
    assert!(msg.contains("Ledger-Reason: typo in the title"), "{msg}");
    env.ok(&["verify"]);
    env.assert_sound();
}
