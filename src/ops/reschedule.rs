//! `reschedule`: a commitment's due date (or an ask's needed-by date) moves, with its reason.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::{actions, outcome, verdict, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// A move to record. The reason and handle are already checked; the id is resolved here.
#[derive(Clone, Debug)]
pub struct Reschedule {
    /// The commitment or ask, as typed: a whole id, a unique prefix or its file's path.
    pub id: String,
    /// The new due date.
    pub due: NaiveDate,
    /// Why it moved.
    pub reason: String,
    /// The day it was renegotiated.
    pub date: NaiveDate,
    /// The day it is recorded ("today"), against which a backdated move is judged.
    pub recorded_on: NaiveDate,
    /// Who renegotiated it; the current user (else the record's owner) when `None`.
    pub by: Option<String>,
}

/// What `reschedule` recorded, with what the summary of a move tells.
#[derive(Clone, Debug)]
pub struct Rescheduled {
    /// The record and its commit.
    pub recorded: Recorded,
    /// The due date it moved from.
    pub from: NaiveDate,
    /// How many times the commitment has now been moved (0 for an ask).
    pub moves: usize,
    /// For a commitment moved after its due date had passed, by how many days.
    pub days_late: Option<i64>,
}

/// Records the move and returns the record as committed.
pub fn reschedule(ledger: &Ledger, r: &Reschedule) -> Result<Rescheduled> {
    let (date, due) = (r.date, r.due);
    let mut txn = super::begin(ledger)?;
    let id = super::resolve_id(&mut txn, &r.id)?;
    let entry = txn.read(&id)?;
    let people = txn.people()?;
    let given: Vec<_> = r.by.as_deref().map(|b| ("--by", b)).into_iter().collect();
    super::known_people(&mut txn, &people, &given)?;
    let mut record = entry.record.clone();
    let by = r.by.clone().or_else(|| super::me(ledger, &people).ok());
    // A move recorded after the due date had passed, dated before it, would turn a broken
    // promise into one renegotiated in time on the word of a typed date alone.
    if let (Record::Commitment(_), Some(old)) = (&record, record.due()) {
        if outcome::backdated_in_time(date, old, r.recorded_on) {
            return Err(Error::user(format!(
                "{} was due {old}, which had passed before this reschedule was recorded \
                 ({}); a --date of {date} would count it as renegotiated in time",
                record.id(),
                r.recorded_on
            ))
            .hint(format!(
                "record it as made when it is recorded (leave out --date, or give a day \
                 after {old}): it counts as rescheduled after it was due"
            )));
        }
    }
    let old = actions::reschedule(&mut record, date, due, &r.reason, by.clone())?;
    let moves = match &record {
        Record::Commitment(c) => c.reschedules.len(),
        _ => 0,
    };
    let late = (date - old).num_days();
    let days_late = (late > 0 && record.kind() == Kind::Commitment).then_some(late);
    let who = by.unwrap_or_else(|| record.owner().unwrap_or("someone").to_string());
    let message = Message::new(
        subject(&who, "reschedules", id.as_str(), record.headline()),
        "reschedule",
    )
    .body(record.headline().to_string())
    .body(super::facts(&[
        ("Due", Some(format!("{old} -> {due}"))),
        ("Reason", Some(r.reason.clone())),
        ("Moved", days_late.map(verdict::moved_late)),
        ("Links", super::links(&record)),
    ]))
    .trailer(key::REASON, &r.reason)
    .trailer(key::DUE, format!("{old} -> {due}"))
    .record(&id);
    super::stamp(ledger, Some(&entry.record), &mut record)?;
    super::validate_new(&record)?;
    let commit = txn.commit(vec![super::write_of(&entry.path, &record)], &message)?;
    Ok(Rescheduled {
        recorded: Recorded { record, commit },
        from: old,
        moves,
        days_late,
    })
}
