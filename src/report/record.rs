//! One record as labelled lines for `show`, and as a row for listings.

use crate::model::{People, Record};
use crate::query::resolve::Abbrev;

use super::text::{line, safe};

fn who(people: &People, handle: &str) -> String {
    safe(&people.display(handle), false)
}

/// The record's fields as (label, value) pairs, in file order, text made safe.
pub fn pairs(record: &Record, people: &People) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, val: String| v.push((k.to_string(), val));
    push("id", record.id().to_string());
    push("kind", record.kind().to_string());
    push("status", record.status().to_string());
    push("date", record.date().to_string());
    match record {
        Record::Ask(a) => {
            push("what", safe(&a.what, true));
            push("from", who(people, &a.from));
            push("to", who(people, &a.to));
            if let Some(d) = a.due {
                push("needed by", d.to_string())
            }
            if let Some(w) = &a.why {
                push("why", safe(w, true))
            }
            if let Some(p) = &a.place {
                push("where", safe(p, false))
            }
            if let Some(c) = &a.commitment {
                push("commitment", c.to_string())
            }
        }
        Record::Commitment(c) => {
            push("what", safe(&c.what, true));
            push("by", who(people, &c.by));
            push("to", who(people, &c.to));
            push("due", c.due.to_string());
            if let Some(p) = &c.place {
                push("where", safe(p, false))
            }
            if let Some(b) = &c.blocked {
                let on = b.on.as_ref().map(|o| o.to_string()).unwrap_or_default();
                let why = b
                    .reason
                    .as_deref()
                    .map(|r| safe(r, false))
                    .unwrap_or_default();
                push(
                    "blocked",
                    format!("since {} {on} {why}", b.since)
                        .trim_end()
                        .to_string(),
                );
            }
            for r in &c.reschedules {
                let by =
                    r.by.as_deref()
                        .map(|b| format!(" by {}", safe(b, false)))
                        .unwrap_or_default();
                push(
                    "rescheduled",
                    format!(
                        "{}: {} -> {}{by}: {}",
                        when(r.date, r.at.as_ref()),
                        r.from,
                        r.to,
                        safe(&r.reason, false)
                    ),
                );
            }
        }
        Record::Meeting(m) => {
            push("title", safe(&m.title, false));
            push(
                "attendees",
                m.attendees
                    .iter()
                    .map(|a| who(people, a))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            if let Some(p) = &m.place {
                push("where", safe(p, false))
            }
            if let Some(n) = &m.notes {
                push("notes", safe(n, true))
            }
        }
        Record::Decision(d) => {
            push("statement", safe(&d.statement, true));
            push("by", who(people, &d.by));
            if d.compliance {
                push("compliance", "yes".into())
            }
            if let Some(r) = &d.rationale {
                push("rationale", safe(r, true))
            }
            if let Some(p) = &d.place {
                push("where", safe(p, false))
            }
            for e in &d.evidence {
                push("evidence", safe(e, false))
            }
            if let Some(s) = &d.supersedes {
                push("supersedes", s.to_string())
            }
            if let Some(s) = &d.superseded_by {
                push("superseded by", s.to_string())
            }
        }
    }
    if let Some(m) = record.meeting() {
        push("meeting", m.to_string());
    }
    if let Record::Commitment(c) = record {
        if let Some(a) = &c.ask {
            push("ask", a.to_string())
        }
    }
    let (closed, closed_at, reason) = match record {
        Record::Ask(a) => (a.closed, a.closed_at, a.reason.as_deref()),
        Record::Commitment(c) => (c.closed, c.closed_at, c.reason.as_deref()),
        Record::Decision(d) => (d.closed, d.closed_at, d.reason.as_deref()),
        Record::Meeting(_) => (None, None, None),
    };
    if let Some(c) = closed {
        push("closed", when(c, closed_at.as_ref()))
    }
    if let Some(r) = reason {
        push("reason", safe(r, true))
    }
    if !record.tags().is_empty() {
        push("tags", safe(&record.tags().join(", "), false));
    }
    for n in record.notes() {
        let by =
            n.by.as_deref()
                .map(|b| format!(" {}", safe(b, false)))
                .unwrap_or_default();
        push(
            "note",
            format!(
                "{}{by}: {}",
                when(n.date, n.at.as_ref()),
                safe(&n.text, true)
            ),
        );
    }
    v
}

