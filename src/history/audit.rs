//! The audit trail of the whole ledger: one entry per commit that changed it, newest first,
//! named by its trailers, or, for commits made with plain git, by the files they touched.

use chrono::NaiveDate;
use git2::{Oid, Sort};
use serde::Serialize;

use super::origin::CommitInfo;
use crate::error::Result;
use crate::model::{Kind, People, RecordId};
use crate::store::layout::{self, PathRole};
use crate::store::message::{key, trailer, trailers};
use crate::store::{diff, Ledger};

/// One change to the ledger.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    #[serde(flatten)]
    pub commit: CommitInfo,
    /// The `Ledger-Action` trailer; `hand-edit` (or `merge`) for commits made with plain git.
    pub action: String,
    /// The records it changed: its `Ledger-Id` trailers, or the record files it touched.
    pub ids: Vec<String>,
    /// The `Ledger-Reason` trailer, if any.
    pub reason: Option<String>,
    /// True when the commit carries no ledger trailers (made with plain git).
    pub by_hand: bool,
    /// Files touched (ledger-relative), listed for commits made with plain git only.
    pub paths: Vec<String>,
}

/// Which entries to keep.
#[derive(Clone, Debug, Default)]
pub struct LogQuery {
    /// First day (commit date, inclusive).
    pub since: Option<NaiveDate>,
    /// Last day (commit date, inclusive).
    pub until: Option<NaiveDate>,
    /// Author: a people-file handle (matched by email), or part of the git name or email.
    pub author: Option<String>,
    /// Only changes to records of these kinds.
    pub kinds: Vec<Kind>,
    /// Only changes to this record.
    pub id: Option<RecordId>,
}

/// The commit's day in its own time zone, as `--as-of` counts days.
fn day_of(info: &CommitInfo) -> NaiveDate {
    info.at.date_naive()
}

fn author_matches(info: &CommitInfo, wanted: &str, people: &People) -> bool {
    let w = wanted.to_lowercase();
    if let Some(email) = people.get(wanted).and_then(|p| p.email.as_deref()) {
        if email.eq_ignore_ascii_case(&info.email) {
            return true;
        }
    }
    info.author.to_lowercase().contains(&w) || info.email.to_lowercase().contains(&w)
}

/// The ledger files a commit changed against its first parent (all of them for a root commit).
fn touched(ledger: &Ledger, commit: &git2::Commit<'_>) -> Result<Vec<String>> {
    let new = ledger.tree_at(commit.id())?;
    // A shallow clone's oldest commit names a parent it does not have: count it as a root.
    let old = match commit.parent_id(0) {
        Ok(p) => ledger.tree_at(p).ok().flatten(),
        Err(_) => None,
    };
    diff::changed_paths(&ledger.repo, old.as_ref(), new.as_ref())
}

/// The ledger's changes reachable from `from`, newest first, that pass `query`.
pub fn log(ledger: &Ledger, from: Oid, query: &LogQuery, people: &People) -> Result<Vec<LogEntry>> {
    let repo = &ledger.repo;
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    let mut out = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let info = CommitInfo::of(&commit);
        let day = day_of(&info);
        if query.since.is_some_and(|s| day < s) || query.until.is_some_and(|u| day > u) {
            continue;
        }
        if let Some(a) = &query.author {
            if !author_matches(&info, a, people) {
                continue;
            }
        }
        let message = commit.message().unwrap_or("");
        let entry = match trailer(message, key::ACTION) {
            Some(action) => LogEntry {
                action,
                ids: trailers(message, key::ID),
                reason: trailer(message, key::REASON),
                by_hand: false,
                paths: Vec::new(),
                commit: info,
            },
            None => {
                let paths = touched(ledger, &commit)?;
                if paths.is_empty() {
                    continue; // not a change to the ledger
                }
                let ids = paths
                    .iter()
                    .filter_map(|p| match layout::classify(p) {
                        PathRole::Record(_, id) => Some(id.to_string()),
                        _ => None,
                    })
                    .collect();
                LogEntry {
                    action: if commit.parent_count() > 1 {
                        "merge"
                    } else {
                        "hand-edit"
                    }
                    .into(),
                    ids,
                    reason: None,
                    by_hand: true,
                    paths,
                    commit: info,
                }
            }
        };
        if !query.kinds.is_empty()
            && !entry
                .ids
                .iter()
                .any(|i| RecordId::parse(i).is_ok_and(|i| query.kinds.contains(&i.kind())))
        {
            continue;
        }
        if let Some(id) = &query.id {
            if !entry.ids.iter().any(|i| i == id.as_str()) {
                continue;
            }
        }
        out.push(entry);
    }
    Ok(out)
}
