//! Tampering with the audit trail by plain git, one case per test: `verify` exits 2 and names
//! the commit, the record and what changed; `check` refuses the same change before it is
//! committed; ledger's own changes, sync merges included, give no finding.

use crate::harness::Env;

/// A ledger with real history: a promise with a note and a reschedule, a compliance decision,
/// a cancelled promise. Returns (env, commitment, decision, cancelled commitment).
fn history() -> (Env, String, String, String) {
    let env = Env::empty();
    env.today("2026-03-02");
    env.ok(&["init"]);
    let com = env.bob_promises_alice("Open the VPN tunnel");
    env.ok(&["note", &com, "waiting for the firewall change"]);
    env.today("2026-03-05");
    env.ok(&[
        "reschedule",
        &com,
        "--due",
        "2026-04-03",
        "--reason",
        "change window",
    ]);
    let dec = env.id(&[
        "decide",
        "Payment logs are kept for 13 months, then deleted.",
        "--by",
        "erin",
        "--compliance",
    ]);
    let gone = env.bob_promises_alice("Write the runbook");
    env.ok(&["cancel", &gone, "--reason", "nobody needs it"]);
    env.today("2026-03-10");
    env.ok(&["verify"]);
    (env, com, dec, gone)
}

/// Runs `verify --format json`, expecting exit 2; returns the findings.
#[track_caller]
fn findings(env: &Env) -> Vec<serde_json::Value> {
    let out = env.fails(&["verify", "--format", "json"], 2);
    out.json()["findings"].as_array().unwrap().clone()
}

/// The one finding of `kind`, asserting there is exactly one.
#[track_caller]
fn the(found: &[serde_json::Value], kind: &str) -> serde_json::Value {
    let hits: Vec<_> = found.iter().filter(|f| f["kind"] == kind).collect();
    assert_eq!(hits.len(), 1, "findings of kind {kind}: {found:#?}");
    hits[0].clone()
}

#[test]
fn a_decision_reworded_with_plain_git_is_a_finding_and_check_refuses_it_first() {
    let (env, _, dec, _) = history();
    let path = env.path_of(&dec);
    env.write(&path, &env.read(&path).replace("13 months", "1 month"));
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains(&path)
            && out.stdout.contains("statement: statement changed from")
            && out.stdout.contains("--supersedes"),
        "{}",
        out.stdout
    );
    env.git(&["add", "-A"]);
    let out = env.fails(&["check", "--staged"], 2);
    assert!(out.stdout.contains("revoke"), "{}", out.stdout);
    env.git(&["commit", "-q", "-m", "tidy wording"]);
    let commit = env.head()[..10].to_string();
    let f = the(&findings(&env), "changed");
    assert_eq!(f["commit"], commit.as_str());
    assert_eq!(f["record"], dec.as_str());
    assert_eq!(f["author"], "Test User <tester@example.com>");
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("statement changed from \"Payment logs are kept for 13 months, then deleted.\" to \"Payment logs are kept for 1 month, then deleted.\""),
        "{msg}"
    );
    let text = env.fails(&["verify"], 2).stdout;
    assert!(
        text.contains(&format!("changed: {commit} {path}: decision {dec}"))
            && text.contains("(by Test User <tester@example.com>, 2026-03-10"),
        "{text}"
    );
}

