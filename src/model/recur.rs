//! Recurring commitments: the repeat rules, the schedule they make and the one way an occurrence
//! follows another. Every field of a later occurrence comes from the series alone (never from
//! the clock or a random number), so two clones that each add the same occurrence write the same
//! file and git merges them without a conflict.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha1::{Digest, Sha1};

use super::{Commitment, Kind, RecordId, Status};

/// How often a recurring commitment comes round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Every {
    /// Seven days after the last.
    Week,
    /// Fourteen days after the last.
    TwoWeeks,
    /// The same day of the next month, or that month's last day when it is shorter.
    Month,
    /// The next Monday to Friday.
    Weekday,
}

/// The forms `--every` and the `every` field accept, for messages.
pub const ACCEPTED: &str = "week, 2w, month, weekday";

impl Every {
    /// Parses a rule as written in a file or given to `--every`.
    pub fn parse(s: &str) -> Result<Every, String> {
        match s {
            "week" => Ok(Every::Week),
            "2w" => Ok(Every::TwoWeeks),
            "month" => Ok(Every::Month),
            "weekday" => Ok(Every::Weekday),
            _ => Err(format!("'{s}' is not a repeat rule: use one of {ACCEPTED}")),
        }
    }

    /// The rule as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Week => "week",
            Every::TwoWeeks => "2w",
            Every::Month => "month",
            Every::Weekday => "weekday",
        }
    }

    /// The due date after `due`. `day` is the series' day of the month (its first due date's),
    /// so a series due on the 31st is due on the 28th in February and the 31st again in March.
    pub fn next(self, due: NaiveDate, day: u32) -> NaiveDate {
        match self {
            Every::Week => due + Duration::days(7),
            Every::TwoWeeks => due + Duration::days(14),
            Every::Weekday => {
                let mut d = due + Duration::days(1);
                while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
                    d += Duration::days(1);
                }
                d
            }
            Every::Month => {
                let (y, m) = match due.month() {
                    12 => (due.year() + 1, 1),
                    m => (due.year(), m + 1),
                };
                (1..=day.max(1))
                    .rev()
                    .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))
                    .unwrap_or(due)
            }
        }
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Every {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Every {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Every::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The id of the series' occurrence due on `due`: a hash of the two, so every clone names it
/// the same. The first occurrence keeps the id it was made with.
pub fn occurrence_id(series: &RecordId, due: NaiveDate) -> RecordId {
    let digest = Sha1::digest(format!("ledger series\n{series}\n{due}\n").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    RecordId::from_random(Kind::Commitment, bytes)
}

/// The date an occurrence was scheduled for: its due date before any reschedule. The schedule
/// moves on from this, so moving one occurrence does not move the ones after it.
pub fn scheduled(c: &Commitment) -> NaiveDate {
    c.reschedules.first().map(|r| r.from).unwrap_or(c.due)
}

/// The occurrence after `c` in its series (`None` when `c` is not part of one): due one rule
/// after `c`'s scheduled date, made on that date (or on the day `c` was made, when the series
/// was started with a due date already past: no occurrence says it was promised before the
/// series existed), for the same people, words and tags. `day` is the series' day of the month
/// (see [`Every::next`]).
pub fn following(c: &Commitment, day: u32) -> Option<Commitment> {
    let (series, every) = (c.series.as_ref()?, c.every?);
    let made = scheduled(c).max(c.date);
    let due = every.next(scheduled(c), day);
    Some(Commitment {
        tags: c.tags.clone(),
        series: Some(series.clone()),
        every: Some(every),
        ..Commitment::new(
            occurrence_id(series, due),
            made,
            c.what.clone(),
            c.by.clone(),
            c.to.clone(),
            due,
        )
    })
}

/// True when no occurrence follows `c`: the series was ended with it (`cancel --series`).
pub fn ends_series(c: &Commitment) -> bool {
    c.series_ended && c.status == Status::Cancelled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn rules_step_as_documented() {
        assert_eq!(Every::Week.next(d(2026, 1, 5), 5), d(2026, 1, 12));
        assert_eq!(Every::TwoWeeks.next(d(2026, 1, 5), 5), d(2026, 1, 19));
        // Friday -> Monday.
        assert_eq!(Every::Weekday.next(d(2026, 1, 9), 9), d(2026, 1, 12));
        assert_eq!(Every::Month.next(d(2026, 1, 31), 31), d(2026, 2, 28));
        assert_eq!(Every::Month.next(d(2026, 2, 28), 31), d(2026, 3, 31));
        assert_eq!(Every::Month.next(d(2027, 12, 15), 15), d(2028, 1, 15));
        assert_eq!(Every::Month.next(d(2028, 1, 31), 31), d(2028, 2, 29));
    }

    #[test]
    fn rules_round_trip_and_refuse_other_words() {
        for e in [Every::Week, Every::TwoWeeks, Every::Month, Every::Weekday] {
            assert_eq!(Every::parse(e.as_str()), Ok(e));
        }
        let err = Every::parse("fortnightly").unwrap_err();
        assert!(err.contains(ACCEPTED), "{err}");
    }

    #[test]
    fn occurrence_ids_are_valid_and_stable() {
        let s = RecordId::parse("com-4f9k2m7q1x8z").unwrap();
        let a = occurrence_id(&s, d(2026, 1, 12));
        assert_eq!(a, occurrence_id(&s, d(2026, 1, 12)));
        assert_ne!(a, occurrence_id(&s, d(2026, 1, 19)));
        assert_eq!(RecordId::parse(a.as_str()).unwrap(), a);
    }
}
