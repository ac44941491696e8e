//! `meeting`: a meeting and everything decided and promised in it, in one commit.

use chrono::NaiveDate;

use crate::error::Result;
use crate::model::{Commitment, Decision, Kind, Meeting, Record, Status};
use crate::store::message::{key, subject};
use crate::store::{CommitId, Ledger, Message};

/// One action item: a commitment made in the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    /// Who promises.
    pub owner: String,
    /// What.
    pub what: String,
    /// By when.
    pub due: NaiveDate,
    /// To whom; the chair when `None`.
    pub to: Option<String>,
}

/// A meeting to record. Text and handles are already checked, attendees without repeats.
#[derive(Clone, Debug)]
pub struct Held {
    /// The title.
    pub title: String,
    /// Who attended.
    pub attendees: Vec<String>,
    /// The notes (Markdown).
    pub notes: Option<String>,
    /// Where it was held.
    pub place: Option<String>,
    /// The decisions made, word for word, each with whether it is a compliance decision and
    /// who made it (the chair when `None`).
    pub decisions: Vec<(String, bool, Option<String>)>,
    /// The action items.
    pub actions: Vec<ActionItem>,
    /// Who chaired (the decisions are theirs, the actions owed to them); the current user when
    /// `None`.
    pub chair: Option<String>,
    /// Tags, for the meeting and everything made in it.
    pub tags: Vec<String>,
    /// The day it was held.
    pub date: NaiveDate,
}

/// What `meeting` recorded.
#[derive(Clone, Debug)]
pub struct MeetingRecorded {
    /// The meeting.
    pub meeting: Record,
    /// The decisions, then the commitments, made in it.
    pub made: Vec<Record>,
    /// The commit.
    pub commit: CommitId,
}

/// The action items whose owner did not attend (worth a warning, not a refusal).
pub fn absent_owners(held: &Held) -> Vec<&ActionItem> {
    held.actions
        .iter()
        .filter(|i| !held.attendees.contains(&i.owner))
        .collect()
}

/// Records the meeting, its decisions and its commitments in one commit.
pub fn meeting(ledger: &Ledger, held: &Held) -> Result<MeetingRecorded> {
    let (date, title, attendees) = (held.date, &held.title, &held.attendees);
    let mut txn = super::begin(ledger)?;
    let people = txn.people()?;
    let mut given: Vec<(&str, &str)> = held
        .chair
        .as_deref()
        .map(|c| ("--chair", c))
        .into_iter()
        .collect();
    given.extend(attendees.iter().map(|a| ("--attendees", a.as_str())));
    for (_, _, by) in &held.decisions {
        given.extend(by.as_deref().map(|b| ("--decision's HANDLE:", b)));
    }
    for item in &held.actions {
        given.push(("--action's owner", item.owner.as_str()));
        given.extend(item.to.as_deref().map(|t| ("--action's to:", t)));
    }
    super::known_people(&mut txn, &people, &given)?;
    let chair = super::given_or_me(ledger, &people, held.chair.as_deref())?;
    let meeting_id = txn.new_id(Kind::Meeting)?;
    let mut made: Vec<Record> = Vec::new();
    for (statement, compliance, by) in &held.decisions {
        let id = txn.new_id(Kind::Decision)?;
        made.push(Record::Decision(Decision {
            id,
            kind: Kind::Decision,
            status: Status::Active,
            date,
            statement: statement.clone(),
            by: by.clone().unwrap_or_else(|| chair.clone()),
            compliance: *compliance,
            rationale: None,
            meeting: Some(meeting_id.clone()),
            place: None,
            evidence: Vec::new(),
            tags: held.tags.clone(),
            supersedes: None,
            superseded_by: None,
            answers: None,
            closed: None,
            closed_at: None,
            reason: None,
        }));
    }
    for item in &held.actions {
        let id = txn.new_id(Kind::Commitment)?;
        made.push(Record::Commitment(Commitment {
            meeting: Some(meeting_id.clone()),
            tags: held.tags.clone(),
            ..Commitment::new(
                id,
                date,
                item.what.clone(),
                item.owner.clone(),
                item.to.clone().unwrap_or_else(|| chair.clone()),
                item.due,
            )
        }));
    }
    let of_kind = |k: Kind| {
        made.iter()
            .filter(|r| r.kind() == k)
            .map(|r| r.id().clone())
            .collect::<Vec<_>>()
    };
    let meeting = Record::Meeting(Meeting {
        id: meeting_id.clone(),
        kind: Kind::Meeting,
        status: Status::Held,
        date,
        title: title.clone(),
        attendees: attendees.clone(),
        place: held.place.clone(),
        tags: held.tags.clone(),
        notes: held.notes.clone(),
        decisions: of_kind(Kind::Decision),
        commitments: of_kind(Kind::Commitment),
    });
    let mut writes = vec![super::create(&meeting)?];
    let who = super::me(ledger, &people)
        .ok()
        .or_else(|| attendees.first().cloned())
        .unwrap_or_else(|| "someone".to_string());
    let summary_line = format!(
        "Held {date}: {}, {}, {}",
        count(attendees.len(), "attendee"),
        count(held.decisions.len(), "decision"),
        count(held.actions.len(), "action")
    );
    let mut message = Message::new(
        subject(&who, "records", meeting_id.as_str(), title),
        "meeting",
    )
    .record(&meeting_id);
    let mut body = vec![
        format!("Title: {title}"),
        summary_line,
        format!("Attendees: {}", attendees.join(", ")),
    ];
    for r in &made {
        writes.push(super::create(r)?);
        message = message.trailer(key::ID, r.id().as_str());
        body.push(match r {
            // Who decided is said only when it is not the chair, whose meeting it is.
            Record::Decision(d) if d.by != chair => {
                format!("Decision {} by {}: {}", d.id, d.by, d.statement)
            }
            Record::Decision(d) => format!("Decision {}: {}", d.id, d.statement),
            Record::Commitment(c) => format!(
                "Action {}: {} promises {}: {} (due {})",
                c.id, c.by, c.to, c.what, c.due
            ),
            _ => unreachable!("only decisions and commitments are made in a meeting"),
        });
    }
    let mut message = message.body(body.join("\n"));
    if let Some(notes) = &held.notes {
        message = message.body(format!("Notes:\n\n{notes}"));
    }
    let commit = txn.commit(writes, &message)?;
    Ok(MeetingRecorded {
        meeting,
        made,
        commit,
    })
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
