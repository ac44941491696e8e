//! What is past due on a given day: open commitments and unanswered asks, with how late they are,
//! how often they slipped and whom to escalate to.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::history::events;
use crate::model::{actions, Record, Status};
use crate::store::{Entry, Ledger, Snapshot};

/// One overdue item.
#[derive(Clone, Debug, Serialize)]
pub struct Overdue<'a> {
    #[serde(skip)]
    pub entry: &'a Entry,
    pub days_overdue: i64,
    /// Times the due date moved after the record was made (from the history).
    pub slips: usize,
    /// Whom the owner reports to, from the people file ("" when unknown).
    pub escalate_to: String,
    /// True when the commitment waits on something that is not finished.
    pub blocked: bool,
}

/// Open commitments and open asks whose due date is before `day`, most overdue first.
pub fn find<'a>(ledger: &Ledger, snap: &'a Snapshot, day: NaiveDate) -> Result<Vec<Overdue<'a>>> {
    find_where(ledger, snap, day, |_| true)
}

/// Like [`find`], keeping only the records `keep` accepts; the filter runs before the history
/// is read, so a narrow question does not pay for the slips of records it leaves out.
pub fn find_where<'a>(
    ledger: &Ledger,
    snap: &'a Snapshot,
    day: NaiveDate,
    keep: impl Fn(&Record) -> bool,
) -> Result<Vec<Overdue<'a>>> {
    let status_of = |id: &crate::model::RecordId| snap.get(id).map(|e| e.record.status());
    let mut out = Vec::new();
    for entry in &snap.entries {
        let r = &entry.record;
        if r.status() != Status::Open {
            continue;
        }
        let Some(due) = r.due() else { continue };
        if due >= day || !keep(r) {
            continue;
        }
        let slips = match snap.commit {
            Some(c) => events::slips_at(ledger, c, &entry.path, r.kind())?,
            None => 0,
        };
        let owner = owes(r);
        let blocked = matches!(r, Record::Commitment(c) if actions::still_blocked(c, status_of));
        out.push(Overdue {
            entry,
            days_overdue: (day - due).num_days(),
            slips,
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
