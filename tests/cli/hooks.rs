//! The pre-commit hook and `check --staged`: an invalid hand edit cannot be committed by git.

use std::process::Command;

use crate::harness::Env;

/// Runs `git ARGS` in the ledger, returning (success, stderr).
fn git_try(env: &Env, args: &[&str]) -> (bool, String) {
    let mut cmd = Command::new("git");
    env.hermetic(&mut cmd);
    let out = cmd.args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hook_blocks_an_invalid_hand_edit() {
    let env = Env::empty();
    let out = env.ok(&["init", "--hooks"]);
    assert!(out.contains("pre-commit"), "{out}");
    let id = env.id(&[
        "promise", "Ship it", "--by", "bob", "--to", "alice", "--due", "friday",
    ]);
    let path = env.path_of(&id);
    let good = env.read(&path);
    env.write(&path, &good.replace("status: open", "status: finished"));
    env.git(&["add", "-A"]);
    let head = env.head();
    let (ok, err) = git_try(&env, &["commit", "-m", "hand edit"]);
    assert!(!ok, "git committed an invalid file");
    assert!(err.contains(&path) && err.contains("status"), "{err}");
    assert_eq!(env.head(), head);
    // `git commit -a` stages into a temporary index of its own: the hook reads that one.
    env.git(&["reset", "-q"]);
    let (ok, err) = git_try(&env, &["commit", "-am", "hand edit"]);
    assert!(
        !ok && err.contains(&path),
        "git commit -a let an invalid file through: {err}"
    );
    assert_eq!(env.head(), head);
    // A valid hand edit goes through.
    env.write(&path, &good.replace("Ship it", "Ship it today"));
    env.git(&["add", "-A"]);
    let (ok, err) = git_try(&env, &["commit", "-m", "hand edit"]);
    assert!(ok, "{err}");
    env.assert_sound();
}

#[test]
fn check_staged_reads_the_index_not_the_work_tree() {
    let env = Env::new();
    let id = env.id(&[
        "promise", "Ship it", "--by", "bob", "--to", "alice", "--due", "friday",
    ]);
    let path = env.path_of(&id);
    let good = env.read(&path);
    env.write(&path, "id: [broken\n");
    env.git(&["add", "-A"]);
    env.write(&path, &good);
    env.ok(&["check"]);
    let out = env.fails(&["check", "--staged"], 2);
    assert!(out.stdout.contains(&path), "{}", out.stdout);
    env.git(&["add", "-A"]);
    env.ok(&["check", "--staged"]);
}

#[test]
fn an_existing_hook_is_never_clobbered() {
    let env = Env::new();
    let hook = env.dir.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();
    let err = env.refused(&["hooks", "install"], 1);
    assert!(
        err.contains("already exists") && err.contains("check --staged"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&hook).unwrap(),
        "#!/bin/sh\necho mine\n"
    );
    std::fs::remove_file(&hook).unwrap();
    env.ok(&["hooks", "install"]);
    env.ok(&["hooks", "install"]); // our own hook is replaced, not refused
    assert!(std::fs::read_to_string(&hook)
        .unwrap()
        .contains("check --staged"));
}