#[test]
fn forged_note_trailers_do_not_hide_a_changed_compliance_flag() {
    let (env, _, dec, _) = history();
    let path = env.path_of(&dec);
    env.write(&path, &env.read(&path).replace("compliance: true\n", ""));
    env.git(&["add", "-A"]);
    env.git(&[
        "commit",
        "-q",
        "-m",
        &format!(
            "erin notes {dec}\n\nLedger-Action: note\nLedger-Id: {dec}\nLedger-Kind: decision\n"
        ),
    ]);
    let found = findings(&env);
    let changed = the(&found, "changed");
    assert!(
        changed["message"]
            .as_str()
            .unwrap()
            .contains("compliance changed from true to false"),
        "{changed}"
    );
    let forged = the(&found, "trailers");
    assert!(
        forged["message"]
            .as_str()
            .unwrap()
            .contains("`note` may change only notes of a record, but it changed compliance"),
        "{forged}"
    );
    // history does not believe the trailers either: the change shows as made with plain git.
    let shown = env.ok(&["history", &dec]);
    assert!(
        shown.contains("hand-edit (made with plain git; its trailers claim `note`"),
        "{shown}"
    );
    let events = env.ok(&["history", &dec, "--format", "json"]);
    let events: serde_json::Value = serde_json::from_str(&events).unwrap();
    let last = events.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "hand-edit", "{last:#}");
    assert_eq!(last["claimed_action"], "note", "{last:#}");
    assert_eq!(last["by_hand"], true, "{last:#}");
}

#[test]
fn a_rewritten_note_is_a_finding() {
    let (env, com, _, _) = history();
    env.edit_by_hand(
        &com,
        "waiting for the firewall change",
        "tunnel is up",
        "fix note",
    );
    let f = the(&findings(&env), "append-only");
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!(
            "commitment {com}: notes is append-only, but entry 1 was"
        )) && msg.contains("tunnel is up"),
        "{msg}"
    );
}

#[test]
fn a_removed_reschedule_is_a_finding() {
    let (env, com, _, _) = history();
    let path = env.path_of(&com);
    let text = env.read(&path);
    let start = text.find("reschedules:").unwrap();
    let end = text.find("notes:").unwrap();
    let cut = format!("{}{}", &text[..start], &text[end..]).replace("2026-04-03", "2026-03-27");
    env.write(&path, &cut);
    env.git_commit_all("simplify");
    let f = the(&findings(&env), "append-only");
    assert!(
        f["message"].as_str().unwrap().contains(
            "reschedules is append-only, but entry 1 (2026-03-05 2026-03-27 -> 2026-04-03"
        ),
        "{f}"
    );
}

#[test]
fn a_closed_record_reopened_or_its_reason_changed_is_a_finding() {
    let (env, _, _, gone) = history();
    env.edit_by_hand(&gone, "nobody needs it", "done elsewhere", "reword");
    let f = the(&findings(&env), "closed");
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("closing facts of this cancelled record changed")
            && msg.contains("reason \"done elsewhere\""),
        "{msg}"
    );
}

#[test]
fn a_record_deleted_with_git_rm_is_a_finding_and_check_refuses_it() {
    let (env, _, dec, _) = history();
    let path = env.path_of(&dec);
    env.git(&["rm", "-q", &path]);
    let out = env.fails(&["check", "--staged"], 2);
    assert!(
        out.stdout.contains(&format!("decision {dec} was deleted"))
            && out.stdout.contains("git checkout HEAD --"),
        "{}",
        out.stdout
    );
    env.git(&["commit", "-q", "-m", "drop old decision"]);
    let f = the(&findings(&env), "deleted");
    assert_eq!(f["path"], path.as_str());
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains(&format!("decision {dec}: the record file was deleted")),
        "{f}"
    );
}

#[test]
fn an_emptied_record_file_is_a_finding() {
    let (env, com, _, _) = history();
    let path = env.path_of(&com);
    env.write(&path, "");
    env.git_commit_all("empty it");
    let f = the(&findings(&env), "emptied");
    assert_eq!(f["record"], com.as_str());
}

#[test]
fn a_record_moved_to_another_id_is_a_finding() {
    let (env, _, dec, _) = history();
    let path = env.path_of(&dec);
    let new_id = "dec-2222222222zz";
    let new_path = path.replace(&dec, new_id);
    env.git(&["mv", &path, &new_path]);
    env.write(&new_path, &env.read(&new_path).replace(&dec, new_id));
    env.git(&["add", "-A"]);
    let out = env.fails(&["check", "--staged"], 2);
    assert!(
        out.stdout
            .contains(&format!("was moved to {new_path} as {new_id}")),
        "{}",
        out.stdout
    );
    env.git(&["commit", "-q", "-m", "renumber"]);
    let f = the(&findings(&env), "moved");
    assert!(
        f["message"].as_str().unwrap().contains(&format!(
            "moved from {path} to {new_path}, under the id {new_id}"
        )),
        "{f}"
    );
}

