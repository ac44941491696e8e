//! The record kinds as data: field names and order here are the file format.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::stamp::Stamp;
use super::{Kind, RecordId, Status};

/// A dated progress note on a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// When the note was made.
    pub date: NaiveDate,
    /// Who made it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The note itself.
    pub text: String,
    /// The moment it was recorded, when recorded on its date (older files have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Stamp>,
}

/// One renegotiation of a commitment's due date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reschedule {
    /// When the date was moved.
    pub date: NaiveDate,
    /// The due date before.
    pub from: NaiveDate,
    /// The due date after.
    pub to: NaiveDate,
    /// Why it moved.
    pub reason: String,
    /// Who moved it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The moment it was recorded, when recorded on its date (older files have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Stamp>,
}

/// What an open commitment is waiting on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocker {
    /// Since when.
    pub since: NaiveDate,
    /// The record it waits on, if it waits on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<RecordId>,
    /// Why, in words, if it waits on something outside the ledger (or to explain `on`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Someone asked someone for something.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ask {
    pub id: RecordId,
    pub kind: Kind,
    pub status: Status,
    /// When it was asked.
    pub date: NaiveDate,
    pub what: String,
    pub from: String,
    pub to: String,
    /// Needed by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<RecordId>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The commitment it became, once accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment: Option<RecordId>,
    /// The decision that answered it, once answered by one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Links that prove how it ended (http, https or mailto), added when it is declined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// When it was answered or withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// The moment it was closed, when closed on the day recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Stamp>,
    /// Why it was declined or withdrawn; for an ask answered by a reply that is not a decision,
    /// the reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Key in the tracker it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Someone promised someone to do something by a date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: RecordId,
    pub kind: Kind,
    pub status: Status,
    /// When the promise was made.
    pub date: NaiveDate,
    pub what: String,
    pub by: String,
    pub to: String,
    pub due: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ask: Option<RecordId>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<Blocker>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reschedules: Vec<Reschedule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Links that prove it was done (or why it was cancelled): http, https or mailto.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// When it was done or cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// The moment it was closed, when closed on the day recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Stamp>,
    /// Why it was cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The series a recurring commitment belongs to: the id of its first occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<RecordId>,
    /// How often the series comes round (`week`, `2w`, `month`, `weekday`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<super::recur::Every>,
    /// Set on the occurrence cancelled with `cancel --series`: no occurrence follows it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub series_ended: bool,
}

impl Commitment {
    /// A new open commitment with only what every promise has; the links, tags and history it
    /// starts with are set by the caller (`Commitment { meeting, ..Commitment::new(..) }`).
    pub fn new(
        id: RecordId,
        date: NaiveDate,
        what: String,
        by: String,
        to: String,
        due: NaiveDate,
    ) -> Commitment {
        Commitment {
            id,
            kind: Kind::Commitment,
            status: Status::Open,
            date,
            what,
            by,
            to,
            due,
            meeting: None,
            ask: None,
            place: None,
            tags: Vec::new(),
            blocked: None,
            reschedules: Vec::new(),
            notes: Vec::new(),
            evidence: Vec::new(),
            closed: None,
            closed_at: None,
            reason: None,
            source: None,
            series: None,
            every: None,
            series_ended: false,
        }
    }
}

/// A meeting that happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: RecordId,
    pub kind: Kind,
    pub status: Status,
    /// When it was held.
    pub date: NaiveDate,
    pub title: String,
    pub attendees: Vec<String>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Free text, Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Decisions made in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<RecordId>,
    /// Commitments made in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<RecordId>,
}

/// A decision, its statement kept word for word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: RecordId,
    pub kind: Kind,
    pub status: Status,
    /// When it was made.
    pub date: NaiveDate,
    pub statement: String,
    pub by: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub compliance: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<RecordId>,
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<RecordId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<RecordId>,
    /// The ask this decision answered (`ledger answer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<RecordId>,
    /// When it was superseded or revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<NaiveDate>,
    /// The moment it was closed, when closed on the day recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Stamp>,
    /// Why it was revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Any record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Record {
    Ask(Ask),
    Commitment(Commitment),
    Meeting(Meeting),
    Decision(Decision),
}

