//! A record's life from the git history: every commit that changed its file, with the fields
//! that changed. Versions are compared as parsed YAML, so hand edits made with plain git show
//! up like any other change.

use std::path::Path;

use git2::{Oid, Repository, Sort};
use serde::Serialize;
use serde_json::Value;

use super::index;
use super::origin::CommitInfo;
use crate::error::Result;
use crate::model::Kind;
use crate::store::message::{key, trailer};
use crate::store::{codec, Ledger};

/// One field that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub field: String,
    pub from: Value,
    pub to: Value,
}

/// One commit that changed a record.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    #[serde(flatten)]
    pub commit: CommitInfo,
    /// The `Ledger-Action` trailer; `create`/`hand-edit` for commits made without ledger;
    /// `merge` for a merge that changed the record.
    pub action: String,
    /// The `Ledger-Reason` trailer, if any.
    pub reason: Option<String>,
    /// True when the commit carries no ledger trailers (made with plain git), or carries a
    /// `Ledger-Action` that does not match what it changed (forged or copied trailers).
    pub by_hand: bool,
    /// The action such a commit's trailers claim, when they do not match what it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed_action: Option<String>,
    pub changes: Vec<Change>,
}

fn blob_at(commit: &git2::Commit<'_>, path: &Path) -> Option<Oid> {
    commit.tree().ok()?.get_path(path).ok().map(|e| e.id())
}

/// The record's fields as JSON, or a note that the version does not parse.
fn parsed(repo: &Repository, kind: Kind, blob: Oid) -> Value {
    let Ok(b) = repo.find_blob(blob) else {
        return Value::Null;
    };
    match codec::parse_record(kind, b.content()) {
        Ok(r) => serde_json::to_value(&r).unwrap_or(Value::Null),
        Err(e) => {
            serde_json::json!({"(unparseable)": format!("line {}: {}", e.line.unwrap_or(1), e.message)})
        }
    }
}

/// The fields that differ between two versions, in the newer version's field order.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (k, v) in a {
        if b.get(k) != Some(v) {
            out.push(Change {
                field: k.clone(),
                from: b.get(k).cloned().unwrap_or(Value::Null),
                to: v.clone(),
            });
        }
    }
    for (k, v) in b {
        if !a.contains_key(k) {
            out.push(Change {
                field: k.clone(),
                from: v.clone(),
                to: Value::Null,
            });
        }
    }
    out
}

/// Every commit reachable from `from` that changed the file at `path` (ledger-relative),
/// oldest first. A merge is listed only when its result differs from every parent.
///
/// The commits come from the history index (`index`), so this costs the record's own changes;
/// only a `from` outside HEAD's history falls back to walking every commit.
pub fn events(ledger: &Ledger, from: Oid, path: &str, kind: Kind) -> Result<Vec<Event>> {
    let commits = candidates(ledger, from, path, Reading::Many)?;
    events_in(ledger, commits, path, kind)
}

/// Like [`events`], for a command that reads one record's history (`history ID`): with no index
/// on disk yet it walks the history for this one path rather than build the index of every
/// record. Same events either way.
pub fn events_of_one(ledger: &Ledger, from: Oid, path: &str, kind: Kind) -> Result<Vec<Event>> {
    let commits = candidates(ledger, from, path, Reading::One)?;
    events_in(ledger, commits, path, kind)
}

fn events_in(ledger: &Ledger, commits: Vec<Oid>, path: &str, kind: Kind) -> Result<Vec<Event>> {
    let repo = &ledger.repo;
    let full = ledger.repo_path(path);
    let p = Path::new(&full);
    let mut out = Vec::new();
    for oid in commits {
        let commit = repo.find_commit(oid)?;
        let Some(now) = blob_at(&commit, p) else {
            continue;
        };
        let parents: Vec<Option<Oid>> = commit.parents().map(|pc| blob_at(&pc, p)).collect();
        if parents.contains(&Some(now)) {
            continue;
        }
        let before = parents.first().copied().flatten();
        let message = commit.message().unwrap_or("");
        let ledger_action = trailer(message, key::ACTION);
        let by_hand = ledger_action.is_none();
        let action = match ledger_action {
            Some(a) => a,
            None if parents.len() > 1 => "merge".into(),
            None if before.is_none() => "create".into(),
            None => "hand-edit".into(),
        };
        let old = before.map(|b| parsed(repo, kind, b)).unwrap_or(Value::Null);
        let new = parsed(repo, kind, now);
        let changes = diff(&old, &new);
        // Trailers that claim an action the change does not match are not believed.
        let forged = before.is_some()
            && parents.len() == 1
            && crate::store::message::fields_of(&action).is_some_and(|allowed| {
                changes.iter().any(|c| !allowed.contains(&c.field.as_str()))
            });
        let (action, by_hand, claimed_action) = match forged {
            true => ("hand-edit".to_string(), true, Some(action)),
            false => (action, by_hand, None),
        };
        out.push(Event {
            commit: CommitInfo::of(&commit),
            action,
            reason: trailer(message, key::REASON),
            by_hand,
            claimed_action,
            changes,
        });
    }
    Ok(out)
}

/// How many records' histories a command reads: building the history index pays off for many,
/// never for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    One,
    Many,
}

/// Commits reachable from `from` that may have changed `path`, parents before children: from
/// the index when `from` is HEAD or in its past, else from a walk of every commit; with no index
/// on disk, from a walk that reads only the trees on `path` (`walk`).
pub(crate) fn candidates(
    ledger: &Ledger,
    from: Oid,
    path: &str,
    reading: Reading,
) -> Result<Vec<Oid>> {
    let repo = &ledger.repo;
    if let Some(head) = ledger.head()? {
        let head = head.id();
        if reading == Reading::One && !index::present(ledger) {
            // A fresh clone: one path's walk, not every record's.
            return super::walk::commits(ledger, from, path);
        }
        if head == from || repo.graph_descendant_of(head, from)? {
            let idx = index::at(ledger, head)?;
            let all = idx.commits(path);
            if head == from {
                return Ok(all);
            }
            // An older `from` (as-of): keep the changes it can reach.
            let mut keep = Vec::new();
            for c in all {
                if c == from || repo.graph_descendant_of(from, c)? {
                    keep.push(c);
                }
            }
            return Ok(keep);
        }
    }
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME | Sort::REVERSE)?;
    Ok(walk.collect::<std::result::Result<Vec<_>, _>>()?)
}
