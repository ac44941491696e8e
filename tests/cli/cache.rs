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

/// The ids of a JSON list, sorted.
fn ids(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn narrow_queries_agree_with_the_whole_ledger() {
    // list --by, who and overdue read only the records their question needs (the query view);
    // the whole ledger, listed and filtered here, is the independent answer.
    let env = story();
    let all = env.run(&["list", "--all", "--format", "json"]).json();
    let recs = all.as_array().unwrap();
    let field = |r: &serde_json::Value, f: &str| r[f].as_str().unwrap_or("").to_string();
    let mut people: Vec<String> = recs
        .iter()
        .flat_map(|r| {
            let mut p = vec![field(r, "by"), field(r, "from"), field(r, "to")];
            if let Some(a) = r["attendees"].as_array() {
                p.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string));
            }
            p
        })
        .filter(|p| !p.is_empty())
        .collect();
    people.sort();
    people.dedup();
    assert!(people.len() >= 3, "{people:?}");
    let attended = |r: &serde_json::Value, p: &str| {
        r["attendees"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x == p))
    };
    for p in &people {
        let by = env
            .run(&["list", "--all", "--by", p, "--format", "json"])
            .json();
        let want: Vec<&serde_json::Value> = recs
            .iter()
            .filter(|r| field(r, "by") == *p || field(r, "from") == *p || attended(r, p))
            .collect();
        assert_eq!(ids(&by), ids(&serde_json::json!(want)), "list --by {p}");
        // Whether a commitment is blocked depends on another record, loaded alongside it.
        for r in by.as_array().unwrap() {
            let full = recs.iter().find(|x| x["id"] == r["id"]).unwrap();
            assert_eq!(r["is_blocked"], full["is_blocked"], "{}", r["id"]);
        }
        let who = env.run(&["who", p, "--format", "json"]).json();
        let promised: Vec<&serde_json::Value> = recs
            .iter()
            .filter(|r| r["kind"] == "commitment" && field(r, "by") == *p)
            .collect();
        assert_eq!(
            ids(&who["promised"]),
            ids(&serde_json::json!(promised)),
            "who {p}"
        );
        let asked_of: Vec<&serde_json::Value> = recs
            .iter()
            .filter(|r| r["kind"] == "ask" && field(r, "to") == *p)
            .collect();
        assert_eq!(
            ids(&who["asks_received"]),
            ids(&serde_json::json!(asked_of))
        );
    }
    let overdue = env.run(&["overdue", "--format", "json"]).json();
    let day = overdue["as_of"].as_str().unwrap().to_string();
    let late = |kind: &str| -> Vec<&serde_json::Value> {
        recs.iter()
            .filter(|r| r["kind"] == kind && r["status"] == "open")
            .filter(|r| r["due"].as_str().is_some_and(|d| d < day.as_str()))
            .collect()
    };
    assert!(!late("commitment").is_empty(), "the story has overdue work");
    assert_eq!(
        ids(&overdue["commitments"]),
        ids(&serde_json::json!(late("commitment")))
    );
    assert_eq!(ids(&overdue["asks"]), ids(&serde_json::json!(late("ask"))));
    // Every overdue row names the meeting or ask it was made in, which is another record.
    for r in overdue["commitments"].as_array().unwrap() {
        if let Some(src) = r["made_in"]["id"].as_str() {
            assert!(r["made_in"]["title"].is_string(), "{src} has a title");
        }
    }
}