impl Record {
    /// The record's id.
    pub fn id(&self) -> &RecordId {
        match self {
            Record::Ask(r) => &r.id,
            Record::Commitment(r) => &r.id,
            Record::Meeting(r) => &r.id,
            Record::Decision(r) => &r.id,
        }
    }

    /// The kind, from the variant (not from the possibly hand-edited `kind` field).
    pub fn kind(&self) -> Kind {
        match self {
            Record::Ask(_) => Kind::Ask,
            Record::Commitment(_) => Kind::Commitment,
            Record::Meeting(_) => Kind::Meeting,
            Record::Decision(_) => Kind::Decision,
        }
    }

    /// The `kind` field as written in the file.
    pub fn kind_field(&self) -> Kind {
        match self {
            Record::Ask(r) => r.kind,
            Record::Commitment(r) => r.kind,
            Record::Meeting(r) => r.kind,
            Record::Decision(r) => r.kind,
        }
    }

    /// The status.
    pub fn status(&self) -> Status {
        match self {
            Record::Ask(r) => r.status,
            Record::Commitment(r) => r.status,
            Record::Meeting(r) => r.status,
            Record::Decision(r) => r.status,
        }
    }

    /// The date the thing happened (asked, promised, held, decided).
    pub fn date(&self) -> NaiveDate {
        match self {
            Record::Ask(r) => r.date,
            Record::Commitment(r) => r.date,
            Record::Meeting(r) => r.date,
            Record::Decision(r) => r.date,
        }
    }

