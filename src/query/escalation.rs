//! The escalation memo's content: for an overdue or at-risk commitment or ask, every fact a
//! manager needs (what was asked, what was promised, each move of the due date, the notes),
//! each with the commit that recorded it as its receipt.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

pub use super::person::PersonRef;
use serde_json::Value;

use super::overdue::owes;
use super::register::MeetingRef;
use crate::error::{Error, Result};
use crate::history::events::{self, Event};
use crate::model::{Ask, Commitment, Record, RecordId, Status};
use crate::store::remote::CommitLinks;
use crate::store::{Entry, Ledger, Snapshot};

/// An open record due within this many days counts as at risk and may be escalated.
pub const AT_RISK_DAYS: i64 = 2;

/// The commit that recorded a fact.
#[derive(Clone, Debug, Serialize)]
pub struct Receipt {
    /// Full commit id.
    pub commit: String,
    pub at: DateTime<FixedOffset>,
    pub author: String,
    /// The record whose file the commit changed.
    pub record: RecordId,
    /// The commit on the git host, when the ledger is shared through a known one.
    pub link: Option<String>,
}

/// The ask behind it.
#[derive(Clone, Debug, Serialize)]
pub struct Asked {
    pub id: RecordId,
    pub date: NaiveDate,
    pub from: PersonRef,
    pub to: PersonRef,
    pub what: String,
    pub why: Option<String>,
    /// Needed by.
    pub due: Option<NaiveDate>,
    pub status: Status,
    pub receipt: Option<Receipt>,
    /// The commit that accepted it, if it was accepted.
    pub accepted: Option<Receipt>,
}

/// The promise itself.
#[derive(Clone, Debug, Serialize)]
pub struct Promised {
    pub id: RecordId,
    pub date: NaiveDate,
    pub by: PersonRef,
    pub to: PersonRef,
    pub what: String,
    /// The due date first promised.
    pub first_due: NaiveDate,
    pub meeting: Option<MeetingRef>,
    pub receipt: Option<Receipt>,
}

/// One change of the due date.
#[derive(Clone, Debug, Serialize)]
pub struct DueChange {
    pub date: NaiveDate,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub by: PersonRef,
    pub reason: Option<String>,
    /// Made with plain git rather than ledger.
    pub by_hand: bool,
    /// When the move was made after the due date it moved had passed, how many days after; the
    /// day counted is the later of the reschedule's date and its commit's, so a backdated
    /// `--date` or hand edit does not hide a late move here.
    pub days_after_due: Option<i64>,
    pub receipt: Receipt,
}

/// A progress note.
#[derive(Clone, Debug, Serialize)]
pub struct Noted {
    pub date: NaiveDate,
    pub by: Option<PersonRef>,
    pub text: String,
    pub receipt: Option<Receipt>,
}

/// What the record waits on.
#[derive(Clone, Debug, Serialize)]
pub struct Blocked {
    pub since: NaiveDate,
    pub on: Option<RecordId>,
    pub on_what: Option<String>,
    pub on_status: Option<Status>,
    pub reason: Option<String>,
    pub receipt: Option<Receipt>,
}

/// An open commitment that waits on this one.
#[derive(Clone, Debug, Serialize)]
pub struct Dependent {
    pub id: RecordId,
    pub by: PersonRef,
    pub what: String,
    pub due: NaiveDate,
    pub receipt: Option<Receipt>,
}

/// The memo's content.
#[derive(Clone, Debug, Serialize)]
pub struct Memo {
    pub id: RecordId,
    pub kind: String,
    pub status: Status,
    pub what: String,
    /// The day it is measured on (today or --as-of).
    pub day: NaiveDate,
    /// `overdue` or `at_risk`.
    pub standing: &'static str,
    pub due: NaiveDate,
    pub days_overdue: i64,
    /// Days left before the due date (0 when overdue).
    pub due_in_days: i64,
    /// Who has to act.
    pub owner: PersonRef,
    /// The owner's reports-to chain, nearest first: whom the memo goes to.
    pub escalate_to: Vec<PersonRef>,
    pub ask: Option<Asked>,
    pub promise: Option<Promised>,
    pub due_changes: Vec<DueChange>,
    pub notes: Vec<Noted>,
    pub blocked: Option<Blocked>,
    pub waiting_on_it: Vec<Dependent>,
}

