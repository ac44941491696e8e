//! Many writers at once, and writers killed at random moments: no record lost, no broken
//! repository, and the next command always works.

use std::process::Stdio;
use std::time::Duration;

use crate::harness::Env;

fn records(env: &Env) -> usize {
    let out = env.ok(&["list", "--all", "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn sixteen_writers_at_once_all_succeed() {
    let env = Env::new();
    env.random_ids();
    let before = env.commits();
    let children: Vec<_> = (0..16)
        .map(|i| {
            env.cmd(&[
                "promise",
                &format!("Task {i}"),
                "--by",
                "bob",
                "--to",
                "alice",
                "--due",
                "friday",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    // A reader meanwhile never waits for the lock and never fails.
    env.ok(&["list", "--all"]);
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(env.commits(), before + 16);
    assert_eq!(records(&env), 16);
    env.assert_sound();
}

/// A small deterministic generator, so a failing iteration can be replayed.
fn next(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

#[test]
fn killed_writers_leave_the_repository_valid() {
    let env = Env::new();
    env.random_ids();
    let mut rng = 0x5eed_u64;
    let mut kept = 0;
    let mut interrupted = 0;
    for i in 0..40 {
        let mut child = env
            .cmd(&[
                "promise",
                &format!("Task {i}"),
                "--by",
                "bob",
                "--to",
                "alice",
                "--due",
                "friday",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(next(&mut rng) % 40_000));
        let _ = child.kill();
        let status = child.wait().unwrap();
        // Valid right after the kill, before anything repairs it.
        env.git(&["fsck", "--strict", "--no-progress"]);
        let out = env.run(&["check", "--committed"]);
        assert_eq!(out.code, 0, "iteration {i}: {}{}", out.stdout, out.stderr);
        // All or nothing: each record is exactly one commit.
        let count = records(&env);
        assert_eq!(env.commits(), count + 1, "iteration {i}");
        if status.success() {
            assert_eq!(
                count,
                kept + 1,
                "iteration {i}: a finished command lost its record"
            );
        } else {
            interrupted += 1;
        }
        // The next command works and repairs the work tree of an interrupted one.
        env.ok(&[
            "promise",
            &format!("After {i}"),
            "--by",
            "bob",
            "--to",
            "alice",
            "--due",
            "friday",
        ]);
        kept = records(&env);
        assert_eq!(env.commits(), kept + 1, "iteration {i}");
        env.assert_sound();
    }
    assert!(
        interrupted > 0,
        "no command was interrupted; the kills came too late"
    );
}

#[test]
fn a_change_cut_short_after_the_branch_moved_is_finished_by_the_next_command() {
    let env = Env::new();
    let parent = env.head();
    let id = env.id(&[
        "promise",
        "Rotate keys",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "friday",
    ]);
    let path = env.path_of(&id);
    // What a kill between the branch move and the index update leaves: the branch has the
    // record, the index and work tree do not, and the journal names the dead process and the
    // index lock it still holds.
    env.git(&["update-index", "--force-remove", &path]);
    std::fs::remove_file(env.dir.join(&path)).unwrap();
    let git_dir = env.dir.join(".git");
    let lock = git_dir.join("index.lock");
    std::fs::write(&lock, "").unwrap();
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&lock).unwrap();
        (m.dev(), m.ino())
    };
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let pid = dead.id();
    dead.wait().unwrap();
    std::fs::write(
        git_dir.join("ledger/journal"),
        format!(
            "ledger-journal 2\nowner {pid} -\nparent {parent}\ncommit {}\nlock {dev} {ino} {}\npath {path}\n",
            env.head(),
            lock.display()
        ),
    )
    .unwrap();
    let out = env.run(&["note", &id, "still here"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("index.lock"), "{}", out.stderr);
    assert!(!git_dir.join("ledger/journal").exists());
    assert!(env.read(&path).contains("still here"));
    env.assert_sound();
}
