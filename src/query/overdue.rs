//! What is past due on a given day: open commitments and unanswered asks, with how late they are,
//! how often they slipped and whom to escalate to.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::model::{actions, facts::Facts, slips, Record, Status};
use crate::store::{Entry, Snapshot};

/// One overdue item.
#[derive(Clone, Debug, Serialize)]
pub struct Overdue<'a> {
    #[serde(skip)]
    pub entry: &'a Entry,
    pub days_overdue: i64,
    /// Times the due date moved after the record was made (`model::slips`: from the file).
    pub slips: usize,
    /// Whom the owner reports to, from the people file ("" when unknown).
    pub escalate_to: String,
    /// True when the commitment waits on something that is not finished.
    pub blocked: bool,
}

/// Open commitments and open asks whose due date is before `day`, most overdue first.
/// Which records `overdue` on `day` looks at, judged on what any form of a record tells (a
/// whole record or a stored summary): open ones due before `day`. A partial read that keeps
/// these answers `overdue` as a whole read does.
pub fn needs<F: Facts + ?Sized>(record: &F, day: NaiveDate) -> bool {
    due_by(record, day.pred_opt().unwrap_or(day))
}

/// Which records a reminder up to `until` looks at: open ones due on or before `until`
/// (overdue ones among them).
pub fn due_by<F: Facts + ?Sized>(record: &F, until: NaiveDate) -> bool {
    record.status() == Status::Open && record.due().is_some_and(|d| d <= until)
}

pub fn find<'a>(snap: &'a Snapshot, day: NaiveDate) -> Result<Vec<Overdue<'a>>> {
    crate::store::read::whole(snap, "overdue");
    find_where(snap, day, |_| true)
}

/// Like [`find`], keeping only the records `keep` accepts. Everything comes from the records
/// themselves (slips included), so a fresh clone needs no history index to answer.
pub fn find_where<'a>(
    snap: &'a Snapshot,
    day: NaiveDate,
    keep: impl Fn(&Record) -> bool,
) -> Result<Vec<Overdue<'a>>> {
    let status_of = |id: &crate::model::RecordId| snap.get(id).map(|e| e.record.status());
    let late: Vec<(&Entry, NaiveDate)> = snap
        .entries
        .iter()
        .filter(|e| e.record.status() == Status::Open)
        .filter_map(|e| e.record.due().map(|d| (e, d)))
        .filter(|(e, due)| *due < day && keep(&e.record))
        .collect();
    let mut out = Vec::with_capacity(late.len());
    for (entry, due) in late {
        let r = &entry.record;
        let owner = owes(r);
        let blocked = matches!(r, Record::Commitment(c) if actions::still_blocked(c, status_of));
        out.push(Overdue {
            entry,
            days_overdue: (day - due).num_days(),
            slips: slips::count(r),
            escalate_to: snap.people.escalate_to(owner).unwrap_or("").to_string(),
            blocked,
        });
    }
    out.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(a.entry.record.id().cmp(b.entry.record.id()))
    });
    Ok(out)
}

/// Who owes the next move: the one who promised a commitment, the one asked by an ask. Their
/// manager is whom to escalate to, and their team is what `--team` matches.
pub fn owes(record: &Record) -> &str {
    match record {
        Record::Ask(a) => &a.to,
        _ => record.owner().unwrap_or(""),
    }
}

/// Open commitments and open asks due from `day` to `until` (both included) that `keep`
/// accepts, soonest first: what `remind` lists beside the overdue ones.
pub fn due_between(
    snap: &Snapshot,
    day: NaiveDate,
    until: NaiveDate,
    keep: impl Fn(&Record) -> bool,
) -> Vec<(&Entry, NaiveDate)> {
    let mut out: Vec<(&Entry, NaiveDate)> = snap
        .entries
        .iter()
        .filter(|e| e.record.status() == Status::Open)
        .filter_map(|e| e.record.due().map(|d| (e, d)))
        .filter(|(e, due)| *due >= day && *due <= until && keep(&e.record))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.record.id().cmp(b.0.record.id())));
    out
}
