//! A hermetic environment for running the real `ledger` binary against a real git repository:
//! its own HOME and git config, a fixed "today", fixed commit times and repeatable ids.

#![allow(dead_code)]

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// What a command did.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// The first word of standard output (recording commands print the id there).
    pub fn id(&self) -> String {
        self.stdout
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }

    /// Standard output parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// One test's world: a temporary HOME with a git identity, and a ledger folder.
pub struct Env {
    _tmp: TempDir,
    /// The temporary HOME.
    pub home: PathBuf,
    /// The ledger's folder (the working directory of every command).
    pub dir: PathBuf,
    today: RefCell<String>,
    tick: Cell<u32>,
    seed: RefCell<Option<String>>,
    extra: RefCell<Vec<(String, String)>>,
}

/// The `ledger` binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_ledger")
}

impl Env {
    /// A world with an initialised ledger, today 2026-03-20.
    pub fn new() -> Env {
        let env = Env::empty();
        env.ok(&["init"]);
        env
    }

    /// A world with a git identity but no ledger yet.
    pub fn empty() -> Env {
        let tmp = tempfile::tempdir().expect("temp dir");
        let home = tmp.path().join("home");
        let dir = tmp.path().join("ledger");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Test User\n\temail = tester@example.com\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n",
        )
        .unwrap();
        Env {
            _tmp: tmp,
            home,
            dir,
            today: RefCell::new("2026-03-20".into()),
            tick: Cell::new(0),
            seed: RefCell::new(Some("tests".into())),
            extra: RefCell::new(Vec::new()),
        }
    }

    /// The temporary root holding HOME and the ledger (for making clones and remotes beside it).
    pub fn root(&self) -> &Path {
        self._tmp.path()
    }

    /// Sets "today" (LEDGER_TODAY and the date of the following commits).
    pub fn today(&self, date: &str) -> &Env {
        *self.today.borrow_mut() = date.to_string();
        self.tick.set(0);
        self
    }

    /// Sets an extra environment variable for every following command.
    pub fn set(&self, key: &str, value: &str) -> &Env {
        self.extra.borrow_mut().retain(|(k, _)| k != key);
        self.extra.borrow_mut().push((key.into(), value.into()));
        self
    }

    /// Turns off repeatable ids (for tests of concurrency, where ids must differ per process).
    pub fn random_ids(&self) -> &Env {
        *self.seed.borrow_mut() = None;
        self
    }

    /// The commit time of the next command: today at 09:00 plus one minute per command.
    fn next_time(&self) -> String {
        let n = self.tick.get();
        self.tick.set(n + 1);
        format!(
            "{}T{:02}:{:02}:00+00:00",
            self.today.borrow(),
            9 + n / 60,
            n % 60
        )
    }

    /// Applies the hermetic environment to any command (ledger or git).
    pub fn hermetic(&self, cmd: &mut Command) {
        let time = self.next_time();
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("GIT_CONFIG_GLOBAL", self.home.join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", &time)
            .env("GIT_COMMITTER_DATE", &time)
            .env("LEDGER_TODAY", self.today.borrow().as_str())
            .env("LEDGER_LOCK_TIMEOUT", "20")
            // No detached index build left running after a test (`cli::background`).
            .env("LEDGER_NO_BACKGROUND", "1")
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .current_dir(&self.dir);
        if let Some(seed) = self.seed.borrow().as_ref() {
            cmd.env("LEDGER_SEED", seed);
        }
        for (k, v) in self.extra.borrow().iter() {
            cmd.env(k, v);
        }
    }

    /// A `ledger` command ready to run in this world.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin());
        self.hermetic(&mut cmd);
        cmd.args(args);
        cmd
    }

    /// Runs `ledger ARGS`.
    pub fn run(&self, args: &[&str]) -> Out {
        let out = self.cmd(args).output().expect("run ledger");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `ledger ARGS`, asserting success; returns standard output.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "ledger {args:?} failed:\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out.stdout
    }

    /// Runs a recording command, asserting success; returns the id it printed first.
    #[track_caller]
    pub fn id(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "ledger {args:?} failed:\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out.id()
    }

    /// Runs `ledger ARGS`, asserting exit code `code`; returns the whole outcome.
    #[track_caller]
    pub fn fails(&self, args: &[&str], code: i32) -> Out {
        let out = self.run(args);
        assert_eq!(
            out.code, code,
            "ledger {args:?}: expected exit {code}\nstdout: {}\nstderr: {}",
            out.stdout, out.stderr
        );
        out
    }

    /// Runs `ledger ARGS` expecting failure with `code`, and asserts that HEAD did not move and
    /// the work tree stayed as it was. Returns standard error.
    #[track_caller]
    pub fn refused(&self, args: &[&str], code: i32) -> String {
        let head = self.head();
        let status = self.git(&["status", "--porcelain"]);
        let out = self.fails(args, code);
        assert_eq!(
            self.head(),
            head,
            "HEAD moved after a refused command {args:?}"
        );
        assert_eq!(
            self.git(&["status", "--porcelain"]),
            status,
            "work tree changed after {args:?}"
        );
        assert!(
            !out.stderr.trim().is_empty(),
            "no message for refused {args:?}"
        );
        out.stderr
    }

    /// Runs the git program in the ledger's folder; asserts success; returns standard output.
    #[track_caller]
    pub fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.dir, args)
    }

    /// Runs the git program in `dir`.
    #[track_caller]
    pub fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let mut cmd = Command::new("git");
        self.hermetic(&mut cmd);
        let out = cmd.current_dir(dir).args(args).output().expect("run git");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The HEAD commit id ("" when there is none).
    pub fn head(&self) -> String {
        let mut cmd = Command::new("git");
        self.hermetic(&mut cmd);
        let out = cmd
            .args(["rev-parse", "-q", "--verify", "HEAD"])
            .output()
            .expect("git");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The number of commits on HEAD.
    pub fn commits(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    /// Writes a file in the ledger folder (a hand edit).
    pub fn write(&self, rel: &str, content: &str) {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// Reads a file in the ledger folder.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap()
    }

    /// The path (relative to the ledger) of the record with this id.
    pub fn path_of(&self, id: &str) -> String {
        let files = self.git(&["ls-files"]);
        files
            .lines()
            .find(|l| l.ends_with(&format!("{id}.yaml")))
            .unwrap_or_else(|| panic!("no file for {id}"))
            .to_string()
    }

    /// Asserts the invariants every sequence of commands keeps: a clean work tree, a clean
    /// `git fsck`, and a clean `ledger check`.
    #[track_caller]
    pub fn assert_sound(&self) {
        assert_eq!(
            self.git(&["status", "--porcelain"]),
            "",
            "work tree not clean"
        );
        self.git(&["fsck", "--strict", "--no-progress"]);
        let out = self.run(&["check"]);
        assert_eq!(
            out.code, 0,
            "ledger check failed:\n{}{}",
            out.stdout, out.stderr
        );
    }
}

/// Builds the demo story ledger in a fresh world and returns it (today 2026-03-20).
pub fn story() -> Env {
    let env = Env::empty();
    let dir = env.dir.to_string_lossy().into_owned();
    env.ok(&["demo", &dir, "--quiet"]);
    env
}

/// Compares `actual` byte for byte with `tests/cli/snapshots/NAME`; with `UPDATE_SNAPSHOTS=1`
/// in the environment, (re)writes the file instead.
#[track_caller]
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run the test with UPDATE_SNAPSHOTS=1 to write it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "output differs from snapshot {} at line {}:\n--- expected\n{}\n--- actual\n{}\n(UPDATE_SNAPSHOTS=1 rewrites it)",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("(end)"),
            actual.lines().nth(first).unwrap_or("(end)")
        );
    }
}