/// An entry's date, with its time of day when it has one (`2026-03-20 14:03`): the time as the
/// person who recorded it saw it, in their offset.
pub fn when(date: chrono::NaiveDate, at: Option<&crate::model::Stamp>) -> String {
    match at {
        Some(a) => format!("{date} {}", a.clock()),
        None => date.to_string(),
    }
}

/// The listing columns.
pub const LIST_HEADER: [&str; 8] = ["ID", "KIND", "STATUS", "DATE", "WHO", "TO", "DUE", "WHAT"];

/// The CSV columns of `list`: JSON field names in the JSON's order. `what` holds a meeting's
/// title and a decision's statement too; `by` is the owner of a commitment or decision, `from`
/// the asker of an ask.
pub const LIST_CSV_HEADER: [&str; 11] = [
    "id",
    "kind",
    "status",
    "date",
    "what",
    "by",
    "from",
    "to",
    "due",
    "is_blocked",
    "outcome",
];

/// A record as a `list` CSV row (see `LIST_CSV_HEADER`), with JSON's values: full id, bare
/// status, `true`/`false`, and the outcome's JSON name.
pub fn list_csv_row(record: &Record, blocked: bool, day: chrono::NaiveDate) -> Vec<String> {
    let owner = record.owner().unwrap_or("").to_string();
    let (by, from) = match record {
        Record::Ask(_) => (String::new(), owner),
        Record::Meeting(_) => (String::new(), String::new()),
        _ => (owner, String::new()),
    };
    let (is_blocked, outcome) = match record {
        Record::Commitment(c) => {
            let a = crate::model::outcome::assess(c, day);
            let o = serde_json::to_value(a.outcome).unwrap_or_default();
            (blocked.to_string(), o.as_str().unwrap_or("").to_string())
        }
        _ => (String::new(), String::new()),
    };
    vec![
        record.id().to_string(),
        record.kind().to_string(),
        record.status().to_string(),
        record.date().to_string(),
        record.headline().to_string(),
        by,
        from,
        record.counterpart().unwrap_or("").to_string(),
        record.due().map(|d| d.to_string()).unwrap_or_default(),
        is_blocked,
        outcome,
    ]
}

/// How a commitment turned out, when its status alone does not say it (done late, done by a
/// renegotiated date, cancelled after due, open after a late move); `None` otherwise.
pub fn outcome_note(record: &Record, day: chrono::NaiveDate) -> Option<&'static str> {
    use crate::model::outcome::{self, Outcome};
    let Record::Commitment(c) = record else {
        return None;
    };
    match outcome::outcome(c, day) {
        Outcome::Late => Some("late"),
        Outcome::Renegotiated => Some("renegotiated in time"),
        Outcome::CancelledLate => Some("after due"),
        Outcome::Open | Outcome::Overdue if !outcome::late_moves(c).is_empty() => {
            Some("rescheduled late")
        }
        _ => None,
    }
}

/// A record as a listing row, its outcome measured on `day`.
pub fn row(record: &Record, abbrev: &Abbrev, blocked: bool, day: chrono::NaiveDate) -> Vec<String> {
    let mut notes: Vec<&str> = outcome_note(record, day).into_iter().collect();
    if blocked {
        notes.push("blocked");
    }
    let status = if notes.is_empty() {
        record.status().to_string()
    } else {
        format!("{} ({})", record.status(), notes.join(", "))
    };
    let who = match record {
        Record::Meeting(m) => m.attendees.join(","),
        _ => record.owner().unwrap_or("").to_string(),
    };
    vec![
        abbrev.short(record.id()).to_string(),
        record.kind().to_string(),
        status,
        record.date().to_string(),
        line(&who, 30),
        line(record.counterpart().unwrap_or(""), 20),
        record.due().map(|d| d.to_string()).unwrap_or_default(),
        line(record.headline(), 70),
    ]
}
