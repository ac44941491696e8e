//! Everything one person is part of on a day: what they promised and how each promise turned
//! out, what was promised to them, the asks on both sides, and the decisions they made.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::facts::Facts;
use crate::model::outcome::{self, Outcome};
use crate::model::{Ask, Commitment, Decision, Meeting, Record};
use crate::store::Snapshot;

/// One person's part in the ledger.
#[derive(Debug, Default)]
pub struct Who<'a> {
    /// Commitments they made, each with how it turned out.
    pub promised: Vec<(&'a Commitment, Outcome)>,
    /// Commitments made to them.
    pub promised_to: Vec<(&'a Commitment, Outcome)>,
    /// Asks they made.
    pub asked: Vec<&'a Ask>,
    /// Asks made of them.
    pub asked_of: Vec<&'a Ask>,
    /// Decisions they made.
    pub decisions: Vec<&'a Decision>,
    /// Meetings they attended.
    pub attended: Vec<&'a Meeting>,
}

impl Who<'_> {
    /// How many of their promises ended up each way.
    pub fn counts(&self) -> BTreeMap<Outcome, usize> {
        let mut m = BTreeMap::new();
        for (_, o) in &self.promised {
            *m.entry(*o).or_insert(0) += 1;
        }
        m
    }

    /// Their on-time rate over the promises that came due.
    pub fn on_time_rate(&self) -> Option<f64> {
        outcome::on_time_rate(self.promised.iter().map(|(_, o)| *o))
    }

    /// True when the person appears in no record at all.
    pub fn is_empty(&self) -> bool {
        self.promised.is_empty()
            && self.promised_to.is_empty()
            && self.asked.is_empty()
            && self.asked_of.is_empty()
            && self.decisions.is_empty()
            && self.attended.is_empty()
    }
}

/// `handle`'s part in `snap`, outcomes measured on `day`; each list by date, then id.
/// Which records `who` looks at: those `handle` owns, is the other party of, or attended.
pub fn needs<F: Facts + ?Sized>(record: &F, handle: &str) -> bool {
    record.owner() == Some(handle)
        || record.counterpart() == Some(handle)
        || record.attended_by(handle)
}

pub fn who<'a>(snap: &'a Snapshot, handle: &str, day: NaiveDate) -> Who<'a> {
    let mut w = Who::default();
    for e in &snap.entries {
        match &e.record {
            Record::Commitment(c) => {
                if c.by == handle {
                    w.promised.push((c, outcome::outcome(c, day)));
                }
                if c.to == handle {
                    w.promised_to.push((c, outcome::outcome(c, day)));
                }
            }
            Record::Ask(a) => {
                if a.from == handle {
                    w.asked.push(a);
                }
                if a.to == handle {
                    w.asked_of.push(a);
                }
            }
            Record::Decision(d) if d.by == handle => w.decisions.push(d),
            Record::Meeting(m) if m.attendees.iter().any(|a| a == handle) => w.attended.push(m),
            _ => {}
        }
    }
    w.promised
        .sort_by(|a, b| (a.0.date, &a.0.id).cmp(&(b.0.date, &b.0.id)));
    w.promised_to
        .sort_by(|a, b| (a.0.date, &a.0.id).cmp(&(b.0.date, &b.0.id)));
    w.asked
        .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    w.asked_of
        .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    w.decisions
        .sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    w
}
