//! The tips log: every branch tip a ledger command saw in this clone, so `verify` can tell when
//! history it once showed has since been rewritten (an amend, a rebase, a reset), even when no
//! sync ever happened. Git's reflog says much the same, but it expires and anyone can clear it;
//! this log belongs to the ledger.
//!
//! `.git/ledger/tips` holds one line per tip seen, `COMMIT REF`, appended (never rewritten) when
//! the tip differs from the last one logged for that branch. It is audit state, not a cache: it
//! is never read to answer a query.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use git2::{Oid, Repository};

/// The tips log of a repository's ledger state folder.
fn file(git_dir: &std::path::Path) -> PathBuf {
    git_dir.join("ledger").join("tips")
}

/// The branch HEAD is on and the commit it points to; `None` when detached or unborn.
fn current(repo: &Repository) -> Option<(String, Oid)> {
    let head = repo.head().ok()?;
    if !head.is_branch() {
        return None;
    }
    Some((head.name()?.to_string(), head.target()?))
}

/// Like [`remember`], for the repository whose git folder is `git_dir`.
pub fn remember_at(git_dir: &std::path::Path) {
    if let Ok(repo) = Repository::open(git_dir) {
        remember(&repo);
    }
}

/// Logs the tip of HEAD's branch if it is not the last one logged for that branch. Failures
/// are ignored: the log helps an audit but must never stop a command.
pub fn remember(repo: &Repository) {
    let Some((branch, tip)) = current(repo) else {
        return;
    };
    let path = file(repo.path());
    if last_for(&path, &branch) == Some(tip) {
        return;
    }
    let _ = std::fs::create_dir_all(path.parent().expect("tips file has a folder"));
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        // One write of one short line: appends of concurrent commands never interleave.
        let _ = f.write_all(format!("{tip} {branch}\n").as_bytes());
    }
}

/// The last tip logged for `branch`, reading only the end of the file.
fn last_for(path: &std::path::Path, branch: &str) -> Option<Oid> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let start = len.saturating_sub(8192);
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut tail = String::new();
    f.read_to_string(&mut tail).ok()?;
    tail.lines()
        .rev()
        .filter_map(parse_line)
        .find(|(_, b)| b == branch)
        .map(|(oid, _)| oid)
}

fn parse_line(line: &str) -> Option<(Oid, String)> {
    let (oid, branch) = line.split_once(' ')?;
    Some((Oid::from_str(oid).ok()?, branch.trim().to_string()))
}

/// The tips once seen on HEAD's branch that `reachable` (every commit in the branch's history
/// now) no longer contains, newest first, leaving out any that is in the past of another one
/// listed: one entry per rewrite. Tips whose objects are gone are listed too.
pub fn dropped(repo: &Repository, reachable: &HashSet<Oid>) -> Vec<Oid> {
    let Some((branch, _)) = current(repo) else {
        return Vec::new();
    };
    let Ok(text) = std::fs::read_to_string(file(repo.path())) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut lost: Vec<Oid> = Vec::new();
    for (oid, b) in text.lines().rev().filter_map(parse_line) {
        if b != branch || reachable.contains(&oid) || !seen.insert(oid) {
            continue;
        }
        let covered = lost
            .iter()
            .any(|&later| later == oid || repo.graph_descendant_of(later, oid).unwrap_or(false));
        if !covered {
            lost.push(oid);
        }
    }
    lost
}
