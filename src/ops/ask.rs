//! `ask`: someone asks someone else for something, one new record and one commit.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::Result;
use crate::model::{self, Kind, Record, Status};
use crate::store::message::subject;
use crate::store::{Ledger, Message};

/// An ask to record. Text and handles are already checked; the meeting is resolved here.
#[derive(Clone, Debug)]
pub struct Ask {
    /// What is asked for.
    pub what: String,
    /// Who asks; the current user when `None`.
    pub from: Option<String>,
    /// Whom it is asked of.
    pub to: String,
    /// The day it was asked.
    pub date: NaiveDate,
    /// Needed by.
    pub due: Option<NaiveDate>,
    /// Why it matters.
    pub why: Option<String>,
    /// The meeting it was asked in, as typed.
    pub meeting: Option<String>,
    /// Where it was asked (a channel, a link).
    pub place: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
}

/// Records the ask and returns it as committed.
pub fn ask(ledger: &Ledger, a: &Ask) -> Result<Recorded> {
    let mut txn = super::begin(ledger)?;
    let people = txn.people()?;
    let mut given = vec![("--to", a.to.as_str())];
    given.extend(a.from.as_deref().map(|f| ("--from", f)));
    super::known_people(&mut txn, &people, &given)?;
    let from = super::given_or_me(ledger, &people, a.from.as_deref())?;
    let meeting = super::linked_meeting(&mut txn, a.meeting.as_deref())?;
    let id = txn.new_id(Kind::Ask)?;
    let (date, to, due) = (a.date, &a.to, a.due);
    let record = Record::Ask(model::Ask {
        id: id.clone(),
        kind: Kind::Ask,
        status: Status::Open,
        date,
        what: a.what.clone(),
        from: from.clone(),
        to: to.clone(),
        due,
        why: a.why.clone(),
        meeting,
        place: a.place.clone(),
        tags: a.tags.clone(),
        commitment: None,
        decision: None,
        evidence: Vec::new(),
        notes: Vec::new(),
        closed: None,
        closed_at: None,
        reason: None,
        source: None,
    });
    let message = Message::new(subject(&from, "asks", id.as_str(), &a.what), "ask")
        .body(a.what.clone())
        .body(super::facts(&[
            ("Asked", Some(format!("by {from} of {to} on {date}"))),
            ("Needed by", due.map(|d| d.to_string())),
            ("Why", a.why.clone()),
            ("Links", super::links(&record)),
        ]))
        .record(&id);
    let commit = txn.commit(vec![super::create(&record)?], &message)?;
    Ok(Recorded { record, commit })
}
