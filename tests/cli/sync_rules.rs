//! The merge's rules, each as the scenario that broke them, on real clones of a bare remote:
//! every clone ends with the same valid records whatever order they sync in, no side wins by
//! its commit date, and settings never weaken.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::sync::{assert_sound_in, tree, world, World};

/// Seeds the remote with a promise (made 2026-03-01) and returns its id.
fn seeded() -> (World, String) {
    let w = world();
    let id = w.env.id(&[
        "promise",
        "Open the VPN tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-27",
        "--date",
        "2026-03-01",
    ]);
    w.env.ok(&["sync"]);
    (w, id)
}

fn json(w: &World, dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&w.env.ok_in(dir, &a)).unwrap()
}

/// Every clone syncs twice in turn; then all hold one tree, and each is sound.
fn settle(w: &World, dirs: &[&Path]) {
    settle_dated(w, dirs, false)
}

/// [`settle`], where a commit dated in the future is in the history: `verify` must then report
/// it (the commits after it go backwards in time) and nothing else.
fn settle_dated(w: &World, dirs: &[&Path], forged: bool) {
    for _ in 0..2 {
        for d in dirs {
            w.env.ok_in(d, &["sync"]);
        }
    }
    let t = tree(&w.env, dirs[0]);
    for d in dirs {
        assert_eq!(tree(&w.env, d), t, "{} differs", d.display());
        assert_sound_in(&w.env, d);
        let v = w.env.run_in(d, &["verify"]);
        if forged {
            let findings: Vec<&str> = v.stdout.lines().skip(1).collect();
            assert_eq!(v.code, 2, "{}", v.stdout);
            assert!(
                findings.iter().all(|f| f.starts_with("clock: ")),
                "{}",
                v.stdout
            );
            assert!(v.stdout.contains("2099-01-01"), "{}", v.stdout);
            continue;
        }
        assert_eq!(
            v.code,
            0,
            "verify in {}: {}{}",
            d.display(),
            v.stdout,
            v.stderr
        );
    }
}

/// Replaces text in a record's file in `dir` and commits it with plain git.
fn hand_edit(w: &World, dir: &Path, id: &str, from: &str, to: &str, date: Option<&str>) {
    let files = w.env.git_in(dir, &["ls-files"]);
    let rel = files
        .lines()
        .find(|l| l.ends_with(&format!("{id}.yaml")))
        .unwrap()
        .to_string();
    let p = dir.join(&rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from} not in {text}");
    std::fs::write(&p, text.replace(from, to)).unwrap();
    let mut cmd = Command::new("git");
    w.env.hermetic(&mut cmd);
    cmd.current_dir(dir)
        .args(["commit", "-qam", &format!("Edit {id} by hand")]);
    if let Some(d) = date {
        cmd.env("GIT_COMMITTER_DATE", d).env("GIT_AUTHOR_DATE", d);
    }
    assert!(cmd.status().unwrap().success());
}

#[test]
fn reschedules_on_three_clones_keep_due_on_the_last_one() {
    let (w, id) = seeded();
    let (a, b, c) = (w.env.dir.clone(), w.clone_as("b"), w.clone_as("c"));
    for (dir, due, on) in [
        (&a, "2026-04-10", "2026-03-05"),
        (&b, "2026-04-03", "2026-03-07"),
        (&c, "2026-04-20", "2026-03-06"),
    ] {
        w.env.ok_in(
            dir,
            &[
                "reschedule",
                &id,
                "--due",
                due,
                "--reason",
                "slip",
                "--date",
                on,
            ],
        );
    }
    settle(&w, &[&a, &b, &c]);
    let r = json(&w, &a, &["show", &id]);
    assert_eq!(r["reschedules"].as_array().unwrap().len(), 3, "{r}");
    assert_eq!(r["due"], "2026-04-03", "the last reschedule by date: {r}");
    // A note on it is still accepted afterwards.
    w.env.ok_in(&b, &["note", &id, "still on it"]);
}