/// Refuses, saying why, anything but an open commitment or ask that is overdue or due within
/// `AT_RISK_DAYS` of `day`. Returns its due date.
pub fn eligible(record: &Record, snap: &Snapshot, day: NaiveDate) -> Result<NaiveDate> {
    let id = record.id();
    let what = "only open commitments and asks that are overdue or due within 2 days are escalated";
    let status = record.status();
    match record {
        Record::Commitment(_) | Record::Ask(_) => {}
        _ => {
            return Err(Error::user(format!(
                "{id} is a {}, not a promise: {what}",
                record.kind()
            ))
            .hint("`ledger overdue` lists what is late"))
        }
    }
    if let Record::Ask(Ask {
        commitment: Some(c),
        status: Status::Accepted,
        ..
    }) = record
    {
        let state = snap.get(c).map(|e| e.record.status().to_string());
        return Err(Error::user(format!(
            "{id} was accepted and became commitment {c} ({}); escalate the commitment",
            state.as_deref().unwrap_or("not in the ledger")
        ))
        .hint(format!("ledger escalate {c}")));
    }
    if status != Status::Open {
        let closed = match record {
            Record::Commitment(c) => c.closed,
            Record::Ask(a) => a.closed,
            _ => None,
        };
        let when = match closed {
            Some(d) => format!("was {status} on {d}"),
            None => format!("is {status}"),
        };
        return Err(Error::user(format!(
            "{id} {when}, so there is nothing to escalate: {what}"
        ))
        .hint(format!("`ledger show {id}` shows how it ended")));
    }
    let Some(due) = record.due() else {
        return Err(Error::user(format!(
            "{id} has no needed-by date, so it cannot be late: {what}"
        ))
        .hint(format!(
            "give it one: ledger reschedule {id} --due DATE --reason TEXT"
        )));
    };
    let left = (due - day).num_days();
    if left > AT_RISK_DAYS {
        return Err(Error::user(format!(
            "{id} is due {due}, in {left} days, and on track as far as the ledger knows: {what}"
        ))
        .hint("`ledger overdue` lists what is late"));
    }
    Ok(due)
}

struct Receipts<'a> {
    links: Option<&'a CommitLinks>,
}

impl Receipts<'_> {
    fn of(&self, ev: &Event, record: &RecordId) -> Receipt {
        Receipt {
            commit: ev.commit.commit.clone(),
            at: ev.commit.at,
            author: ev.commit.author.clone(),
            record: record.clone(),
            link: self.links.map(|l| l.link(&ev.commit.commit)),
        }
    }
}

/// One record's history. A memo reads a handful (the record, its ask, what waits on it), so on a
/// fresh clone each is one path's walk rather than a build of every record's index first (the
/// index is then built in the background, as after `history`).
fn history(ledger: &Ledger, snap: &Snapshot, entry: &Entry) -> Result<Vec<Event>> {
    match snap.commit {
        Some(c) => events::events_of_one(ledger, c, &entry.path, entry.record.kind()),
        None => Ok(Vec::new()),
    }
}

fn date_of(v: &Value) -> Option<NaiveDate> {
    v.as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn len_of(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}

/// The last event that set `field` to something (not removed it).
fn last_set<'e>(evs: &'e [Event], field: &str) -> Option<&'e Event> {
    evs.iter().rev().find(|e| {
        e.changes
            .iter()
            .any(|c| c.field == field && !c.to.is_null())
    })
}

fn asked(
    ledger: &Ledger,
    snap: &Snapshot,
    entry: &Entry,
    a: &Ask,
    rc: &Receipts<'_>,
) -> Result<Asked> {
    let evs = history(ledger, snap, entry)?;
    let accepted = evs.iter().find(|e| {
        e.changes
            .iter()
            .any(|c| c.field == "status" && c.to == "accepted")
    });
    Ok(Asked {
        id: a.id.clone(),
        date: a.date,
        from: PersonRef::of(&snap.people, &a.from),
        to: PersonRef::of(&snap.people, &a.to),
        what: a.what.clone(),
        why: a.why.clone(),
        due: a.due,
        status: a.status,
        receipt: evs.first().map(|e| rc.of(e, &a.id)),
        accepted: accepted.map(|e| rc.of(e, &a.id)),
    })
}

