//! Which change `undo` would take back, and why it may not: the last change you made with ledger
//! on this branch that is not an undo or already undone, what it wrote, and whether anything
//! built on it since (a later change to the same files, a link to one of its records, a sync or
//! a push that shared it). `ops::undo` turns the answer into a commit.

use std::collections::HashSet;

use git2::{Commit, Oid};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Kind, RecordId};
use crate::store::layout::{self, PathRole};
use crate::store::message::{self, key};
use crate::store::{codec, diff, CommitId, Ledger};

/// What one record goes back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Back {
    /// The undone change made it, so it is gone from the ledger (its history stays in git).
    Removed,
    /// The undone change changed it; it is as it was before.
    Restored,
}

/// The change to take back, and how.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The commit to undo.
    pub target: CommitId,
    /// Its id, shortened as the messages show it.
    pub short: String,
    /// Its subject line.
    pub subject: String,
    /// Its `Ledger-Action`.
    pub action: String,
    /// Each record it made or changed, main record first, and what becomes of it.
    pub records: Vec<(RecordId, Back)>,
    /// Every file it changed (repository paths), with the blob it goes back to (`None`: removed).
    pub files: Vec<(String, Option<Oid>)>,
}

/// Why `undo` refuses, and what to use instead.
fn refuse(why: String) -> Error {
    Error::user(why)
        .of_kind(ErrorKind::Refused)
        .hint("undo only takes back a change nothing builds on yet; close the record in the open instead: ledger cancel (a commitment), ledger withdraw (an ask you made), ledger decline (an ask to you), or add a note")
}

fn short(oid: Oid) -> String {
    oid.to_string()[..10].to_string()
}

fn describe(c: &Commit<'_>) -> String {
    format!(
        "{} ({}, by {})",
        short(c.id()),
        c.summary().unwrap_or_default(),
        c.author().name().unwrap_or("?")
    )
}

