//! The changes a command may make to a record, and the refusals when a change makes no sense.

use chrono::NaiveDate;

use super::{Blocker, Commitment, Decision, Kind, Note, Record, RecordId, Reschedule, Status};

/// A change that was refused, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refusal(pub String);

fn refuse<T>(msg: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal(msg.into()))
}

fn expect_status(record: &Record, allowed: &[Status], verb: &str) -> Result<(), Refusal> {
    if allowed.contains(&record.status()) {
        return Ok(());
    }
    refuse(format!(
        "cannot {verb} {} {}: it is {} (only {} ones can be {}ed)",
        record.kind(),
        record.id(),
        record.status(),
        allowed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" or "),
        verb.trim_end_matches('e'),
    ))
}

/// Refuses a change to a record that is no longer `wanted`: "cannot DOING: it is already X".
fn still(status: Status, wanted: Status, doing: impl FnOnce() -> String) -> Result<(), Refusal> {
    if status == wanted {
        return Ok(());
    }
    refuse(format!("cannot {}: it is already {status}", doing()))
}

fn wrong_kind(record: &Record, verb: &str, hint: &str) -> Refusal {
    Refusal(format!(
        "cannot {verb} {} {}: {hint}",
        record.kind(),
        record.id()
    ))
}

/// Marks a commitment kept.
pub fn done(record: &mut Record, date: NaiveDate) -> Result<(), Refusal> {
    let hint = match record.kind() {
        Kind::Ask => "an ask is answered with `ledger accept` or `ledger decline`",
        Kind::Decision => "a decision stays in force until revoked or superseded",
        Kind::Meeting => "a meeting is a record of what happened",
        Kind::Commitment => "",
    };
    let Record::Commitment(c) = record else {
        return refuse(format!(
            "cannot mark {} {} done: {hint}",
            record.kind(),
            record.id()
        ));
    };
    still(c.status, Status::Open, || {
        format!("mark commitment {} done", c.id)
    })?;
    c.status = Status::Done;
    c.closed = Some(date);
    c.blocked = None;
    Ok(())
}

/// Calls a commitment off.
pub fn cancel(record: &mut Record, date: NaiveDate, reason: &str) -> Result<(), Refusal> {
    let Record::Commitment(c) = record else {
        return Err(wrong_kind(
            record,
            "cancel",
            "only commitments are cancelled (asks are withdrawn, decisions revoked)",
        ));
    };
    still(c.status, Status::Open, || {
        format!("cancel commitment {}", c.id)
    })?;
    c.status = Status::Cancelled;
    c.closed = Some(date);
    c.reason = Some(reason.to_string());
    c.blocked = None;
    Ok(())
}

/// Moves a commitment's due date (or an ask's needed-by date), keeping the reason.
pub fn reschedule(
    record: &mut Record,
    date: NaiveDate,
    due: NaiveDate,
    reason: &str,
    by: Option<String>,
) -> Result<NaiveDate, Refusal> {
    expect_status(record, &[Status::Open], "reschedule")?;
    match record {
        Record::Commitment(c) => {
            let old = c.due;
            if old == due {
                return refuse(format!("commitment {} is already due {due}", c.id));
            }
            let r = Reschedule {
                date,
                from: old,
                to: due,
                reason: reason.to_string(),
                by,
                at: None,
            };
            c.reschedules.push(r);
            c.due = due;
            Ok(old)
        }
        Record::Ask(a) => {
            let Some(old) = a.due else {
                a.due = Some(due);
                a.notes.push(Note {
                    date,
                    by,
                    text: format!("needed by {due}: {reason}"),
                    at: None,
                });
                super::merge::in_merge_order(&mut a.notes);
                return Ok(due);
            };
            if old == due {
                return refuse(format!("ask {} is already needed by {due}", a.id));
            }
            a.due = Some(due);
            a.notes.push(Note {
                date,
                by,
                text: super::slips::ask_move_note(old, due, reason),
                at: None,
            });
            super::merge::in_merge_order(&mut a.notes);
            Ok(old)
        }
        _ => Err(wrong_kind(
            record,
            "reschedule",
            "only commitments and asks have due dates",
        )),
    }
}

