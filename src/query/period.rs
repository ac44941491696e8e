//! The periodic report's content: what was decided, promised, kept, slipped, held and asked in a
//! period, what is overdue and what comes next. Deciding what goes in each section lives here;
//! how it looks lives in `report::summary`.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::keep::{self, Rates};
use super::overdue::{self, owes};
use super::register::{self, Entry as DecisionEntry};
use super::team::Scope;
use crate::error::{Error, Result};
use crate::model::outcome::{assess, LateMove, Outcome};
use crate::model::{actions, Record, RecordId, Status};
use crate::store::Snapshot;

/// The days a report covers by default, ending on its day.
pub const DEFAULT_DAYS: i64 = 7;

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// The period from optional ends: `until` defaults to `day`, `since` to a week before it.
    pub fn new(
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        day: NaiveDate,
    ) -> Result<Period> {
        let until = until.unwrap_or(day);
        let since = since.unwrap_or(until - Duration::days(DEFAULT_DAYS - 1));
        if since > until {
            return Err(Error::user(format!(
                "--since {since} is after --until {until}: the period would be empty"
            ))
            .hint("give --since a date on or before --until"));
        }
        Ok(Period { since, until })
    }

    /// How many days it spans.
    pub fn days(&self) -> i64 {
        (self.until - self.since).num_days() + 1
    }

    /// True when `d` falls inside.
    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.since && d <= self.until
    }
}

/// A commitment, as a line of the report.
#[derive(Clone, Debug, Serialize)]
pub struct Promise {
    pub id: RecordId,
    pub by: String,
    pub to: String,
    pub what: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub status: Status,
    pub meeting: Option<RecordId>,
    pub ask: Option<RecordId>,
}

/// A commitment kept in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Kept {
    #[serde(flatten)]
    pub promise: Promise,
    pub closed: NaiveDate,
    /// `on_time`, `renegotiated` or `late`.
    pub outcome: Outcome,
    /// Days done after the due date in force.
    pub days_late: i64,
    /// Reschedules made after the due date they moved had passed.
    pub late_reschedules: Vec<LateMove>,
}

/// One move of a due date.
#[derive(Clone, Debug, Serialize)]
pub struct Move {
    pub date: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub by: Option<String>,
}

/// A commitment whose due date moved in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Slipped {
    #[serde(flatten)]
    pub promise: Promise,
    /// The moves made in the period.
    pub moves: Vec<Move>,
    /// Times the due date moved since the promise was made (from the history).
    pub slips: usize,
}

/// An open commitment or ask past its due date.
#[derive(Clone, Debug, Serialize)]
pub struct Late {
    pub id: RecordId,
    pub kind: String,
    pub what: String,
    /// Who has to act: the one who promised, or the one who was asked.
    pub owner: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
    pub slips: usize,
    /// Whom the owner reports to ("" when unknown).
    pub escalate_to: String,
    pub blocked: bool,
}

/// An open commitment or ask that falls due soon.
#[derive(Clone, Debug, Serialize)]
pub struct Upcoming {
    pub id: RecordId,
    pub kind: String,
    pub what: String,
    pub owner: String,
    pub due: NaiveDate,
    pub blocked: bool,
}

/// An ask nobody has answered yet.
#[derive(Clone, Debug, Serialize)]
pub struct Waiting {
    pub id: RecordId,
    pub from: String,
    pub to: String,
    pub what: String,
    pub date: NaiveDate,
    pub due: Option<NaiveDate>,
    pub days_waiting: i64,
}

/// An ask answered in the period, measured against its needed-by date.
#[derive(Clone, Debug, Serialize)]
pub struct Answered {
    pub id: RecordId,
    pub from: String,
    pub to: String,
    pub what: String,
    pub date: NaiveDate,
    pub due: Option<NaiveDate>,
    /// The day it was answered.
    pub answered: NaiveDate,
    /// The decision that answered it; none for an answer that was information, not a decision.
    pub decision: Option<RecordId>,
    /// The answer word for word: the decision's statement, or the information given.
    pub answer: Option<String>,
    /// True when answered by its needed-by date, or when it gave none.
    pub on_time: bool,
    /// Days answered after its needed-by date (0 when on time).
    pub days_late: i64,
}

/// A record that came out of a meeting.
#[derive(Clone, Debug, Serialize)]
pub struct MadeIn {
    pub id: RecordId,
    pub kind: String,
    /// Who promised, asked or decided.
    pub by: String,
    /// What was promised or asked, or the decision's statement.
    pub text: String,
    pub due: Option<NaiveDate>,
}