#[test]
fn the_view_follows_every_move_of_head() {
    // The view describes one tree; after a commit, a reset and a checkout behind the tool's
    // back, narrow answers equal the answers with no cache at all.
    let env = story();
    let narrow = |env: &Env| -> Vec<String> {
        ["alice", "bob", "carol"]
            .iter()
            .flat_map(|p| {
                [
                    env.run(&["list", "--by", p, "--format", "json"]).stdout,
                    env.run(&["who", p, "--format", "json"]).stdout,
                ]
            })
            .chain([env.run(&["overdue", "--format", "json"]).stdout])
            .collect()
    };
    let compare = |env: &Env| {
        let cached = narrow(env);
        std::fs::remove_dir_all(cache_dir(env)).unwrap();
        assert_eq!(cached, narrow(env));
    };
    narrow(&env);
    let keep = env.head();
    let id = env.id(&[
        "promise",
        "Late one",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2020-01-01",
    ]);
    assert!(narrow(&env).iter().any(|a| a.contains(&id)));
    compare(&env);
    let path = env.path_of(&id);
    env.write(&path, &env.read(&path).replace("by: bob", "by: carol"));
    env.git(&["commit", "-qam", "Hand it to carol"]);
    compare(&env);
    env.git(&["reset", "-q", "--hard", &keep]);
    assert!(!narrow(&env).iter().any(|a| a.contains(&id)));
    compare(&env);
    env.git(&["checkout", "-q", "-b", "other"]);
    env.ok(&[
        "promise",
        "Only on other",
        "--by",
        "alice",
        "--to",
        "bob",
        "--due",
        "2020-02-01",
    ]);
    narrow(&env);
    env.git(&["checkout", "-q", "main"]);
    compare(&env);
}

/// Everything `answers` says, plus `overdue` and each record's `history`: the three caches
/// (view, record segments, history index) are all read.
fn all_answers(env: &Env) -> Vec<String> {
    let mut out = answers(env);
    let over = env.run(&["overdue", "--format", "json"]);
    out.push(format!("{} {}{}", over.code, over.stdout, over.stderr));
    let list = env.run(&["list", "--all", "--format", "json"]);
    // With no index, `history` walks the record's path and leaves the index to a background
    // build (off in tests): run that build here so the index is what `history` reads.
    env.ok(&["__index"]);
    for rec in list.json().as_array().expect("a list") {
        let id = rec["id"].as_str().expect("an id");
        let h = env.run(&["history", id]);
        out.push(format!("{} {}{}", h.code, h.stdout, h.stderr));
    }
    out
}

/// Answers with the caches as they are equal answers with them deleted (a cold run).
#[track_caller]
fn assert_same_as_cold(env: &Env) {
    let cached = all_answers(env);
    std::fs::remove_dir_all(cache_dir(env)).unwrap();
    assert_eq!(cached, all_answers(env));
}

fn some_commitment(env: &Env) -> String {
    env.find_of("commitment", "VPN tunnel from the payments")
}

#[test]
fn a_change_then_a_query_writes_only_a_delta_and_agrees_with_a_cold_run() {
    let env = story();
    all_answers(&env);
    let view = std::fs::read(cache_dir(&env).join("view")).unwrap();
    let history = std::fs::read(cache_dir(&env).join("history")).unwrap();
    let id = some_commitment(&env);
    env.ok(&["note", &id, "Asked the network team again"]);
    let after = all_answers(&env);
    assert!(after
        .iter()
        .any(|a| a.contains("Asked the network team again")));
    // The base view was left as it was; the change is in the delta beside it.
    assert_eq!(std::fs::read(cache_dir(&env).join("view")).unwrap(), view);
    assert!(cache_dir(&env).join("view.delta").is_file());
    // The history index grew by a block at its end.
    let grown = std::fs::read(cache_dir(&env).join("history")).unwrap();
    assert!(grown.len() > history.len() && grown.starts_with(&history));
    env.ok(&["note", &id, "And once more"]);
    assert_same_as_cold(&env);
}

