//! Defensive input: a handle the people file does not know is refused with the nearest known
//! ones (unless `strict_people: false`), and loops that would never clear are refused or
//! reported.

use crate::harness::Env;

/// A ledger whose people file lists alice, alina, bob and nina.
fn staffed() -> Env {
    let env = Env::new();
    for h in ["alice", "alina", "bob", "nina"] {
        env.ok(&["people", "add", h]);
    }
    env
}

#[test]
fn an_unknown_handle_is_refused_with_the_nearest_known_ones_and_the_fix() {
    let env = staffed();
    let err = env.refused(&["ask", "Logs", "--from", "alcie", "--to", "bob"], 1);
    assert!(
        err.contains("--from: 'alcie' is not in the people file"),
        "{err}"
    );
    assert!(err.contains("did you mean alice?"), "{err}");
    let err = env.refused(&["ask", "Logs", "--from", "alin", "--to", "bob"], 1);
    assert!(
        err.contains("did you mean alina, alice?"),
        "nearest first: {err}"
    );
    assert!(err.contains("ledger people add alin"), "{err}");
    assert!(err.contains("strict_people: false"), "{err}");
    let err = env.refused(&["ask", "Logs", "--from", "alice", "--to", "zed"], 1);
    assert!(err.contains("--to: 'zed'"), "{err}");
    assert!(!err.contains("did you mean"), "nothing near zed: {err}");
    for args in [
        &[
            "promise", "X", "--by", "bbo", "--to", "alice", "--due", "+1w",
        ][..],
        &["decide", "Y", "--by", "nnia"],
        &["meeting", "Sync", "--attendees", "alice,bobb"],
        &[
            "meeting",
            "Sync",
            "--attendees",
            "alice,bob",
            "--chair",
            "carol",
        ],
        &[
            "meeting",
            "Sync",
            "--attendees",
            "alice,bob",
            "--action",
            "dave: Z due:+1w",
        ],
        &["people", "add", "erin", "--reports-to", "dav"],
    ] {
        let err = env.refused(args, 1);
        assert!(err.contains("is not in the people file"), "{args:?}: {err}");
    }
    let com = env.id(&[
        "promise", "X", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    let ask = env.id(&["ask", "Q", "--from", "alice", "--to", "nina"]);
    for args in [
        &["note", &com, "progress", "--by", "bobby"][..],
        &[
            "reschedule",
            &com,
            "--due",
            "+2w",
            "--reason",
            "r",
            "--by",
            "bobby",
        ],
        &["answer", &ask, "Yes", "--by", "nian"],
    ] {
        let err = env.refused(args, 1);
        assert!(
            err.contains("'bobby'") || err.contains("'nian'"),
            "{args:?}: {err}"
        );
    }
    // Once added, the handle is accepted.
    env.ok(&["people", "add", "alcie"]);
    env.ok(&["ask", "Logs", "--from", "alcie", "--to", "bob"]);
    env.assert_sound();
}

#[test]
fn strict_people_false_and_an_empty_people_file_accept_any_handle() {
    let env = Env::new();
    // No one in the people file: nothing to check against.
    env.ok(&["ask", "Logs", "--from", "anyone", "--to", "someone"]);
    env.ok(&["people", "add", "alice"]);
    env.refused(&["ask", "Logs", "--from", "anyone", "--to", "alice"], 1);
    let yaml = env.read("ledger.yaml");
    assert!(
        !yaml.contains("strict_people"),
        "written only when off: {yaml}"
    );
    env.write("ledger.yaml", &format!("{yaml}strict_people: false\n"));
    env.commit_by_hand("Allow handles the people file does not list");
    env.ok(&["ask", "Logs", "--from", "anyone", "--to", "alice"]);
    env.assert_sound();
}

#[test]
fn a_ledger_yaml_without_the_setting_is_strict() {
    let env = staffed();
    env.write("ledger.yaml", "version: 1\nrequire_signatures: false\n");
    env.commit_by_hand("an older ledger.yaml");
    env.refused(&["ask", "Logs", "--from", "alcie", "--to", "bob"], 1);
}

fn promise(env: &Env, what: &str) -> String {
    env.id(&[
        "promise", what, "--by", "bob", "--to", "alice", "--due", "+1w",
    ])
}

#[test]
fn a_block_that_would_close_a_loop_of_waits_is_refused() {
    let env = Env::new();
    let (a, b, c) = (promise(&env, "A"), promise(&env, "B"), promise(&env, "C"));
    env.ok(&["block", &a, "--on", &b]);
    let err = env.refused(&["block", &b, "--on", &a], 1);
    assert!(err.contains(&format!("{b} cannot wait on {a}")), "{err}");
    assert!(err.contains(&format!("{b} -> {a} -> {b}")), "{err}");
    env.ok(&["block", &b, "--on", &c]);
    let err = env.refused(&["block", &c, "--on", &a], 1);
    assert!(
        err.contains(&format!("{c} -> {a} -> {b} -> {c}")),
        "transitively: {err}"
    );
    // A wait on a closed commitment is no wait: the chain stops there.
    env.ok(&["done", &b]);
    env.ok(&["block", &c, "--on", &a]);
    env.assert_sound();
}

#[test]
fn check_reports_loops_made_by_hand() {
    let env = Env::new();
    let (a, b) = (promise(&env, "A"), promise(&env, "B"));
    env.ok(&["block", &a, "--on", &b]);
    let path = env.path_of(&b);
    let text = env.read(&path);
    env.write(
        &path,
        &format!("{text}blocked:\n  since: 2026-03-20\n  on: {a}\n"),
    );
    let out = env.fails(&["check"], 2);
    assert!(out.stdout.contains("a loop of waits"), "{}", out.stdout);
    assert_eq!(
        out.stdout.matches("a loop of waits").count(),
        1,
        "once: {}",
        out.stdout
    );
    env.git(&["checkout", "--", "."]);
    env.ok(&["people", "add", "carol"]);
    env.ok(&["people", "add", "dave", "--reports-to", "carol"]);
    let people = env.read("people.yaml");
    env.write(
        "people.yaml",
        &people.replace("  carol: {}", "  carol:\n    reports_to: dave"),
    );
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout
            .contains("the escalation chain loops (carol -> dave -> carol)"),
        "{}\n{people}",
        out.stdout
    );
}
