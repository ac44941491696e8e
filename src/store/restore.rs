//! Records that a plain git commit took back. `git commit` reads the index before it locks it
//! and, when its own commit then fails because the branch moved, writes back what it read; the
//! next plain commit then deletes a record ledger had just acknowledged, or rolls it back to an
//! older version (git loses files racing itself the same way). Records are never deleted and
//! their lists only grow, so the next ledger change puts such a record back as ledger last
//! committed it, in its own commit, and says so. The commit that took it back stays in the
//! history, where `verify` reports it.

use std::path::Path;

use git2::{Commit, ObjectType, Oid, Repository, Tree};

use super::layout::{self, PathRole};
use super::repo::Ledger;
use super::{codec, diff};
use crate::error::Result;
use crate::model::immutable::{self, Mode};
use crate::model::Kind;

/// The file naming the last commit a ledger change made on this clone.
const LAST: &str = "last-commit";

/// How many commits before ledger's last one an older version may come from.
const DEPTH: usize = 50;

/// A record to put back: its repository path, the blob ledger committed, and what happened.
#[derive(Debug)]
pub struct Lost {
    pub path: String,
    pub blob: Oid,
    pub what: &'static str,
}

/// Remembers `commit` as the last one a ledger change made (or reached, for a sync).
pub fn remember(ledger: &Ledger, commit: Oid) {
    // Only a hint for the next change: losing it costs a restore, never a record.
    let _ = std::fs::write(ledger.state_dir().join(LAST), format!("{commit}\n"));
}

/// The records that commits made since ledger's last change, on top of it, deleted or rolled
/// back to an older version. Nothing when `parent` is ledger's last commit or does not descend
/// from it (a reset or a rewrite is `verify`'s to report, not this to undo).
pub fn lost(ledger: &Ledger, parent: Option<&Commit<'_>>) -> Result<Vec<Lost>> {
    let repo = &ledger.repo;
    let Some(parent) = parent else {
        return Ok(Vec::new());
    };
    let last = std::fs::read_to_string(ledger.state_dir().join(LAST))
        .ok()
        .and_then(|s| Oid::from_str(s.trim()).ok());
    let Some(last) = last.filter(|l| *l != parent.id()) else {
        return Ok(Vec::new());
    };
    if !repo.graph_descendant_of(parent.id(), last).unwrap_or(false) {
        return Ok(Vec::new());
    }
    let last = repo.find_commit(last)?;
    let Some(before) = root(ledger, &last)? else {
        return Ok(Vec::new());
    };
    // The whole folder gone counts too: every record in it was deleted.
    let now = root(ledger, parent)?;
    let mut out = Vec::new();
    for rel in diff::changed_paths(repo, Some(&before), now.as_ref())? {
        let PathRole::Record(kind, _) = layout::classify(&rel) else {
            continue;
        };
        let blob_in = |t: &Tree<'_>| t.get_path(Path::new(&rel)).ok().map(|e| e.id());
        let Some(blob) = blob_in(&before) else {
            continue;
        };
        let path = format!("{}{rel}", ledger.prefix);
        let lost = match now.as_ref().and_then(blob_in) {
            None => Lost {
                path,
                blob,
                what: "deleted",
            },
            Some(current) => {
                let l = Lost {
                    path,
                    blob,
                    what: "rolled back",
                };
                if !rolled_back(repo, &last, kind, &l, current) {
                    continue;
                }
                l
            }
        };
        out.push(lost);
    }
    Ok(out)
}

/// The ledger's folder in `commit`'s tree.
fn root<'r>(ledger: &'r Ledger, commit: &Commit<'r>) -> Result<Option<Tree<'r>>> {
    let tree = commit.tree()?;
    if ledger.prefix.is_empty() {
        return Ok(Some(tree));
    }
    Ok(
        match tree.get_path(Path::new(ledger.prefix.trim_end_matches('/'))) {
            Ok(e) if e.kind() == Some(ObjectType::Tree) => Some(ledger.repo.find_tree(e.id())?),
            _ => None,
        },
    )
}

/// True when `current`, the record's version at the branch, is one of its own older versions
/// that the rules forbid going back to from `l.blob` (notes or reschedules lost, a close
/// undone): a stale index, not an edit.
fn rolled_back(repo: &Repository, last: &Commit<'_>, kind: Kind, l: &Lost, current: Oid) -> bool {
    let parse = |blob: Oid| {
        repo.find_blob(blob)
            .ok()
            .and_then(|b| codec::parse_record(kind, b.content()).ok())
    };
    let (Some(ours), Some(theirs)) = (parse(l.blob), parse(current)) else {
        return false;
    };
    !immutable::breaches(&ours, &theirs, Mode::Commit).is_empty()
        && was_committed(last.parent(0).ok(), &l.path, current)
}

/// True when `path` held `blob` in `from` or one of the first-parent commits before it, up to
/// [`DEPTH`] of them: an older version of the file, which an outdated index can bring back.
pub fn was_committed(from: Option<Commit<'_>>, path: &str, blob: Oid) -> bool {
    let mut commit = from;
    for _ in 0..DEPTH {
        let Some(c) = commit else {
            return false;
        };
        let at = c
            .tree()
            .ok()
            .and_then(|t| t.get_path(Path::new(path)).ok())
            .map(|e| e.id());
        if at == Some(blob) {
            return true;
        }
        commit = c.parent(0).ok();
    }
    false
}
