//! `note`: a dated progress note on an ask or a commitment, one commit.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::Result;
use crate::model::actions;
use crate::store::message::subject;
use crate::store::{Ledger, Message};

/// A note to record. The text and handle are already checked (the command line does that with
/// the flag names in its messages); the id is resolved here, against the ledger at the moment
/// of recording.
#[derive(Clone, Debug)]
pub struct Note {
    /// The ask or commitment, as typed: a whole id, a unique prefix or its file's path.
    pub id: String,
    /// The note.
    pub text: String,
    /// The day it was noted.
    pub date: NaiveDate,
    /// Who makes the note; the current user (else the record's owner) when `None`.
    pub by: Option<String>,
}

/// Records `note` on its record and returns the record as committed.
pub fn note(ledger: &Ledger, note: &Note) -> Result<Recorded> {
    let mut txn = super::begin(ledger)?;
    let id = super::resolve_id(&mut txn, &note.id)?;
    let entry = txn.read(&id)?;
    let people = txn.people()?;
    let given: Vec<_> = note
        .by
        .as_deref()
        .map(|b| ("--by", b))
        .into_iter()
        .collect();
    super::known_people(&mut txn, &people, &given)?;
    let mut record = entry.record.clone();
    let by = note.by.clone().or_else(|| super::me(ledger, &people).ok());
    actions::note(&mut record, note.date, by.clone(), &note.text)?;
    let who = by.unwrap_or_else(|| super::actor(ledger, &people, &record));
    let message = Message::new(subject(&who, "notes", id.as_str(), &note.text), "note")
        .body(note.text.clone())
        .body(super::facts(&[("On", Some(record.headline().to_string()))]))
        .record(&id);
    super::stamp(ledger, Some(&entry.record), &mut record)?;
    super::validate_new(&record)?;
    let commit = txn.commit(vec![super::write_of(&entry.path, &record)], &message)?;
    Ok(Recorded { record, commit })
}