#[test]
fn a_ledger_kind_trailer_that_names_the_wrong_kind_is_a_finding() {
    let (env, com, _, _) = history();
    let path = env.path_of(&com);
    let text = env.read(&path);
    env.write(
        &path,
        &format!("{text}- date: 2026-03-10\n  by: bob\n  text: progress\n"),
    );
    env.git(&["add", "-A"]);
    env.git(&[
        "commit",
        "-q",
        "-m",
        &format!("bob notes\n\nLedger-Action: note\nLedger-Id: {com}\nLedger-Kind: decision\n"),
    ]);
    let f = the(&findings(&env), "trailers");
    assert!(
        f["message"].as_str().unwrap().contains(&format!(
            "Ledger-Kind says decision, but the record it names first, {com}, is a commitment"
        )),
        "{f}"
    );
}

#[test]
fn a_backdated_commit_is_a_finding_and_as_of_does_not_believe_it() {
    let (env, _, _, _) = history();
    env.set("GIT_COMMITTER_DATE", "2026-03-03T12:00:00+00:00");
    env.set("GIT_AUTHOR_DATE", "2026-03-03T12:00:00+00:00");
    let injected = env.bob_promises_alice("Injected after the fact");
    let f = the(&findings(&env), "clock");
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("it is dated 2026-03-03 12:00 +0000, 45 hours before its parent"),
        "{msg}"
    );
    // On 2026-03-04 the ledger had not heard of it: it was added on top of the 5th's commits.
    let list = env.ok(&["list", "--all", "--as-of", "2026-03-04", "--format", "json"]);
    assert!(!list.contains(&injected), "{list}");
    let list = env.ok(&["list", "--all", "--as-of", "2026-03-05", "--format", "json"]);
    assert!(list.contains(&injected), "{list}");
}

