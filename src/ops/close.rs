//! Closing a record with a reason: `cancel` a commitment, `revoke` a decision, `decline` or
//! `withdraw` an ask. The four differ only in the facts of one table row (the verb, the kind it
//! closes, the state change, who it is by and what the commit body says of the record), so they
//! are one verb here and a new closing is a new row, not a new copy of the commit code.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::{Error, Result};
use crate::model::actions::{self, Refusal};
use crate::model::{outcome, verdict, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// The ways a record is closed with a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// A commitment is called off.
    Cancel,
    /// A decision is withdrawn without a successor.
    Revoke,
    /// An ask is turned down by the one asked.
    Decline,
    /// An ask is taken back by the one who asked.
    Withdraw,
}

/// Whom a closing is by.
#[derive(Clone, Copy)]
enum By {
    /// The current user, else the record's owner.
    Actor,
    /// The record's owner (the one who asked).
    Owner,
    /// The record's counterpart (the one asked).
    Counterpart,
}

/// One row of the table: everything that tells one closing from another.
struct Rule {
    /// The action name, as in the commit's `Ledger-Action` trailer.
    action: &'static str,
    /// The verb in the commit subject.
    subject_verb: &'static str,
    /// The past participle, for the summary a front end shows.
    past: &'static str,
    /// The kind of record it closes (the state change refuses any other).
    kind: Kind,
    /// Whether a reason must be given.
    needs_reason: bool,
    /// Whom the commit says it is by.
    by: By,
    /// Whether it takes `--by`, `--note` and `--evidence`.
    takes_proof: bool,
    /// The state change, from `model::actions`; a reason is given whenever `needs_reason`.
    apply: fn(&mut Record, NaiveDate, Option<&str>) -> std::result::Result<(), Refusal>,
}

const TABLE: [Rule; 4] = [
    Rule {
        action: "cancel",
        subject_verb: "cancels",
        past: "cancelled",
        kind: Kind::Commitment,
        needs_reason: true,
        by: By::Actor,
        takes_proof: true,
        apply: |r, date, why| actions::cancel(r, date, why.unwrap_or_default()),
    },
    Rule {
        action: "revoke",
        subject_verb: "revokes",
        past: "revoked",
        kind: Kind::Decision,
        needs_reason: true,
        by: By::Actor,
        takes_proof: false,
        apply: |r, date, why| actions::revoke(r, date, why.unwrap_or_default()),
    },
    Rule {
        action: "decline",
        subject_verb: "declines",
        past: "declined",
        kind: Kind::Ask,
        needs_reason: true,
        by: By::Counterpart,
        takes_proof: true,
        apply: |r, date, why| actions::answer_no(r, date, why, false),
    },
    Rule {
        action: "withdraw",
        subject_verb: "withdraws",
        past: "withdrawn",
        kind: Kind::Ask,
        needs_reason: false,
        by: By::Owner,
        takes_proof: false,
        apply: |r, date, why| actions::answer_no(r, date, why, true),
    },
];

impl Closing {
    fn rule(self) -> &'static Rule {
        &TABLE[self as usize]
    }

    /// The command's name: "cancel", "revoke", "decline", "withdraw".
    pub fn action(self) -> &'static str {
        self.rule().action
    }

    /// What the record is once closed: "cancelled", "revoked", "declined", "withdrawn".
    pub fn past(self) -> &'static str {
        self.rule().past
    }

    /// The kind of record this closing applies to.
    pub fn kind(self) -> Kind {
        self.rule().kind
    }

    /// Whether this closing must give a reason.
    pub fn needs_reason(self) -> bool {
        self.rule().needs_reason
    }
}

/// A closing to record. The reason is already checked; the id is resolved here.
#[derive(Clone, Debug)]
pub struct Close {
    /// Which closing.
    pub closing: Closing,
    /// The record, as typed: a whole id, a unique prefix or its file's path.
    pub id: String,
    /// Why; required unless the closing says otherwise.
    pub reason: Option<String>,
    /// The day it was closed.
    pub date: NaiveDate,
    /// Who did it (when not the one the commit would name), a note and evidence links
    /// (`cancel` and `decline` only).
    pub proof: super::Proof,
    /// `cancel --series`: the occurrence ends its series, so none follows it.
    pub ends_series: bool,
}