#[test]
fn done_beats_cancel_and_keeps_no_cancel_reason() {
    let (w, id) = seeded();
    let b = w.clone_as("b");
    w.env.ok(&["cancel", &id, "--reason", "no budget"]);
    w.env.ok_in(&b, &["done", &id]);
    settle(&w, &[&w.env.dir, &b]);
    let r = json(&w, &b, &["show", &id]);
    assert_eq!(r["status"], "done", "{r}");
    assert!(r.get("reason").is_none_or(|v| v.is_null()), "{r}");
}

#[test]
fn an_accepted_ask_keeps_no_decline_reason() {
    let w = world();
    let ask = w
        .env
        .id(&["ask", "Review the plan", "--from", "bob", "--to", "carol"]);
    w.env.ok(&["sync"]);
    let b = w.clone_as("b");
    w.env.ok(&["decline", &ask, "--reason", "no time"]);
    w.env.ok_in(&b, &["accept", &ask, "--due", "2026-04-01"]);
    settle(&w, &[&b, &w.env.dir]);
    let r = json(&w, &w.env.dir, &["show", &ask]);
    assert_eq!(r["status"], "accepted", "{r}");
    assert!(r.get("reason").is_none_or(|v| v.is_null()), "{r}");
}

#[test]
fn revoked_and_superseded_at_once_keeps_the_successor_and_no_revoke_reason() {
    let w = world();
    let dec = w.env.id(&["decide", "Use a VPN", "--by", "alice"]);
    w.env.ok(&["sync"]);
    let b = w.clone_as("b");
    w.env.ok(&["revoke", &dec, "--reason", "too slow"]);
    let next = w.env.id_in(
        &b,
        &["decide", "Use IPsec", "--by", "bob", "--supersedes", &dec],
    );
    settle(&w, &[&w.env.dir, &b]);
    let r = json(&w, &b, &["show", &dec]);
    assert_eq!(r["status"], "superseded", "{r}");
    assert_eq!(r["superseded_by"], next.as_str(), "{r}");
    assert!(r.get("reason").is_none_or(|v| v.is_null()), "{r}");
}

#[test]
fn two_successors_of_one_decision_leave_one_in_force() {
    let w = world();
    let dec = w.env.id(&["decide", "Use a VPN", "--by", "alice"]);
    w.env.ok(&["sync"]);
    let (b, c) = (w.clone_as("b"), w.clone_as("c"));
    let mut next = Vec::new();
    for (dir, text) in [
        (&w.env.dir, "Use WireGuard"),
        (&b, "Use IPsec"),
        (&c, "Use SSH"),
    ] {
        next.push(
            w.env
                .id_in(dir, &["decide", text, "--by", "bob", "--supersedes", &dec]),
        );
    }
    settle(&w, &[&c, &w.env.dir, &b]);
    let active: Vec<&String> = next
        .iter()
        .filter(|id| json(&w, &b, &["show", id])["status"] == "active")
        .collect();
    assert_eq!(active.len(), 1, "one successor in force");
    let r = json(&w, &b, &["show", &dec]);
    assert_eq!(r["superseded_by"], active[0].as_str(), "{r}");
}

/// The three clones' records after each edits the shared commitment and syncs in `order`.
fn in_order(order: [usize; 3]) -> Vec<(String, serde_json::Value)> {
    let (w, id) = seeded();
    let dirs: Vec<PathBuf> = vec![w.env.dir.clone(), w.clone_as("b"), w.clone_as("c")];
    let env = &w.env;
    env.ok_in(
        &dirs[0],
        &["reschedule", &id, "--due", "2026-04-10", "--reason", "late"],
    );
    env.ok_in(&dirs[0], &["note", &id, "from a"]);
    env.ok_in(&dirs[1], &["note", &id, "from b"]);
    env.ok_in(
        &dirs[1],
        &["block", &id, "--reason", "waiting on the vendor"],
    );
    env.ok_in(&dirs[2], &["done", &id]);
    hand_edit(
        &w,
        &dirs[2],
        &id,
        "what: Open the VPN tunnel",
        "what: Open the VPN tunnel today",
        None,
    );
    hand_edit(
        &w,
        &dirs[1],
        &id,
        "what: Open the VPN tunnel",
        "what: Open the tunnel",
        None,
    );
    let ordered: Vec<&Path> = order.iter().map(|i| dirs[*i].as_path()).collect();
    settle(&w, &ordered);
    let r = json(&w, &dirs[0], &["show", &id]);
    let keep = [
        "status",
        "due",
        "what",
        "notes",
        "reschedules",
        "blocked",
        "closed",
    ];
    keep.iter()
        .map(|k| (k.to_string(), r[*k].clone()))
        .collect()
}