/// The structure of a Markdown document as a CommonMark parser (with tables) sees it: one
/// line per block, e.g. `h2 Kept (2)`, `item ...`, `table 7x4` (columns x rows, header
/// included), `quote ...`, `para ...`, with the text as rendered.
pub fn markdown_outline(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out: Vec<String> = Vec::new();
    let mut text = String::new();
    let (mut cols, mut rows, mut in_table, mut depth_item, mut quote) = (0, 0, false, 0, false);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::Paragraph)
            | Event::Start(Tag::Item) => {
                if let Event::Start(Tag::Item) = ev {
                    if depth_item > 0 && !text.is_empty() {
                        out.push(format!("item {}", text.trim()));
                    }
                    depth_item += 1;
                }
                if depth_item == 0 || matches!(ev, Event::Start(Tag::Item)) {
                    text.clear();
                }
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(format!("{level} {}", text.trim()));
                text.clear();
            }
            Event::End(TagEnd::Paragraph) if depth_item == 0 && !in_table => {
                out.push(format!(
                    "{} {}",
                    if quote { "quote" } else { "para" },
                    text.trim()
                ));
                text.clear();
            }
            Event::End(TagEnd::Item) => {
                if !text.is_empty() {
                    out.push(format!("item {}", text.trim()));
                }
                text.clear();
                depth_item -= 1;
            }
            Event::Start(Tag::BlockQuote(_)) => quote = true,
            Event::End(TagEnd::BlockQuote(_)) => quote = false,
            Event::Start(Tag::Table(a)) => {
                in_table = true;
                cols = a.len();
                rows = 0;
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => rows += 1,
            Event::End(TagEnd::Table) => {
                in_table = false;
                out.push(format!("table {cols}x{rows}"));
                text.clear();
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    out
}

impl Env {
    /// The full id of the one record whose what, title or statement contains `text`.
    #[track_caller]
    pub fn find(&self, text: &str) -> String {
        self.find_of("", text)
    }

    /// Like `find`, among the records of one kind ("" for every kind).
    #[track_caller]
    pub fn find_of(&self, kind: &str, text: &str) -> String {
        let mut args = vec!["list", "--all", "--format", "json"];
        if !kind.is_empty() {
            args.push(kind);
        }
        let list = self.run(&args).json();
        let hits: Vec<String> = list
            .as_array()
            .expect("a JSON list")
            .iter()
            .filter(|r| {
                ["what", "title", "statement"]
                    .iter()
                    .any(|f| r[*f].as_str().is_some_and(|s| s.contains(text)))
            })
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(hits.len(), 1, "records matching {text:?}: {hits:?}");
        hits[0].clone()
    }

    /// Commits every change in the work tree with the git program (a hand edit).
    #[track_caller]
    pub fn git_commit_all(&self, message: &str) {
        self.git(&["commit", "-q", "-a", "-m", message]);
    }

    /// Records bob's promise to alice of `what`, due 2026-03-27; returns its id.
    #[track_caller]
    pub fn bob_promises_alice(&self, what: &str) -> String {
        self.bob_promises_alice_in(".", what)
    }

    /// The same, in the ledger at `dir` (relative to the env's folder).
    #[track_caller]
    pub fn bob_promises_alice_in(&self, dir: &str, what: &str) -> String {
        self.id(&[
            "-C",
            dir,
            "promise",
            what,
            "--by",
            "bob",
            "--to",
            "alice",
            "--due",
            "2026-03-27",
        ])
    }

    /// Replaces `from` with `to` in the record's file and commits that with plain git (a hand
    /// edit); returns the file's path.
    #[track_caller]
    pub fn edit_by_hand(&self, id: &str, from: &str, to: &str, message: &str) -> String {
        let path = self.path_of(id);
        let text = self.read(&path);
        assert!(text.contains(from), "{from:?} is not in {path}:\n{text}");
        self.write(&path, &text.replace(from, to));
        self.git_commit_all(message);
        path
    }
}

impl Env {
    /// Runs `ledger ARGS` with `dir` as the working directory.
    pub fn run_in(&self, dir: &Path, args: &[&str]) -> Out {
        let out = self
            .cmd(args)
            .current_dir(dir)
            .output()
            .expect("run ledger");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The full message of the last commit.
    pub fn message(&self) -> String {
        self.git(&["log", "-1", "--format=%B"])
    }

    /// The files the last commit changed, one per line.
    pub fn changed(&self) -> Vec<String> {
        self.git(&["show", "--name-only", "--format=", "HEAD"])
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Commits every hand edit in the ledger folder with the git program (a person's commit).
    pub fn commit_by_hand(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// The record with this id as JSON (from `ledger show`).
    #[track_caller]
    pub fn record(&self, id: &str) -> serde_json::Value {
        let out = self.run(&["show", id, "--format", "json"]);
        assert_eq!(out.code, 0, "show {id}: {}", out.stderr);
        out.json()
    }

    /// Writes an executable shell script beside HOME (an $EDITOR for `ledger edit`); returns its path.
    pub fn script(&self, name: &str, body: &str) -> String {
        let p = self.root().join(name);
        std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        p.to_string_lossy().into_owned()
    }
}

impl Env {
    /// Runs `ledger ARGS` in `dir`, asserting success; returns standard output.
    #[track_caller]
    pub fn ok_in(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.run_in(dir, args);
        assert_eq!(
            out.code,
            0,
            "ledger {args:?} in {} failed:\nstdout: {}\nstderr: {}",
            dir.display(),
            out.stdout,
            out.stderr
        );
        out.stdout
    }

    /// A snapshot of everything in the repository a refused command must not change: HEAD,
    /// every ref, and the work tree's status.
    pub fn repo_state(&self) -> String {
        format!(
            "{}\n{}\n{}",
            self.head(),
            self.git(&[
                "for-each-ref",
                "--format=%(refname) %(objectname)",
                "refs/heads"
            ]),
            self.git(&["status", "--porcelain", "--untracked-files=all"])
        )
    }
}

impl Env {
    /// Runs a recording command in `dir`, asserting success; returns the id it printed first.
    #[track_caller]
    pub fn id_in(&self, dir: &Path, args: &[&str]) -> String {
        self.ok_in(dir, args)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}
