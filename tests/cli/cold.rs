//! A fresh clone, a warm cache and a cache left behind by changes made with plain git all give
//! the same answers, and the questions a lead asks every day (`overdue`, `report`, `who`,
//! `list`) are answered from the record files without building the history index.

use std::path::Path;

use crate::harness::{story, Env};

/// The history index and its old slips side file, wherever the ledger keeps them.
fn has_history_index(dir: &Path) -> bool {
    std::fs::read_dir(dir.join(".git/ledger/cache"))
        .map(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("history") || name.starts_with("slips")
            })
        })
        .unwrap_or(false)
}

/// Every daily query in every format, with its exit status and stderr, run in `dir`. Where
/// there was no history index, none of them may build one.
fn daily(env: &Env, dir: &Path) -> Vec<String> {
    let had_index = has_history_index(dir);
    let mut queries: Vec<Vec<&str>> = vec![
        vec!["list", "--all", "--format", "json"],
        vec!["list", "--by", "bob"],
        vec!["overdue"],
        vec!["overdue", "--format", "json"],
        vec!["overdue", "--format", "csv"],
        vec!["overdue", "--as-of", "2026-03-10"],
        vec!["report"],
        vec!["report", "--format", "json"],
        vec![
            "report",
            "--since",
            "2026-03-01",
            "--until",
            "2026-03-31",
            "--format",
            "md",
        ],
        vec!["report", "--as-of", "2026-03-12", "--format", "json"],
    ];
    for p in ["alice", "bob", "carol"] {
        queries.push(vec!["who", p, "--format", "json"]);
    }
    let out: Vec<String> = queries
        .iter()
        .map(|q| {
            let o = env.run_in(dir, q);
            format!("{q:?} -> {}\n{}{}", o.code, o.stdout, o.stderr)
        })
        .collect();
    assert!(
        had_index || !has_history_index(dir),
        "a daily query built the history index"
    );
    out
}

/// `show` and `history` of every overdue item and every decision (a decision's chain is read hop
/// by hop), by whole id and by prefix. Where there was no history index, none of them may build
/// one: they walk the one record's path instead.
fn one_record(env: &Env, dir: &Path, ids: &[String]) -> Vec<String> {
    let had_index = has_history_index(dir);
    let all = env.run_in(dir, &["list", "--all", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&all.stdout).expect("json");
    let decisions = all
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["id"].as_str())
        .filter(|id| id.starts_with("dec-"))
        .map(str::to_string);
    // Every command advances the harness's clock a minute, and the day has only so many.
    let mut out = Vec::new();
    for (n, id) in ids.iter().cloned().chain(decisions.take(3)).enumerate() {
        let id = id.as_str();
        let queries = match n {
            0 => vec![
                vec!["show", &id[..7]],
                vec!["history", &id[..7], "--format", "json"],
            ],
            _ => vec![],
        };
        for q in [
            vec!["show", id],
            vec!["show", id, "--format", "json"],
            vec!["history", id],
        ]
        .into_iter()
        .chain(queries)
        {
            let o = env.run_in(dir, &q);
            out.push(format!("{q:?} -> {}\n{}{}", o.code, o.stdout, o.stderr));
        }
    }
    assert!(
        had_index || !has_history_index(dir),
        "`show` or `history` built the history index"
    );
    out
}