    /// The due (needed-by) date, for asks and commitments.
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            Record::Ask(r) => r.due,
            Record::Commitment(r) => Some(r.due),
            _ => None,
        }
    }

    /// The main text: what was asked or promised, the meeting title, the decision statement.
    pub fn headline(&self) -> &str {
        match self {
            Record::Ask(r) => &r.what,
            Record::Commitment(r) => &r.what,
            Record::Meeting(r) => &r.title,
            Record::Decision(r) => &r.statement,
        }
    }

    /// Who owns it: who asked, who promised, who decided.
    pub fn owner(&self) -> Option<&str> {
        match self {
            Record::Ask(r) => Some(&r.from),
            Record::Commitment(r) => Some(&r.by),
            Record::Decision(r) => Some(&r.by),
            Record::Meeting(_) => None,
        }
    }

    /// Whom it is for: who was asked, to whom it was promised.
    pub fn counterpart(&self) -> Option<&str> {
        match self {
            Record::Ask(r) => Some(&r.to),
            Record::Commitment(r) => Some(&r.to),
            _ => None,
        }
    }

    /// The meeting it came from.
    pub fn meeting(&self) -> Option<&RecordId> {
        match self {
            Record::Ask(r) => r.meeting.as_ref(),
            Record::Commitment(r) => r.meeting.as_ref(),
            Record::Decision(r) => r.meeting.as_ref(),
            Record::Meeting(_) => None,
        }
    }

    /// Its tags.
    pub fn tags(&self) -> &[String] {
        match self {
            Record::Ask(r) => &r.tags,
            Record::Commitment(r) => &r.tags,
            Record::Meeting(r) => &r.tags,
            Record::Decision(r) => &r.tags,
        }
    }

    /// Its progress notes (a meeting's notes are free text, not a list).
    pub fn notes(&self) -> &[Note] {
        match self {
            Record::Ask(r) => &r.notes,
            Record::Commitment(r) => &r.notes,
            _ => &[],
        }
    }

    /// Replaces the handle `old` by `new` wherever the record names a person (who, to whom,
    /// attendees, and who made each note and reschedule): `people rename`. True when anything
    /// changed. Text (what, notes' text, reasons) is left as written.
    pub fn rename_person(&mut self, old: &str, new: &str) -> bool {
        let mut changed = false;
        let mut swap = |h: &mut String| {
            if h == old {
                *h = new.to_string();
                changed = true;
            }
        };
        fn opt(h: &mut Option<String>, swap: &mut impl FnMut(&mut String)) {
            if let Some(h) = h {
                swap(h);
            }
        }
        match self {
            Record::Ask(r) => {
                swap(&mut r.from);
                swap(&mut r.to);
                r.notes.iter_mut().for_each(|n| opt(&mut n.by, &mut swap));
            }
            Record::Commitment(r) => {
                swap(&mut r.by);
                swap(&mut r.to);
                r.notes.iter_mut().for_each(|n| opt(&mut n.by, &mut swap));
                r.reschedules
                    .iter_mut()
                    .for_each(|n| opt(&mut n.by, &mut swap));
            }
            Record::Meeting(r) => r.attendees.iter_mut().for_each(&mut swap),
            Record::Decision(r) => swap(&mut r.by),
        }
        changed
    }

    /// Every record id this record refers to, with the field naming it.
    pub fn references(&self) -> Vec<(&'static str, &RecordId)> {
        let mut refs: Vec<(&'static str, &RecordId)> = Vec::new();
        fn push<'a>(
            refs: &mut Vec<(&'static str, &'a RecordId)>,
            field: &'static str,
            id: Option<&'a RecordId>,
        ) {
            if let Some(id) = id {
                refs.push((field, id));
            }
        }
        match self {
            Record::Ask(r) => {
                push(&mut refs, "meeting", r.meeting.as_ref());
                push(&mut refs, "commitment", r.commitment.as_ref());
                push(&mut refs, "decision", r.decision.as_ref());
            }
            Record::Commitment(r) => {
                push(&mut refs, "meeting", r.meeting.as_ref());
                push(&mut refs, "ask", r.ask.as_ref());
                push(
                    &mut refs,
                    "blocked.on",
                    r.blocked.as_ref().and_then(|b| b.on.as_ref()),
                );
            }
            Record::Meeting(r) => {
                for d in &r.decisions {
                    push(&mut refs, "decisions", Some(d));
                }
                for c in &r.commitments {
                    push(&mut refs, "commitments", Some(c));
                }
            }
            Record::Decision(r) => {
                push(&mut refs, "meeting", r.meeting.as_ref());
                push(&mut refs, "supersedes", r.supersedes.as_ref());
                push(&mut refs, "superseded_by", r.superseded_by.as_ref());
                push(&mut refs, "answers", r.answers.as_ref());
            }
        }
        refs
    }

    /// Every free-text field, with its name, for validation and search.
    pub fn texts(&self) -> Vec<(&'static str, &str)> {
        let mut out: Vec<(&'static str, &str)> = Vec::new();
        fn opt<'a>(
            out: &mut Vec<(&'static str, &'a str)>,
            name: &'static str,
            v: &'a Option<String>,
        ) {
            if let Some(v) = v {
                out.push((name, v.as_str()));
            }
        }
        match self {
            Record::Ask(r) => {
                opt(&mut out, "why", &r.why);
                opt(&mut out, "where", &r.place);
                opt(&mut out, "reason", &r.reason);
                opt(&mut out, "source", &r.source);
                out.extend([("what", r.what.as_str()), ("from", &r.from), ("to", &r.to)]);
            }
            Record::Commitment(r) => {
                opt(&mut out, "where", &r.place);
                opt(&mut out, "reason", &r.reason);
                opt(&mut out, "source", &r.source);
                if let Some(b) = &r.blocked {
                    opt(&mut out, "blocked.reason", &b.reason);
                }
                for s in &r.reschedules {
                    out.push(("reschedules.reason", &s.reason));
                }
                out.extend([("what", r.what.as_str()), ("by", &r.by), ("to", &r.to)]);
            }
            Record::Meeting(r) => {
                opt(&mut out, "where", &r.place);
                opt(&mut out, "notes", &r.notes);
                out.push(("title", &r.title));
                for a in &r.attendees {
                    out.push(("attendees", a));
                }
            }
            Record::Decision(r) => {
                opt(&mut out, "rationale", &r.rationale);
                opt(&mut out, "where", &r.place);
                opt(&mut out, "reason", &r.reason);
                for e in &r.evidence {
                    out.push(("evidence", e));
                }
                out.extend([("statement", r.statement.as_str()), ("by", &r.by)]);
            }
        }
        for n in self.notes() {
            out.push(("notes.text", &n.text));
        }
        if let Record::Ask(Ask { evidence, .. }) | Record::Commitment(Commitment { evidence, .. }) =
            self
        {
            for e in evidence {
                out.push(("evidence", e));
            }
        }
        for t in self.tags() {
            out.push(("tags", t));
        }
        out
    }
}
