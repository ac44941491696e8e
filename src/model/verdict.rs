//! A commitment's outcome in words, the same in every table, memo, history line and commit
//! message: "done on time", "renegotiated in time", "done 3 days late", "rescheduled 7 days after
//! it was due". Here, below `report` and `ops`, because both write these words.

use crate::model::outcome::{Assessment, Outcome};

/// "1 day", "7 days".
pub fn days(n: i64) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// How an outcome reads in a table.
pub fn word(o: Outcome) -> &'static str {
    match o {
        Outcome::Open => "open",
        Outcome::Overdue => "overdue",
        Outcome::OnTime => "done on time",
        Outcome::Renegotiated => "renegotiated in time",
        Outcome::Late => "done late",
        Outcome::Cancelled => "cancelled",
        Outcome::CancelledLate => "cancelled after due",
    }
}

/// The one phrase for a reschedule made after the due date it moved had passed.
pub fn moved_late(days_after_due: i64) -> String {
    format!("rescheduled {} after it was due", days(days_after_due))
}

/// The outcome with the facts behind it, on one line: "done 3 days late; rescheduled 7 days
/// after it was due", "renegotiated in time (1 reschedule), done by the due date".
pub fn describe(a: &Assessment, reschedules: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let head = match a.outcome {
        Outcome::Open if a.late_moves.is_empty() => "open".to_string(),
        Outcome::Open => "open, already kept late at best".to_string(),
        Outcome::Overdue => format!("overdue by {}", days(a.days_overdue)),
        Outcome::OnTime => "done on time".to_string(),
        Outcome::Renegotiated => format!(
            "renegotiated in time ({} reschedule{}), done by the due date",
            reschedules,
            if reschedules == 1 { "" } else { "s" }
        ),
        Outcome::Late if a.closed_days_late > 0 => {
            format!("done {} late", days(a.closed_days_late))
        }
        Outcome::Late => "kept late, done by the due date in force".to_string(),
        Outcome::Cancelled => "cancelled in time".to_string(),
        Outcome::CancelledLate if a.closed_days_late > 0 => {
            format!("broken: cancelled {} after due", days(a.closed_days_late))
        }
        Outcome::CancelledLate => "broken: cancelled after it had been past due".to_string(),
    };
    parts.push(head);
    parts.extend(a.late_moves.iter().map(|m| moved_late(m.days_after_due)));
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::outcome::LateMove;

    #[test]
    fn a_late_move_reads_with_its_days() {
        let d = |s: &str| s.parse().unwrap();
        let a = Assessment {
            outcome: Outcome::Late,
            closed_days_late: 0,
            days_overdue: 0,
            late_moves: vec![LateMove {
                date: d("2026-03-20"),
                from: d("2026-03-13"),
                to: d("2026-03-20"),
                days_after_due: 7,
            }],
        };
        assert_eq!(
            describe(&a, 1),
            "kept late, done by the due date in force; rescheduled 7 days after it was due"
        );
        let late = Assessment {
            closed_days_late: 1,
            late_moves: Vec::new(),
            ..a
        };
        assert_eq!(describe(&late, 0), "done 1 day late");
    }
}
