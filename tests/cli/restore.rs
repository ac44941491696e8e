//! Records a plain git commit took back: git's own race (a commit made from an index read
//! before it took the lock) deletes or rolls back a record; the next ledger change restores it,
//! a stale index entry is replaced rather than refused, and ledger's pre-commit hook refuses
//! such a commit in the first place.

use crate::harness::Env;
use crate::write_path::{code_repo_with_ledger, git_at, hermetic_vars, tree_files};

#[test]
fn an_index_entry_a_failed_git_commit_left_behind_is_replaced_not_refused() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    let path = env.path_of(&id);
    let older = env.git(&["rev-parse", &format!("HEAD:{path}")]);
    env.ok(&["note", &id, "first"]);
    // What a `git commit` that read the index before that note and then failed leaves: the
    // index holds the older committed version, the work tree the current one.
    let entry = format!("100644,{},{path}", older.trim());
    env.git(&["update-index", "--cacheinfo", &entry]);
    env.ok(&["note", &id, "second"]);
    let shown = env.ok(&["show", &id]);
    assert!(
        shown.contains("first") && shown.contains("second"),
        "{shown}"
    );
    let status = env.git(&["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "{status}");
    // A staged edit of a person's is still never written over.
    let text = env.read(&path);
    env.write(&path, &text.replace("Rotate the keys", "Rotate all keys"));
    env.git(&["add", &path]);
    let out = env.fails(&["note", &id, "third"], 1);
    assert!(out.stderr.contains("uncommitted changes"), "{}", out.stderr);
}

#[test]
fn the_pre_commit_hook_refuses_a_plain_commit_that_would_delete_a_record() {
    let env = Env::new();
    env.ok(&["hooks", "install"]);
    let id = env.bob_promises_alice("Rotate the keys");
    let path = env.path_of(&id);
    env.git(&["rm", "-q", "--cached", &path]);
    let vars = hermetic_vars(&env);
    let out = git_at(&env.dir, &vars, &["commit", "-q", "-m", "tidy up"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("never deleted"), "{said}");
    assert!(env
        .git(&["ls-tree", "-r", "--name-only", "HEAD"])
        .contains(&path));
}

#[test]
fn a_record_a_plain_commit_deleted_from_an_outdated_index_is_restored_by_the_next_change() {
    let env = code_repo_with_ledger();
    let id = env.bob_promises_alice_in("led", "Rotate the keys");
    let path = env.git(&["ls-files", "led/commitments"]).trim().to_string();
    // What a `git commit` that read the index before ledger's change leaves: the record is not
    // in the index, its file is in the work tree, and the next plain commit deletes it.
    env.git(&["rm", "-q", "--cached", &path]);
    std::fs::write(env.dir.join("code.txt"), "x\n").unwrap();
    env.git(&["add", "code.txt"]);
    env.git(&["commit", "-q", "-m", "code"]);
    assert!(!tree_files(&env).contains(&path));
    let out = env.run(&[
        "-C", "led", "ask", "Review", "--from", "alice", "--to", "bob",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("restored"), "{}", out.stderr);
    assert!(tree_files(&env).contains(&path), "not restored");
    let log = env.git(&["log", "--format=%s", "-2"]);
    assert!(
        log.lines()
            .nth(1)
            .unwrap()
            .contains("ledger restores 1 record(s)"),
        "{log}"
    );
    env.ok(&["-C", "led", "show", &id]);
    let status = env.git(&["status", "--porcelain", "--", "led"]);
    assert!(status.trim().is_empty(), "{status}");
    // verify still names the commit that deleted it.
    let v = env.run(&["-C", "led", "verify"]);
    assert_eq!(v.code, 2, "{}", v.stdout);
    assert!(v.stdout.contains("deleted"), "{}", v.stdout);
    assert!(
        v.stdout.contains("1 finding(s)"),
        "only the deletion is a finding: {}",
        v.stdout
    );
}

#[test]
fn a_record_a_plain_commit_rolled_back_is_restored_and_a_plain_edit_is_not() {
    let env = code_repo_with_ledger();
    let id = env.bob_promises_alice_in("led", "Rotate the keys");
    let path = env.git(&["ls-files", "led/commitments"]).trim().to_string();
    env.ok(&["-C", "led", "note", &id, "keys ordered"]);
    // An outdated index commits the record as it was before the note.
    env.git(&["checkout", "HEAD~1", "--", &path]);
    env.git(&["commit", "-q", "-m", "code"]);
    assert!(!env.ok(&["-C", "led", "show", &id]).contains("keys ordered"));
    let out = env.run(&["-C", "led", "note", &id, "keys installed"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("rolled back"), "{}", out.stderr);
    let shown = env.ok(&["-C", "led", "show", &id]);
    assert!(
        shown.contains("keys ordered") && shown.contains("keys installed"),
        "{shown}"
    );
    // A hand edit that keeps the rules is a person's change, and stays.
    let text = std::fs::read_to_string(env.dir.join(&path)).unwrap();
    std::fs::write(
        env.dir.join(&path),
        text.replace("Rotate the keys", "Rotate all keys"),
    )
    .unwrap();
    env.git(&["commit", "-q", "-am", "fix the wording"]);
    let out = env.run(&["-C", "led", "note", &id, "done soon"]);
    assert!(!out.stderr.contains("restored"), "{}", out.stderr);
    assert!(env
        .ok(&["-C", "led", "show", &id])
        .contains("Rotate all keys"));
}
