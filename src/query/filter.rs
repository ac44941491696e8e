//! Which records a listing shows: by kind, status and people, and "still in play" by default.

use chrono::{Duration, NaiveDate};

use crate::model::{Kind, Record, Status};

/// Meetings this recent count as "in play" in the default listing.
pub const RECENT_MEETING_DAYS: i64 = 14;

/// A record filter, resolved from command-line options.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Kinds to show; empty means all.
    pub kinds: Vec<Kind>,
    /// Statuses to show; empty means "in play" unless `all`.
    pub statuses: Vec<Status>,
    /// Only records owned by (promised by, asked by, decided by) this person.
    pub by: Option<String>,
    /// Only records for (promised to, asked of) this person.
    pub to: Option<String>,
    /// Every status, not only those in play.
    pub all: bool,
    /// Today, for "recent" meetings.
    pub today: Option<NaiveDate>,
}

impl Filter {
    /// True when `record` passes.
    pub fn matches(&self, record: &Record) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&record.kind()) {
            return false;
        }
        if !self.statuses.is_empty() {
            if !self.statuses.contains(&record.status()) {
                return false;
            }
        } else if !self.all && !in_play(record, self.today) {
            return false;
        }
        if let Some(by) = &self.by {
            let attended =
                matches!(record, Record::Meeting(m) if m.attendees.iter().any(|a| a == by));
            if record.owner() != Some(by.as_str()) && !attended {
                return false;
            }
        }
        if let Some(to) = &self.to {
            if record.counterpart() != Some(to.as_str()) {
                return false;
            }
        }
        true
    }
}

/// Open asks and commitments, active decisions, and meetings of the last two weeks.
pub fn in_play(record: &Record, today: Option<NaiveDate>) -> bool {
    match record {
        Record::Meeting(m) => {
            today.is_none_or(|t| m.date >= t - Duration::days(RECENT_MEETING_DAYS) && m.date <= t)
        }
        _ => record.status().in_play() && record.status() != Status::Held,
    }
}