#[test]
fn an_out_of_range_commit_date_breaks_no_query() {
    let (env, com, _, _) = history();
    let far = {
        env.set("GIT_COMMITTER_DATE", "@99999999999999 +0000");
        let c = env.git(&[
            "commit-tree",
            "HEAD^{tree}",
            "-p",
            "HEAD",
            "-m",
            "far future",
        ]);
        env.set("GIT_COMMITTER_DATE", "2026-03-10T12:00:00+00:00");
        c.trim().to_string()
    };
    env.git(&["update-ref", "refs/heads/main", &far]);
    for args in [
        vec!["list", "--all"],
        vec!["list", "--all", "--as-of", "2026-03-06"],
        vec!["overdue", "--as-of", "2026-04-10"],
        vec!["history", com.as_str()],
        vec!["log"],
        vec!["show", com.as_str()],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}{}", out.stdout, out.stderr);
    }
    let out = env.run(&["verify"]);
    assert!(out.code == 0 || out.code == 2, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn an_amended_decide_commit_is_found_without_any_sync() {
    let (env, _, _, _) = history();
    let dec = env.id(&["decide", "Rotate keys yearly", "--by", "erin"]);
    env.ok(&["list"]);
    let old = env.head();
    env.write(
        &env.path_of(&dec),
        &env.read(&env.path_of(&dec)).replace("yearly", "never"),
    );
    env.git(&["commit", "-q", "-a", "--amend", "--no-edit"]);
    let f = the(&findings(&env), "rewritten");
    assert_eq!(f["commit"], &old[..10]);
    assert!(f["message"].as_str().unwrap().contains(&dec), "{f}");
}

#[test]
fn a_shallow_clone_says_what_it_could_not_check_and_finds_nothing_false() {
    let (env, com, _, _) = history();
    env.ok(&["note", &com, "one more"]);
    let url = format!("file://{}", env.dir.display());
    let clone = env.root().join("shallow");
    env.git_in(
        env.root(),
        &["clone", "-q", "--depth", "2", &url, clone.to_str().unwrap()],
    );
    let out = env.ok_in(&clone, &["verify"]);
    assert!(
        out.starts_with("ok:")
            && out.contains("not checked: 1 commit(s)")
            && out.contains("--unshallow"),
        "{out}"
    );
}

#[test]
fn ledger_changes_and_sync_merges_give_no_finding() {
    let (env, com, dec, _) = history();
    let remote = env.root().join("remote.git");
    env.git_in(
        env.root(),
        &["init", "--bare", "-q", "-b", "main", "remote.git"],
    );
    env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    env.ok(&["sync"]);
    let b = env.root().join("b");
    env.git_in(
        env.root(),
        &["clone", "-q", remote.to_str().unwrap(), b.to_str().unwrap()],
    );
    // Both sides append notes to one commitment; one side closes it, the other adds evidence.
    env.ok(&["note", &com, "from A"]);
    env.ok(&["done", &com]);
    env.ok_in(&b, &["note", &com, "from B"]);
    env.ok_in(&b, &["revoke", &dec, "--reason", "law changed"]);
    env.ok(&["sync"]);
    env.ok_in(&b, &["sync"]);
    env.ok(&["sync"]);
    assert_eq!(
        env.git(&["rev-parse", "HEAD"]),
        env.git_in(&b, &["rev-parse", "HEAD"])
    );
    assert!(env.git(&["log", "--merges", "--oneline"]).lines().count() >= 1);
    env.ok(&["verify"]);
    env.ok_in(&b, &["verify"]);
}

#[test]
fn a_plain_git_merge_that_rewrites_a_statement_is_a_finding() {
    let (env, com, dec, _) = history();
    env.git(&["checkout", "-q", "-b", "side"]);
    env.ok(&["note", &com, "on the side"]);
    env.git(&["checkout", "-q", "main"]);
    env.ok(&["note", &com, "on main"]);
    // The notes conflict: resolved by hand as sync would (both kept), rewording the decision on
    // the way.
    let _ = std::process::Command::new("git")
        .current_dir(&env.dir)
        .args(["merge", "-q", "--no-commit", "side"])
        .output()
        .unwrap();
    let path = env.path_of(&com);
    let ours = env.git(&["show", &format!("HEAD:{path}")]);
    let theirs = env.git(&["show", &format!("side:{path}")]);
    let side_note = &theirs[theirs.rfind("- date:").unwrap()..];
    env.write(&path, &format!("{ours}{side_note}"));
    let dpath = env.path_of(&dec);
    env.write(&dpath, &env.read(&dpath).replace("13 months", "2 months"));
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "--no-verify", "-m", "merge side"]);
    let found = findings(&env);
    let f = the(&found, "changed");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("the merge left it so: statement changed"),
        "{f}"
    );
    assert!(
        !found.iter().any(|f| f["kind"] == "append-only"),
        "{found:#?}"
    );
}

/// Bob's promise to alice "Ship it", made 2026-03-01 and due 2026-03-05, with today a week
/// past that date (2026-03-12). Returns (env, id).
fn a_week_past_due() -> (Env, String) {
    let env = Env::empty();
    env.today("2026-03-01");
    env.ok(&["init"]);
    let com = env.id(&[
        "promise",
        "Ship it",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-05",
    ]);
    env.today("2026-03-12");
    (env, com)
}

/// Bob's promise due 2026-03-05, and on 2026-03-12 (a week late) a reschedule to that day,
/// dated `dated`, added to its file by hand (not yet committed). Returns (env, id).
fn late_move_by_hand(dated: &str) -> (Env, String) {
    let (env, com) = a_week_past_due();
    let path = env.path_of(&com);
    let text = env.read(&path).replace(
        "due: 2026-03-05\n",
        &format!("due: 2026-03-12\nreschedules:\n- date: {dated}\n  from: 2026-03-05\n  to: 2026-03-12\n  reason: agreed\n  by: bob\n"),
    );
    env.write(&path, &text);
    (env, com)
}

