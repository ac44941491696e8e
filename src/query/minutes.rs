//! What the minutes of one meeting say: who was there, the notes, the decisions word for word
//! with who made each, and the action items, each with the address where it can be opened.

use chrono::NaiveDate;
use serde::Serialize;

use super::links::Links;
pub use super::person::PersonRef;
use crate::model::{Record, RecordId};
use crate::store::Snapshot;

/// A decision taken in the meeting.
#[derive(Clone, Debug, Serialize)]
pub struct Decided {
    pub id: RecordId,
    pub statement: String,
    pub by: PersonRef,
    pub compliance: bool,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// An action item: a commitment made in the meeting.
#[derive(Clone, Debug, Serialize)]
pub struct Action {
    pub id: RecordId,
    pub owner: PersonRef,
    pub what: String,
    pub to: PersonRef,
    pub due: NaiveDate,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The minutes of one meeting.
#[derive(Clone, Debug, Serialize)]
pub struct Minutes {
    pub id: RecordId,
    pub title: String,
    pub date: NaiveDate,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub attendees: Vec<PersonRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub decisions: Vec<Decided>,
    pub actions: Vec<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// The minutes of meeting `id`; none when `id` is not a meeting in `snap`.
pub fn minutes(snap: &Snapshot, id: &RecordId, links: &Links) -> Option<Minutes> {
    let entry = snap.get(id)?;
    let Record::Meeting(m) = &entry.record else {
        return None;
    };
    let people = &snap.people;
    let link = |id: &RecordId| snap.get(id).and_then(|e| links.record(id, &e.path));
    let decisions = m
        .decisions
        .iter()
        .filter_map(|d| match &snap.get(d)?.record {
            Record::Decision(d) => Some(Decided {
                id: d.id.clone(),
                statement: d.statement.clone(),
                by: PersonRef::of(people, &d.by),
                compliance: d.compliance,
                status: d.status.to_string(),
                link: link(&d.id),
            }),
            _ => None,
        })
        .collect();
    let actions = m
        .commitments
        .iter()
        .filter_map(|c| match &snap.get(c)?.record {
            Record::Commitment(c) => Some(Action {
                id: c.id.clone(),
                owner: PersonRef::of(people, &c.by),
                what: c.what.clone(),
                to: PersonRef::of(people, &c.to),
                due: c.due,
                status: c.status.to_string(),
                link: link(&c.id),
            }),
            _ => None,
        })
        .collect();
    Some(Minutes {
        id: m.id.clone(),
        title: m.title.clone(),
        date: m.date,
        place: m.place.clone(),
        attendees: m
            .attendees
            .iter()
            .map(|a| PersonRef::of(people, a))
            .collect(),
        notes: m.notes.clone().filter(|n| !n.trim().is_empty()),
        decisions,
        actions,
        link: links.record(&m.id, &entry.path),
    })
}