/// A meeting held in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Held {
    pub id: RecordId,
    pub date: NaiveDate,
    pub title: String,
    pub attendees: Vec<String>,
    /// Decisions, commitments and asks made in it (named by the meeting or naming it).
    pub outcomes: Vec<MadeIn>,
}

/// The counts behind the headline.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub decisions: usize,
    pub compliance_decisions: usize,
    pub commitments_made: usize,
    /// Kept on time or renegotiated in time.
    pub kept_on_time: usize,
    pub kept_late: usize,
    pub slipped: usize,
    pub overdue: usize,
    pub due_next: usize,
    pub asks_waiting: usize,
    /// Asks answered in the period by their needed-by date (or with none).
    pub asks_answered_on_time: usize,
    /// Asks answered in the period after their needed-by date.
    pub asks_answered_late: usize,
    pub meetings: usize,
}

impl Counts {
    /// True when nothing at all is worth reporting.
    pub fn is_quiet(&self) -> bool {
        self.decisions
            + self.commitments_made
            + self.kept_on_time
            + self.kept_late
            + self.slipped
            + self.overdue
            + self.due_next
            + self.asks_waiting
            + self.asks_answered_on_time
            + self.asks_answered_late
            + self.meetings
            == 0
    }
}

/// The whole report's content.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub period: Period,
    /// The day "overdue" and "waiting" are measured on (today or --as-of).
    pub day: NaiveDate,
    /// The last day of "due next": the period's length after `day`.
    pub next_until: NaiveDate,
    pub team: Option<String>,
    pub counts: Counts,
    pub decisions: Vec<DecisionEntry>,
    pub commitments_made: Vec<Promise>,
    pub kept: Vec<Kept>,
    pub slipped: Vec<Slipped>,
    pub overdue: Vec<Late>,
    pub due_next: Vec<Upcoming>,
    pub asks_waiting: Vec<Waiting>,
    pub asks_answered: Vec<Answered>,
    pub meetings: Vec<Held>,
    pub keep_rates: Rates,
}

fn promise(c: &crate::model::Commitment) -> Promise {
    Promise {
        id: c.id.clone(),
        by: c.by.clone(),
        to: c.to.clone(),
        what: c.what.clone(),
        date: c.date,
        due: c.due,
        status: c.status,
        meeting: c.meeting.clone(),
        ask: c.ask.clone(),
    }
}

fn outcomes_of(snap: &Snapshot, m: &crate::model::Meeting) -> Vec<MadeIn> {
    let mut ids: BTreeSet<&RecordId> = m.decisions.iter().chain(&m.commitments).collect();
    for e in &snap.entries {
        if e.record.meeting() == Some(&m.id) {
            ids.insert(e.record.id());
        }
    }
    let mut out: Vec<MadeIn> = ids
        .into_iter()
        .filter_map(|id| snap.get(id))
        .map(|e| MadeIn {
            id: e.record.id().clone(),
            kind: e.record.kind().to_string(),
            by: e.record.owner().unwrap_or("").to_string(),
            text: e.record.headline().to_string(),
            due: e.record.due(),
        })
        .collect();
    let order = |k: &str| {
        ["decision", "commitment", "ask"]
            .iter()
            .position(|x| *x == k)
    };
    out.sort_by(|a, b| order(&a.kind).cmp(&order(&b.kind)).then(a.id.cmp(&b.id)));
    out
}

