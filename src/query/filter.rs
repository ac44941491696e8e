//! Which records a listing shows: by kind, status and people, and "still in play" by default.

use chrono::{Duration, NaiveDate};

use crate::model::{Facts, Kind, RecordId, Status};

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
    /// Only records carrying every one of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// Only records made in this meeting.
    pub meeting: Option<RecordId>,
    /// Only records due strictly before this day.
    pub due_before: Option<NaiveDate>,
    /// Only records due strictly after this day.
    pub due_after: Option<NaiveDate>,
    /// Only records dated on or after this day (the day it happened).
    pub since: Option<NaiveDate>,
    /// Only records dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Only records whose text contains this, case-insensitively (already lower-cased).
    pub grep: Option<String>,
}

impl Filter {
    /// True when `record` passes. On a summary that lacks the text, `--grep` lets it pass, so
    /// the answer on a summary is never narrower than on the whole record.
    pub fn matches<F: Facts + ?Sized>(&self, record: &F) -> bool {
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
            if record.owner() != Some(by.as_str()) && !record.attended_by(by) {
                return false;
            }
        }
        if let Some(to) = &self.to {
            if record.counterpart() != Some(to.as_str()) {
                return false;
            }
        }
        if !self.tags.iter().all(|t| record.has_tag(t)) {
            return false;
        }
        if let Some(m) = &self.meeting {
            if record.meeting_id() != Some(m.as_str()) {
                return false;
            }
        }
        let due = record.due();
        if self
            .due_before
            .is_some_and(|d| due.is_none_or(|due| due >= d))
            || self
                .due_after
                .is_some_and(|d| due.is_none_or(|due| due <= d))
        {
            return false;
        }
        let date = record.date();
        if self.since.is_some_and(|d| date < d) || self.until.is_some_and(|d| date > d) {
            return false;
        }
        if let Some(g) = &self.grep {
            if record.text_contains(g) == Some(false) {
                return false;
            }
        }
        true
    }
}

/// Open asks and commitments, active decisions, and meetings of the last two weeks.
pub fn in_play<F: Facts + ?Sized>(record: &F, today: Option<NaiveDate>) -> bool {
    match record.kind() {
        Kind::Meeting => {
            let d = record.date();
            today.is_none_or(|t| d >= t - Duration::days(RECENT_MEETING_DAYS) && d <= t)
        }
        _ => record.status().in_play() && record.status() != Status::Held,
    }
}
