//! When a file entered the history and who put it there: the "recorded by" of `show`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use git2::Oid;

use crate::error::Result;
use crate::store::Ledger;

/// A commit, as a reader needs it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CommitInfo {
    /// Full commit id.
    pub commit: String,
    /// When it was committed (author time).
    pub at: DateTime<FixedOffset>,
    /// The author's name.
    pub author: String,
    /// The author's email.
    pub email: String,
    /// The subject line.
    pub subject: String,
}

impl CommitInfo {
    /// Reads the parts of a commit people look at.
    pub fn of(commit: &git2::Commit<'_>) -> CommitInfo {
        let a = commit.author();
        let t = a.when();
        let offset = FixedOffset::east_opt(t.offset_minutes().saturating_mul(60))
            .unwrap_or(FixedOffset::east_opt(0).unwrap());
        let at = DateTime::from_timestamp(t.seconds(), 0)
            .unwrap_or_default()
            .with_timezone(&offset);
        CommitInfo {
            commit: commit.id().to_string(),
            at,
            author: a.name().unwrap_or("?").to_string(),
            email: a.email().unwrap_or("").to_string(),
            subject: commit.summary().unwrap_or("").to_string(),
        }
    }
}

/// The commit that recorded `path` (the first, in the history reachable from `from`, that added
/// it to its first parent's tree): its author is who recorded the record, and when. Found through
/// the history index, so it costs the record's own commits, not the history since it was made.
/// `None` when `from` does not contain the file. A file deleted and added again (say by `git
/// revert`) is still credited to its first commit; `history` lists the later re-creation as a
/// change of its own.
pub fn created(ledger: &Ledger, from: Oid, path: &str) -> Result<Option<CommitInfo>> {
    let full = ledger.repo_path(path);
    let p = Path::new(&full);
    let repo = &ledger.repo;
    if repo.find_commit(from)?.tree()?.get_path(p).is_err() {
        return Ok(None);
    }
    for oid in super::events::candidates(ledger, from, path, super::events::Reading::One)? {
        let commit = repo.find_commit(oid)?;
        if commit.tree()?.get_path(p).is_err() {
            continue;
        }
        let in_parent = match commit.parent(0) {
            Ok(parent) => parent.tree()?.get_path(p).is_ok(),
            Err(_) => false,
        };
        if !in_parent {
            return Ok(Some(CommitInfo::of(&commit)));
        }
    }
    Ok(None)
}
