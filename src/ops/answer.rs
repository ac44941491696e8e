//! `answer`: an ask answered in writing. With a statement, a decision is recorded word for word
//! and the ask closes as `answered`, the two linked both ways (the ask's `decision`, the
//! decision's `answers`); with an informational reply, the ask closes as `answered` with the
//! reply as its `reason`. Either way in one commit, whose main record is the ask.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::{actions, validate, Decision, Kind, Record, Status};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// What the ask was answered with.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A decision, recorded word for word.
    Decision {
        /// The statement, verbatim.
        statement: String,
        /// A compliance decision.
        compliance: bool,
        /// Why.
        rationale: Option<String>,
        /// Links to evidence.
        evidence: Vec<String>,
        /// The meeting it was made in, as typed.
        meeting: Option<String>,
        /// Where it was made.
        place: Option<String>,
        /// Its tags.
        tags: Vec<String>,
    },
    /// A reply that is not a decision (a fact, a pointer to a document).
    Info(String),
}

/// An answer to record. Text and handles are already checked; ids are resolved here.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The ask, as typed.
    pub ask: String,
    /// The answer.
    pub reply: Reply,
    /// Who answered (the decision's `by`); the one asked when `None`.
    pub by: Option<String>,
    /// The day it was answered.
    pub date: NaiveDate,
}

/// What `answer` recorded: the ask as closed and, when the reply was a decision, the decision.
#[derive(Clone, Debug)]
pub struct Answered {
    /// The ask, answered, and the commit.
    pub ask: Recorded,
    /// The decision made, if the reply was one.
    pub decision: Option<Record>,
    /// Who answered.
    pub by: String,
}

/// Records the answer and returns the ask (and the decision) as committed.
pub fn answer(ledger: &Ledger, a: &Answer) -> Result<Answered> {
    if let Reply::Decision { statement, .. } = &a.reply {
        if let Some(p) = validate::text_problem(statement) {
            return Err(Error::user(format!("STATEMENT {p}")));
        }
    }
    let date = a.date;
    let mut txn = super::begin(ledger)?;
    let people = txn.people()?;
    let given: Vec<_> = a.by.as_deref().map(|b| ("--by", b)).into_iter().collect();
    super::known_people(&mut txn, &people, &given)?;
    let ask_id = super::resolve_kind(&mut txn, "ASK", &a.ask, Kind::Ask)?;
    let entry = txn.read(&ask_id)?;
    let mut ask = entry.record.clone();
    // The one asked answers, unless someone else is named.
    let by = match &a.by {
        Some(b) => b.clone(),
        None => ask.counterpart().unwrap_or("?").to_string(),
    };
    let (decision, info) = match &a.reply {
        Reply::Decision {
            statement,
            compliance,
            rationale,
            evidence,
            meeting,
            place,
            tags,
        } => {
            let meeting = super::linked_meeting(&mut txn, meeting.as_deref())?;
            let id = txn.new_id(Kind::Decision)?;
            let d = Record::Decision(Decision {
                id,
                kind: Kind::Decision,
                status: Status::Active,
                date,
                statement: statement.clone(),
                by: by.clone(),
                compliance: *compliance,
                rationale: rationale.clone(),
                meeting,
                place: place.clone(),
                evidence: evidence.clone(),
                tags: tags.clone(),
                supersedes: None,
                superseded_by: None,
                answers: Some(ask_id.clone()),
                closed: None,
                closed_at: None,
                reason: None,
            });
            (Some(d), None)
        }
        Reply::Info(text) => (None, Some(text.as_str())),
    };
    actions::answer(&mut ask, date, decision.as_ref().map(Record::id), info)?;
    super::stamp(ledger, Some(&entry.record), &mut ask)?;
    let mut writes = vec![super::update(&entry.path, &ask)?];
    if let Some(d) = &decision {
        writes.push(super::create(d)?);
    }
    let mut message = Message::new(
        subject(&by, "answers", ask_id.as_str(), ask.headline()),
        "answer",
    )
    .body(ask.headline().to_string());
    message = match (&decision, info) {
        (Some(Record::Decision(d)), _) => message
            .body(format!("Statement, verbatim:\n\n{}", d.statement))
            .body(super::facts(&[
                ("Answered", Some(format!("by {by} on {date}"))),
                (
                    "Asked",
                    Some(format!(
                        "by {} of {} on {}",
                        ask.owner().unwrap_or("?"),
                        ask.counterpart().unwrap_or("?"),
                        ask.date()
                    )),
                ),
                ("Compliance", d.compliance.then(|| "yes".to_string())),
                ("Rationale", d.rationale.clone()),
                (
                    "Evidence",
                    (!d.evidence.is_empty()).then(|| d.evidence.join(", ")),
                ),
                ("Links", Some(format!("decision {}", d.id))),
            ])),
        _ => message.body(super::facts(&[
            ("Answer", info.map(str::to_string)),
            ("Answered", Some(format!("by {by} on {date}"))),
            (
                "Asked",
                Some(format!(
                    "by {} of {} on {}",
                    ask.owner().unwrap_or("?"),
                    ask.counterpart().unwrap_or("?"),
                    ask.date()
                )),
            ),
        ])),
    };
    message = message.record(&ask_id);
    if let Some(d) = &decision {
        message = message.trailer(key::ID, d.id().as_str());
        if let Record::Decision(d) = d {
            if d.compliance {
                message = message.trailer(key::COMPLIANCE, "yes");
            }
        }
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Answered {
        ask: Recorded {
            record: ask,
            commit,
        },
        decision,
        by,
    })
}