/// Builds the memo for `entry`, refusing (see `eligible`) what cannot be escalated.
pub fn memo(
    ledger: &Ledger,
    snap: &Snapshot,
    entry: &Entry,
    day: NaiveDate,
    links: Option<&CommitLinks>,
) -> Result<Memo> {
    let record = &entry.record;
    let due = eligible(record, snap, day)?;
    let rc = Receipts { links };
    let id = record.id();
    let people = &snap.people;
    let evs = history(ledger, snap, entry)?;
    let owner = owes(record);
    let mut memo = Memo {
        id: id.clone(),
        kind: record.kind().to_string(),
        status: record.status(),
        what: record.headline().to_string(),
        day,
        standing: if due < day { "overdue" } else { "at_risk" },
        due,
        days_overdue: (day - due).num_days().max(0),
        due_in_days: (due - day).num_days().max(0),
        owner: PersonRef::of(people, owner),
        escalate_to: people
            .chain(owner)
            .iter()
            .map(|h| PersonRef::of(people, h))
            .collect(),
        ask: None,
        promise: None,
        due_changes: Vec::new(),
        notes: Vec::new(),
        blocked: None,
        waiting_on_it: Vec::new(),
    };
    let reschedules = match record {
        Record::Commitment(c) => c.reschedules.as_slice(),
        _ => &[],
    };
    match record {
        Record::Ask(a) => memo.ask = Some(asked(ledger, snap, entry, a, &rc)?),
        Record::Commitment(c) => {
            if let Some(ask_entry) = c.ask.as_ref().and_then(|a| snap.get(a)) {
                if let Record::Ask(a) = &ask_entry.record {
                    memo.ask = Some(asked(ledger, snap, ask_entry, a, &rc)?);
                }
            }
            memo.promise = Some(Promised {
                id: c.id.clone(),
                date: c.date,
                by: PersonRef::of(people, &c.by),
                to: PersonRef::of(people, &c.to),
                what: c.what.clone(),
                first_due: c.reschedules.first().map_or(c.due, |r| r.from),
                meeting: c.meeting.as_ref().map(|m| MeetingRef::of(snap, m)),
                receipt: evs.first().map(|e| rc.of(e, id)),
            });
            memo.blocked = c.blocked.as_ref().map(|b| {
                let on = b.on.as_ref().and_then(|o| snap.get(o));
                Blocked {
                    since: b.since,
                    on: b.on.clone(),
                    on_what: on.map(|e| e.record.headline().to_string()),
                    on_status: on.map(|e| e.record.status()),
                    reason: b.reason.clone(),
                    receipt: last_set(&evs, "blocked").map(|e| rc.of(e, id)),
                }
            });
            memo.waiting_on_it = dependents(ledger, snap, id, &rc)?;
        }
        _ => {}
    }
    let mut used = vec![false; reschedules.len()];
    for ev in evs.iter().skip(1) {
        let Some(ch) = ev.changes.iter().find(|c| c.field == "due") else {
            continue;
        };
        let (from, to) = (date_of(&ch.from), date_of(&ch.to));
        let matched = reschedules
            .iter()
            .enumerate()
            .find(|(i, r)| !used[*i] && Some(r.from) == from && Some(r.to) == to);
        if let Some((i, _)) = matched {
            used[i] = true;
        }
        let r = matched.map(|(_, r)| r);
        let committed = ev.commit.at.date_naive();
        let made = r.map_or(committed, |r| r.date.max(committed));
        memo.due_changes.push(DueChange {
            days_after_due: from.map(|f| (made - f).num_days()).filter(|d| *d > 0),
            date: r.map_or(committed, |r| r.date),
            from,
            to,
            by: match r.and_then(|r| r.by.as_deref()) {
                Some(h) => PersonRef::of(people, h),
                None => PersonRef::author(&ev.commit.author),
            },
            reason: r.map(|r| r.reason.clone()).or_else(|| ev.reason.clone()),
            by_hand: ev.by_hand,
            receipt: rc.of(ev, id),
        });
    }
    for (i, n) in record.notes().iter().enumerate() {
        let added = evs.iter().find(|e| {
            e.changes
                .iter()
                .any(|c| c.field == "notes" && len_of(&c.to) > i && len_of(&c.from) <= i)
        });
        memo.notes.push(Noted {
            date: n.date,
            by: n.by.as_deref().map(|h| PersonRef::of(people, h)),
            text: n.text.clone(),
            receipt: added.map(|e| rc.of(e, id)),
        });
    }
    Ok(memo)
}

/// Open commitments blocked on `id`, with the commit that blocked each.
fn dependents(
    ledger: &Ledger,
    snap: &Snapshot,
    id: &RecordId,
    rc: &Receipts<'_>,
) -> Result<Vec<Dependent>> {
    let mut out = Vec::new();
    for e in &snap.entries {
        let Record::Commitment(
            c @ Commitment {
                status: Status::Open,
                ..
            },
        ) = &e.record
        else {
            continue;
        };
        if c.blocked.as_ref().and_then(|b| b.on.as_ref()) != Some(id) {
            continue;
        }
        let evs = history(ledger, snap, e)?;
        out.push(Dependent {
            id: c.id.clone(),
            by: PersonRef::of(&snap.people, &c.by),
            what: c.what.clone(),
            due: c.due,
            receipt: last_set(&evs, "blocked").map(|ev| rc.of(ev, &c.id)),
        });
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    Ok(out)
}
