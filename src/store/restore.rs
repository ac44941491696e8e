//! Records that a plain git commit took back. `git commit` reads the index before it locks it
//! and, when its own commit then fails because the branch moved, writes back what it read; the
//! next plain commit then deletes a record ledger had just acknowledged, or rolls it back to an
//! older version (git loses files racing itself the same way). Records are never deleted and
//! their lists only grow, so the next ledger change puts such a record back as ledger last
//! committed it, in its own commit, and says so. The commit that took it back stays in the
//! history, where `verify` reports it.

use std::path::Path;

use git2::{Commit, ObjectType, Oid, Repository, Tree};

use super::codec;
use super::layout::{self, PathRole};
use super::repo::Ledger;
use crate::error::Result;
use crate::model::immutable::{self, Mode};

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
    let (Some(before), Some(now)) = (root(ledger, &last)?, root(ledger, parent)?) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    compare(
        repo,
        &before,
        Some(&now),
        &ledger.prefix,
        &ledger.prefix,
        &mut out,
    )?;
    out.retain(|l| match l.what {
        "deleted" => true,
        _ => rolled_back(ledger, &last, l, parent),
    });
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

/// Record files of `before` that `now` lacks or holds differently, descending only into
/// folders whose ids differ.
fn compare(
    repo: &Repository,
    before: &Tree<'_>,
    now: Option<&Tree<'_>>,
    prefix: &str,
    dir: &str,
    out: &mut Vec<Lost>,
) -> Result<()> {
    for e in before.iter() {
        let Some(name) = e.name() else { continue };
        let there = now.and_then(|t| t.get_name(name));
        if there.as_ref().is_some_and(|t| t.id() == e.id()) {
            continue;
        }
        let path = format!("{dir}{name}");
        match e.kind() {
            Some(ObjectType::Tree) => {
                let sub = match &there {
                    Some(t) if t.kind() == Some(ObjectType::Tree) => Some(repo.find_tree(t.id())?),
                    _ => None,
                };
                let old = repo.find_tree(e.id())?;
                compare(repo, &old, sub.as_ref(), prefix, &format!("{path}/"), out)?;
            }
            Some(ObjectType::Blob) => {
                let rel = path.strip_prefix(prefix).unwrap_or(&path);
                if !matches!(layout::classify(rel), PathRole::Record(..)) {
                    continue;
                }
                out.push(Lost {
                    path,
                    blob: e.id(),
                    what: if there.is_some() {
                        "rolled back"
                    } else {
                        "deleted"
                    },
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// True when the record at `l.path` in `now` is one of its own older versions that the rules
/// forbid going back to (notes or reschedules lost, a close undone): a stale index, not an edit.
fn rolled_back(ledger: &Ledger, last: &Commit<'_>, l: &Lost, now: &Commit<'_>) -> bool {
    let repo = &ledger.repo;
    let rel = l
        .path
        .strip_prefix(ledger.prefix.as_str())
        .unwrap_or(&l.path);
    let PathRole::Record(kind, _) = layout::classify(rel) else {
        return false;
    };
    let Some(current) = now
        .tree()
        .ok()
        .and_then(|t| t.get_path(Path::new(&l.path)).ok())
        .map(|e| e.id())
    else {
        return false;
    };
    let parse = |blob: Oid| {
        repo.find_blob(blob)
            .ok()
            .and_then(|b| codec::parse_record(kind, b.content()).ok())
    };
    let (Some(ours), Some(theirs)) = (parse(l.blob), parse(current)) else {
        return false;
    };
    if immutable::breaches(&ours, &theirs, Mode::Commit).is_empty() {
        return false;
    }
    was_committed(last.parent(0).ok(), &l.path, current)
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
