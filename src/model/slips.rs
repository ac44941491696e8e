//! What a slip is: one move of a due date, recorded in the record itself.
//!
//! A commitment's due date moves only by a reschedule entry (the history rules refuse any other
//! change of `due`, and `verify` proves the files agree with the history), so its slips are its
//! reschedules. An ask has no reschedule list: `ledger reschedule` on an ask adds a note in the
//! form [`ask_move_note`] writes, and those notes are its slips. Counting from the file makes the
//! answer the same on a fresh clone as on a warm cache, with no walk of the history.

use chrono::NaiveDate;

use super::{Note, Record};

const MOVED: &str = "needed-by moved from ";

/// The note `ledger reschedule` adds to an ask whose needed-by date moves from `old` to `new`.
pub fn ask_move_note(old: NaiveDate, new: NaiveDate, reason: &str) -> String {
    format!("{MOVED}{old} to {new}: {reason}")
}

/// True when `note` is one that [`ask_move_note`] wrote: both dates must parse, so free text
/// that happens to start the same way is not counted.
fn is_ask_move(note: &Note) -> bool {
    let Some(rest) = note.text.strip_prefix(MOVED) else {
        return false;
    };
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
    matches!(
        (rest.get(..10), rest.get(10..14), rest.get(14..24), rest.get(24..25)),
        (Some(a), Some(" to "), Some(b), Some(":")) if date(a) && date(b)
    )
}

/// How many times the record's due date moved after it was made.
pub fn count(record: &Record) -> usize {
    match record {
        Record::Commitment(c) => c.reschedules.len(),
        Record::Ask(a) => a.notes.iter().filter(|n| is_ask_move(n)).count(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str) -> Note {
        Note {
            date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            by: None,
            text: text.to_string(),
            at: None,
        }
    }

    #[test]
    fn only_the_notes_reschedule_writes_count_as_an_asks_slips() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let written = ask_move_note(d("2026-03-05"), d("2026-03-12"), "vendor late");
        assert!(is_ask_move(&note(&written)));
        assert!(!is_ask_move(&note(
            "needed-by moved from friday to monday: oops"
        )));
        assert!(!is_ask_move(&note("needed by 2026-03-05: first date")));
        assert!(!is_ask_move(&note("no move here")));
    }
}