/// Builds the report for `period`, measuring overdue and waiting on `day`.
pub fn summary(snap: &Snapshot, period: Period, day: NaiveDate, scope: &Scope) -> Result<Summary> {
    crate::store::read::whole(snap, "period");
    let status_of = |id: &RecordId| snap.get(id).map(|e| e.record.status());
    let next_until = day + Duration::days(period.days() - 1);
    let mut s = Summary {
        period,
        day,
        next_until,
        team: scope.team.clone(),
        counts: Counts::default(),
        decisions: Vec::new(),
        commitments_made: Vec::new(),
        kept: Vec::new(),
        slipped: Vec::new(),
        overdue: Vec::new(),
        due_next: Vec::new(),
        asks_waiting: Vec::new(),
        asks_answered: Vec::new(),
        meetings: Vec::new(),
        keep_rates: keep::rates(snap, &snap.people, scope, period.since, period.until, day),
    };
    for o in overdue::find_where(snap, day, |r| scope.touches(r))? {
        let r = &o.entry.record;
        s.overdue.push(Late {
            id: r.id().clone(),
            kind: r.kind().to_string(),
            what: r.headline().to_string(),
            owner: owes(r).to_string(),
            due: r.due().unwrap_or(day),
            days_overdue: o.days_overdue,
            slips: o.slips,
            escalate_to: o.escalate_to.clone(),
            blocked: o.blocked,
        });
    }
    // Entries come sorted by path; each section sorts itself below, so the order never depends
    // on how the files are laid out.
    for e in snap.entries.iter().filter(|e| scope.touches(&e.record)) {
        match &e.record {
            Record::Decision(d) if period.contains(d.date) => {
                s.decisions.push(register::entry(snap, d))
            }
            Record::Commitment(c) => {
                if period.contains(c.date) {
                    s.commitments_made.push(promise(c));
                }
                if let (Status::Done, Some(closed)) = (c.status, c.closed) {
                    if period.contains(closed) {
                        let a = assess(c, day);
                        s.kept.push(Kept {
                            promise: promise(c),
                            closed,
                            outcome: a.outcome,
                            days_late: a.closed_days_late,
                            late_reschedules: a.late_moves,
                        });
                    }
                }
                let moves: Vec<Move> = c
                    .reschedules
                    .iter()
                    .filter(|r| period.contains(r.date))
                    .map(|r| Move {
                        date: r.date,
                        from: r.from,
                        to: r.to,
                        reason: r.reason.clone(),
                        by: r.by.clone(),
                    })
                    .collect();
                if !moves.is_empty() {
                    s.slipped.push(Slipped {
                        promise: promise(c),
                        moves,
                        slips: crate::model::slips::count(&e.record),
                    });
                }
            }
            Record::Ask(a) if a.status == Status::Open => s.asks_waiting.push(Waiting {
                id: a.id.clone(),
                from: a.from.clone(),
                to: a.to.clone(),
                what: a.what.clone(),
                date: a.date,
                due: a.due,
                days_waiting: (day - a.date).num_days().max(0),
            }),
            Record::Ask(a) if a.status == Status::Answered => {
                if let Some(answered) = a.closed.filter(|d| period.contains(*d)) {
                    let days_late = a.due.map_or(0, |d| (answered - d).num_days().max(0));
                    s.asks_answered.push(Answered {
                        id: a.id.clone(),
                        from: a.from.clone(),
                        to: a.to.clone(),
                        what: a.what.clone(),
                        date: a.date,
                        due: a.due,
                        answered,
                        decision: a.decision.clone(),
                        answer: match a.decision.as_ref().and_then(|d| snap.get(d)) {
                            Some(e) => match &e.record {
                                Record::Decision(d) => Some(d.statement.clone()),
                                _ => None,
                            },
                            None => a.reason.clone(),
                        },
                        on_time: days_late == 0,
                        days_late,
                    });
                }
            }
            Record::Meeting(m) if period.contains(m.date) => s.meetings.push(Held {
                id: m.id.clone(),
                date: m.date,
                title: m.title.clone(),
                attendees: m.attendees.clone(),
                outcomes: outcomes_of(snap, m),
            }),
            _ => {}
        }
        let r = &e.record;
        if let Some(due) = r.due() {
            if r.status() == Status::Open && due >= day && due <= next_until {
                s.due_next.push(Upcoming {
                    id: r.id().clone(),
                    kind: r.kind().to_string(),
                    what: r.headline().to_string(),
                    owner: owes(r).to_string(),
                    due,
                    blocked: matches!(r, Record::Commitment(c) if actions::still_blocked(c, status_of)),
                });
            }
        }
    }
    s.decisions
        .sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    s.commitments_made
        .sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    s.kept.sort_by(|a, b| {
        a.closed
            .cmp(&b.closed)
            .then(a.promise.id.cmp(&b.promise.id))
    });
    s.slipped.sort_by(|a, b| a.promise.id.cmp(&b.promise.id));
    s.overdue
        .sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.id.cmp(&b.id)));
    s.due_next
        .sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    s.asks_waiting
        .sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    s.asks_answered
        .sort_by(|a, b| a.answered.cmp(&b.answered).then(a.id.cmp(&b.id)));
    s.meetings
        .sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    s.counts = Counts {
        decisions: s.decisions.len(),
        compliance_decisions: s.decisions.iter().filter(|d| d.compliance).count(),
        commitments_made: s.commitments_made.len(),
        kept_on_time: s.kept.iter().filter(|k| k.outcome.kept_on_time()).count(),
        kept_late: s.kept.iter().filter(|k| k.outcome == Outcome::Late).count(),
        slipped: s.slipped.len(),
        overdue: s.overdue.len(),
        due_next: s.due_next.len(),
        asks_waiting: s.asks_waiting.len(),
        asks_answered_on_time: s.asks_answered.iter().filter(|a| a.on_time).count(),
        asks_answered_late: s.asks_answered.iter().filter(|a| !a.on_time).count(),
        meetings: s.meetings.len(),
    };
    Ok(s)
}
