//! Commit messages keep every fact: each recording command's subject is at most 72 characters in
//! the one grammar `<who> <verb> <id>: "<what>"`, and the body holds the full text.

use crate::harness::Env;

/// A text far longer than a subject can hold, with its end the part a cut subject loses.
const LONG: &str = "Open a VPN tunnel from the payments cluster to the card vault in both \
                    directions, with failover to the second data centre and alerts on drops";

/// Checks the last commit: its subject is `<who> <verb> <id>` followed, when `what` is given,
/// by `: "<what, cut to fit>"`, within 72 characters; the body holds `what` whole.
#[track_caller]
fn assert_subject(env: &Env, who: &str, verb: &str, id: &str, what: Option<&str>) {
    let subject = env.git(&["log", "-1", "--format=%s"]);
    let subject = subject.trim_end_matches('\n');
    assert!(
        subject.chars().count() <= 72,
        "{} chars: {subject}",
        subject.chars().count()
    );
    let head = format!("{who} {verb} {id}");
    match what {
        None => assert_eq!(subject, head),
        Some(what) => {
            let quoted = subject
                .strip_prefix(&format!("{head}: \""))
                .and_then(|rest| rest.strip_suffix('"'))
                .unwrap_or_else(|| panic!("{subject:?} is not {head}: \"...\""));
            let shown = quoted.trim_end_matches('…');
            assert!(
                what.starts_with(shown),
                "{quoted:?} is not the start of {what:?}"
            );
            assert!(
                quoted == what || quoted.ends_with('…'),
                "a cut what must end in an ellipsis: {quoted:?}"
            );
            let body = env.git(&["log", "-1", "--format=%b"]);
            assert!(body.contains(what), "the body lacks the full text:\n{body}");
        }
    }
}

#[test]
fn every_recording_command_writes_a_subject_in_the_one_grammar() {
    let env = Env::new();
    assert_subject(&env, "Test User", "starts", "the ledger", None);
    env.ok(&[
        "people",
        "add",
        "bob",
        "--name",
        "Bob Chen",
        "--email",
        "bob@example.com",
    ]);
    assert_subject(&env, "tester", "adds person", "bob", Some("Bob Chen"));
    env.ok(&["people", "set", "bob", "--team", "platform"]);
    assert_subject(&env, "tester", "updates person", "bob", Some("Bob Chen"));
    // Everyone the records below name, since the people file now lists someone.
    for h in ["alice", "carol", "dave", "erin"] {
        env.ok(&["people", "add", h]);
    }

    let ask = env.id(&[
        "ask",
        LONG,
        "--from",
        "alice",
        "--to",
        "bob",
        "--due",
        "2026-03-27",
    ]);
    assert_subject(&env, "alice", "asks", &ask, Some(LONG));
    let com = env.id(&["accept", &ask]);
    assert_subject(&env, "bob", "accepts", &ask, Some(LONG));
    env.ok(&[
        "reschedule",
        &com,
        "--due",
        "2026-04-03",
        "--reason",
        "vendor bug",
        "--by",
        "bob",
    ]);
    assert_subject(&env, "bob", "reschedules", &com, Some(LONG));
    env.ok(&["note", &com, LONG, "--by", "bob"]);
    assert_subject(&env, "bob", "notes", &com, Some(LONG));
    env.ok(&["block", &com, "--reason", "firewall change window"]);
    assert_subject(&env, "tester", "blocks", &com, Some(LONG));
    env.ok(&["unblock", &com]);
    assert_subject(&env, "tester", "unblocks", &com, Some(LONG));
    env.ok(&["done", &com]);
    assert_subject(&env, "bob", "completes", &com, Some(LONG));

    let other = env.id(&[
        "promise", LONG, "--by", "carol", "--to", "dave", "--due", "+1w",
    ]);
    assert_subject(&env, "carol", "promises", &other, Some(LONG));
    env.ok(&["cancel", &other, "--reason", "the plan changed"]);
    assert_subject(&env, "tester", "cancels", &other, Some(LONG));

    let declined = env.id(&[
        "ask",
        "Move the tunnel to IPv6",
        "--from",
        "dave",
        "--to",
        "bob",
    ]);
    env.ok(&["decline", &declined, "--reason", "not this quarter"]);
    assert_subject(
        &env,
        "bob",
        "declines",
        &declined,
        Some("Move the tunnel to IPv6"),
    );
    let withdrawn = env.id(&["ask", "Capacity numbers", "--from", "carol", "--to", "bob"]);
    env.ok(&["withdraw", &withdrawn]);
    assert_subject(
        &env,
        "carol",
        "withdraws",
        &withdrawn,
        Some("Capacity numbers"),
    );

    let statement = format!("{LONG}; logs are kept for 13 months.");
    let dec = env.id(&["decide", &statement, "--by", "erin", "--compliance"]);
    assert_subject(&env, "erin", "decides", &dec, Some(&statement));
    env.ok(&["revoke", &dec, "--reason", "superseded by law"]);
    assert_subject(&env, "tester", "revokes", &dec, Some(&statement));

    let mtg = env.id(&[
        "meeting",
        LONG,
        "--attendees",
        "alice,bob",
        "--decision",
        "Card data never leaves the vault network",
        "--action",
        "bob: Write the runbook due:2026-04-01",
    ]);
    assert_subject(&env, "tester", "records", &mtg, Some(LONG));

    env.set(
        "EDITOR",
        &env.script("fix.sh", "sed -i 's/^what: Open a/what: Open one/' \"$1\""),
    );
    env.ok(&["edit", &com]);
    let edited = LONG.replacen("Open a", "Open one", 1);
    assert_subject(&env, "tester", "edits", &com, Some(&edited));

    let csv = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/jira-export.csv");
    // The export names two people this ledger's people file does not know.
    env.ok(&["import", csv, "--add-people"]);
    assert_subject(
        &env,
        "tester",
        "imports",
        "4 commitments",
        Some("jira-export.csv"),
    );
    env.assert_sound();
}

