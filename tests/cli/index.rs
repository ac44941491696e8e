//! The git index after recording: ledger patches the entries it writes rather than rewriting the
//! whole index, so git must agree with the result entry for entry and tree for tree.

use crate::harness::Env;

/// `git status` is clean and the index, written as a tree by git itself, is HEAD's tree: every
/// entry and every cached tree the index holds is right.
fn assert_index_matches_head(env: &Env) {
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    assert_eq!(
        env.git(&["write-tree"]).trim(),
        env.git(&["rev-parse", "HEAD^{tree}"]).trim(),
        "the index describes HEAD's tree"
    );
    assert_eq!(env.git(&["diff", "--cached", "--name-only"]), "");
}

#[test]
fn the_index_stays_in_step_through_ledger_and_git_commits() {
    let env = Env::new();
    let com = env.id(&[
        "promise", "Ship", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    // A commit by git writes its cached trees into the index; ledger must invalidate the ones
    // on the paths it changes, or git would later write a stale tree.
    env.write("README.md", "about\n");
    env.git(&["add", "README.md"]);
    env.git(&["commit", "-q", "-m", "readme"]);
    env.ok(&["note", &com, "started"]);
    assert_index_matches_head(&env);
    env.ok(&["ask", "Review", "--from", "alice", "--to", "carol"]);
    env.ok(&["people", "add", "carol", "--team", "web"]);
    assert_index_matches_head(&env);
    // git, then ledger again, on the same index.
    env.write("README.md", "about this ledger\n");
    env.git(&["commit", "-q", "-a", "-m", "readme again"]);
    env.ok(&["done", &com]);
    assert_index_matches_head(&env);
    env.git(&["fsck", "--no-progress"]);
}

#[test]
fn an_index_in_a_form_ledger_does_not_patch_is_updated_through_libgit2() {
    let env = Env::new();
    let com = env.id(&[
        "promise", "Ship", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    env.git(&["update-index", "--index-version", "4"]);
    env.ok(&["note", &com, "started"]);
    env.ok(&["ask", "Review", "--from", "alice", "--to", "carol"]);
    assert_index_matches_head(&env);
}

#[test]
fn a_locked_index_fails_the_command_before_anything_is_recorded() {
    let env = Env::new();
    let com = env.id(&[
        "promise", "Ship", "--by", "bob", "--to", "alice", "--due", "+1w",
    ]);
    // Another git process is writing the index: the lock is never broken under it, and the
    // change waits for it, so nothing is committed that git could then commit over.
    std::fs::write(env.dir.join(".git/index.lock"), "").unwrap();
    env.set("LEDGER_LOCK_TIMEOUT", "0.2");
    let before = env.git(&["rev-parse", "HEAD"]);
    let out = env.fails(&["note", &com, "started"], 4);
    assert!(out.stderr.contains("index"), "{}", out.stderr);
    assert!(
        out.stderr.contains("nothing was recorded"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(env.dir.join(".git/index.lock")).unwrap();
    assert_eq!(env.git(&["rev-parse", "HEAD"]), before);
    env.ok(&["note", &com, "again"]);
    assert_index_matches_head(&env);
}
