//! The record cache and history index under `.git/ledger/cache` can never be stale: after the
//! ledger is changed behind the tool's back with plain git, every answer matches a run with the
//! cache deleted.

use std::path::PathBuf;

use crate::harness::{story, Env};

fn cache_dir(env: &Env) -> PathBuf {
    env.dir.join(".git/ledger/cache")
}

/// What the queries answer: every record as JSON, and `show` of each of them.
fn answers(env: &Env) -> Vec<String> {
    let list = env.run(&["list", "--all", "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let mut out = vec![list.stdout.clone()];
    for rec in list.json().as_array().expect("a list") {
        let id = rec["id"].as_str().expect("an id");
        let show = env.run(&["show", id, "--format", "json"]);
        out.push(format!("{} {}{}", show.code, show.stdout, show.stderr));
    }
    out
}

/// Answers with the cache in place (built by an earlier query) equal answers without it.
#[track_caller]
fn assert_fresh(env: &Env) {
    assert!(cache_dir(env).is_dir(), "no cache was built");
    let cached = answers(env);
    std::fs::remove_dir_all(cache_dir(env)).unwrap();
    let fresh = answers(env);
    assert_eq!(cached, fresh);
    assert!(cached[0].len() > 2, "the ledger should not be empty");
}

#[test]
fn a_hand_edit_committed_with_git_shows_at_once() {
    let env = story();
    let before = answers(&env);
    let id = env.id(&[
        "promise",
        "Fix the cache",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    let path = env.path_of(&id);
    let text = env
        .read(&path)
        .replace("Fix the cache", "Fix the cache, edited by hand");
    env.write(&path, &text);
    env.git(&["commit", "-qam", "Edit by hand"]);
    let after = answers(&env);
    assert_ne!(before[0], after[0]);
    assert!(after[0].contains("edited by hand"), "{}", after[0]);
    assert_fresh(&env);
}

#[test]
fn reset_to_an_older_commit_forgets_later_records() {
    let env = story();
    let keep = env.head();
    let id = env.id(&[
        "promise",
        "Gone after reset",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    assert!(answers(&env)[0].contains(&id));
    env.git(&["reset", "-q", "--hard", &keep]);
    let after = answers(&env);
    assert!(!after[0].contains(&id), "{}", after[0]);
    assert_fresh(&env);
}

#[test]
fn checkout_of_another_branch_answers_for_that_branch() {
    let env = story();
    env.git(&["checkout", "-q", "-b", "other"]);
    let id = env.id(&[
        "promise",
        "Only on other",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    assert!(answers(&env)[0].contains(&id));
    env.git(&["checkout", "-q", "main"]);
    assert!(!answers(&env)[0].contains(&id));
    assert_fresh(&env);
    env.git(&["checkout", "-q", "other"]);
    assert!(answers(&env)[0].contains(&id));
    assert_fresh(&env);
}

#[test]
fn a_damaged_cache_costs_time_not_answers() {
    let env = story();
    answers(&env);
    for item in std::fs::read_dir(cache_dir(&env)).unwrap() {
        let path = item.unwrap().path();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() / 2);
        bytes.extend_from_slice(b"\x00garbage");
        std::fs::write(&path, bytes).unwrap();
    }
    assert_fresh(&env);
}

#[test]
fn a_file_made_invalid_by_hand_is_reported_although_its_old_version_was_cached() {
    let env = story();
    let id = env.id(&[
        "promise",
        "Will break",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    answers(&env);
    let path = env.path_of(&id);
    let text = env.read(&path).replace("due: 2026-04-01", "due: someday");
    env.write(&path, &text);
    env.git(&["commit", "-qam", "Break it by hand"]);
    let out = env.run(&["list", "--all", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains(&path), "{}", out.stderr);
}