#[test]
fn a_late_reschedule_appended_by_hand_and_backdated_is_a_finding_and_check_refuses_it() {
    // Dated before the due date, so that the promise would read as renegotiated in time.
    let (env, com) = late_move_by_hand("2026-03-04");
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains("dated 2026-03-04"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    env.git_commit_all("Record the reschedule agreed on the 4th");
    env.ok(&["done", &com]);
    let found = findings(&env);
    let f = the(&found, "backdated");
    assert_eq!(f["record"], com.as_str());
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("recorded on 2026-03-12"), "{message}");
    // Dated honestly, the same move is late, and no finding.
    let (env, _) = late_move_by_hand("2026-03-12");
    env.ok(&["check"]);
    env.git_commit_all("Record the late reschedule");
    let out = env.run(&["verify", "--format", "json"]);
    let found: Vec<serde_json::Value> = out.json()["findings"].as_array().unwrap().clone();
    assert!(found.iter().all(|f| f["kind"] != "backdated"), "{found:#?}");
}

#[test]
fn a_due_date_moved_by_hand_without_a_reschedule_is_a_finding_and_check_refuses_it() {
    let (env, com) = a_week_past_due();
    let overdue = env.ok(&["overdue"]);
    assert!(overdue.contains("Ship it"), "{overdue}");
    // Quietly moved past today, so that it leaves `overdue`.
    let path = env.path_of(&com);
    env.write(
        &path,
        &env.read(&path)
            .replace("due: 2026-03-05", "due: 2026-03-15"),
    );
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains("without a reschedule"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("ledger reschedule"), "{}", out.stdout);
    env.git_commit_all("tidy");
    let found = findings(&env);
    let f = the(&found, "due");
    assert_eq!(f["record"], com.as_str());
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("from 2026-03-05 to 2026-03-15"));
}

#[test]
fn a_pull_rebase_of_unpushed_ledger_commits_is_no_finding_but_a_rebase_that_rewords_one_is() {
    // A ledger in a code repository, shared through a bare remote; clone B records a promise,
    // someone else pushes code meanwhile, and B runs `git pull --rebase` as people do.
    let env = Env::empty();
    let root = env.root().to_path_buf();
    let (a, b) = (root.join("a"), root.join("b"));
    env.git_in(&root, &["init", "-q", "--bare", "-b", "main", "remote.git"]);
    env.git_in(&root, &["init", "-q", "-b", "main", "a"]);
    std::fs::write(a.join("README"), "code\n").unwrap();
    env.git_in(&a, &["add", "README"]);
    env.git_in(&a, &["commit", "-q", "-m", "code"]);
    env.ok_in(&a, &["init", "led"]);
    env.git_in(&a, &["push", "-q", "../remote.git", "main"]);
    env.git_in(&root, &["clone", "-q", "remote.git", "b"]);
    std::fs::write(a.join("more"), "code\n").unwrap();
    env.git_in(&a, &["add", "more"]);
    env.git_in(&a, &["commit", "-q", "-m", "more code"]);
    env.git_in(&a, &["push", "-q", "../remote.git", "main"]);
    let led = b.join("led");
    let id = env.bob_promises_alice_in(led.to_str().unwrap(), "Rotate the keys");
    env.git_in(&b, &["pull", "-q", "--rebase", "origin", "main"]);
    env.ok_in(&led, &["verify"]);
    env.ok_in(&led, &["show", &id]);
    // The same rebase, rewording what the promise said: the trail changed.
    let path = env
        .git_in(&b, &["ls-files", "led/commitments"])
        .trim()
        .to_string();
    let text = std::fs::read_to_string(b.join(&path)).unwrap();
    std::fs::write(
        b.join(&path),
        text.replace("Rotate the keys", "Rotate some keys"),
    )
    .unwrap();
    env.git_in(&b, &["commit", "-q", "-a", "--amend", "--no-edit"]);
    let out = env.run_in(&led, &["verify"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stdout.contains("rewritten"), "{}", out.stdout);
}