/// The plan for undoing your last change, looking back from `head`; refuses (saying why and
/// what to use instead) when there is none or something builds on it.
pub fn plan(ledger: &Ledger, head: Option<CommitId>) -> Result<Plan> {
    let repo = &ledger.repo;
    let (name, email) = crate::store::identity::user(repo);
    let mine = |c: &Commit<'_>| match &email {
        Some(e) => c.author().email() == Some(e.as_str()),
        None => name.is_some() && c.author().name() == name.as_deref(),
    };
    let nothing = || {
        Error::user("there is no change of yours to undo on this branch")
            .of_kind(ErrorKind::NotFound)
            .hint("undo takes back changes made with ledger by git's user.email; see them with `ledger log`")
    };
    let mut at = match head {
        Some(h) => repo.find_commit(h)?,
        None => return Err(nothing()),
    };
    let mut later: Vec<Commit<'_>> = Vec::new();
    let mut undone: HashSet<Oid> = HashSet::new();
    let target = loop {
        let text = at.message().unwrap_or_default().to_string();
        let action = message::trailer(&text, key::ACTION);
        if let Some(u) = message::trailer(&text, key::UNDOES) {
            if let Ok(o) = Oid::from_str(&u) {
                undone.insert(o);
            }
        }
        let candidate = at.parent_count() < 2
            && mine(&at)
            // The occurrences a series adds on its own are the ledger's, not a change of yours.
            && action.as_deref().is_some_and(|a| a != "undo" && a != "recur")
            && !undone.contains(&at.id());
        if candidate {
            break at;
        }
        let Ok(p) = at.parent(0) else {
            return Err(nothing());
        };
        later.push(at);
        at = p;
    };
    let text = target.message().unwrap_or_default().to_string();
    let action = message::trailer(&text, key::ACTION).unwrap_or_default();
    if matches!(action.as_str(), "init" | "sync" | "restore") {
        return Err(refuse(format!(
            "your last change, {}, is a `{action}`, which undo does not take back",
            describe(&target)
        )));
    }
    // What it changed, in the ledger's files only.
    let before_tree = target.parent(0).ok().map(|p| p.tree()).transpose()?;
    let after_tree = target.tree()?;
    let paths: Vec<String> = diff::changed_paths(repo, before_tree.as_ref(), Some(&after_tree))?
        .into_iter()
        .filter(|p| {
            p.strip_prefix(ledger.prefix.as_str())
                .is_some_and(|r| !matches!(layout::classify(r), PathRole::Other))
        })
        .collect();
    let rel = |p: &str| {
        p.strip_prefix(ledger.prefix.as_str())
            .unwrap_or(p)
            .to_string()
    };
    let mut ids: Vec<RecordId> = Vec::new();
    let mut settings = false;
    for p in &paths {
        match layout::classify(&rel(p)) {
            PathRole::Record(Kind::Decision, id) => {
                return Err(Error::user(format!(
                    "{} recorded decision {id}, and a decision is never undone",
                    describe(&target)
                ))
                .of_kind(ErrorKind::Refused)
                .hint(format!(
                    "revoke it (ledger revoke {id} --reason ...) or supersede it (ledger decide ... --supersedes {id}); both keep the record of what was decided"
                )));
            }
            PathRole::Record(_, id) => ids.push(id),
            _ => settings = true,
        }
    }
    // Anything built on it since?
    for c in &later {
        // A change and its undo, both after this one, cancel out: nothing of them is left.
        let is_undo = c
            .message()
            .and_then(|m| message::trailer(m, key::UNDOES))
            .is_some();
        if is_undo || undone.contains(&c.id()) {
            continue;
        }
        if c.parent_count() > 1 {
            return Err(refuse(format!(
                "{} was shared by a sync since ({}): others may already have it",
                describe(&target),
                describe(c)
            )));
        }
        if c.message()
            .and_then(|m| message::trailer(m, key::ACTION))
            .is_some()
            && settings
        {
            return Err(refuse(format!(
                "{} changed the people file or the settings, and later changes may rely on it ({})",
                describe(&target),
                describe(c)
            )));
        }
        let parent = c.parent(0).ok().map(|p| p.tree()).transpose()?;
        let tree = c.tree()?;
        for p in diff::changed_paths(repo, parent.as_ref(), Some(&tree))? {
            if paths.contains(&p) {
                return Err(refuse(format!(
                    "a later change, {}, also changed {}",
                    describe(c),
                    rel(&p)
                )));
            }
            let PathRole::Record(kind, other) = layout::classify(&rel(&p)) else {
                continue;
            };
            let Ok(entry) = tree.get_path(std::path::Path::new(&p)) else {
                continue;
            };
            let blob = repo.find_blob(entry.id())?;
            let Ok(record) = codec::parse_record(kind, blob.content()) else {
                continue;
            };
            if let Some((field, id)) = record
                .references()
                .into_iter()
                .find(|(_, r)| ids.contains(r))
            {
                return Err(refuse(format!(
                    "{other} links to {id} ({field}) since {}",
                    describe(c)
                )));
            }
        }
    }
    for r in repo.references_glob("refs/remotes/*")? {
        let Some(tip) = r?.target() else { continue };
        if tip == target.id() || repo.graph_descendant_of(tip, target.id())? {
            return Err(refuse(format!(
                "{} is already on a remote (it was synced or pushed): others may have it",
                describe(&target)
            )));
        }
    }
    // Put back every file as it was before.
    let blob_in = |t: Option<&git2::Tree<'_>>, p: &str| {
        t.and_then(|t| t.get_path(std::path::Path::new(p)).ok())
            .map(|e| e.id())
    };
    let mut files = Vec::new();
    let mut records = Vec::new();
    for p in &paths {
        let back = blob_in(before_tree.as_ref(), p);
        if let PathRole::Record(_, id) = layout::classify(&rel(p)) {
            records.push((
                id,
                if back.is_none() {
                    Back::Removed
                } else {
                    Back::Restored
                },
            ));
        }
        files.push((p.clone(), back));
    }
    // The records in the order the undone commit named them, main record first.
    let named = message::trailers(&text, key::ID);
    records.sort_by_key(|(id, _)| {
        named
            .iter()
            .position(|n| n == id.as_str())
            .unwrap_or(usize::MAX)
    });
    // The records in the order the undone commit named them, main record first.
    let named = message::trailers(&text, key::ID);
    records.sort_by_key(|(id, _)| {
        named
            .iter()
            .position(|n| n == id.as_str())
            .unwrap_or(usize::MAX)
    });
    Ok(Plan {
        target: target.id(),
        short: short(target.id()),
        subject: target.summary().unwrap_or_default().to_string(),
        action,
        records,
        files,
    })
}
