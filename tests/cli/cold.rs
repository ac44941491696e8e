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