/// `daily` plus what needs the history: `escalate`, `show` and `history` of every overdue item.
/// Where there was no history index, none of them may build one.
fn all(env: &Env, dir: &Path) -> Vec<String> {
    let mut out = daily(env, dir);
    let overdue = env.run_in(dir, &["overdue", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&overdue.stdout).expect("json");
    let ids = |group: &str| -> Vec<String> {
        items[group]
            .as_array()
            .expect("a list")
            .iter()
            .map(|i| i["id"].as_str().expect("an id").to_string())
            .collect()
    };
    let late: Vec<String> = ids("commitments").into_iter().chain(ids("asks")).collect();
    out.extend(one_record(env, dir, &late));
    let had_index = has_history_index(dir);
    for id in &late {
        let id = id.as_str();
        for q in [
            vec!["escalate", id],
            vec!["escalate", id, "--format", "json"],
        ] {
            let o = env.run_in(dir, &q);
            out.push(format!("{q:?} -> {}\n{}{}", o.code, o.stdout, o.stderr));
        }
    }
    // A memo reads a few records' histories: each walks its path, as `history` does.
    assert!(
        had_index || !has_history_index(dir),
        "`escalate` built the history index"
    );
    assert!(out.len() > 20, "the story should have overdue items");
    out
}

/// Answers with whatever cache `dir` has equal answers with none, then with the cache rebuilt.
#[track_caller]
fn same_cold_and_warm(env: &Env, dir: &Path) -> Vec<String> {
    let warm = all(env, dir);
    std::fs::remove_dir_all(dir.join(".git/ledger/cache")).unwrap();
    let cold = all(env, dir);
    assert_eq!(warm, cold, "answers differ between a warm and a cold cache");
    assert_eq!(
        all(env, dir),
        cold,
        "answers differ once the cache is rebuilt"
    );
    cold
}

#[test]
fn a_fresh_clone_answers_like_a_warm_cache_after_every_change_behind_the_tools_back() {
    let env = story();
    let dir = env.dir.clone();
    // Warm the caches, then clone: the clone has the ledger and none of its caches.
    let warm = all(&env, &dir);
    let clone = env.root().join("clone");
    env.git(&[
        "clone",
        "-q",
        &dir.to_string_lossy(),
        &clone.to_string_lossy(),
    ]);
    assert!(!clone.join(".git/ledger/cache").exists());
    assert_eq!(all(&env, &clone), warm, "a fresh clone answers differently");

    // A reschedule recorded by hand and committed with plain git, as the rules allow.
    let keep = env.head();
    let late = env.run(&["overdue", "--format", "json"]).json();
    let id = late["commitments"][0]["id"]
        .as_str()
        .expect("an overdue commitment")
        .to_string();
    env.ok(&["note", &id, "chased by phone"]);
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-19",
        "--reason",
        "waiting on the vendor",
    ]);
    let moved = same_cold_and_warm(&env, &dir);
    assert_ne!(moved, warm);
    let path = env.path_of(&id);
    env.write(
        &path,
        &env.read(&path)
            .replace("chased by phone", "chased by phone twice"),
    );
    env.git(&["commit", "-qam", "Hand edit"]);
    same_cold_and_warm(&env, &dir);

    // Reset back past both commits.
    env.git(&["reset", "-q", "--hard", &keep]);
    assert_eq!(same_cold_and_warm(&env, &dir), warm);

    // A branch with its own change, checked out and back.
    env.git(&["checkout", "-q", "-b", "other"]);
    env.ok(&[
        "promise",
        "Only on other",
        "--by",
        "alice",
        "--to",
        "bob",
        "--due",
        "2026-03-02",
    ]);
    let other = same_cold_and_warm(&env, &dir);
    env.git(&["checkout", "-q", "main"]);
    assert_eq!(same_cold_and_warm(&env, &dir), warm);

    // Main moves on; `other` is rebased onto it and merged: a rewritten history.
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-25",
        "--reason",
        "vendor again",
    ]);
    all(&env, &dir);
    env.git(&["checkout", "-q", "other"]);
    all(&env, &dir);
    env.git(&["rebase", "-q", "main"]);
    let rebased = same_cold_and_warm(&env, &dir);
    assert_ne!(rebased, other);
    // The clone fetches the rebased branch and answers exactly as the original does.
    env.git_in(&clone, &["fetch", "-q", "origin", "other:other"]);
    env.git_in(&clone, &["checkout", "-q", "other"]);
    assert_eq!(all(&env, &clone), rebased);
}

/// What `history` and `show` say of each of `ids` in `dir`, every format that differs.
fn one_record_answers(env: &Env, dir: &Path, ids: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        for q in [
            vec!["history", id.as_str()],
            vec!["history", id.as_str(), "--format", "json"],
            vec!["show", id.as_str()],
            vec!["show", id.as_str(), "--format", "json"],
        ] {
            let o = env.run_in(dir, &q);
            out.push(format!("{q:?} -> {}\n{}{}", o.code, o.stdout, o.stderr));
        }
    }
    out
}

/// Cold answers (the walk of one path: no index, none built) equal warm ones (the index, built
/// by the hidden `__index` command the background build runs).
#[track_caller]
fn walk_agrees_with_index(env: &Env, dir: &Path, ids: &[String]) -> Vec<String> {
    let _ = std::fs::remove_dir_all(dir.join(".git/ledger/cache"));
    let cold = one_record_answers(env, dir, ids);
    assert!(!has_history_index(dir), "a cold `history` built the index");
    env.ok_in(dir, &["__index"]);
    assert!(has_history_index(dir), "`__index` built no index");
    let warm = one_record_answers(env, dir, ids);
    assert_eq!(cold, warm, "the walk and the index disagree");
    cold
}

