//! Keep rates: per person and per team, how the promises that came due or were closed in a
//! period turned out (on time, renegotiated in time, late, broken), using the one classification in `model::outcome`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::team::Scope;
use crate::model::outcome::{on_time_rate, outcome, Outcome};
use crate::model::{Commitment, People, Record};
use crate::store::Snapshot;

/// The label for people the people file puts on no team.
pub const NO_TEAM: &str = "(no team)";

/// How one person's or one team's promises turned out.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Rate {
    /// A handle, or a team name.
    pub name: String,
    /// For a person, their team ("" when unknown or for a team row).
    pub team: String,
    /// Kept on time, never rescheduled.
    pub on_time: usize,
    /// Kept by a due date renegotiated in time.
    pub renegotiated: usize,
    /// Kept after the due date in force, or after a reschedule made once it had passed.
    pub late: usize,
    /// Overdue, or cancelled after the due date.
    pub broken: usize,
    /// On time + renegotiated out of on time + renegotiated + late + broken.
    pub on_time_rate: Option<f64>,
    #[serde(skip)]
    outcomes: Vec<Outcome>,
}

impl Rate {
    fn add(&mut self, o: Outcome) {
        match o {
            Outcome::OnTime => self.on_time += 1,
            Outcome::Renegotiated => self.renegotiated += 1,
            Outcome::Late => self.late += 1,
            _ if o.broken() => self.broken += 1,
            _ => return,
        }
        self.outcomes.push(o);
        self.on_time_rate = on_time_rate(self.outcomes.iter().copied());
    }
}

/// Keep rates per person and per team, each sorted by name.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Rates {
    pub people: Vec<Rate>,
    pub teams: Vec<Rate>,
}

impl Rates {
    /// True when no promise came due or was closed in the period.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

/// True when `c` counts in the period: it fell due in it, or was kept or cancelled in it.
pub fn counts_in(c: &Commitment, since: NaiveDate, until: NaiveDate) -> bool {
    let inside = |d: NaiveDate| d >= since && d <= until;
    inside(c.due) || c.closed.is_some_and(inside)
}

/// Keep rates for the commitments by people in `scope` that count in `since..=until`,
/// classified as of `day`. Commitments still open and not yet due, or cancelled before they
/// fell due, are neither kept nor broken and are left out.
pub fn rates(
    snap: &Snapshot,
    people: &People,
    scope: &Scope,
    since: NaiveDate,
    until: NaiveDate,
    day: NaiveDate,
) -> Rates {
    let mut by_person: BTreeMap<String, Rate> = BTreeMap::new();
    let mut by_team: BTreeMap<String, Rate> = BTreeMap::new();
    for e in &snap.entries {
        let Record::Commitment(c) = &e.record else {
            continue;
        };
        if !scope.has(&c.by) || !counts_in(c, since, until) {
            continue;
        }
        let o = outcome(c, day);
        if !o.came_due() {
            continue;
        }
        let team = people.team(&c.by).unwrap_or(NO_TEAM).to_string();
        let p = by_person.entry(c.by.clone()).or_insert_with(|| Rate {
            name: c.by.clone(),
            team: team.clone(),
            ..Rate::default()
        });
        p.add(o);
        let t = by_team.entry(team.clone()).or_insert_with(|| Rate {
            name: team,
            ..Rate::default()
        });
        t.add(o);
    }
    Rates {
        people: by_person.into_values().collect(),
        teams: by_team.into_values().collect(),
    }
}
