//! `block` and `unblock`: a commitment waiting on something else, and no longer.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::{actions, Kind, Record, RecordId};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message, Txn};

/// A blocker to record: what it waits on, a record or words or both. The reason is already
/// checked; the ids are resolved here.
#[derive(Clone, Debug)]
pub struct Block {
    /// The commitment that waits, as typed.
    pub id: String,
    /// The record it waits on, as typed.
    pub on: Option<String>,
    /// What it waits on, in words.
    pub reason: Option<String>,
    /// The day it was blocked.
    pub date: NaiveDate,
}

/// What `block` recorded, with what it waits on in words.
#[derive(Clone, Debug)]
pub struct Blocked {
    /// The record and its commit.
    pub recorded: Recorded,
    /// "com-… (reason)", "com-…" or the reason.
    pub on: String,
}

/// Records the blocker and returns the commitment as committed.
pub fn block(ledger: &Ledger, b: &Block) -> Result<Blocked> {
    if b.on.is_none() && b.reason.is_none() {
        return Err(Error::user("block needs --on ID or --reason TEXT"));
    }
    let mut txn = super::begin(ledger)?;
    let (id, path, mut record, people) = read(&mut txn, &b.id)?;
    let who = super::actor(ledger, &people, &record);
    let on = match &b.on {
        Some(input) => Some(resolve_all(ledger, &mut txn, input)?),
        None => None,
    };
    // A meeting is never closed, so a commitment waiting on one would stay blocked forever.
    if let Some(m) = on.as_ref().filter(|o| o.kind() == Kind::Meeting) {
        return Err(Error::user(format!(
            "--on {m} is a meeting, which never closes, so {} would stay blocked for good",
            record.id()
        ))
        .hint("wait on a commitment or an ask made in it, or say what is awaited with --reason"));
    }
    // A loop of waits never clears: each would stay blocked until the other is done.
    if let Some(o) = on.as_ref().filter(|o| **o != id) {
        let chain =
            crate::model::cycles::blocking_loop(&id, o, |r| txn.read(r).ok().map(|e| e.record));
        if let Some(chain) = chain {
            let path = std::iter::once(&id)
                .chain(&chain)
                .map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(" -> ");
            return Err(Error::user(format!(
                "{id} cannot wait on {o}: {o} already waits on {id} ({path}), so neither could ever be unblocked"
            ))
            .hint(format!("unblock one of them first (ledger unblock ID), or say what {id} waits for with --reason")));
        }
    }
    actions::block(&mut record, b.date, on.clone(), b.reason.clone())?;
    let what = match (&on, &b.reason) {
        (Some(o), Some(r)) => format!("{o} ({r})"),
        (Some(o), None) => o.to_string(),
        (None, Some(r)) => r.clone(),
        (None, None) => unreachable!("refused above"),
    };
    let mut message = Message::new(
        subject(&who, "blocks", id.as_str(), record.headline()),
        "block",
    )
    .body(record.headline().to_string())
    .body(super::facts(&[("Blocked on", Some(what.clone()))]));
    if let Some(o) = &on {
        message = message.trailer(key::BLOCKED_ON, o.as_str());
    }
    if let Some(r) = &b.reason {
        message = message.trailer(key::REASON, r);
    }
    let recorded = commit(txn, &id, &path, record, message)?;
    Ok(Blocked { recorded, on: what })
}

/// Clears a commitment's blocker and returns it as committed.
pub fn unblock(ledger: &Ledger, id: &str) -> Result<Recorded> {
    let mut txn = super::begin(ledger)?;
    let (id, path, mut record, people) = read(&mut txn, id)?;
    actions::unblock(&mut record)?;
    let who = super::actor(ledger, &people, &record);
    let message = Message::new(
        subject(&who, "unblocks", id.as_str(), record.headline()),
        "unblock",
    )
    .body(record.headline().to_string());
    commit(txn, &id, &path, record, message)
}

/// The record to change, its path, and the people file.
fn read(
    txn: &mut Txn<'_>,
    input: &str,
) -> Result<(RecordId, String, Record, crate::model::People)> {
    let id = super::resolve_id(txn, input)?;
    let entry = txn.read(&id)?;
    let people = txn.people()?;
    Ok((id, entry.path, entry.record, people))
}

/// Resolves the record waited on against every record of the parent commit (any kind).
fn resolve_all(ledger: &Ledger, txn: &mut Txn<'_>, input: &str) -> Result<RecordId> {
    let ids = match txn.parent() {
        Some(c) => {
            crate::store::write::ids_at(ledger, c.id(), Some(&crate::history::view::Locator))?
        }
        None => Vec::new(),
    };
    crate::model::resolve::resolve(input, &ids)
}

fn commit(
    txn: Txn<'_>,
    id: &RecordId,
    path: &str,
    record: Record,
    message: Message,
) -> Result<Recorded> {
    super::validate_new(&record)?;
    let commit = txn.commit(vec![super::write_of(path, &record)], &message.record(id))?;
    Ok(Recorded { record, commit })
}
