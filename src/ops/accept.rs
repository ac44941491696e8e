//! `accept`: the one asked takes an ask on; it becomes a linked commitment in the same commit.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::{actions, Commitment, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// An ask to accept. Text and handles are already checked; the ask is resolved here.
#[derive(Clone, Debug)]
pub struct Accept {
    /// The ask, as typed.
    pub id: String,
    /// The commitment's due date; the ask's needed-by date when `None`.
    pub due: Option<NaiveDate>,
    /// Who commits; the one who was asked when `None`.
    pub by: Option<String>,
    /// What is promised, when it differs from what was asked.
    pub what: Option<String>,
    /// The day it was accepted.
    pub date: NaiveDate,
}

/// Records the commitment and the accepted ask; returns the commitment as committed.
pub fn accept(ledger: &Ledger, a: &Accept) -> Result<Recorded> {
    let date = a.date;
    let mut txn = super::begin(ledger)?;
    let ask_id = super::resolve_id(&mut txn, &a.id)?;
    let entry = txn.read(&ask_id)?;
    let Record::Ask(ask) = &entry.record else {
        return Err(Error::user(format!(
            "cannot accept {} {ask_id}: only asks are accepted",
            entry.record.kind()
        )));
    };
    let due = a.due.or(ask.due).ok_or_else(|| {
        Error::user(format!(
            "ask {ask_id} has no needed-by date, so the commitment needs one"
        ))
        .hint("pass --due DATE")
    })?;
    let id = txn.new_id(Kind::Commitment)?;
    let mut updated = entry.record.clone();
    actions::accept(&mut updated, date, &id)?;
    super::stamp(ledger, Some(&entry.record), &mut updated)?;
    let commitment = Record::Commitment(Commitment {
        meeting: ask.meeting.clone(),
        ask: Some(ask_id.clone()),
        tags: ask.tags.clone(),
        ..Commitment::new(
            id.clone(),
            date,
            a.what.clone().unwrap_or_else(|| ask.what.clone()),
            a.by.clone().unwrap_or_else(|| ask.to.clone()),
            ask.from.clone(),
            due,
        )
    });
    let Record::Commitment(c) = &commitment else {
        unreachable!()
    };
    let message = Message::new(
        subject(&c.by, "accepts", ask_id.as_str(), &c.what),
        "accept",
    )
    .body(c.what.clone())
    .body(super::facts(&[
        (
            "Promised",
            Some(format!("by {} to {} on {date}, as {id}", c.by, c.to)),
        ),
        ("Due", Some(due.to_string())),
        (
            "Asked",
            Some(format!("by {} on {}: {}", ask.from, ask.date, ask.what)),
        ),
        ("Links", super::links(&commitment)),
    ]))
    .record(&id)
    .trailer(key::ID, ask_id.as_str())
    .trailer(key::ASK, ask_id.as_str());
    let commit = txn.commit(
        vec![
            super::create(&commitment)?,
            super::update(&entry.path, &updated)?,
        ],
        &message,
    )?;
    Ok(Recorded {
        record: commitment,
        commit,
    })
}