#[test]
fn the_walk_answers_like_the_index_across_merges_and_a_file_deleted_and_restored_by_hand() {
    let env = story();
    let a = env.dir.clone();
    env.git_in(
        env.root(),
        &["init", "--bare", "-q", "-b", "main", "remote.git"],
    );
    let remote = env.root().join("remote.git");
    env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    env.ok(&["sync"]);
    let b = env.root().join("b");
    env.git_in(
        env.root(),
        &["clone", "-q", remote.to_str().unwrap(), b.to_str().unwrap()],
    );
    let late = env.run(&["overdue", "--format", "json"]).json();
    let first = late["commitments"][0]["id"]
        .as_str()
        .expect("overdue")
        .to_string();
    let asked = late["asks"][0]["id"]
        .as_str()
        .expect("an overdue ask")
        .to_string();
    // Both clones change the same commitment (different fields) and one record each, then sync:
    // merge commits whose parents disagree about the record file.
    env.ok_in(&a, &["note", &first, "chased from A"]);
    env.ok_in(
        &b,
        &[
            "reschedule",
            &first,
            "--due",
            "2026-03-27",
            "--reason",
            "B asked",
        ],
    );
    env.ok_in(&b, &["note", &asked, "pinged from B"]);
    env.ok_in(&a, &["sync"]);
    env.ok_in(&b, &["sync"]);
    env.ok_in(&a, &["sync"]);
    let merges = env.git_in(&a, &["rev-list", "--merges", "--count", "HEAD"]);
    assert_ne!(merges.trim(), "0", "the syncs should have merged");
    let ids = vec![first.clone(), asked.clone()];
    let merged = walk_agrees_with_index(&env, &a, &ids);
    assert!(merged.iter().any(|o| o.contains("chased from A")));
    assert!(merged.iter().any(|o| o.contains("2026-03-27")));
    assert_eq!(walk_agrees_with_index(&env, &b, &ids), merged);

    // The record file deleted with plain git, then restored from the commit before.
    let path = env.path_of(&first);
    env.git_in(&a, &["rm", "-q", &path]);
    env.git_in(&a, &["commit", "-qm", "Remove by mistake"]);
    let gone = walk_agrees_with_index(&env, &a, &ids);
    assert!(
        gone[0].contains("-> 1"),
        "a deleted record has no history: {}",
        gone[0]
    );
    env.git_in(&a, &["checkout", "HEAD~1", "--", &path]);
    env.git_in(&a, &["commit", "-qm", "Restore it"]);
    let back = walk_agrees_with_index(&env, &a, &ids);
    assert!(
        back[0].contains("create (made with plain git)"),
        "the restore shows in the history as a hand-made re-creation:\n{}",
        back[0]
    );
}

/// A tiny poll: the index file (complete: it is renamed into place) within `secs` seconds.
fn wait_for_index(dir: &Path, secs: u64) -> bool {
    let file = dir.join(".git/ledger/cache/history");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if file.is_file() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

#[test]
fn a_query_that_walked_has_the_index_built_in_the_background() {
    let env = story();
    let clone = env.root().join("clone");
    env.git(&[
        "clone",
        "-q",
        &env.dir.to_string_lossy(),
        &clone.to_string_lossy(),
    ]);
    let late = env.run(&["overdue", "--format", "json"]).json();
    let id = late["commitments"][0]["id"]
        .as_str()
        .expect("overdue")
        .to_string();

    // With the background build off (every other test), nothing is built.
    let walked = env.run_in(&clone, &["history", &id]);
    assert_eq!(walked.code, 0, "{}", walked.stderr);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!has_history_index(&clone));

    // On: the answer is the walk's, and the index appears behind it.
    env.set("LEDGER_NO_BACKGROUND", "");
    let again = env.run_in(&clone, &["history", &id]);
    assert_eq!(again.stdout, walked.stdout);
    assert!(
        wait_for_index(&clone, 20),
        "no index built in the background"
    );
    env.set("LEDGER_NO_BACKGROUND", "1");
    let warm = env.run_in(&clone, &["history", &id]);
    assert_eq!(warm.stdout, walked.stdout, "warm and walked answers differ");
    assert_eq!(warm.stderr, walked.stderr);

    // The build is not a command anyone sees.
    let help = env.ok_in(&clone, &["--help"]);
    assert!(!help.contains("__index"), "{help}");
}

#[test]
fn a_second_index_build_stands_aside_while_one_holds_the_lock() {
    let env = story();
    let cache = env.dir.join(".git/ledger/cache");
    let _ = std::fs::remove_dir_all(&cache);
    std::fs::create_dir_all(&cache).unwrap();
    let lock = std::fs::File::create(cache.join("index-build.lock")).unwrap();
    lock.try_lock().expect("the lock is free");
    env.ok(&["__index"]);
    assert!(
        !has_history_index(&env.dir),
        "built while the lock was held"
    );
    // A build killed before its rename left a temporary file: the next build removes it.
    std::fs::write(cache.join("history.tmp-999999999"), "half an index").unwrap();
    drop(lock);
    env.ok(&["__index"]);
    assert!(
        cache.join("history").is_file(),
        "no index once the lock was free"
    );
    assert!(
        !cache.join("history.tmp-999999999").exists(),
        "stray temporary file kept"
    );
}
