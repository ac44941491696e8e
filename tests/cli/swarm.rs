//! Many clones at once: six clones each record three rounds of changes (a new promise, a note and
//! a reschedule on one shared commitment) and sync, all at the same time, against one remote
//! served by `git daemon`; then every clone syncs twice. Nothing acknowledged is lost, every
//! clone holds the same tree, and `check`, `verify` and `git fsck` are clean.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Env;
use crate::sync::{assert_sound_in, tree, Daemon};

const CLONES: usize = 6;
const ROUNDS: usize = 3;

/// Starts `git daemon` on a free loopback port serving `root`; None if the program is missing.
fn daemon(env: &Env, root: &Path) -> Option<(Daemon, u16)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .ok()?
        .local_addr()
        .ok()?
        .port();
    let exec_path = env.git(&["--exec-path"]);
    let program = Path::new(exec_path.trim()).join("git-daemon");
    if !program.exists() {
        return None;
    }
    let mut cmd = Command::new(program);
    env.hermetic(&mut cmd);
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .args(["--export-all", "--enable=receive-pack", "--reuseaddr"])
        .args(["--listen=127.0.0.1", "--max-connections=64"])
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", root.display()))
        .arg(root)
        .spawn()
        .ok()?;
    let d = Daemon(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some((d, port));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn six_clones_recording_and_syncing_at_once_converge_and_lose_nothing() {
    let env = Env::new();
    env.random_ids();
    // Every clone's commits at one instant: the harness's per-command clock is not the order
    // in which concurrent clones commit, and `verify` reports dates that go backwards.
    env.set("GIT_AUTHOR_DATE", "2026-03-20T12:00:00+00:00")
        .set("GIT_COMMITTER_DATE", "2026-03-20T12:00:00+00:00");
    let Some((_daemon, port)) = daemon(&env, env.root()) else {
        eprintln!("skipped: git daemon is not available");
        return;
    };
    env.git_in(
        env.root(),
        &["init", "--bare", "-q", "-b", "main", "remote.git"],
    );
    let url = format!("git://127.0.0.1:{port}/remote.git");
    env.git(&["remote", "add", "origin", &url]);
    let shared = env.id(&[
        "promise",
        "Open the VPN tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    env.ok(&["sync"]);
    let clones: Vec<PathBuf> = (0..CLONES)
        .map(|i| {
            let dir = env.root().join(format!("c{i}"));
            env.git_in(env.root(), &["clone", "-q", &url, dir.to_str().unwrap()]);
            dir
        })
        .collect();
    let started = Instant::now();
    // Every clone's whole script, built here (the environment is not shared across threads).
    let scripts: Vec<Vec<(Command, String)>> = clones
        .iter()
        .enumerate()
        .map(|(i, dir)| {
            let mut s = Vec::new();
            for r in 0..ROUNDS {
                let due = format!("2026-05-{:02}", 1 + (i * ROUNDS + r) % 28);
                let what = format!("c{i} r{r} promise");
                let note = format!("c{i} r{r} note");
                for args in [
                    vec![
                        "promise",
                        &what,
                        "--by",
                        "bob",
                        "--to",
                        "alice",
                        "--due",
                        "2026-04-09",
                    ],
                    vec!["note", &shared, &note],
                    vec!["reschedule", &shared, "--due", &due, "--reason", &note],
                    vec!["sync"],
                ] {
                    let mut cmd = env.cmd(&args);
                    cmd.current_dir(dir);
                    s.push((cmd, args.join(" ")));
                }
            }
            s
        })
        .collect();
    let handles: Vec<_> = scripts
        .into_iter()
        .map(|script| {
            std::thread::spawn(move || {
                let mut acked = Vec::new();
                for (mut cmd, what) in script {
                    let out = cmd.output().unwrap();
                    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
                    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                    // A reschedule to the date it already has is refused; anything else must work.
                    if !out.status.success() && !stderr.contains("already due") {
                        panic!("{what} failed: {stderr}");
                    }
                    if what.starts_with("promise") {
                        acked.push(stdout.split_whitespace().next().unwrap().to_string());
                    }
                }
                acked
            })
        })
        .collect();
    let acked: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().expect("a clone's script failed"))
        .collect();
    for _ in 0..2 {
        for dir in &clones {
            env.ok_in(dir, &["sync"]);
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{:?}",
        started.elapsed()
    );
    let t = tree(&env, &clones[0]);
    for dir in &clones {
        assert_eq!(tree(&env, dir), t, "{} differs", dir.display());
        assert_sound_in(&env, dir);
        let v = env.run_in(dir, &["verify"]);
        assert_eq!(v.code, 0, "verify: {}{}", v.stdout, v.stderr);
    }
    // Every acknowledged promise and note is present.
    assert_eq!(acked.len(), CLONES * ROUNDS);
    for id in &acked {
        env.ok_in(&clones[0], &["show", id]);
    }
    let c: serde_json::Value = serde_json::from_str(
        &env.ok_in(&clones[CLONES - 1], &["show", &shared, "--format", "json"]),
    )
    .unwrap();
    assert_eq!(c["notes"].as_array().unwrap().len(), CLONES * ROUNDS, "{c}");
    let last = c["reschedules"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(c["due"], last["to"], "{c}");
}
