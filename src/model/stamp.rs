//! The moment an entry (a note, a reschedule, a closing) was recorded, with its UTC offset: what
//! orders two clones' entries from one day, and what `show` and `history` print beside the date.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Record;

/// The one form a stamp is written in: RFC 3339 to the second, with a numeric offset.
const FORM: &str = "%Y-%m-%dT%H:%M:%S%:z";

/// A time of day with its offset from UTC (`2026-03-20T14:03:07+01:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp(DateTime<FixedOffset>);

impl Stamp {
    /// The stamp for a moment, to the second (a commit's time has no finer grain).
    pub fn new(when: DateTime<FixedOffset>) -> Stamp {
        let secs = when.timestamp();
        let exact = when
            .offset()
            .timestamp_opt(secs, 0)
            .single()
            .unwrap_or(when);
        Stamp(exact)
    }

    /// Parses the written form; anything else (no offset, `Z`, fractions of a second, a space
    /// for `T`) is refused with what to write instead, so a file never holds two spellings of
    /// one moment and a rewrite never changes an entry's text.
    pub fn parse(s: &str) -> Result<Stamp, String> {
        let form = "write YYYY-MM-DDTHH:MM:SS+HH:MM (the local time and its offset from UTC, e.g. 2026-03-20T14:03:07+01:00)";
        match DateTime::parse_from_rfc3339(s) {
            Ok(d) if d.format(FORM).to_string() == s => Ok(Stamp(d)),
            _ => Err(format!("'{s}' is not a time; {form}")),
        }
    }

    /// The day in the stamp's own offset: the day the person recording it saw on their clock.
    pub fn date(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// The moment in UTC: what orders two stamps made in different offsets.
    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }

    /// Hours and minutes in the stamp's offset (`14:03`), for tables.
    pub fn clock(&self) -> String {
        self.0.format("%H:%M").to_string()
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format(FORM))
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let s = String::deserialize(d)?;
        Stamp::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Stamps what `after` adds to `before` (the whole record when it is new) with `when`: each new
/// note and reschedule, and the closing when the record closes. Only an entry dated the day
/// `when` falls on gets a stamp: an entry dated another day (`--date` for something done
/// earlier) has no moment of its own to record, and a stamp must agree with its entry's date.
/// Entries already there are left as they are (they are append-only); notes are put back in
/// merge order, which a stamp takes part in. Reschedules keep the order the command gave them
/// (the last one is the due date in force).
pub fn fill(before: Option<&Record>, after: &mut Record, when: DateTime<FixedOffset>) {
    let stamp = Stamp::new(when);
    let day = stamp.date();
    let old_notes = before.map(|b| b.notes().to_vec()).unwrap_or_default();
    let new_notes = |notes: &mut Vec<super::Note>| {
        let mut known = old_notes.clone();
        for n in notes.iter_mut() {
            if let Some(i) = known.iter().position(|k| k == n) {
                known.swap_remove(i);
            } else if n.at.is_none() && n.date == day {
                n.at = Some(stamp);
            }
        }
        super::merge::in_merge_order(notes);
    };
    let was_closed = before.is_some_and(|b| closed_of(b).is_some());
    let close = |closed: Option<NaiveDate>, at: &mut Option<Stamp>| {
        if !was_closed && at.is_none() && closed == Some(day) {
            *at = Some(stamp);
        }
    };
    match after {
        Record::Ask(a) => {
            new_notes(&mut a.notes);
            close(a.closed, &mut a.closed_at);
        }
        Record::Commitment(c) => {
            new_notes(&mut c.notes);
            close(c.closed, &mut c.closed_at);
            let mut known = match before {
                Some(Record::Commitment(b)) => b.reschedules.clone(),
                _ => Vec::new(),
            };
            for r in c.reschedules.iter_mut() {
                if let Some(i) = known.iter().position(|k| k == r) {
                    known.swap_remove(i);
                } else if r.at.is_none() && r.date == day {
                    r.at = Some(stamp);
                }
            }
        }
        Record::Decision(d) => close(d.closed, &mut d.closed_at),
        Record::Meeting(_) => {}
    }
}

fn closed_of(r: &Record) -> Option<NaiveDate> {
    match r {
        Record::Ask(a) => a.closed,
        Record::Commitment(c) => c.closed,
        Record::Decision(d) => d.closed,
        Record::Meeting(_) => None,
    }
}

/// The problems with a record's stamps: each must fall on its entry's date (in its own offset),
/// and a closing stamp needs a closing date. `(field, message)` pairs, for `validate`.
pub fn problems(r: &Record) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut agree = |field: &'static str, at: &Option<Stamp>, date: Option<NaiveDate>| {
        let Some(at) = at else { return };
        match date {
            Some(d) if d == at.date() => {}
            Some(d) => out.push((
                field,
                format!("{at} is not on the entry's date {d}; an entry's time falls on its date (fix one of them, or remove the time)"),
            )),
            None => out.push((field, format!("{at} is set but the record has no closed date; remove it or add closed:"))),
        }
    };
    for n in r.notes() {
        agree("notes.at", &n.at, Some(n.date));
    }
    match r {
        Record::Ask(a) => agree("closed_at", &a.closed_at, a.closed),
        Record::Commitment(c) => {
            for s in &c.reschedules {
                agree("reschedules.at", &s.at, Some(s.date));
            }
            agree("closed_at", &c.closed_at, c.closed);
        }
        Record::Decision(d) => agree("closed_at", &d.closed_at, d.closed),
        Record::Meeting(_) => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_the_written_form() {
        let s = Stamp::parse("2026-03-20T14:03:07+01:00").unwrap();
        assert_eq!(s.to_string(), "2026-03-20T14:03:07+01:00");
        assert_eq!(s.clock(), "14:03");
        assert_eq!(s.date(), NaiveDate::from_ymd_opt(2026, 3, 20).unwrap());
        for bad in [
            "2026-03-20T14:03:07Z",
            "2026-03-20 14:03:07+01:00",
            "2026-03-20T14:03:07.5+01:00",
            "2026-03-20T14:03",
            "2026-03-20T25:03:07+01:00",
            "yesterday",
        ] {
            assert!(Stamp::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_by_the_moment_not_the_text() {
        let a = Stamp::parse("2026-03-20T14:00:00+02:00").unwrap();
        let b = Stamp::parse("2026-03-20T13:30:00+01:00").unwrap();
        assert!(a.utc() < b.utc());
    }
}
