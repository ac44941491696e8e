//! `ledger demo`: the bundled story, backdated, ending with the open commitments.

use crate::harness::Env;

#[test]
fn demo_builds_a_backdated_story_and_shows_what_is_open() {
    let env = Env::empty();
    let dir = env.root().join("story");
    let out = env.ok(&["demo", &dir.to_string_lossy()]);
    assert!(out.contains("Built the demo ledger in"), "{out}");
    assert!(out.contains("$ ledger list commitment"), "{out}");
    assert!(out.contains("open (blocked)"), "{out}");
    let log = env.git_in(&dir, &["log", "--format=%an|%aI|%s"]);
    let lines: Vec<&str> = log.lines().collect();
    assert!(lines.len() > 20, "{log}");
    assert!(
        lines
            .last()
            .unwrap()
            .ends_with("|Ledger Demo starts the ledger"),
        "{log}"
    );
    // Commits carry the story's own days and authors, not today's and the tester's.
    assert!(lines.iter().any(|l| l.contains("|2026-03-03T")), "{log}");
    assert!(lines.iter().any(|l| l.starts_with("Erin Walsh|")), "{log}");
    assert!(!lines.iter().any(|l| l.starts_with("Test User|")), "{log}");
    assert_eq!(env.git_in(&dir, &["status", "--porcelain"]), "");
    env.git_in(&dir, &["fsck", "--strict", "--no-progress"]);
}

#[test]
fn demo_refuses_a_folder_that_is_not_empty() {
    let env = Env::empty();
    std::fs::write(env.dir.join("keep.txt"), "mine\n").unwrap();
    let out = env.fails(&["demo", &env.dir.to_string_lossy()], 1);
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(env.dir.join("keep.txt")).unwrap(),
        "mine\n"
    );
}
