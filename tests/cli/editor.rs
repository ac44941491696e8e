//! Editor forms: `meeting` without notes, `decide -e`, `ask -e`, driven by a script as EDITOR.

use std::os::unix::fs::PermissionsExt;

use crate::harness::Env;

/// Makes an editor script that saves the form it was given beside itself, then runs `body`
/// with the form's path in "$1".
fn editor(env: &Env, name: &str, body: &str) -> String {
    let path = env.root().join(name);
    let seen = env.root().join(format!("{name}.seen"));
    std::fs::write(
        &path,
        format!("#!/bin/sh\ncp \"$1\" '{}'\n{body}\n", seen.display()),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_string_lossy().into_owned()
}

fn seen(env: &Env, name: &str) -> String {
    std::fs::read_to_string(env.root().join(format!("{name}.seen"))).unwrap()
}

const FILLED: &str = r#"cat > "$1" <<'FORM'
# a comment that is dropped
Title: Payments sync
Date: 2026-03-19
Attendees: alice, bob
Where: room 4
Chair: dave

Notes:
We looked at the tunnel.

Second paragraph.

Decisions:
- We ship on friday
- compliance: Card data never leaves the vault

Actions:
- bob: open the tunnel due:2026-03-27
FORM"#;

#[test]
fn meeting_form_records_what_was_written() {
    let env = Env::new();
    env.set("EDITOR", &editor(&env, "fill", FILLED));
    let before = env.commits();
    let out = env.ok(&[
        "meeting",
        "--attendees",
        "alice,carol",
        "--action",
        "carol: x due:friday",
        "--format",
        "json",
    ]);
    let form = seen(&env, "fill");
    assert!(
        form.contains("Attendees: alice, carol") && form.contains("- carol: x due:friday"),
        "flags pre-fill the form:\n{form}"
    );
    assert!(
        form.contains("Title:\n") || form.contains("Title:\n#"),
        "{form}"
    );
    let m: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(m["title"], "Payments sync");
    assert_eq!(m["date"], "2026-03-19");
    assert_eq!(m["attendees"], serde_json::json!(["alice", "bob"]));
    assert_eq!(m["notes"], "We looked at the tunnel.\n\nSecond paragraph.");
    assert_eq!(m["where"], "room 4");
    let c: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "commitment", "--format", "json"])).unwrap();
    assert_eq!(
        c[0]["to"], "dave",
        "actions are owed to the chair named in the form"
    );
    assert_eq!(m["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(m["commitments"].as_array().unwrap().len(), 1);
    assert_eq!(
        env.commits(),
        before + 1,
        "one commit for the whole meeting"
    );
    let list = env.ok(&["list", "decision", "--format", "json"]);
    assert!(
        list.contains("\"compliance\": true") || list.contains("\"compliance\":true"),
        "{list}"
    );
    env.assert_sound();
}

#[test]
fn empty_form_records_nothing() {
    let env = Env::new();
    env.set("EDITOR", &editor(&env, "empty", ": > \"$1\""));
    let err = env.refused(&["meeting", "Sync", "--attendees", "alice"], 1);
    assert!(err.contains("empty; nothing was recorded"), "{err}");
    // The untouched form (only the flags' values) counts as filled; a blanked one does not.
    env.set(
        "EDITOR",
        &editor(
            &env,
            "blank",
            "printf 'Title:\\nAttendees:\\nNotes:\\n' > \"$1\"",
        ),
    );
    env.refused(&["decide", "-e"], 1);
    env.set("EDITOR", &editor(&env, "untouched", "true"));
    let err = env.refused(&["ask", "-e", "--to", "bob"], 1);
    assert!(
        err.contains("What is empty"),
        "the untouched ask form lacks What: {err}"
    );
}

#[test]
fn invalid_form_is_kept_with_the_problem_marked() {
    let env = Env::new();
    let bad = r#"cat > "$1" <<'FORM'
Title: Sync
Attendees: alice
Actions:
- bob: open the tunnel
FORM"#;
    env.set("EDITOR", &editor(&env, "bad", bad));
    let err = env.refused(&["meeting"], 1);
    assert!(
        err.contains("line 4") && err.contains("no due date"),
        "{err}"
    );
    let kept = env.dir.join(".git/ledger/meeting-draft.txt");
    assert!(
        err.contains("meeting-draft.txt"),
        "the message names the file: {err}"
    );
    let text = std::fs::read_to_string(&kept).unwrap();
    assert!(
        text.contains("# >>> ") && text.contains("- bob: open the tunnel"),
        "{text}"
    );
    // The next run opens the kept text, marked; fixing it records the meeting.
    let fix = "sed -i 's/open the tunnel$/open the tunnel due:friday/' \"$1\"";
    env.set("EDITOR", &editor(&env, "fix", fix));
    let id = env.id(&["meeting"]);
    assert!(
        seen(&env, "fix").contains("# >>> "),
        "the problem is marked"
    );
    assert!(id.starts_with("mtg-"), "{id}");
    assert!(!kept.exists(), "the kept text is gone once recorded");
    env.assert_sound();
}

#[test]
fn no_editor_and_no_terminal_records_no_notes() {
    let env = Env::new();
    let out = env.ok(&[
        "meeting",
        "Sync",
        "--attendees",
        "alice",
        "--format",
        "json",
    ]);
    assert!(!out.contains("\"notes\""), "{out}");
    env.set("EDITOR", &editor(&env, "never", "exit 3"));
    env.ok(&["meeting", "Sync 2", "--attendees", "alice", "--no-edit"]);
    let err = env.refused(&["meeting", "--no-edit", "--attendees", "a"], 1);
    assert!(err.contains("TITLE is missing"), "{err}");
}

#[test]
fn decide_and_ask_forms() {
    let env = Env::new();
    let d = r#"cat > "$1" <<'FORM'
Statement:
  Keys rotate every 90 days;
  no exceptions.
By: erin
Compliance: yes
Rationale:
PCI DSS 3.6.4
FORM"#;
    env.set("EDITOR", &editor(&env, "decide", d));
    let out = env.ok(&["decide", "-e", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["statement"],
        "  Keys rotate every 90 days;\n  no exceptions."
    );
    assert_eq!(
        (v["by"].as_str(), v["compliance"].as_bool()),
        (Some("erin"), Some(true))
    );
    let a = r#"sed -i 's/^What:.*/What: Send the VPN config/; s/^Due:.*/Due: 2026-03-25/' "$1""#;
    env.set("EDITOR", &editor(&env, "ask", a));
    let out = env.ok(&[
        "ask", "-e", "--to", "bob", "--from", "alice", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["what"].as_str(), v["to"].as_str(), v["due"].as_str()),
        (Some("Send the VPN config"), Some("bob"), Some("2026-03-25"))
    );
    env.set(
        "EDITOR",
        &editor(&env, "baddate", r#"sed -i 's/^Due:.*/Due: someday/' "$1""#),
    );
    let err = env.refused(&["ask", "-e", "Thing", "--to", "bob"], 1);
    assert!(
        err.contains("someday") && err.contains("ask-draft.txt"),
        "{err}"
    );
    env.assert_sound();
}

#[test]
fn promise_form_is_prefilled_validated_and_recurs() {
    let env = Env::new();
    // Prefilled with the flags given; the editor adds the rest.
    let fill = r#"sed -i 's/^What:.*/What: Weekly summary to the lead/; s/^Due:.*/Due: 2026-03-27/; s/^Every:.*/Every: week/' "$1""#;
    env.set("EDITOR", &editor(&env, "promise", fill));
    let out = env.ok(&[
        "promise", "-e", "--to", "alice", "--by", "bob", "--format", "json",
    ]);
    assert!(seen(&env, "promise").contains("To: alice"), "prefilled");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            v["what"].as_str(),
            v["by"].as_str(),
            v["to"].as_str(),
            v["due"].as_str(),
            v["every"].as_str()
        ),
        (
            Some("Weekly summary to the lead"),
            Some("bob"),
            Some("alice"),
            Some("2026-03-27"),
            Some("week")
        )
    );
    // A bad repeat rule is refused with its line marked, and the text is kept.
    let bad = r#"cat > "$1" <<'FORM'
What: Status
To: alice
Due: friday
Every: fortnightly
FORM"#;
    env.set("EDITOR", &editor(&env, "bad", bad));
    let err = env.refused(&["promise", "-e"], 1);
    assert!(
        err.contains("line 4") && err.contains("'fortnightly' is not a repeat rule"),
        "{err}"
    );
    assert!(err.contains("promise-draft.txt"), "{err}");
    // No due date is refused the same way as an empty required field anywhere else.
    let nodue = r#"printf 'What: Status\nTo: alice\n' > "$1""#;
    env.set("EDITOR", &editor(&env, "nodue", nodue));
    std::fs::remove_file(env.dir.join(".git/ledger/promise-draft.txt")).unwrap();
    let err = env.refused(&["promise", "-e"], 1);
    assert!(err.contains("Due is empty; fill it in"), "{err}");
    // Without -e the flags stay required.
    let err = env.refused(&["promise", "Status", "--to", "alice"], 1);
    assert!(err.contains("--due"), "{err}");
    env.assert_sound();
}
