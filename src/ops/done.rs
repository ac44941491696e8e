//! `done`: a commitment was kept, with its outcome measured as of the day it was done.

use chrono::NaiveDate;

use super::Recorded;
use crate::error::Result;
use crate::model::{actions, outcome, verdict, Record};
use crate::store::message::{key, subject};
use crate::store::{Ledger, Message};

/// A commitment to mark done; the id is resolved here.
#[derive(Clone, Debug)]
pub struct Done {
    /// The commitment, as typed: a whole id, a unique prefix or its file's path.
    pub id: String,
    /// The day it was done.
    pub date: NaiveDate,
    /// Who did it (when not the one who promised), a note and evidence links.
    pub proof: super::Proof,
}

/// What `done` recorded, with the outcome in words ("done on time", "done 3 days late").
#[derive(Clone, Debug)]
pub struct Completed {
    /// The record and its commit.
    pub recorded: Recorded,
    /// The commitment's outcome as of the day it was done.
    pub verdict: String,
    /// The occurrences of its series made in the same commit (a recurring commitment), oldest first.
    pub next: Vec<crate::model::Commitment>,
}

/// Marks the commitment done and returns it as committed, with its outcome.
pub fn done(ledger: &Ledger, done: &Done) -> Result<Completed> {
    let date = done.date;
    let mut txn = super::begin(ledger)?;
    let id = super::resolve_id(&mut txn, &done.id)?;
    let entry = txn.read(&id)?;
    let people = txn.people()?;
    let mut record = entry.record.clone();
    actions::done(&mut record, date)?;
    done.proof
        .apply(ledger, &mut txn, &people, &mut record, date)?;
    let Record::Commitment(c) = &record else {
        unreachable!("only commitments are done")
    };
    // Measured as of the day it was done: the outcome of a closed promise does not change.
    let verdict = verdict::describe(&outcome::assess(c, date), c.reschedules.len());
    let who = done.proof.by.as_deref().unwrap_or(&c.by);
    let mut facts = vec![
        (
            "Outcome",
            Some(format!("{verdict} (due {}, done {date})", c.due)),
        ),
        (
            "Promised",
            Some(format!("by {} to {} on {}", c.by, c.to, c.date)),
        ),
        ("Done by", done.proof.by.clone()),
    ];
    facts.extend(done.proof.facts());
    facts.push(("Links", super::links(&record)));
    let next =
        super::recur::following(&mut txn, c, super::recur::today()?, &mut Default::default())?;
    let mut message = Message::new(subject(who, "completes", c.id.as_str(), &c.what), "done")
        .body(c.what.clone())
        .body(super::facts(&facts))
        .trailer(key::OUTCOME, outcome_code(outcome::outcome(c, date)))
        .record(&id);
    for n in &next {
        message = message
            .body(format!("Next occurrence: {} due {}", n.id, n.due))
            .trailer(key::ID, n.id.as_str());
    }
    super::stamp(ledger, Some(&entry.record), &mut record)?;
    super::validate_new(&record)?;
    let mut writes = vec![super::write_of(&entry.path, &record)];
    writes.extend(super::recur::writes(&next)?);
    let commit = txn.commit(writes, &message)?;
    Ok(Completed {
        recorded: Recorded { record, commit },
        verdict,
        next,
    })
}

/// The outcome as its JSON name (`on_time`, `late`, ...), for its trailer.
pub fn outcome_code(o: outcome::Outcome) -> String {
    serde_json::to_value(o)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_trailer_is_the_json_name() {
        assert_eq!(outcome_code(outcome::Outcome::OnTime), "on_time");
        assert_eq!(outcome_code(outcome::Outcome::Late), "late");
    }
}
