//! `ledger sync`: real clones, a bare repository (and a `git daemon`) as the remote, offline
//! work on both sides merged record by record.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use crate::harness::Env;

/// A ledger `A` (the env's own folder) pushed to a bare remote, and a clone `B` of it.
pub(crate) struct World {
    pub(crate) env: Env,
    pub(crate) remote: PathBuf,
    pub(crate) b: PathBuf,
}

pub(crate) fn world() -> World {
    let env = Env::new();
    env.random_ids();
    let remote = env.root().join("remote.git");
    env.git_in(
        env.root(),
        &["init", "--bare", "-q", "-b", "main", "remote.git"],
    );
    env.git(&["remote", "add", "origin", remote.to_str().unwrap()]);
    let b = env.root().join("b");
    World { env, remote, b }
}

impl World {
    fn clone_b(&self, url: &str) {
        self.env.git_in(
            self.env.root(),
            &["clone", "-q", url, self.b.to_str().unwrap()],
        );
    }

    /// Another clone of the remote, in a folder of this name beside the ledger.
    pub(crate) fn clone_as(&self, name: &str) -> PathBuf {
        let dir = self.env.root().join(name);
        self.env.git_in(
            self.env.root(),
            &[
                "clone",
                "-q",
                self.remote.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        dir
    }

    pub(crate) fn show(&self, dir: &Path, id: &str) -> serde_json::Value {
        serde_json::from_str(&self.env.ok_in(dir, &["show", id, "--format", "json"])).unwrap()
    }
}

pub(crate) fn tree(env: &Env, dir: &Path) -> String {
    env.git_in(dir, &["rev-parse", "HEAD^{tree}"])
}

pub(crate) fn assert_sound_in(env: &Env, dir: &Path) {
    assert_eq!(
        env.git_in(dir, &["status", "--porcelain"]),
        "",
        "work tree not clean"
    );
    env.git_in(dir, &["fsck", "--strict", "--no-progress"]);
    let out = env.run_in(dir, &["check", "--format", "json"]);
    assert_eq!(
        out.code,
        0,
        "check failed in {}: {}",
        dir.display(),
        out.stdout
    );
    let grep = Command::new("grep")
        .args([
            "-rlE",
            "^(<<<<<<<|=======|>>>>>>>)",
            "--exclude-dir=.git",
            ".",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        grep.stdout.is_empty(),
        "conflict markers: {}",
        String::from_utf8_lossy(&grep.stdout)
    );
}

/// Both clones record offline, including conflicting edits of one commitment and one decision;
/// after syncing both ways they hold the same tree with every record and both notes.
fn offline_work_merges(w: &World) {
    let (env, a, b) = (&w.env, w.env.dir.clone(), w.b.clone());
    // A: reschedule the commitment, supersede the decision, make a record of its own.
    let c = env.ok_in(&a, &["list", "commitment", "--format", "json"]);
    let c: serde_json::Value = serde_json::from_str(&c).unwrap();
    let com = c[0]["id"].as_str().unwrap().to_string();
    let d = env.ok_in(&a, &["list", "decision", "--format", "json"]);
    let d: serde_json::Value = serde_json::from_str(&d).unwrap();
    let dec = d[0]["id"].as_str().unwrap().to_string();

    env.ok_in(
        &a,
        &[
            "reschedule",
            &com,
            "--due",
            "2026-04-10",
            "--reason",
            "vendor late",
        ],
    );
    let a_dec = env.id_in(
        &a,
        &[
            "decide",
            "Use WireGuard",
            "--by",
            "alice",
            "--supersedes",
            &dec,
        ],
    );
    let a_com = env.id_in(
        &a,
        &[
            "promise",
            "Write the runbook",
            "--by",
            "alice",
            "--to",
            "bob",
            "--due",
            "2026-04-01",
        ],
    );
    // B (later, by commit time): note and done on the same commitment, supersede the decision.
    env.ok_in(&b, &["note", &com, "tunnel is up"]);
    env.ok_in(&b, &["done", &com]);
    let b_dec = env.id_in(
        &b,
        &["decide", "Use IPsec", "--by", "bob", "--supersedes", &dec],
    );
    let b_ask = env.id_in(
        &b,
        &[
            "ask",
            "Review the runbook",
            "--from",
            "bob",
            "--to",
            "carol",
        ],
    );

    let out = env.ok_in(&a, &["sync"]);
    assert!(out.contains("out: 3 commit(s)"), "{out}");
    let out = env.ok_in(&b, &["sync"]);
    assert!(
        out.contains("in: 3 commit(s)") && out.contains("merged: 3 record(s)"),
        "{out}"
    );
    assert!(
        out.contains("conflict:") && out.contains("superseded_by"),
        "{out}"
    );
    let out = env.ok_in(&a, &["sync"]);
    assert!(out.contains("out: 0 commit(s)"), "{out}");
    assert_eq!(
        tree(env, &a),
        tree(env, &b),
        "both clones hold the same records"
    );

    for id in [&com, &dec, &a_dec, &a_com, &b_dec, &b_ask] {
        w.show(&a, id);
    }
    let c = w.show(&a, &com);
    assert_eq!(c["status"], "done", "{c}");
    assert_eq!(c["due"], "2026-04-10", "the reschedule survives: {c}");
    assert_eq!(c["notes"][0]["text"], "tunnel is up", "{c}");
    // The decision: both superseded it at once. One successor is kept (by content hash, not
    // by commit time); the other is revoked, so one decision is in force.
    let d = w.show(&a, &dec);
    assert_eq!(d["status"], "superseded");
    let kept = d["superseded_by"].as_str().unwrap().to_string();
    assert!(kept == a_dec || kept == b_dec, "{d}");
    let other = if kept == a_dec { &b_dec } else { &a_dec };
    assert_eq!(w.show(&a, &kept)["status"], "active");
    let o = w.show(&a, other);
    assert_eq!(o["status"], "revoked", "{o}");
    let msg = env.git_in(&a, &["log", "-1", "--merges", "--format=%B"]);
    assert!(
        msg.contains("Ledger-Action: sync") && msg.contains("set aside"),
        "{msg}"
    );
    assert!(msg.contains(&format!("Ledger-Id: {com}")), "{msg}");
    // A record that came in through a merge was recorded by the commit that made it on the
    // other clone, not by the merge that brought it.
    let made = w.show(&b, &a_com);
    let subject = made["recorded"]["subject"].as_str().unwrap();
    assert!(
        subject.starts_with(&format!("alice promises {a_com}")),
        "{made}"
    );
    assert_sound_in(env, &a);
    assert_sound_in(env, &b);
    let remote_head = env.git_in(&w.remote, &["rev-parse", "main"]);
    assert_eq!(remote_head, env.git_in(&a, &["rev-parse", "HEAD"]));
}

fn seed(w: &World) {
    let env = &w.env;
    env.bob_promises_alice("Open the VPN tunnel");
    env.id(&["decide", "Use a VPN for site links", "--by", "alice"]);
    let out = env.ok(&["sync"]);
    assert!(
        out.contains("in: 0 commit(s)") && out.contains("out: 3 commit(s)"),
        "{out}"
    );
}

#[test]
fn two_clones_merge_offline_edits_through_a_bare_remote() {
    let w = world();
    seed(&w);
    w.clone_b(w.remote.to_str().unwrap());
    offline_work_merges(&w);
}

/// Kills the daemon when the test ends, however it ends.
pub(crate) struct Daemon(pub(crate) Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn sync_through_git_daemon() {
    let w = world();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // The daemon program itself, not `git daemon`: killing the `git` wrapper would leave the
    // real daemon running.
    let exec_path = w.env.git(&["--exec-path"]);
    let mut cmd = Command::new(Path::new(exec_path.trim()).join("git-daemon"));
    w.env.hermetic(&mut cmd);
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .args([
            "--export-all",
            "--enable=receive-pack",
            "--reuseaddr",
            "--listen=127.0.0.1",
        ])
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", w.env.root().display()))
        .arg(w.env.root())
        .spawn()
        .expect("start git daemon");
    let _daemon = Daemon(child);
    let url = format!("git://127.0.0.1:{port}/remote.git");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    w.env.git(&["remote", "set-url", "origin", &url]);
    seed(&w);
    w.clone_b(&url);
    offline_work_merges(&w);
}

#[test]
fn force_push_that_drops_a_record_is_refused() {
    let w = world();
    seed(&w);
    let env = &w.env;
    let lost = env.id(&[
        "promise",
        "Rotate the keys",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-02",
    ]);
    env.ok(&["sync"]);
    w.clone_b(w.remote.to_str().unwrap());
    env.git_in(&w.b, &["reset", "-q", "--hard", "HEAD~1"]);
    env.git_in(&w.b, &["push", "-q", "--force", "origin", "main"]);
    let before = env.repo_state();
    let err = env.refused(&["sync"], 4);
    assert!(
        err.contains("was rewritten") && err.contains(&lost),
        "{err}"
    );
    assert_eq!(env.repo_state(), before);
    env.ok(&["show", &lost]);
}

#[test]
fn sync_without_a_remote_says_how_to_add_one() {
    let env = Env::new();
    let err = env.refused(&["sync"], 1);
    assert!(
        err.contains("no remote to sync with") && err.contains("git remote add"),
        "{err}"
    );
}

#[test]
fn a_push_race_is_retried_until_it_lands() {
    let w = world();
    seed(&w);
    w.clone_b(w.remote.to_str().unwrap());
    let env = &w.env;
    let theirs = env.id_in(
        &w.b,
        &["ask", "Review the plan", "--from", "bob", "--to", "carol"],
    );
    let ours = env.id(&["ask", "Book the room", "--from", "alice", "--to", "dan"]);
    // While A pushes, B pushes first: A's push is rejected once, then fetch, merge, push again.
    let hook = env.dir.join(".git/hooks/pre-push");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -f '{m}' ]; then touch '{m}'; unset GIT_DIR GIT_WORK_TREE; git -C '{b}' push -q origin main; fi\nexit 0\n",
            m = env.root().join("raced").display(),
            b = w.b.display(),
        ),
    )
    .unwrap();
    std::process::Command::new("chmod")
        .arg("+x")
        .arg(&hook)
        .status()
        .unwrap();
    let out = env.ok(&["sync"]);
    assert!(out.contains("retried: 1 time(s)"), "{out}");
    let remote_log = env.git_in(&w.remote, &["log", "--format=%B", "main"]);
    assert!(
        remote_log.contains(&theirs) && remote_log.contains(&ours),
        "{remote_log}"
    );
    env.ok_in(&w.b, &["sync"]);
    assert_eq!(tree(env, &env.dir), tree(env, &w.b));
    assert_sound_in(env, &env.dir);
}