#[test]
fn every_sync_order_gives_the_same_record() {
    let first = in_order([0, 1, 2]);
    assert_eq!(first[0].1, "done");
    for order in [[2, 1, 0], [1, 2, 0]] {
        assert_eq!(in_order(order), first, "order {order:?}");
    }
}

/// The `what` that wins when clone A writes `mine` with a commit dated `a_date` and clone B
/// writes `theirs`.
fn what_after(mine: &str, theirs: &str, a_date: Option<&str>) -> String {
    let (w, id) = seeded();
    let b = w.clone_as("b");
    hand_edit(
        &w,
        &b,
        &id,
        "what: Open the VPN tunnel",
        &format!("what: {theirs}"),
        None,
    );
    hand_edit(
        &w,
        &w.env.dir,
        &id,
        "what: Open the VPN tunnel",
        &format!("what: {mine}"),
        a_date,
    );
    settle_dated(&w, &[&b, &w.env.dir], a_date.is_some());
    json(&w, &b, &["show", &id])["what"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_commit_dated_2099_does_not_win_by_its_date() {
    let hash = |s: &str| ledger::model::merge::content_hash(&serde_json::Value::String(s.into()));
    // Put the forged date on the side the content hash makes lose.
    let (x, y) = ("Open it now", "Open it later");
    let (loser, winner) = if hash(x) < hash(y) { (x, y) } else { (y, x) };
    let forged = "2099-01-01T00:00:00+00:00";
    assert_eq!(what_after(loser, winner, Some(forged)), winner);
    assert_eq!(what_after(loser, winner, None), winner);
}

#[test]
fn a_settings_merge_never_turns_signatures_off() {
    let (w, _) = seeded();
    let b = w.clone_as("b");
    let a = w.env.dir.clone();
    let cfg = |dir: &Path| std::fs::read_to_string(dir.join("ledger.yaml")).unwrap();
    let text = cfg(&a);
    std::fs::write(
        a.join("ledger.yaml"),
        text.replace("require_signatures: false", "require_signatures: true"),
    )
    .unwrap();
    if !cfg(&a).contains("require_signatures: true") {
        std::fs::write(
            a.join("ledger.yaml"),
            format!("{}require_signatures: true\n", text),
        )
        .unwrap();
    }
    w.env
        .git_in(&a, &["commit", "-qam", "Require signed commits"]);
    // B changes the same file later (a comment), and merges.
    std::fs::write(
        b.join("ledger.yaml"),
        format!("# shared settings\n{}", cfg(&b)),
    )
    .unwrap();
    w.env
        .git_in(&b, &["commit", "-qam", "Explain the settings file"]);
    w.env.ok(&["sync"]);
    w.env.ok_in(&b, &["sync"]);
    assert!(cfg(&b).contains("require_signatures: true"), "{}", cfg(&b));
}

#[test]
fn a_merge_that_cannot_be_valid_stops_and_changes_nothing() {
    let (w, id) = seeded();
    let b = w.clone_as("b");
    hand_edit(
        &w,
        &w.env.dir,
        &id,
        "date: 2026-03-01",
        "date: 2026-03-12",
        None,
    );
    w.env.ok(&["sync"]);
    w.env.ok_in(&b, &["done", &id, "--date", "2026-03-05"]);
    let head = w.env.git_in(&b, &["rev-parse", "HEAD"]);
    let out = w.env.run_in(&b, &["sync"]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    for needle in [
        id.as_str(),
        "closed",
        "2026-03-12",
        "2026-03-01",
        "nothing was changed",
    ] {
        assert!(out.stderr.contains(needle), "{needle}: {}", out.stderr);
    }
    assert_eq!(w.env.git_in(&b, &["rev-parse", "HEAD"]), head);
    assert_eq!(w.env.git_in(&b, &["status", "--porcelain"]), "");
}

#[test]
fn a_busy_remote_is_retried_until_the_budget_then_says_what_is_not_shared() {
    let (w, _) = seeded();
    let b = w.clone_as("b");
    let ours = w
        .env
        .id(&["ask", "Book the room", "--from", "alice", "--to", "dan"]);
    // Before every push of A, B pushes a new commit: A's push is always rejected.
    let hook = w.env.dir.join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE\ngit -C '{b}' commit -q --allow-empty -m busy && git -C '{b}' push -q origin main\nexit 0\n",
            b = b.display(),
        ),
    )
    .unwrap();
    Command::new("chmod").arg("+x").arg(&hook).status().unwrap();
    w.env.set("LEDGER_SYNC_BUDGET", "1.5");
    let out = w.env.fails(&["sync"], 4);
    let err = out.stderr;
    assert!(
        err.contains("stayed busy") && err.contains("not yet shared"),
        "{err}"
    );
    assert!(
        err.contains(&ours) && err.contains("LEDGER_SYNC_BUDGET"),
        "{err}"
    );
    w.env.ok(&["show", &ours]);
    std::fs::remove_file(&hook).unwrap();
    w.env.ok(&["sync"]);
    for bad in ["abc", "-1", "nan", "inf"] {
        w.env.set("LEDGER_SYNC_BUDGET", bad);
        let e = w.env.fails(&["sync"], 1).stderr;
        assert!(e.contains("LEDGER_SYNC_BUDGET"), "{e}");
    }
}

/// The `what` every clone holds after: B and A edit it concurrently and A merges B; A edits it
/// again; C, which has seen none of that, edits it too; then A and C sync in `order`.
fn edit_after_merge(order: [usize; 2], [ta, tb, ta2, tc]: [&str; 4]) -> String {
    let (w, id) = seeded();
    let (a, b, c) = (w.env.dir.clone(), w.clone_as("b"), w.clone_as("c"));
    let env = &w.env;
    let what = |dir: &Path| {
        json(&w, dir, &["show", &id])["what"]
            .as_str()
            .unwrap()
            .to_string()
    };
    hand_edit(
        &w,
        &b,
        &id,
        "what: Open the VPN tunnel",
        &format!("what: {tb}"),
        None,
    );
    env.ok_in(&b, &["sync"]);
    hand_edit(
        &w,
        &a,
        &id,
        "what: Open the VPN tunnel",
        &format!("what: {ta}"),
        None,
    );
    env.ok_in(&a, &["sync"]);
    let merged = what(&a);
    hand_edit(
        &w,
        &a,
        &id,
        &format!("what: {merged}"),
        &format!("what: {ta2}"),
        None,
    );
    hand_edit(
        &w,
        &c,
        &id,
        "what: Open the VPN tunnel",
        &format!("what: {tc}"),
        None,
    );
    let dirs = [a.as_path(), c.as_path()];
    for i in order {
        env.ok_in(dirs[i], &["sync"]);
    }
    settle(&w, &[&a, &b, &c]);
    what(&b)
}

#[test]
fn an_edit_made_after_a_merge_converges_whichever_clone_syncs_first() {
    // Texts whose hashes make the old three-way rule disagree between the two orders: C's text
    // loses to the first merge's winner but beats A's later edit.
    let hash = |s: &str| ledger::model::merge::content_hash(&serde_json::Value::String(s.into()));
    let pool: Vec<String> = (0..40)
        .map(|i| format!("Open the tunnel, take {i}"))
        .collect();
    let mut pick = None;
    'search: for ta in &pool {
        for tb in &pool {
            for ta2 in &pool {
                for tc in &pool {
                    let all = [ta, tb, ta2, tc];
                    let distinct = (0..4).all(|i| (0..i).all(|j| all[i] != all[j]));
                    if distinct && hash(tc) > hash(ta2) && hash(tc) < hash(ta).max(hash(tb)) {
                        pick = Some([ta.as_str(), tb, ta2, tc]);
                        break 'search;
                    }
                }
            }
        }
    }
    let texts = pick.expect("texts with the hash order the scenario needs");
    let first = edit_after_merge([0, 1], texts);
    let second = edit_after_merge([1, 0], texts);
    // The latest concurrent edits are A's second text and C's; the larger hash is C's.
    assert_eq!(first, texts[3]);
    assert_eq!(second, texts[3]);
}
