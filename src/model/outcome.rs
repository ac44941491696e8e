//! How a commitment turned out as of a day: the one classification behind `who`, `report`,
//! `overdue`, `escalate`, `list`, keep rates and the `done` commit message.
//!
//! The rules (docs/format.md, "Outcomes of a commitment"):
//!
//! - a reschedule is *in time* when it was made on or before the due date it moved
//!   (`date <= from`), *late* when made after it (`date > from`): the due day itself is in time;
//! - **kept on time**: done on or before the due date in force, never rescheduled;
//! - **renegotiated in time**: the same, with every reschedule in time;
//! - **kept late**: done after the due date in force, or done after any late reschedule;
//! - **broken**: still open past the due date in force, or cancelled after it (or cancelled after
//!   a late reschedule: it had been open past a due date);
//! - **cancelled in time**: cancelled on or before the due date, never rescheduled late.
//!
//! A reschedule's day is its `date` field, the `--date` of the command. `ledger reschedule`
//! refuses a `--date` that would make a move recorded after the due date had passed look made
//! before it, so the field cannot be used to launder a late move (see [`backdated_in_time`]).

use chrono::NaiveDate;
use serde::Serialize;

use super::{Commitment, Reschedule, Status};

/// Where a commitment stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Open and not yet past the due date in force.
    Open,
    /// Open and past the due date in force: broken.
    Overdue,
    /// Kept on time: done by the due date, never rescheduled.
    OnTime,
    /// Renegotiated in time: done by the due date in force, every reschedule made in time.
    Renegotiated,
    /// Kept late: done after the due date in force, or rescheduled after a due date had passed.
    Late,
    /// Cancelled in time: before it fell due, never rescheduled late.
    Cancelled,
    /// Cancelled after it fell due: broken.
    CancelledLate,
}

impl Outcome {
    /// Every outcome, in the order tables list them.
    pub const ALL: [Outcome; 7] = [
        Outcome::Open,
        Outcome::Overdue,
        Outcome::OnTime,
        Outcome::Renegotiated,
        Outcome::Late,
        Outcome::Cancelled,
        Outcome::CancelledLate,
    ];

    /// True for a broken promise (open past due, or cancelled after due).
    pub fn broken(self) -> bool {
        matches!(self, Outcome::Overdue | Outcome::CancelledLate)
    }

    /// True for the outcomes the on-time rate counts as on time.
    pub fn kept_on_time(self) -> bool {
        matches!(self, Outcome::OnTime | Outcome::Renegotiated)
    }

    /// True for the outcomes the on-time rate counts at all: everything that came due.
    pub fn came_due(self) -> bool {
        !matches!(self, Outcome::Open | Outcome::Cancelled)
    }
}

/// A reschedule made after the due date it moved had passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LateMove {
    /// The day the move was made.
    pub date: NaiveDate,
    /// The due date it moved, which had passed.
    pub from: NaiveDate,
    /// The new due date.
    pub to: NaiveDate,
    /// Days after `from` it was made (at least 1).
    pub days_after_due: i64,
}

/// How a commitment turned out, with the facts behind the verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub outcome: Outcome,
    /// Days it was done or cancelled after the due date in force (0 when by it or still open).
    pub closed_days_late: i64,
    /// Days past the due date in force on the day asked about, for an open commitment.
    pub days_overdue: i64,
    /// The reschedules made after the date they moved had passed.
    pub late_moves: Vec<LateMove>,
}

/// When `r` was made after the due date it moved had passed, how many days after.
pub fn days_after_due(r: &Reschedule) -> Option<i64> {
    let days = (r.date - r.from).num_days();
    (days > 0).then_some(days)
}

/// The reschedules of `c` made after the due date they moved had passed.
pub fn late_moves(c: &Commitment) -> Vec<LateMove> {
    c.reschedules
        .iter()
        .filter_map(|r| {
            days_after_due(r).map(|days| LateMove {
                date: r.date,
                from: r.from,
                to: r.to,
                days_after_due: days,
            })
        })
        .collect()
}

/// True when a reschedule dated `date`, moving a due date `from`, recorded on `recorded`, claims
/// to have been made in time although the due date had passed before anyone recorded it: the
/// only evidence of "in time" would be a field the recorder typed.
pub fn backdated_in_time(date: NaiveDate, from: NaiveDate, recorded: NaiveDate) -> bool {
    date <= from && recorded > from
}

/// Classifies `c` as of `day`, with the facts behind it.
pub fn assess(c: &Commitment, day: NaiveDate) -> Assessment {
    let late_moves = late_moves(c);
    let moved_late = !late_moves.is_empty();
    let closed_days_late = match (c.status, c.closed) {
        (Status::Done | Status::Cancelled, Some(d)) => (d - c.due).num_days().max(0),
        _ => 0,
    };
    let outcome = match c.status {
        Status::Done if closed_days_late > 0 || moved_late => Outcome::Late,
        Status::Done if c.reschedules.is_empty() => Outcome::OnTime,
        Status::Done => Outcome::Renegotiated,
        Status::Cancelled if closed_days_late > 0 || moved_late => Outcome::CancelledLate,
        Status::Cancelled => Outcome::Cancelled,
        _ if c.due < day => Outcome::Overdue,
        _ => Outcome::Open,
    };
    let days_overdue = match outcome {
        Outcome::Overdue => (day - c.due).num_days(),
        _ => 0,
    };
    Assessment {
        outcome,
        closed_days_late,
        days_overdue,
        late_moves,
    }
}

