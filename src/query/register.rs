//! The decision register: every decision with who, when, where, its status and the chain of
//! decisions that replaced one another, so "who agreed to that?" has one answer.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Decision, Record, RecordId, Status};
use crate::store::Snapshot;

/// Guards the chain walks against a hand-edited loop.
const MAX_CHAIN: usize = 10_000;

/// The meeting a record came from, as a reader needs it.
#[derive(Clone, Debug, Serialize)]
pub struct MeetingRef {
    pub id: RecordId,
    /// Empty when the meeting is not in the ledger.
    pub title: String,
    pub date: Option<NaiveDate>,
}

impl MeetingRef {
    /// Looks up `id` in the snapshot.
    pub fn of(snap: &Snapshot, id: &RecordId) -> MeetingRef {
        match snap.get(id).map(|e| &e.record) {
            Some(Record::Meeting(m)) => MeetingRef {
                id: id.clone(),
                title: m.title.clone(),
                date: Some(m.date),
            },
            _ => MeetingRef {
                id: id.clone(),
                title: String::new(),
                date: None,
            },
        }
    }
}

/// The ask a decision answered, as a reader needs it.
#[derive(Clone, Debug, Serialize)]
pub struct AskRef {
    pub id: RecordId,
    /// What was asked; empty when the ask is not in the ledger.
    pub what: String,
    /// Who asked.
    pub from: String,
    /// When it was needed by, if it said.
    pub due: Option<NaiveDate>,
}

impl AskRef {
    /// Looks up `id` in the snapshot.
    pub fn of(snap: &Snapshot, id: &RecordId) -> AskRef {
        match snap.get(id).map(|e| &e.record) {
            Some(Record::Ask(a)) => AskRef {
                id: id.clone(),
                what: a.what.clone(),
                from: a.from.clone(),
                due: a.due,
            },
            _ => AskRef {
                id: id.clone(),
                what: String::new(),
                from: String::new(),
                due: None,
            },
        }
    }
}

/// One decision in the register.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub id: RecordId,
    pub kind: &'static str,
    pub status: Status,
    pub date: NaiveDate,
    /// Word for word.
    pub statement: String,
    pub by: String,
    /// The decider's name, from the people file.
    pub by_name: Option<String>,
    pub compliance: bool,
    pub rationale: Option<String>,
    pub meeting: Option<MeetingRef>,
    #[serde(rename = "where")]
    pub place: Option<String>,
    pub evidence: Vec<String>,
    pub supersedes: Option<RecordId>,
    pub superseded_by: Option<RecordId>,
    /// The decision in force at the end of the chain, when it is not this one.
    pub in_force: Option<RecordId>,
    /// The whole supersession chain, oldest first, this decision included.
    pub chain: Vec<RecordId>,
    pub closed: Option<NaiveDate>,
    pub reason: Option<String>,
    /// The ask this decision answered in writing (`ledger answer`), with what was asked.
    pub answers: Option<AskRef>,
}

fn decision<'a>(snap: &'a Snapshot, id: &RecordId) -> Option<&'a Decision> {
    match snap.get(id).map(|e| &e.record) {
        Some(Record::Decision(d)) => Some(d),
        _ => None,
    }
}

/// The chain `d` belongs to, oldest first, following `supersedes` back and `superseded_by` on.
pub fn chain(snap: &Snapshot, d: &Decision) -> Vec<RecordId> {
    let mut back = Vec::new();
    let mut cur = d;
    while let Some(prev) = cur.supersedes.as_ref().and_then(|p| decision(snap, p)) {
        if prev.id == d.id || back.contains(&prev.id) || back.len() > MAX_CHAIN {
            break;
        }
        back.push(prev.id.clone());
        cur = prev;
    }
    back.reverse();
    back.push(d.id.clone());
    let mut cur = d;
    while let Some(next) = cur.superseded_by.as_ref().and_then(|n| decision(snap, n)) {
        if back.contains(&next.id) || back.len() > MAX_CHAIN {
            break;
        }
        back.push(next.id.clone());
        cur = next;
    }
    back
}

/// The decision in force that replaced `d`, if `d` was superseded (the end of its chain).
pub fn in_force(snap: &Snapshot, d: &Decision) -> Option<RecordId> {
    d.superseded_by.as_ref()?;
    let last = chain(snap, d).pop()?;
    (last != d.id).then_some(last)
}

/// Which decisions the register shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Only {
    /// Only compliance decisions.
    pub compliance: bool,
    /// Only decisions in force.
    pub active: bool,
}

/// Every decision that passes `only`, oldest first.
pub fn register(snap: &Snapshot, only: Only) -> Vec<Entry> {
    crate::store::read::whole(snap, "register");
    let mut out: Vec<Entry> = snap
        .entries
        .iter()
        .filter_map(|e| match &e.record {
            Record::Decision(d) => Some(d),
            _ => None,
        })
        .filter(|d| !only.compliance || d.compliance)
        .filter(|d| !only.active || d.status == Status::Active)
        .map(|d| entry(snap, d))
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    out
}

/// One decision as a register entry.
pub fn entry(snap: &Snapshot, d: &Decision) -> Entry {
    Entry {
        id: d.id.clone(),
        kind: "decision",
        status: d.status,
        date: d.date,
        statement: d.statement.clone(),
        by: d.by.clone(),
        by_name: snap.people.get(&d.by).and_then(|p| p.name.clone()),
        compliance: d.compliance,
        rationale: d.rationale.clone(),
        meeting: d.meeting.as_ref().map(|m| MeetingRef::of(snap, m)),
        place: d.place.clone(),
        evidence: d.evidence.clone(),
        answers: d.answers.as_ref().map(|a| AskRef::of(snap, a)),
        supersedes: d.supersedes.clone(),
        superseded_by: d.superseded_by.clone(),
        in_force: in_force(snap, d),
        chain: chain(snap, d),
        closed: d.closed,
        reason: d.reason.clone(),
    }
}
