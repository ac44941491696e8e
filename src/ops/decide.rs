//! `decide`: a decision, word for word; the one it supersedes is marked in the same commit.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::{actions, validate, Decision, Kind, Record, Status};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// A decision to record. Text and handles are already checked; the statement is kept exactly
/// as given; the meeting and the decision it supersedes are resolved here.
#[derive(Clone, Debug)]
pub struct Decide {
    /// The decision, verbatim.
    pub statement: String,
    /// Who made it; the current user when `None`.
    pub by: Option<String>,
    /// A compliance decision.
    pub compliance: bool,
    /// Why.
    pub rationale: Option<String>,
    /// The earlier decision it replaces, as typed.
    pub supersedes: Option<String>,
    /// The meeting it was made in, as typed.
    pub meeting: Option<String>,
    /// Where it was made.
    pub place: Option<String>,
    /// Links to evidence.
    pub evidence: Vec<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// The day it was made.
    pub date: NaiveDate,
}

/// Records the decision (and the one it supersedes) and returns it as committed.
pub fn decide(ledger: &Ledger, d: &Decide) -> Result<Recorded> {
    let statement = &d.statement;
    if let Some(p) = validate::text_problem(statement) {
        return Err(Error::user(format!("STATEMENT {p}")));
    }
    let date = d.date;
    let mut txn = super::begin(ledger)?;
    let people = txn.people()?;
    let given: Vec<_> = d.by.as_deref().map(|b| ("--by", b)).into_iter().collect();
    super::known_people(&mut txn, &people, &given)?;
    let by = super::given_or_me(ledger, &people, d.by.as_deref())?;
    let meeting = super::linked_meeting(&mut txn, d.meeting.as_deref())?;
    let id = txn.new_id(Kind::Decision)?;
    let mut writes = Vec::new();
    let supersedes = match &d.supersedes {
        Some(input) => {
            let (old_id, write) =
                super::change_linked(&mut txn, "--supersedes", input, Kind::Decision, |old| {
                    actions::supersede(old, date, &id)
                })?;
            writes.push(write);
            Some(old_id)
        }
        None => None,
    };
    let record = Record::Decision(Decision {
        id: id.clone(),
        kind: Kind::Decision,
        status: Status::Active,
        date,
        statement: statement.clone(),
        by: by.clone(),
        compliance: d.compliance,
        rationale: d.rationale.clone(),
        meeting,
        place: d.place.clone(),
        evidence: d.evidence.clone(),
        tags: d.tags.clone(),
        supersedes: supersedes.clone(),
        superseded_by: None,
        answers: None,
        closed: None,
        closed_at: None,
        reason: None,
    });
    writes.insert(0, super::create(&record)?);
    let mut message = Message::new(subject(&by, "decides", id.as_str(), statement), "decide")
        .record(&id)
        .body(format!("Statement, verbatim:\n\n{statement}"))
        .body(super::facts(&[
            ("Decided", Some(format!("by {by} on {date}"))),
            ("Compliance", d.compliance.then(|| "yes".to_string())),
            ("Rationale", d.rationale.clone()),
            (
                "Evidence",
                (!d.evidence.is_empty()).then(|| d.evidence.join(", ")),
            ),
            ("Links", super::links(&record)),
        ]));
    if let Some(s) = &supersedes {
        message = message
            .trailer(key::ID, s.as_str())
            .trailer(key::SUPERSEDES, s.as_str());
    }
    if d.compliance {
        message = message.trailer(key::COMPLIANCE, "yes");
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Recorded { record, commit })
}
