//! Overdue items as table rows, CSV rows and JSON objects: the receipts a lead escalates with.

use serde_json::Value;

use crate::model::{outcome, People, Record};
use crate::query::overdue::Overdue;
use crate::query::resolve::Abbrev;
use crate::store::Snapshot;

use super::json;
use super::text::line;

/// Table columns for each group (the person column is BY for commitments, FROM for asks).
pub fn header(ask: bool) -> [&'static str; 10] {
    [
        "ID",
        "LATE",
        "DUE",
        if ask { "FROM" } else { "BY" },
        "TO",
        "WHAT",
        "MADE",
        "SLIPS",
        "ESCALATE TO",
        "BLOCKED",
    ]
}

/// CSV columns: both groups in one sheet, told apart by `kind`; the JSON's field names in its
/// order. `by` is a commitment's owner, `from` an ask's asker; `blocked` and `made_in`, objects
/// in the JSON, hold what it is blocked on and the id it was made in.
pub const CSV_HEADER: [&str; 15] = [
    "id",
    "kind",
    "status",
    "date",
    "what",
    "by",
    "from",
    "to",
    "due",
    "blocked",
    "days_overdue",
    "slips",
    "escalate_to",
    "is_blocked",
    "made_in",
];

/// Where the record was made: its meeting or the ask it answers, if any.
pub fn made_in(record: &Record) -> Option<&crate::model::RecordId> {
    match record {
        Record::Commitment(c) => c.meeting.as_ref().or(c.ask.as_ref()),
        _ => record.meeting(),
    }
}

/// What the overdue commitment waits on, when blocked: a record, or a reason in words.
fn blocked_on<'a>(item: &Overdue<'a>) -> Option<Result<&'a crate::model::RecordId, &'a str>> {
    if !item.blocked {
        return None;
    }
    match &item.entry.record {
        Record::Commitment(c) => c.blocked.as_ref().map(|b| match &b.on {
            Some(on) => Ok(on),
            None => Err(b.reason.as_deref().unwrap_or("")),
        }),
        _ => None,
    }
}

/// "2026-03-03 in meeting "Payments sprint planning"" and the like, safe and short.
fn made(record: &Record, snap: &Snapshot, abbrev: &Abbrev) -> String {
    let mut s = record.date().to_string();
    if let Some(src) = made_in(record) {
        // An accepted ask usually says the same as the promise, so only a meeting's title helps.
        let title = match snap.get(src) {
            Some(e) if src.kind() == crate::model::Kind::Meeting => {
                format!(" \"{}\"", line(e.record.headline(), 26))
            }
            _ => String::new(),
        };
        s.push_str(&format!(" {} {}{title}", src.kind(), abbrev.short(src)));
    } else if let Some(place) = place(record) {
        s.push_str(&format!(" at {}", line(place, 30)));
    }
    s
}

fn place(record: &Record) -> Option<&str> {
    match record {
        Record::Ask(a) => a.place.as_deref(),
        Record::Commitment(c) => c.place.as_deref(),
        _ => None,
    }
}

/// A table row.
pub fn row(item: &Overdue<'_>, snap: &Snapshot, abbrev: &Abbrev) -> Vec<String> {
    let r = &item.entry.record;
    let days = item.days_overdue;
    vec![
        abbrev.short(r.id()).to_string(),
        format!("{days} day{}", if days == 1 { "" } else { "s" }),
        r.due().map(|d| d.to_string()).unwrap_or_default(),
        line(r.owner().unwrap_or(""), 20),
        line(r.counterpart().unwrap_or(""), 20),
        line(r.headline(), 60),
        made(r, snap, abbrev),
        item.slips.to_string(),
        line(&item.escalate_to, 20),
        match blocked_on(item) {
            Some(Ok(on)) => format!("on {}", abbrev.short(on)),
            Some(Err(why)) => format!("yes: {}", line(why, 30)),
            None => String::new(),
        },
    ]
}

/// A CSV row (full ids, unabridged text: CSV escapes its own quoting).
pub fn csv_row(item: &Overdue<'_>) -> Vec<String> {
    let r = &item.entry.record;
    let owner = r.owner().unwrap_or("").to_string();
    let (by, from) = match r {
        Record::Ask(_) => (String::new(), owner),
        _ => (owner, String::new()),
    };
    vec![
        r.id().to_string(),
        r.kind().to_string(),
        r.status().to_string(),
        r.date().to_string(),
        line(r.headline(), usize::MAX),
        by,
        from,
        r.counterpart().unwrap_or("").to_string(),
        r.due().map(|d| d.to_string()).unwrap_or_default(),
        match blocked_on(item) {
            Some(Ok(on)) => on.to_string(),
            Some(Err(why)) => line(why, usize::MAX),
            None => String::new(),
        },
        item.days_overdue.to_string(),
        item.slips.to_string(),
        item.escalate_to.clone(),
        item.blocked.to_string(),
        made_in(r).map(|m| m.to_string()).unwrap_or_default(),
    ]
}

/// The record as in its file, plus the computed fields of an overdue item.
pub fn to_json(item: &Overdue<'_>, snap: &Snapshot, people: &People) -> Value {
    let r = &item.entry.record;
    let mut v = json::record(r);
    v["days_overdue"] = item.days_overdue.into();
    v["slips"] = item.slips.into();
    v["escalate_to"] = item.escalate_to.clone().into();
    v["escalate_to_name"] = people
        .get(&item.escalate_to)
        .and_then(|p| p.name.clone())
        .into();
    v["is_blocked"] = item.blocked.into();
    if let Record::Commitment(c) = r {
        v["late_reschedules"] = serde_json::json!(outcome::late_moves(c));
    }
    v["made_in"] = match made_in(r) {
        Some(src) => serde_json::json!({
            "kind": src.kind().to_string(),
            "id": src,
            "title": snap.get(src).map(|e| e.record.headline().to_string()),
        }),
        None => Value::Null,
    };
    v
}

/// One line per reschedule of an overdue commitment that was made after the due date it moved
/// had passed: a promise already broken once, then moved, is not a fresh slip.
pub fn late_move_lines(items: &[&Overdue<'_>], abbrev: &Abbrev) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        let Record::Commitment(c) = &item.entry.record else {
            continue;
        };
        for m in outcome::late_moves(c) {
            out.push(format!(
                "{} was {} (on {}, due {} -> {})",
                abbrev.short(&c.id),
                super::outcome::moved_late(m.days_after_due),
                m.date,
                m.from,
                m.to
            ));
        }
    }
    out
}