/// Marks an open commitment as waiting on another record or on something described in words.
pub fn block(
    record: &mut Record,
    date: NaiveDate,
    on: Option<RecordId>,
    reason: Option<String>,
) -> Result<(), Refusal> {
    let Record::Commitment(c) = record else {
        return Err(wrong_kind(
            record,
            "block",
            "only commitments wait on something",
        ));
    };
    if c.status != Status::Open {
        return refuse(format!(
            "cannot block commitment {}: it is {}",
            c.id, c.status
        ));
    }
    if on.as_ref() == Some(&c.id) {
        return refuse(format!("commitment {} cannot wait on itself", c.id));
    }
    c.blocked = Some(Blocker {
        since: date,
        on,
        reason,
    });
    Ok(())
}

/// Clears a commitment's blocker.
pub fn unblock(record: &mut Record) -> Result<Blocker, Refusal> {
    let Record::Commitment(c) = record else {
        return Err(wrong_kind(
            record,
            "unblock",
            "only commitments are blocked",
        ));
    };
    c.blocked
        .take()
        .ok_or_else(|| Refusal(format!("commitment {} is not blocked", c.id)))
}

/// Adds a progress note to an ask or commitment.
pub fn note(
    record: &mut Record,
    date: NaiveDate,
    by: Option<String>,
    text: &str,
) -> Result<(), Refusal> {
    let note = Note {
        date,
        by,
        text: text.to_string(),
        at: None,
    };
    match record {
        Record::Ask(a) => {
            a.notes.push(note);
            super::merge::in_merge_order(&mut a.notes);
        }
        Record::Commitment(c) => {
            c.notes.push(note);
            super::merge::in_merge_order(&mut c.notes);
        }
        Record::Meeting(_) => {
            return Err(wrong_kind(
                record,
                "add a note to",
                "correct a meeting's notes with `ledger edit`",
            ))
        }
        Record::Decision(_) => {
            return Err(wrong_kind(
                record,
                "add a note to",
                "a decision is never reworded; record a new one with `ledger decide --supersedes`",
            ))
        }
    }
    Ok(())
}

/// What a closing (`done`, `cancel`, `decline`) may add to the record it closes: a note (by
/// whoever closed it) and links that prove it. Both lists only grow.
pub fn add_proof(
    record: &mut Record,
    date: NaiveDate,
    by: Option<String>,
    note: Option<&str>,
    links: &[String],
) -> Result<(), Refusal> {
    let (notes, evidence) = match record {
        Record::Ask(a) => (&mut a.notes, &mut a.evidence),
        Record::Commitment(c) => (&mut c.notes, &mut c.evidence),
        _ => {
            return Err(wrong_kind(
                record,
                "add a note or evidence to",
                "only asks and commitments carry them",
            ))
        }
    };
    if let Some(text) = note {
        notes.push(Note {
            date,
            by,
            text: text.to_string(),
            at: None,
        });
        super::merge::in_merge_order(notes);
    }
    for link in links {
        if !evidence.contains(link) {
            evidence.push(link.clone());
        }
    }
    // In the order every merge writes, like notes (see `merge::in_merge_order`).
    super::merge::in_merge_order(evidence);
    Ok(())
}

/// Accepts an open ask, which becomes the given commitment.
pub fn accept(record: &mut Record, date: NaiveDate, commitment: &RecordId) -> Result<(), Refusal> {
    let Record::Ask(a) = record else {
        return Err(wrong_kind(record, "accept", "only asks are accepted"));
    };
    still(a.status, Status::Open, || format!("accept ask {}", a.id))?;
    a.status = Status::Accepted;
    a.closed = Some(date);
    a.commitment = Some(commitment.clone());
    Ok(())
}

/// Closes an open ask as answered in writing: by `decision`, or by a reply that is not a
/// decision (`info`, kept as the ask's `reason`).
pub fn answer(
    record: &mut Record,
    date: NaiveDate,
    decision: Option<&RecordId>,
    info: Option<&str>,
) -> Result<(), Refusal> {
    let Record::Ask(a) = record else {
        return Err(wrong_kind(
            record,
            "answer",
            "only asks are answered (a decision is recorded with `ledger decide`)",
        ));
    };
    still(a.status, Status::Open, || format!("answer ask {}", a.id))?;
    a.status = Status::Answered;
    a.closed = Some(date);
    a.decision = decision.cloned();
    a.reason = info.map(str::to_string);
    Ok(())
}