#[test]
fn a_long_handle_still_leaves_the_subject_within_72_characters() {
    let env = Env::new();
    let who = "a-very-long-handle-for-someone-whose-name-does-not-fit-anywhere";
    env.ok(&["promise", LONG, "--by", who, "--to", "bob", "--due", "+1w"]);
    let subject = env.git(&["log", "-1", "--format=%s"]);
    assert!(subject.trim_end().chars().count() <= 72, "{subject}");
    assert!(subject.contains(" promises com-"), "{subject}");
}

#[test]
fn the_body_keeps_the_statement_verbatim_the_links_and_the_outcome() {
    let env = Env::new();
    let mtg = env.id(&["meeting", "Planning", "--attendees", "alice,bob"]);
    let ask = env.id(&["ask", "Open the tunnel", "--from", "alice", "--to", "bob"]);
    let com = env.id(&[
        "promise",
        LONG,
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-13",
        "--meeting",
        &mtg,
        "--ask",
        &ask,
    ]);
    let body = env.git(&["log", "-1", "--format=%b"]);
    assert!(
        body.contains(&format!("Links: meeting {mtg}, ask {ask}")),
        "{body}"
    );
    env.ok(&["done", &com]);
    let body = env.git(&["log", "-1", "--format=%b"]);
    assert!(
        body.contains("Outcome: done 7 days late (due 2026-03-13, done 2026-03-20)"),
        "{body}"
    );
    assert!(body.contains(LONG), "{body}");
    let statement = "Payment logs are kept for 13 months,\n  then deleted.";
    env.ok(&["decide", statement, "--by", "erin"]);
    let body = env.git(&["log", "-1", "--format=%b"]);
    assert!(
        body.contains(&format!("Statement, verbatim:\n\n{statement}")),
        "{body}"
    );
}