/// What a crash half-way through writing a cache file leaves: the file cut at `frac` of the
/// new part, or one byte of it changed.
fn damage(path: &std::path::Path, keep: usize, flip: bool) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = keep + (bytes.len() - keep) / 2;
    if flip {
        bytes[at] ^= 0x20;
    } else {
        bytes.truncate(at);
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_cut_or_damaged_delta_or_index_block_costs_time_not_answers() {
    for flip in [false, true] {
        let env = story();
        all_answers(&env);
        let history_len = std::fs::metadata(cache_dir(&env).join("history"))
            .unwrap()
            .len() as usize;
        let id = some_commitment(&env);
        env.ok(&["note", &id, "First note"]);
        all_answers(&env);
        env.ok(&["note", &id, "Second note"]);
        all_answers(&env);
        damage(&cache_dir(&env).join("view.delta"), 0, flip);
        damage(&cache_dir(&env).join("history"), history_len, flip);
        let damaged = all_answers(&env);
        assert!(damaged.iter().any(|a| a.contains("Second note")));
        // A change after the damage is brought in from what still checks out.
        env.ok(&["note", &id, "Third note"]);
        all_answers(&env);
        damage(&cache_dir(&env).join("view.delta"), 0, flip);
        assert_same_as_cold(&env);
    }
}

#[test]
fn plain_git_moves_after_deltas_agree_with_a_cold_run() {
    let env = story();
    all_answers(&env);
    let id = some_commitment(&env);
    env.ok(&["note", &id, "A note before the hand edit"]);
    all_answers(&env);
    let path = env.path_of(&id);
    let text = env.read(&path).replace("VPN tunnel", "VPN tunnel (edited)");
    env.write(&path, &text);
    env.git(&["commit", "-qam", "Edit by hand"]);
    let edited = all_answers(&env);
    assert!(edited.iter().any(|a| a.contains("(edited)")));
    assert_same_as_cold(&env);
    env.ok(&["note", &id, "A note to be reset away"]);
    all_answers(&env);
    env.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let reset = all_answers(&env);
    assert!(!reset.iter().any(|a| a.contains("reset away")));
    assert_same_as_cold(&env);
    // A rebase that drops the hand edit and replays the note on top of its parent.
    env.ok(&["note", &id, "A note to be replayed"]);
    all_answers(&env);
    env.git(&["rebase", "-q", "--onto", "HEAD~2", "HEAD~1"]);
    let rebased = all_answers(&env);
    assert!(rebased.iter().any(|a| a.contains("replayed")));
    assert!(!rebased.iter().any(|a| a.contains("(edited)")));
    assert_same_as_cold(&env);
}

/// One change of more rows than a delta holds (an import of 4,200 promises) folds the delta into
/// a new base view; the answers stay those of a cold run.
#[test]
fn a_change_past_the_delta_limit_folds_into_a_new_base() {
    let env = story();
    env.ok(&["list", "--all"]);
    let view = std::fs::read(cache_dir(&env).join("view")).unwrap();
    let mut csv = String::from("Summary,Issue key,Status,Assignee,Reporter,Created,Due date\n");
    for i in 0..4200 {
        csv.push_str(&format!(
            "Part {i},BULK-{i},To Do,bob,alice,2026-03-02,2026-03-{:02}\n",
            1 + i % 28
        ));
    }
    let file = env.root().join("bulk.csv");
    std::fs::write(&file, csv).unwrap();
    env.ok(&["import", file.to_str().unwrap()]);
    let narrow = |env: &Env| {
        [
            env.ok(&["list", "--all", "--format", "json"]),
            env.ok(&["overdue", "--format", "json"]),
            env.ok(&["who", "bob", "--format", "json"]),
        ]
    };
    let cached = narrow(&env);
    let base = std::fs::read(cache_dir(&env).join("view")).unwrap();
    assert_ne!(base, view, "the base view was rewritten");
    assert!(
        std::fs::metadata(cache_dir(&env).join("view.delta")).map_or(true, |m| m.len() < 64 * 1024),
        "no large delta is kept beside a new base"
    );
    assert!(cached[0].contains("Part 4199"));
    std::fs::remove_dir_all(cache_dir(&env)).unwrap();
    assert_eq!(cached, narrow(&env));
}
