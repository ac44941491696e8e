//! Recurring commitments (`promise --every`): each occurrence its own commitment, the next one
//! made when one is closed or its due date passes, the same on every clone.

use crate::harness::Env;
use crate::sync::{assert_sound_in, tree, world};

fn commitments(env: &Env, dir: &std::path::Path) -> Vec<serde_json::Value> {
    let out = env.ok_in(dir, &["list", "commitment", "--all", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut v = v.as_array().unwrap().clone();
    v.sort_by_key(|c| c["due"].as_str().unwrap().to_string());
    v
}

fn dues(list: &[serde_json::Value]) -> Vec<&str> {
    list.iter().map(|c| c["due"].as_str().unwrap()).collect()
}

fn weekly(env: &Env, due: &str) -> String {
    env.id(&[
        "promise",
        "Status report",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        due,
        "--every",
        "week",
        "--tag",
        "ops",
    ])
}

#[test]
fn done_makes_the_next_occurrence_in_the_same_commit() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-23");
    let r = env.record(&first);
    assert_eq!(r["series"], first.as_str());
    assert_eq!(r["every"], "week");
    env.ok(&["done", &first]);
    assert_eq!(env.changed().len(), 2, "the done and the next occurrence");
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-23", "2026-03-30"]);
    let next = &all[1];
    assert_eq!(next["status"], "open");
    assert_eq!(next["series"], first.as_str());
    assert_eq!(next["date"], "2026-03-23", "made on the previous due date");
    assert_eq!(next["what"], "Status report");
    assert_eq!(next["tags"][0], "ops");
    assert!(env.message().contains(next["id"].as_str().unwrap()));
    env.ok(&["verify"]);
    env.assert_sound();
}

#[test]
fn done_names_the_next_occurrence_on_its_second_line() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-20");
    let out = env.ok(&["done", &first]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with(&first), "{out}");
    let next = lines[1].split_whitespace().next().unwrap();
    assert_eq!(lines[1], format!("{next} next occurrence, due 2026-03-27"));
    assert_eq!(env.record(next)["due"], "2026-03-27");
    // JSON stays one object: the record that was done.
    let second = env.ok(&["done", next, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&second).unwrap();
    assert_eq!(v["id"], next);
}

#[test]
fn a_passed_due_date_makes_the_missed_occurrences_at_the_next_write() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-23");
    env.today("2026-04-08");
    env.ok(&["ask", "Budget", "--from", "alice", "--to", "bob"]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(
        dues(&all),
        ["2026-03-23", "2026-03-30", "2026-04-06", "2026-04-13"],
        "up to the first one due today or later"
    );
    // The catch-up is a commit of its own, before the ask.
    let log = env.git(&["log", "--format=%B", "-n", "2"]);
    assert!(log.contains("Ledger-Action: recur"), "{log}");
    // The missed ones are overdue: broken if never done.
    let overdue = env.ok(&["overdue", "--format", "json"]);
    let overdue: serde_json::Value = serde_json::from_str(&overdue).unwrap();
    assert_eq!(
        overdue["commitments"].as_array().unwrap().len(),
        3,
        "{overdue}"
    );
    let report = env.ok(&["report", "--since", "2026-03-01", "--format", "json"]);
    assert!(report.contains("\"broken\": 3"), "{report}");
    // Nothing more on the next write the same day.
    env.ok(&["note", &first, "still on it"]);
    assert_eq!(
        commitments(&env, env.root().join("ledger").as_path()).len(),
        4
    );
    env.ok(&["verify"]);
    env.assert_sound();
}

#[test]
fn two_clones_that_catch_up_apart_sync_without_a_conflict() {
    let w = world();
    let env = &w.env;
    let a = env.root().join("ledger");
    weekly(env, "2026-03-23");
    env.ok(&["sync"]);
    let b = w.clone_as("b");
    env.today("2026-04-08");
    env.ok_in(&a, &["ask", "From A", "--from", "alice", "--to", "bob"]);
    env.ok_in(&b, &["ask", "From B", "--from", "bob", "--to", "alice"]);
    assert_eq!(commitments(env, &a).len(), 4);
    assert_eq!(commitments(env, &b).len(), 4);
    env.ok_in(&a, &["sync"]);
    env.ok_in(&b, &["sync"]);
    // A week on, C only syncs: sync catches up first, as any write does.
    let c = w.clone_as("c");
    env.today("2026-04-15");
    env.ok_in(&c, &["sync"]);
    assert_eq!(commitments(env, &c).len(), 5);
    env.ok_in(&b, &["ask", "Again", "--from", "bob", "--to", "alice"]);
    assert_eq!(commitments(env, &b).len(), 5);
    for dir in [&a, &b, &c, &a, &b] {
        env.ok_in(dir, &["sync"]);
    }
    assert_eq!(tree(env, &a), tree(env, &b));
    assert_eq!(tree(env, &a), tree(env, &c));
    assert_eq!(commitments(env, &a), commitments(env, &b));
    assert_eq!(commitments(env, &a).len(), 5);
    for dir in [&a, &b, &c] {
        env.ok_in(dir, &["verify"]);
        assert_sound_in(env, dir);
    }
}

#[test]
fn cancel_series_ends_it_and_plain_cancel_moves_on() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-23");
    env.ok(&["cancel", &first, "--reason", "holiday"]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-23", "2026-03-30"]);
    let second = all[1]["id"].as_str().unwrap().to_string();
    // An occurrence is made on its predecessor's due date; it cannot be closed before that.
    let err = env.refused(&["cancel", &second, "--reason", "early"], 1);
    assert!(err.contains("before the commitment itself"), "{err}");
    env.today("2026-03-24");
    env.ok(&[
        "cancel",
        &second,
        "--reason",
        "no longer needed",
        "--series",
    ]);
    assert_eq!(env.record(&second)["series_ended"], true);
    env.today("2026-05-01");
    env.ok(&["ask", "Later", "--from", "alice", "--to", "bob"]);
    assert_eq!(
        commitments(&env, env.root().join("ledger").as_path()).len(),
        2
    );
    let err = env.refused(
        &[
            "cancel",
            &env.bob_promises_alice("once"),
            "--reason",
            "x",
            "--series",
        ],
        1,
    );
    assert!(err.contains("not an occurrence of a recurring"), "{err}");
    env.ok(&["verify"]);
    env.assert_sound();
}

#[test]
fn monthly_series_clamp_to_the_month_end_and_come_back() {
    let env = Env::new();
    let first = env.id(&[
        "promise",
        "Invoice",
        "--to",
        "alice",
        "--by",
        "bob",
        "--due",
        "2026-03-31",
        "--every",
        "month",
    ]);
    env.ok(&["done", &first]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-31", "2026-04-30"]);
    env.today("2026-04-30");
    env.ok(&["done", all[1]["id"].as_str().unwrap()]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-31", "2026-04-30", "2026-05-31"]);
    env.assert_sound();
}

#[test]
fn an_unknown_repeat_rule_is_refused_with_the_accepted_forms() {
    let env = Env::new();
    let out = env.run(&[
        "promise",
        "x",
        "--to",
        "alice",
        "--due",
        "friday",
        "--every",
        "fortnightly",
    ]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("fortnightly") && out.stderr.contains("week, 2w, month, weekday"),
        "{}",
        out.stderr
    );
    assert_eq!(env.commits(), 1, "nothing recorded");
}

/// The look for missed occurrences is skipped when nothing could have changed its answer since
/// the last look that day; a plain `git commit` that moves a series' due date into the past
/// must not be skipped over, and neither may a damaged note of the last look.
#[test]
fn a_hand_edit_of_a_series_is_caught_up_on_the_same_day() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-23");
    // A write today looks, finds nothing due, and notes that it looked.
    env.ok(&["ask", "Budget", "--from", "alice", "--to", "bob"]);
    assert_eq!(
        dues(&commitments(&env, env.root().join("ledger").as_path())),
        ["2026-03-23"]
    );
    // Unrelated writes since are followed cheaply and change nothing.
    env.ok(&["ask", "Rota", "--from", "alice", "--to", "bob"]);
    // Behind ledger's back: the occurrence was really due last week.
    env.edit_by_hand(
        &first,
        "due: 2026-03-23",
        "due: 2026-03-16",
        "fix the due date",
    );
    env.ok(&["ask", "Hiring", "--from", "alice", "--to", "bob"]);
    assert_eq!(
        dues(&commitments(&env, env.root().join("ledger").as_path())),
        ["2026-03-16", "2026-03-23"],
        "the hand-edited series moved on at the next write"
    );
    // A damaged note of the last look is no reason to skip: make another series due in the
    // past by hand, then scribble over the note.
    let second = weekly(&env, "2026-03-24");
    env.ok(&["ask", "Travel", "--from", "alice", "--to", "bob"]);
    env.edit_by_hand(&second, "due: 2026-03-24", "due: 2026-03-17", "fix it too");
    let stamp = env.root().join("ledger/.git/ledger/cache/recur-checked");
    assert!(stamp.exists(), "the look is noted at {}", stamp.display());
    std::fs::write(&stamp, "garbage\n").unwrap();
    env.ok(&["ask", "Parking", "--from", "alice", "--to", "bob"]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(
        dues(&all),
        ["2026-03-16", "2026-03-17", "2026-03-23", "2026-03-24"]
    );
    env.assert_sound();
}

/// A careless `done` taken back with `undo`: the occurrence it made goes with it, and nothing
/// brings it back before the first occurrence's due date passes.
#[test]
fn undoing_a_done_takes_back_the_occurrence_it_made() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-23");
    env.ok(&["done", &first]);
    assert_eq!(
        commitments(&env, env.root().join("ledger").as_path()).len(),
        2
    );
    env.ok(&["undo"]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-23"], "{all:?}");
    assert_eq!(all[0]["status"], "open");
    env.ok(&["ask", "Budget", "--from", "alice", "--to", "bob"]);
    assert_eq!(
        commitments(&env, env.root().join("ledger").as_path()).len(),
        1
    );
    env.ok(&["verify"]);
    env.assert_sound();
}

/// One clone ends the series while another, a day later, catches it up: after both sync, the
/// clones agree, the ended occurrence says so, and no further occurrence is made by anyone.
#[test]
fn a_series_ended_on_one_clone_while_another_catches_up_converges() {
    let w = world();
    let env = &w.env;
    let a = env.root().join("ledger");
    let first = weekly(env, "2026-03-23");
    env.ok(&["sync"]);
    let b = w.clone_as("b");
    env.today("2026-03-25");
    // B writes first: the first occurrence's date has passed, so B makes the next one.
    env.ok_in(&b, &["ask", "From B", "--from", "bob", "--to", "alice"]);
    assert_eq!(commitments(env, &b).len(), 2);
    // A, not yet synced, ends the series on the first occurrence.
    env.ok_in(
        &a,
        &["cancel", &first, "--series", "--reason", "no longer needed"],
    );
    for dir in [&a, &b, &a] {
        env.ok_in(dir, &["sync"]);
    }
    assert_eq!(tree(env, &a), tree(env, &b));
    let all = commitments(env, &a);
    // What B made before it heard of the end stays (it was shared), and is the last one.
    assert_eq!(dues(&all), ["2026-03-23", "2026-03-30"], "{all:?}");
    assert_eq!(all[0]["status"], "cancelled");
    env.today("2026-04-20");
    env.ok_in(&a, &["ask", "Later", "--from", "alice", "--to", "bob"]);
    env.ok_in(&b, &["ask", "Later too", "--from", "bob", "--to", "alice"]);
    for dir in [&a, &b, &a] {
        env.ok_in(dir, &["sync"]);
    }
    assert_eq!(tree(env, &a), tree(env, &b));
    // The series ended on the first occurrence: B's occurrence is the last, on every clone.
    assert_eq!(dues(&commitments(env, &a)), ["2026-03-23", "2026-03-30"]);
    for dir in [&a, &b] {
        env.ok_in(dir, &["verify"]);
        assert_sound_in(env, dir);
    }
}

/// A series started with its first due date already past: the occurrences the catch-up makes
/// say they were promised no earlier than the series was, never before it existed.
#[test]
fn no_occurrence_is_dated_before_its_series_was_started() {
    let env = Env::new();
    let first = weekly(&env, "2026-03-16");
    env.today("2026-03-25");
    env.ok(&["note", &first, "late already"]);
    let all = commitments(&env, env.root().join("ledger").as_path());
    assert_eq!(dues(&all), ["2026-03-16", "2026-03-23", "2026-03-30"]);
    let made: Vec<&str> = all.iter().map(|c| c["date"].as_str().unwrap()).collect();
    assert_eq!(made, ["2026-03-20", "2026-03-20", "2026-03-23"], "{all:?}");
    env.ok(&["verify"]);
    env.assert_sound();
}
