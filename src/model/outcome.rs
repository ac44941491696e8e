//! How a commitment turned out as of a day: the one classification behind `who`, keep rates and
//! reports.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Commitment, Status};

/// Where a commitment stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Open and not yet due.
    Open,
    /// Open and past due.
    Overdue,
    /// Done on or before the due date.
    OnTime,
    /// Done after the due date.
    Late,
    /// Cancelled before it fell due.
    Cancelled,
    /// Cancelled after it fell due: a broken promise.
    CancelledLate,
}

impl Outcome {
    /// True for the outcomes that count as a broken promise (overdue, or cancelled after due).
    pub fn broken(self) -> bool {
        matches!(self, Outcome::Overdue | Outcome::CancelledLate)
    }
}

/// Classifies `c` as of `day`.
pub fn outcome(c: &Commitment, day: NaiveDate) -> Outcome {
    match c.status {
        Status::Done => match c.closed {
            Some(d) if d > c.due => Outcome::Late,
            _ => Outcome::OnTime,
        },
        Status::Cancelled => match c.closed {
            Some(d) if d > c.due => Outcome::CancelledLate,
            _ => Outcome::Cancelled,
        },
        _ if c.due < day => Outcome::Overdue,
        _ => Outcome::Open,
    }
}

/// Commitments kept on time out of those that came due (on time + late + broken), as a share.
pub fn on_time_rate(outcomes: impl IntoIterator<Item = Outcome>) -> Option<f64> {
    let (mut on_time, mut due) = (0usize, 0usize);
    for o in outcomes {
        match o {
            Outcome::OnTime => {
                on_time += 1;
                due += 1;
            }
            Outcome::Late | Outcome::Overdue | Outcome::CancelledLate => due += 1,
            Outcome::Open | Outcome::Cancelled => {}
        }
    }
    (due > 0).then(|| on_time as f64 / due as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_counts_only_what_came_due() {
        use Outcome::*;
        assert_eq!(on_time_rate([OnTime, Late, Open, Cancelled]), Some(0.5));
        assert_eq!(on_time_rate([Open]), None);
    }
}
