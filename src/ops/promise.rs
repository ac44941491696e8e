//! `promise`: a commitment, made on its own or in answer to an ask (which is accepted in the
//! same commit).

use chrono::NaiveDate;

use super::Recorded;
use crate::error::Result;
use crate::model::recur::Every;
use crate::model::{actions, Commitment, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// A promise to record. Text and handles are already checked; the meeting and the ask are
/// resolved here.
#[derive(Clone, Debug)]
pub struct Promise {
    /// What is promised.
    pub what: String,
    /// Who promises; the current user when `None`.
    pub by: Option<String>,
    /// To whom.
    pub to: String,
    /// By when.
    pub due: NaiveDate,
    /// The day it was promised.
    pub date: NaiveDate,
    /// The meeting it was promised in, as typed.
    pub meeting: Option<String>,
    /// The ask it answers, as typed.
    pub ask: Option<String>,
    /// Where it was promised.
    pub place: Option<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// How often it recurs; `None` for a one-off promise.
    pub every: Option<Every>,
}

/// Records the commitment (and accepts the ask it answers) and returns it as committed.
pub fn promise(ledger: &Ledger, p: &Promise) -> Result<Recorded> {
    let mut txn = super::begin(ledger)?;
    let people = txn.people()?;
    let mut given = vec![("--to", p.to.as_str())];
    given.extend(p.by.as_deref().map(|b| ("--by", b)));
    super::known_people(&mut txn, &people, &given)?;
    let by = super::given_or_me(ledger, &people, p.by.as_deref())?;
    let meeting = super::linked_meeting(&mut txn, p.meeting.as_deref())?;
    let id = txn.new_id(Kind::Commitment)?;
    let (date, to, due, what) = (p.date, &p.to, p.due, &p.what);
    let mut writes = Vec::new();
    let ask = match &p.ask {
        Some(input) => {
            let (ask_id, write) =
                super::change_linked(&mut txn, "--ask", input, Kind::Ask, |ask| {
                    actions::accept(ask, date, &id)
                })?;
            writes.push(write);
            Some(ask_id)
        }
        None => None,
    };
    let record = Record::Commitment(Commitment {
        meeting,
        ask: ask.clone(),
        place: p.place.clone(),
        tags: p.tags.clone(),
        series: p.every.map(|_| id.clone()),
        every: p.every,
        ..Commitment::new(id.clone(), date, what.clone(), by.clone(), to.clone(), due)
    });
    writes.insert(0, super::create(&record)?);
    let mut message = Message::new(subject(&by, "promises", id.as_str(), what), "promise")
        .body(what.clone())
        .body(super::facts(&[
            ("Promised", Some(format!("by {by} to {to} on {date}"))),
            ("Due", Some(due.to_string())),
            ("Every", p.every.map(|e| e.to_string())),
            ("Links", super::links(&record)),
        ]))
        .record(&id);
    if let Some(a) = &ask {
        message = message
            .trailer(key::ID, a.as_str())
            .trailer(key::ASK, a.as_str());
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Recorded { record, commit })
}
