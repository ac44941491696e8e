//! `undo`: takes back the last change you made with ledger, as a new commit that names the one
//! it undoes (`Ledger-Undoes`), so history keeps both. A record the undone change made is
//! removed; a record it changed gets back the version it had before.
//!
//! It is for a slip noticed at once (a typo'd ask, a note on the wrong record), not a way to
//! rewrite what others have seen: it refuses when anything builds on the change (a later commit
//! touching the same files, a link to one of its records, a sync that shared it), and it never
//! takes back a decision, which is revoked or superseded in the open.

use crate::error::Result;
use crate::history::undoable;
pub use crate::history::undoable::Back;
use crate::model::RecordId;
use crate::store::message::{key, subject};
use crate::store::{CommitId, Ledger, Message};

/// What `undo` did.
#[derive(Clone, Debug)]
pub struct Undone {
    /// The commit undone.
    pub undone: CommitId,
    /// Its subject line.
    pub subject: String,
    /// Its `Ledger-Action`.
    pub action: String,
    /// Each record it had made or changed, and what became of it.
    pub records: Vec<(RecordId, Back)>,
    /// The new commit.
    pub commit: CommitId,
}

/// Undoes the last change you (git's `user.email`, else `user.name`) made with ledger on this
/// branch that is not an undo or already undone. Running it again goes one change further back.
pub fn undo(ledger: &Ledger) -> Result<Undone> {
    // No catch-up of recurring commitments first: undo takes back the change before it.
    let mut txn = crate::store::Txn::begin(ledger)?.with_cache(&crate::history::view::Locator);
    let plan = undoable::plan(ledger, txn.parent().map(|c| c.id()))?;
    let people = txn.people().unwrap_or_default();
    let who = super::me(ledger, &people).unwrap_or_else(|_| "someone".into());
    let main = plan
        .records
        .first()
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| plan.short.clone());
    let what = format!("{} of {}", plan.action, plan.short);
    let mut m = Message::new(subject(&who, "undoes", &main, &what), "undo")
        .body(format!("Undoes {}: {}", plan.short, plan.subject))
        .body(super::facts(&[
            ("Removed", join(&plan.records, Back::Removed)),
            ("Restored", join(&plan.records, Back::Restored)),
        ]));
    for (i, (id, _)) in plan.records.iter().enumerate() {
        m = if i == 0 {
            m.record(id)
        } else {
            m.trailer(key::ID, id.as_str())
        };
    }
    let m = m.trailer(key::UNDOES, plan.target.to_string());
    let commit = txn.commit_blobs(plan.files, &m)?;
    Ok(Undone {
        undone: plan.target,
        subject: plan.subject,
        action: plan.action,
        records: plan.records,
        commit,
    })
}

fn join(records: &[(RecordId, Back)], which: Back) -> Option<String> {
    let ids: Vec<&str> = records
        .iter()
        .filter(|(_, b)| *b == which)
        .map(|(id, _)| id.as_str())
        .collect();
    (!ids.is_empty()).then(|| ids.join(", "))
}
