//! The write path against plain git: git commands racing ledger commands, a ledger command
//! killed at every step and then a plain `git commit`, locks that belong to someone else, hooks,
//! and the inputs the write path refuses.

use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::harness::Env;

/// A code repository with a ledger in its folder `led` (a documented use), and one commit of
/// code; returns the world.
pub(crate) fn code_repo_with_ledger() -> Env {
    let env = Env::empty();
    env.git(&["init", "-q"]);
    std::fs::write(env.dir.join("README"), "code\n").unwrap();
    env.git(&["add", "README"]);
    env.git(&["commit", "-q", "-m", "code"]);
    env.ok(&["init", "led"]);
    env
}

/// The environment a hermetic command gets, to hand to threads (the harness is not `Sync`).
pub(crate) fn hermetic_vars(env: &Env) -> Vec<(OsString, OsString)> {
    let mut c = Command::new("true");
    env.hermetic(&mut c);
    c.get_envs()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
        .collect()
}

pub(crate) fn git_at(
    dir: &Path,
    vars: &[(OsString, OsString)],
    args: &[&str],
) -> std::process::Output {
    Command::new("git")
        .env_clear()
        .envs(vars.iter().cloned())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Adds and commits `file` with plain git until it is at HEAD (git fails at once on a held
/// lock or a moved branch, and another loop's commit may take our staged file along).
///
/// `git commit` reads the index before it takes the index lock and writes what it read back
/// under the lock, so a commit that then fails (HEAD moved) can leave an index older than
/// another process's update: git loses files racing itself this way (measured: 6 of 20 rounds
/// of six `git add && git commit` loops, no ledger involved). Such a commit can delete or roll
/// back a record ledger had just acknowledged; the next ledger change restores it. (Ledger's
/// pre-commit hook, when installed, refuses that commit instead; this loop then does what its
/// hint says.)
fn commit_code(dir: &Path, vars: &[(OsString, OsString)], file: &str) {
    std::fs::write(dir.join(file), format!("{file}\n")).unwrap();
    for _ in 0..3000 {
        let at_head = git_at(dir, vars, &["cat-file", "-e", &format!("HEAD:{file}")]);
        if at_head.status.success() {
            return;
        }
        let add = git_at(dir, vars, &["add", file]);
        if add.status.success() {
            let commit = git_at(dir, vars, &["commit", "-q", "-m", &format!("code {file}")]);
            if String::from_utf8_lossy(&commit.stderr).contains("never deleted") {
                git_at(dir, vars, &["reset", "-q", "--", "led"]);
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("{file} could not be committed with plain git");
}

pub(crate) fn tree_files(env: &Env) -> Vec<String> {
    env.git(&["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(str::to_string)
        .collect()
}

/// Asserts no commit in the history deleted a ledger file.
fn nothing_deleted(env: &Env) {
    let deleted = env.git(&[
        "log",
        "--diff-filter=D",
        "--name-only",
        "--format=",
        "--",
        "led",
    ]);
    assert!(
        deleted.trim().is_empty(),
        "commits deleted ledger files:\n{deleted}"
    );
}

#[test]
fn plain_git_commits_racing_ledger_commands_lose_nothing_on_either_side() {
    let env = code_repo_with_ledger();
    env.random_ids();
    let shared = env.bob_promises_alice_in("led", "Keep the VPN tunnel up");
    // Every commit of the race at one instant: the harness's per-command clock is not the
    // order in which racing processes commit, and `verify` reports dates that go backwards.
    env.set("GIT_AUTHOR_DATE", "2026-03-20T12:00:00+00:00")
        .set("GIT_COMMITTER_DATE", "2026-03-20T12:00:00+00:00");
    let vars = hermetic_vars(&env);
    for round in 0..10 {
        // Four loops of `git add && git commit` while six ledger commands record.
        let loops: Vec<_> = (0..4)
            .map(|g| {
                let (dir, vars) = (env.dir.clone(), vars.clone());
                std::thread::spawn(move || {
                    for k in 0..3 {
                        commit_code(&dir, &vars, &format!("code-{round}-{g}-{k}.txt"));
                    }
                })
            })
            .collect();
        let writers: Vec<_> = (0..6)
            .map(|w| {
                let text = format!("round {round} writer {w}");
                let args: Vec<String> = if w % 2 == 0 {
                    ["-C", "led", "note", &shared, &text]
                        .map(String::from)
                        .to_vec()
                } else {
                    let args = [
                        "-C", "led", "promise", &text, "--by", "bob", "--to", "alice", "--due",
                        "friday",
                    ];
                    args.map(String::from).to_vec()
                };
                let refs: Vec<&str> = args.iter().map(String::as_str).collect();
                let child = env
                    .cmd(&refs)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap();
                (text, child)
            })
            .collect();
        let mut acknowledged = Vec::new();
        for (text, child) in writers {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {text}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            acknowledged.push(text);
        }
        for l in loops {
            l.join().unwrap();
        }
        // The next ledger change puts back any record a plain commit from an outdated index
        // took back (see `commit_code`).
        env.ok(&[
            "-C",
            "led",
            "note",
            &shared,
            &format!("round {round} settled"),
        ]);
        let all = env.ok(&["-C", "led", "list", "--all", "--format", "json"]);
        let shown = env.ok(&["-C", "led", "show", &shared]);
        for text in &acknowledged {
            assert!(
                all.contains(text) || shown.contains(text),
                "round {round}: acknowledged {text:?} is not at HEAD (last {}):\n{}",
                std::fs::read_to_string(env.dir.join(".git/ledger/last-commit"))
                    .unwrap_or_default(),
                env.git(&["log", "--format=%h %p %s", "--name-status", "-30"])
            );
        }
        // Every code file was committed (whether a later git commit from a stale index kept
        // it is git's own race with itself, above).
        for g in 0..4 {
            for k in 0..3 {
                let f = format!("code-{round}-{g}-{k}.txt");
                let log = env.git(&["log", "--format=%h", "--", &f]);
                assert!(
                    !log.trim().is_empty(),
                    "round {round}: {f} was never committed"
                );
            }
        }
    }
    // Any commit that deleted a record is named by verify; every one was restored above.
    let v = env.run(&["-C", "led", "verify", "--format", "json"]);
    for f in v.json()["findings"].as_array().unwrap() {
        assert!(
            ["deleted", "append-only"].contains(&f["kind"].as_str().unwrap()),
            "{f:#}"
        );
    }
    env.ok(&["-C", "led", "check", "--committed"]);
    // The ledger's files only: a code file may be left out by git's own race with itself.
    let status = env.git(&["status", "--porcelain", "--", "led"]);
    assert!(status.trim().is_empty(), "{status}");
}

/// Every step of the write path where a killed process leaves something behind.
const STEPS: [&str; 6] = [
    "index-locked",
    "objects",
    "journal",
    "branch-locked",
    "branch",
    "index",
];

#[test]
fn a_writer_killed_at_every_step_then_a_plain_git_commit_loses_nothing() {
    for (n, step) in STEPS.iter().enumerate() {
        let env = code_repo_with_ledger();
        let id = env.bob_promises_alice_in("led", "Rotate the keys");
        let status = env
            .cmd(&["-C", "led", "note", &id, "cut short"])
            .env("LEDGER_CRASH_AT", step)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_eq!(
            status.signal(),
            Some(9),
            "{step}: the writer was not killed"
        );
        let moved = n >= 4;
        // A plain commit right away: refused while the dead command's lock is there, and never
        // able to take the change back.
        std::fs::write(env.dir.join(format!("code{n}.txt")), "x\n").unwrap();
        let vars = hermetic_vars(&env);
        let add = git_at(&env.dir, &vars, &["add", &format!("code{n}.txt")]);
        let early = add.status.success()
            && git_at(&env.dir, &vars, &["commit", "-q", "-m", "code"])
                .status
                .success();
        if !add.status.success() {
            let said = String::from_utf8_lossy(&add.stderr);
            assert!(said.contains("index.lock"), "{step}: {said}");
        }
        // The next ledger command takes over what provably belongs to the dead one.
        let out = env.run(&["-C", "led", "note", &id, "after"]);
        assert_eq!(out.code, 0, "{step}: {}", out.stderr);
        if !early {
            env.git(&["add", &format!("code{n}.txt")]);
            env.git(&["commit", "-q", "-m", "code"]);
        }
        let shown = env.ok(&["-C", "led", "show", &id]);
        assert!(shown.contains("after"), "{step}: {shown}");
        assert_eq!(
            shown.contains("cut short"),
            moved,
            "{step}: the killed change should {}be on the branch:\n{shown}",
            if moved { "" } else { "not " }
        );
        assert!(tree_files(&env).contains(&format!("code{n}.txt")), "{step}");
        nothing_deleted(&env);
        env.ok(&["-C", "led", "verify"]);
        let status = env.git(&["status", "--porcelain"]);
        assert!(status.trim().is_empty(), "{step}: {status}");
        assert!(!env.dir.join(".git/index.lock").exists(), "{step}");
        assert!(!env.dir.join(".git/ledger/journal").exists(), "{step}");
    }
}

#[test]
fn a_lock_held_by_a_live_git_process_is_waited_for_then_reported_and_never_removed() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    let before = env.repo_state();
    let lock = env.dir.join(".git/index.lock");
    std::fs::write(&lock, "").unwrap();
    env.set("LEDGER_LOCK_TIMEOUT", "0.3");
    let out = env.fails(&["note", &id, "blocked"], 4);
    assert!(out.stderr.contains("index.lock"), "{}", out.stderr);
    assert!(
        out.stderr.contains("nothing was recorded"),
        "{}",
        out.stderr
    );
    assert!(lock.exists(), "another process's lock was removed");
    std::fs::remove_file(&lock).unwrap();
    assert_eq!(env.repo_state(), before);
    // Released in time: the command waits and records.
    std::fs::write(&lock, "").unwrap();
    env.set("LEDGER_LOCK_TIMEOUT", "20");
    let child = env
        .cmd(&["note", &id, "waited"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::remove_file(&lock).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env.ok(&["show", &id]).contains("waited"));
}

#[test]
fn a_journal_of_a_live_or_unknown_process_never_lets_its_locks_be_taken() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    let git = env.dir.join(".git");
    let lock = git.join("index.lock");
    std::fs::write(&lock, "").unwrap();
    let ino = {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(&lock).unwrap();
        format!("{} {}", m.dev(), m.ino())
    };
    // The test process itself is alive: its lock must stay.
    let me = std::process::id();
    std::fs::write(
        git.join("ledger/journal"),
        format!(
            "ledger-journal 2\nowner {me} -\nparent -\nlock {ino} {}\n",
            lock.display()
        ),
    )
    .unwrap();
    env.set("LEDGER_LOCK_TIMEOUT", "0.2");
    let out = env.fails(&["note", &id, "x"], 4);
    assert!(
        out.stderr.contains(&format!("process {me}")),
        "{}",
        out.stderr
    );
    assert!(lock.exists());
    // A journal of an older build names no owner: the lock is not provably abandoned.
    std::fs::write(git.join("ledger/journal"), format!("\n{}\n", env.head())).unwrap();
    let out = env.fails(&["note", &id, "x"], 4);
    assert!(out.stderr.contains("index.lock"), "{}", out.stderr);
    assert!(lock.exists());
}

#[test]
fn a_branch_moved_by_git_during_the_change_is_built_on_not_overwritten() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    // A pre-commit hook runs while ledger holds the index lock; this one moves the branch once
    // with commands that take no index lock (as a fetch into the branch or update-ref would).
    let flag = env.root().join("moved-once");
    let hook = env.dir.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -e '{f}' ] && exit 0\ntouch '{f}'\nunset GIT_INDEX_FILE\n\
             t=$(git rev-parse HEAD^{{tree}}); c=$(git commit-tree -p HEAD -m 'someone else' $t)\n\
             git update-ref refs/heads/main $c\n",
            f = flag.display()
        ),
    )
    .unwrap();
    make_executable(&hook);
    env.ok(&["note", &id, "while git moved"]);
    let subjects = env.git(&["log", "--format=%s", "-3"]);
    let lines: Vec<&str> = subjects.lines().collect();
    assert!(lines[1].contains("someone else"), "{subjects}");
    assert!(env.ok(&["show", &id]).contains("while git moved"));
    env.assert_sound();
}

fn make_executable(p: &PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_lock_timeout_that_is_not_a_number_of_seconds_is_refused() {
    let env = Env::new();
    for bad in ["-1", "nan", "inf", "abc", "1e9"] {
        env.set("LEDGER_LOCK_TIMEOUT", bad);
        let out = env.fails(
            &[
                "promise", "x", "--by", "bob", "--to", "alice", "--due", "friday",
            ],
            1,
        );
        assert!(
            out.stderr.contains("LEDGER_LOCK_TIMEOUT"),
            "{bad}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{bad}: {}", out.stderr);
    }
}

#[test]
fn a_record_over_the_readers_limit_is_refused_before_anything_is_written() {
    let env = Env::new();
    env.bob_promises_alice("Rotate the keys");
    let before = env.repo_state();
    // Notes from a file: one argument cannot be that long.
    let notes = env.root().join("notes.md");
    std::fs::write(&notes, "x".repeat(1_100_000)).unwrap();
    let out = env.fails(
        &[
            "meeting",
            "Long",
            "--attendees",
            "alice,bob",
            "--notes-file",
            notes.to_str().unwrap(),
        ],
        1,
    );
    assert!(out.stderr.contains("1048576"), "{}", out.stderr);
    assert!(out.stderr.contains("link"), "{}", out.stderr);
    assert_eq!(env.repo_state(), before);
}

#[test]
fn a_rebase_in_progress_is_named_as_such() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    // What `git rebase -i` leaves while it stops for an edit.
    std::fs::create_dir_all(env.dir.join(".git/rebase-merge")).unwrap();
    std::fs::write(env.dir.join(".git/rebase-merge/interactive"), "").unwrap();
    let out = env.fails(&["note", &id, "x"], 1);
    assert!(out.stderr.contains("rebase"), "{}", out.stderr);
    assert!(!out.stderr.contains("detached"), "{}", out.stderr);
}

#[test]
fn a_bare_repository_is_the_users_error_with_a_hint() {
    let env = Env::new();
    let bare = env.root().join("bare.git");
    env.git(&["clone", "-q", "--bare", ".", bare.to_str().unwrap()]);
    std::fs::write(bare.join("ledger.yaml"), "version: 1\n").unwrap();
    let out = env.run_in(&bare, &["list"]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("bare"), "{}", out.stderr);
    assert!(out.stderr.contains("git clone"), "{}", out.stderr);
}

#[test]
fn the_repositorys_hooks_apply_to_ledger_commits() {
    let env = Env::new();
    let hooks = env.dir.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    // commit-msg may add a sign-off; pre-commit sees the change in the index it is given.
    let seen = env.root().join("seen");
    let msg_hook = hooks.join("commit-msg");
    std::fs::write(
        &msg_hook,
        "#!/bin/sh\necho 'Signed-off-by: Test User <tester@example.com>' >> \"$1\"\n",
    )
    .unwrap();
    make_executable(&msg_hook);
    let pre = hooks.join("pre-commit");
    std::fs::write(
        &pre,
        format!(
            "#!/bin/sh\ngit diff --cached --name-only > '{}'\n",
            seen.display()
        ),
    )
    .unwrap();
    make_executable(&pre);
    let id = env.bob_promises_alice("Rotate the keys");
    assert!(
        env.message().contains("Signed-off-by: Test User"),
        "{}",
        env.message()
    );
    assert!(env.message().contains("Ledger-Id: "), "{}", env.message());
    let staged = std::fs::read_to_string(&seen).unwrap();
    assert!(staged.contains(&id), "pre-commit saw: {staged}");
    // A hook that refuses stops the change, with what it said.
    std::fs::write(&pre, "#!/bin/sh\necho 'no secrets allowed' >&2\nexit 1\n").unwrap();
    let before = env.repo_state();
    let out = env.fails(&["note", &id, "x"], 1);
    assert!(
        out.stderr.contains("pre-commit hook refused"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("no secrets allowed"), "{}", out.stderr);
    assert_eq!(env.repo_state(), before);
    // A commit-msg hook may not strip the ledger's trailers.
    std::fs::remove_file(&pre).unwrap();
    std::fs::write(&msg_hook, "#!/bin/sh\necho 'rewritten' > \"$1\"\n").unwrap();
    let out = env.fails(&["note", &id, "x"], 1);
    assert!(out.stderr.contains("trailers"), "{}", out.stderr);
    assert_eq!(env.repo_state(), before);
}

#[test]
fn text_the_readers_would_refuse_is_refused_before_anything_is_written() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    let before = env.repo_state();
    // The readers refuse files nested more than 64 brackets deep (the YAML parser is quadratic
    // in flow nesting); a note of brackets must not become a record nobody can read.
    let brackets = "[".repeat(100);
    let out = env.fails(&["note", &id, &brackets], 1);
    assert!(
        out.stderr.contains("would not be readable"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("nothing was recorded"),
        "{}",
        out.stderr
    );
    let out = env.fails(
        &[
            "promise",
            &"{".repeat(100),
            "--by",
            "bob",
            "--to",
            "alice",
            "--due",
            "friday",
        ],
        1,
    );
    assert!(
        out.stderr.contains("would not be readable"),
        "{}",
        out.stderr
    );
    assert_eq!(env.repo_state(), before);
    env.ok(&["show", &id]);
}

#[test]
fn a_branch_lock_held_by_git_is_waited_for_then_reported_and_the_reflog_is_kept() {
    let env = Env::new();
    let id = env.bob_promises_alice("Rotate the keys");
    let reflog = env.git(&["reflog", "-1", "--format=%gs", "main"]);
    assert!(reflog.contains("bob promises"), "{reflog}");
    let lock = env.dir.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    env.set("LEDGER_LOCK_TIMEOUT", "0.3");
    let before = env.repo_state();
    let out = env.fails(&["note", &id, "x"], 4);
    assert!(out.stderr.contains("main.lock"), "{}", out.stderr);
    assert!(
        out.stderr.contains("nothing was recorded"),
        "{}",
        out.stderr
    );
    assert!(lock.exists(), "git's branch lock was removed");
    std::fs::remove_file(&lock).unwrap();
    assert_eq!(env.repo_state(), before);
    assert!(!env.dir.join(".git/index.lock").exists());
    env.set("LEDGER_LOCK_TIMEOUT", "20");
    env.ok(&["note", &id, "after"]);
    let head_log = env.git(&["reflog", "-1", "--format=%gs", "HEAD"]);
    assert!(head_log.contains("notes"), "{head_log}");
}
