//! Finding the ledger: -C, LEDGER_DIR, the enclosing folder, the default XDG location.

use crate::harness::Env;

#[test]
fn dash_c_names_the_ledger_from_anywhere() {
    let env = Env::new();
    let elsewhere = env.root().to_path_buf();
    let dir = env.dir.to_string_lossy().into_owned();
    let out = env.run_in(
        &elsewhere,
        &["-C", &dir, "ask", "x", "--from", "a", "--to", "b"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.commits(), 2);
    let out = env.run_in(&elsewhere, &["--ledger", &dir, "list"]);
    assert!(out.stdout.contains("ask-"), "{}", out.stdout);
}

#[test]
fn ledger_dir_names_the_ledger() {
    let env = Env::new();
    let dir = env.dir.to_string_lossy().into_owned();
    env.set("LEDGER_DIR", &dir);
    let out = env.run_in(env.root(), &["ask", "x", "--from", "a", "--to", "b"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(env.commits(), 2);
    // No default ledger was made on the way.
    assert!(!env.home.join(".local/share/ledger").exists());
}

#[test]
fn the_enclosing_ledger_is_found_from_a_subfolder() {
    let env = Env::new();
    let id = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    let sub = env.dir.join("asks/2026/03");
    let out = env.run_in(&sub, &["show", &id[..8]]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(&id), "{}", out.stdout);
}

#[test]
fn the_default_ledger_is_made_by_the_first_recording_command() {
    let env = Env::empty();
    let nowhere = env.root().to_path_buf();
    let out = env.run_in(&nowhere, &["list"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no ledger"), "{}", out.stderr);
    let default = env.home.join(".local/share/ledger");
    assert!(!default.join("ledger.yaml").exists());

    let out = env.run_in(&nowhere, &["ask", "x", "--from", "a", "--to", "b"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&default.to_string_lossy().into_owned()),
        "{}",
        out.stderr
    );
    assert!(default.join("ledger.yaml").is_file());
    // The next command finds it without a notice.
    let out = env.run_in(&nowhere, &["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(out.stdout.contains("ask-"), "{}", out.stdout);
}

#[test]
fn a_named_folder_that_is_not_a_ledger_is_an_error() {
    let env = Env::empty();
    let out = env.fails(&["-C", "/nonexistent/ledger", "list"], 1);
    assert!(out.stderr.contains("/nonexistent/ledger"), "{}", out.stderr);
    let plain = env.root().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let out = env.fails(
        &["-C", &plain.to_string_lossy(), "ask", "x", "--to", "b"],
        1,
    );
    assert!(out.stderr.contains("not inside a ledger"), "{}", out.stderr);
}

#[test]
fn the_default_ledger_gets_its_own_repository_even_in_a_home_kept_in_git() {
    let env = Env::empty();
    env.git_in(&env.home, &["init", "-q", "-b", "main"]);
    env.git_in(&env.home, &["add", ".gitconfig"]);
    env.git_in(&env.home, &["commit", "-q", "-m", "dotfiles"]);
    let out = env.run_in(env.root(), &["ask", "x", "--from", "a", "--to", "b"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let home_log = env.git_in(&env.home, &["log", "--format=%s"]);
    assert_eq!(
        home_log, "dotfiles\n",
        "the home repository got ledger commits"
    );
    let default = env.home.join(".local/share/ledger");
    assert!(default.join(".git").is_dir());
    let log = env.git_in(&default, &["log", "--format=%s"]);
    assert_eq!(log.lines().count(), 2, "{log}");
    assert_eq!(
        env.git_in(&default, &["symbolic-ref", "HEAD"]).trim(),
        "refs/heads/main"
    );
}

#[test]
fn an_empty_ledger_dir_is_as_if_unset() {
    let env = Env::new();
    env.set("LEDGER_DIR", "");
    env.ok(&["ask", "x", "--from", "a", "--to", "b"]);
    assert!(env.ok(&["list"]).contains("ask-"));
}