/// Declines an open ask, or withdraws it when `withdraw` is set.
pub fn answer_no(
    record: &mut Record,
    date: NaiveDate,
    reason: Option<&str>,
    withdraw: bool,
) -> Result<(), Refusal> {
    let verb = if withdraw { "withdraw" } else { "decline" };
    let Record::Ask(a) = record else {
        return Err(wrong_kind(
            record,
            verb,
            "only asks are declined or withdrawn",
        ));
    };
    still(a.status, Status::Open, || format!("{verb} ask {}", a.id))?;
    a.status = if withdraw {
        Status::Withdrawn
    } else {
        Status::Declined
    };
    a.closed = Some(date);
    a.reason = reason.map(str::to_string);
    Ok(())
}

/// Revokes an active decision.
pub fn revoke(record: &mut Record, date: NaiveDate, reason: &str) -> Result<(), Refusal> {
    let Record::Decision(d) = record else {
        return Err(wrong_kind(record, "revoke", "only decisions are revoked"));
    };
    still(d.status, Status::Active, || {
        format!("revoke decision {}", d.id)
    })?;
    d.status = Status::Revoked;
    d.closed = Some(date);
    d.reason = Some(reason.to_string());
    Ok(())
}

/// Marks an active decision superseded by `by`.
pub fn supersede(record: &mut Record, date: NaiveDate, by: &RecordId) -> Result<(), Refusal> {
    let Record::Decision(d) = record else {
        return Err(wrong_kind(
            record,
            "supersede",
            "only decisions are superseded",
        ));
    };
    if d.status != Status::Active {
        let hint = match &d.superseded_by {
            Some(next) => format!(" by {next}; supersede that one instead"),
            None => String::new(),
        };
        return refuse(format!(
            "cannot supersede decision {}: it is already {}{hint}",
            d.id, d.status
        ));
    }
    d.status = Status::Superseded;
    d.closed = Some(date);
    d.superseded_by = Some(by.clone());
    Ok(())
}

/// Refuses an edit that changes what may never change: the rules `verify` and `check` apply to
/// every commit (the id and kind, a decision's statement, who made it, when and its compliance
/// flag, the append-only lists, a closed record's closing facts, a due date moved without a
/// reschedule), so an editor meets the same rules as plain git.
pub fn check_edit(before: &Record, after: &Record) -> Result<(), Refusal> {
    if before.id() != after.id() {
        return refuse(format!(
            "the id cannot change (was {}, now {})",
            before.id(),
            after.id()
        ));
    }
    if let (Record::Decision(a), Record::Decision(b)) = (before, after) {
        if a.statement != b.statement {
            return refuse(
                "a decision's statement is never reworded once recorded: record a new decision with `ledger decide --supersedes`",
            );
        }
    }
    match super::immutable::breaches(before, after, super::immutable::Mode::Commit).first() {
        Some(b) => refuse(format!("{}: {}", b.message, b.hint)),
        None => Ok(()),
    }
}

/// Whether a commitment's blocker still holds, given a way to look up the status of `on`.
pub fn still_blocked(c: &Commitment, status_of: impl Fn(&RecordId) -> Option<Status>) -> bool {
    match &c.blocked {
        None => false,
        Some(Blocker { on: Some(on), .. }) => !matches!(
            status_of(on),
            Some(
                Status::Done
                    | Status::Cancelled
                    | Status::Accepted
                    | Status::Answered
                    | Status::Declined
                    | Status::Withdrawn
                    | Status::Revoked
                    | Status::Superseded
            )
        ),
        Some(_) => true,
    }
}

/// A new decision that supersedes nothing yet.
pub fn is_in_force(d: &Decision) -> bool {
    d.status == Status::Active
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn commitment() -> Record {
        Record::Commitment(Commitment::new(
            RecordId::from_random(Kind::Commitment, [1; 8]),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            "x".into(),
            "a".into(),
            "b".into(),
            NaiveDate::from_ymd_opt(2026, 1, 10).unwrap(),
        ))
    }

    #[test]
    fn reschedule_keeps_reason_and_refuses_after_done() {
        let mut c = commitment();
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let new_due = NaiveDate::from_ymd_opt(2026, 1, 17).unwrap();
        reschedule(&mut c, d, new_due, "vendor late", None).unwrap();
        assert_eq!(c.due(), Some(new_due));
        done(&mut c, d).unwrap();
        let err = reschedule(&mut c, d, d, "again", None).unwrap_err();
        assert!(err.0.contains("it is done"), "{err}");
    }
}