/// Classifies `c` as of `day`.
pub fn outcome(c: &Commitment, day: NaiveDate) -> Outcome {
    assess(c, day).outcome
}

/// Commitments kept on time (on time or renegotiated in time) out of those that came due (those
/// plus kept late and broken), as a share; `None` when nothing came due.
pub fn on_time_rate(outcomes: impl IntoIterator<Item = Outcome>) -> Option<f64> {
    let (mut on_time, mut due) = (0usize, 0usize);
    for o in outcomes.into_iter().filter(|o| o.came_due()) {
        due += 1;
        if o.kept_on_time() {
            on_time += 1;
        }
    }
    (due > 0).then(|| on_time as f64 / due as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordId;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn promise(due: &str) -> Commitment {
        let id = RecordId::parse("com-aaaaaaaaaaaa").unwrap();
        Commitment::new(
            id,
            d("2026-03-01"),
            "x".into(),
            "bob".into(),
            "al".into(),
            d(due),
        )
    }

    fn moved(mut c: Commitment, on: &str, to: &str) -> Commitment {
        c.reschedules.push(Reschedule {
            date: d(on),
            from: c.due,
            to: d(to),
            reason: "r".into(),
            by: None,
            at: None,
        });
        c.due = d(to);
        c
    }

    fn closed(mut c: Commitment, status: Status, on: &str) -> Commitment {
        c.status = status;
        c.closed = Some(d(on));
        c
    }

    #[test]
    fn done_on_the_due_day_is_on_time_and_the_day_after_is_late() {
        let c = promise("2026-03-10");
        let at = d("2026-03-31");
        assert_eq!(
            outcome(&closed(c.clone(), Status::Done, "2026-03-10"), at),
            Outcome::OnTime
        );
        let late = assess(&closed(c, Status::Done, "2026-03-11"), at);
        assert_eq!((late.outcome, late.closed_days_late), (Outcome::Late, 1));
    }

    #[test]
    fn a_move_on_the_due_day_is_in_time_and_the_day_after_is_late() {
        let c = promise("2026-03-10");
        let at = d("2026-03-31");
        let in_time = moved(c.clone(), "2026-03-10", "2026-03-17");
        assert_eq!(
            outcome(&closed(in_time, Status::Done, "2026-03-17"), at),
            Outcome::Renegotiated
        );
        let late = assess(
            &closed(
                moved(c, "2026-03-11", "2026-03-17"),
                Status::Done,
                "2026-03-17",
            ),
            at,
        );
        assert_eq!(late.outcome, Outcome::Late);
        assert_eq!(late.late_moves[0].days_after_due, 1);
        assert_eq!(late.closed_days_late, 0);
    }

    #[test]
    fn the_laundered_promise_of_issue_12_is_kept_late() {
        let c = moved(promise("2026-03-13"), "2026-03-20", "2026-03-20");
        let a = assess(&closed(c, Status::Done, "2026-03-20"), d("2026-03-20"));
        assert_eq!(a.outcome, Outcome::Late);
        assert_eq!(a.late_moves[0].days_after_due, 7);
    }

    #[test]
    fn cancelling_after_due_or_after_a_late_move_is_broken() {
        let c = promise("2026-03-10");
        let at = d("2026-03-31");
        assert_eq!(
            outcome(&closed(c.clone(), Status::Cancelled, "2026-03-10"), at),
            Outcome::Cancelled
        );
        assert_eq!(
            outcome(&closed(c.clone(), Status::Cancelled, "2026-03-11"), at),
            Outcome::CancelledLate
        );
        let m = moved(c, "2026-03-12", "2026-03-20");
        assert_eq!(
            outcome(&closed(m, Status::Cancelled, "2026-03-15"), at),
            Outcome::CancelledLate
        );
    }

    #[test]
    fn open_is_overdue_from_the_day_after_the_due_date() {
        let c = promise("2026-03-10");
        assert_eq!(outcome(&c, d("2026-03-10")), Outcome::Open);
        let a = assess(&c, d("2026-03-11"));
        assert_eq!((a.outcome, a.days_overdue), (Outcome::Overdue, 1));
    }

    #[test]
    fn backdating_a_move_past_a_due_date_that_had_passed_is_caught() {
        let due = d("2026-03-13");
        assert!(backdated_in_time(d("2026-03-12"), due, d("2026-03-20")));
        assert!(!backdated_in_time(d("2026-03-12"), due, d("2026-03-13")));
        assert!(!backdated_in_time(d("2026-03-19"), due, d("2026-03-20")));
    }

    #[test]
    fn rate_counts_renegotiated_as_on_time_and_only_what_came_due() {
        use Outcome::*;
        assert_eq!(on_time_rate([OnTime, Late, Open, Cancelled]), Some(0.5));
        assert_eq!(
            on_time_rate([Renegotiated, Overdue, CancelledLate, OnTime]),
            Some(0.5)
        );
        assert_eq!(on_time_rate([Open, Cancelled]), None);
    }
}