/// Records `close` and returns the record as committed.
pub fn close(ledger: &Ledger, close: &Close) -> Result<Recorded> {
    let rule = close.closing.rule();
    let reason = close.reason.as_deref();
    if rule.needs_reason && reason.is_none() {
        return Err(Error::user(format!("{} needs a reason", rule.action)));
    }
    let mut txn = super::begin(ledger)?;
    let id = super::resolve_id(&mut txn, &close.id)?;
    let entry = txn.read(&id)?;
    let people = txn.people()?;
    let mut record = entry.record.clone();
    (rule.apply)(&mut record, close.date, reason)?;
    if close.ends_series {
        match &mut record {
            Record::Commitment(c) if c.series.is_some() => c.series_ended = true,
            _ => {
                return Err(Error::user(format!(
                    "--series: {id} is not an occurrence of a recurring commitment"
                ))
                .hint("cancel it without --series"))
            }
        }
    }
    let p = &close.proof;
    if p.by.is_some() || p.note.is_some() || !p.evidence.is_empty() {
        if !rule.takes_proof {
            return Err(Error::user(format!(
                "{} takes no --by, --note or --evidence",
                rule.action
            )));
        }
        p.apply(ledger, &mut txn, &people, &mut record, close.date)?;
    }
    let who = match (&p.by, rule.by) {
        (Some(by), _) => by.clone(),
        (None, By::Actor) => super::actor(ledger, &people, &record),
        (None, By::Owner) => record.owner().unwrap_or("?").to_string(),
        (None, By::Counterpart) => record.counterpart().unwrap_or("?").to_string(),
    };
    let mut message = Message::new(
        subject(&who, rule.subject_verb, id.as_str(), record.headline()),
        rule.action,
    )
    .body(statement(&record))
    .body(super::facts(
        &[facts(&record, close.date, reason), p.facts()].concat(),
    ));
    if let Some(r) = reason {
        message = message.trailer(key::REASON, r);
    }
    super::stamp(ledger, Some(&entry.record), &mut record)?;
    super::validate_new(&record)?;
    let mut writes = vec![super::write_of(&entry.path, &record)];
    let mut message = message.record(&id);
    if let Record::Commitment(c) = &record {
        let next =
            super::recur::following(&mut txn, c, super::recur::today()?, &mut Default::default())?;
        writes.extend(super::recur::writes(&next)?);
        for n in &next {
            message = message
                .body(format!("Next occurrence: {} due {}", n.id, n.due))
                .trailer(key::ID, n.id.as_str());
        }
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Recorded { record, commit })
}

/// The record's own words, first in the body: a decision's statement is marked verbatim.
fn statement(record: &Record) -> String {
    match record {
        Record::Decision(_) => format!("Statement, verbatim:\n\n{}", record.headline()),
        _ => record.headline().to_string(),
    }
}

/// The body's facts: the reason and what the record was (promised, decided, asked), each kind
/// in its own words.
fn facts(
    record: &Record,
    date: NaiveDate,
    reason: Option<&str>,
) -> Vec<(&'static str, Option<String>)> {
    let owner = record.owner().unwrap_or("?");
    let counterpart = record.counterpart().unwrap_or("?");
    let reason = ("Reason", reason.map(str::to_string));
    let links = ("Links", super::links(record));
    match record {
        Record::Commitment(c) => vec![
            reason,
            // Measured as of the day it was cancelled: the outcome of a closed promise stays.
            (
                "Outcome",
                Some(verdict::describe(
                    &outcome::assess(c, date),
                    c.reschedules.len(),
                )),
            ),
            (
                "Promised",
                Some(format!(
                    "by {owner} to {counterpart}, due {}",
                    record.due().map(|d| d.to_string()).unwrap_or_default()
                )),
            ),
            links,
        ],
        Record::Decision(_) => vec![
            reason,
            ("Decided", Some(format!("by {owner} on {}", record.date()))),
            links,
        ],
        _ => vec![
            (
                "Asked",
                Some(format!("by {owner} of {counterpart} on {}", record.date())),
            ),
            reason,
            links,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_closing_reads_its_own_row() {
        for (closing, action) in [
            (Closing::Cancel, "cancel"),
            (Closing::Revoke, "revoke"),
            (Closing::Decline, "decline"),
            (Closing::Withdraw, "withdraw"),
        ] {
            assert_eq!(closing.action(), action);
            assert!(closing.rule().subject_verb.starts_with(action));
        }
        assert!(!Closing::Withdraw.needs_reason());
        assert_eq!(Closing::Revoke.kind(), Kind::Decision);
    }
}
