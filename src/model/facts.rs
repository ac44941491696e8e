//! The fields that filters look at, as a trait: a filter runs the same way on a whole record and
//! on the summary row the query view keeps, so a query can choose records before decoding them.

use chrono::NaiveDate;

use super::{Kind, Record, Status};

/// What a filter may ask of a record without reading all of it.
pub trait Facts {
    /// The record's kind.
    fn kind(&self) -> Kind;
    /// Its status.
    fn status(&self) -> Status;
    /// The day it happened (asked, promised, held, decided).
    fn date(&self) -> NaiveDate;
    /// Its due date, for asks and commitments.
    fn due(&self) -> Option<NaiveDate>;
    /// Who asked, promised or decided.
    fn owner(&self) -> Option<&str>;
    /// Who was asked, or to whom it was promised.
    fn counterpart(&self) -> Option<&str>;
    /// True when `handle` attended (meetings only).
    fn attended_by(&self, handle: &str) -> bool;
    /// True when it carries `tag`, ignoring case.
    fn has_tag(&self, tag: &str) -> bool;
    /// The id of the meeting it came from.
    fn meeting_id(&self) -> Option<&str>;
    /// Whether any of its text contains `lowered` (already lower-cased), ignoring case; `None`
    /// when this form of the record does not carry its text, so a filter must let it pass.
    fn text_contains(&self, lowered: &str) -> Option<bool>;
}

impl Facts for Record {
    fn kind(&self) -> Kind {
        Record::kind(self)
    }
    fn status(&self) -> Status {
        Record::status(self)
    }
    fn date(&self) -> NaiveDate {
        Record::date(self)
    }
    fn due(&self) -> Option<NaiveDate> {
        Record::due(self)
    }
    fn owner(&self) -> Option<&str> {
        Record::owner(self)
    }
    fn counterpart(&self) -> Option<&str> {
        Record::counterpart(self)
    }
    fn attended_by(&self, handle: &str) -> bool {
        matches!(self, Record::Meeting(m) if m.attendees.iter().any(|a| a == handle))
    }
    fn has_tag(&self, tag: &str) -> bool {
        self.tags().iter().any(|t| t.eq_ignore_ascii_case(tag))
    }
    fn meeting_id(&self) -> Option<&str> {
        self.meeting().map(|m| m.as_str())
    }
    fn text_contains(&self, lowered: &str) -> Option<bool> {
        Some(
            self.texts()
                .iter()
                .any(|(_, t)| t.to_lowercase().contains(lowered)),
        )
    }
}
