//! The numbers behind the HTML report's charts: on-time rate per team per week, overdue items
//! by age, slips per commitment, and commitments made against kept per week. Only counting
//! here; drawing is `report::html::chart`.

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::keep;
use super::team::Scope;
use crate::model::{Record, Status};
use crate::store::Snapshot;

/// How many weeks the weekly charts cover, ending on the report's day.
pub const WEEKS: i64 = 6;

/// One team's on-time rate, week by week (None when nothing came due that week).
#[derive(Clone, Debug, Serialize)]
pub struct TeamRates {
    pub team: String,
    pub rates: Vec<Option<f64>>,
}

/// A named count.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
}

/// Commitments made and kept in one week.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Week {
    /// The week's last day.
    pub until: NaiveDate,
    pub made: usize,
    pub kept: usize,
}

/// Everything the charts draw.
#[derive(Clone, Debug, Serialize)]
pub struct Charts {
    /// The last day of each week, oldest first.
    pub weeks: Vec<NaiveDate>,
    pub on_time: Vec<TeamRates>,
    pub overdue_by_age: Vec<Bar>,
    pub slips: Vec<Bar>,
    pub made_kept: Vec<Week>,
}

/// The age buckets of overdue items, in days: (label, first day, last day).
pub const AGES: [(&str, i64, i64); 5] = [
    ("1–3 days", 1, 3),
    ("4–7 days", 4, 7),
    ("8–14 days", 8, 14),
    ("15–30 days", 15, 30),
    ("over 30 days", 31, i64::MAX),
];

/// Counts overdue items (given as days overdue) into the age buckets.
pub fn by_age(days_overdue: impl IntoIterator<Item = i64>) -> Vec<Bar> {
    let mut bars: Vec<Bar> = AGES
        .iter()
        .map(|(l, _, _)| Bar {
            label: l.to_string(),
            value: 0,
        })
        .collect();
    for d in days_overdue {
        if let Some(i) = AGES.iter().position(|(_, lo, hi)| d >= *lo && d <= *hi) {
            bars[i].value += 1;
        }
    }
    bars
}

/// The charts for the weeks ending on `day`, over the records `scope` touches; `overdue`
/// holds the days overdue of what is overdue on `day`.
pub fn charts(snap: &Snapshot, scope: &Scope, day: NaiveDate, overdue: &[i64]) -> Charts {
    crate::store::read::whole(snap, "charts");
    let weeks: Vec<NaiveDate> = (0..WEEKS)
        .rev()
        .map(|i| day - Duration::days(7 * i))
        .collect();
    let mut on_time: Vec<TeamRates> = Vec::new();
    for (i, until) in weeks.iter().enumerate() {
        let since = *until - Duration::days(6);
        let r = keep::rates(snap, &snap.people, scope, since, *until, *until);
        for t in r.teams {
            let row = match on_time.iter_mut().position(|x| x.team == t.name) {
                Some(p) => &mut on_time[p],
                None => {
                    on_time.push(TeamRates {
                        team: t.name.clone(),
                        rates: vec![None; weeks.len()],
                    });
                    on_time.last_mut().expect("just pushed")
                }
            };
            row.rates[i] = t.on_time_rate;
        }
    }
    on_time.sort_by(|a, b| a.team.cmp(&b.team));
    let mut made_kept: Vec<Week> = weeks
        .iter()
        .map(|w| Week {
            until: *w,
            made: 0,
            kept: 0,
        })
        .collect();
    let mut slips: Vec<(usize, String, String)> = Vec::new();
    let first = weeks[0] - Duration::days(6);
    for e in snap.entries.iter().filter(|e| scope.touches(&e.record)) {
        let Record::Commitment(c) = &e.record else {
            continue;
        };
        let week_of =
            |d: NaiveDate| (d >= first && d <= day).then(|| ((d - first).num_days() / 7) as usize);
        if let Some(w) = week_of(c.date) {
            made_kept[w].made += 1;
        }
        if let (Status::Done, Some(closed)) = (c.status, c.closed) {
            if let Some(w) = week_of(closed) {
                made_kept[w].kept += 1;
            }
        }
        let in_play = c.status == Status::Open || c.closed.is_some_and(|d| d >= first);
        if !c.reschedules.is_empty() && in_play {
            slips.push((c.reschedules.len(), c.what.clone(), c.id.to_string()));
        }
    }
    slips.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    slips.truncate(10);
    Charts {
        weeks,
        on_time,
        overdue_by_age: by_age(overdue.iter().copied()),
        slips: slips
            .into_iter()
            .map(|(n, what, _)| Bar {
                label: what,
                value: n,
            })
            .collect(),
        made_kept,
    }
}

/// One person's on-time rate week by week, over the weeks ending on `day` (as `charts`).
pub fn person_rates(snap: &Snapshot, handle: &str, day: NaiveDate) -> TeamRates {
    let all = Scope::default();
    let rates = (0..WEEKS)
        .rev()
        .map(|i| {
            let until = day - Duration::days(7 * i);
            keep::rates(
                snap,
                &snap.people,
                &all,
                until - Duration::days(6),
                until,
                until,
            )
            .people
            .into_iter()
            .find(|r| r.name == handle)
            .and_then(|r| r.on_time_rate)
        })
        .collect();
    TeamRates {
        team: handle.to_string(),
        rates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_fall_into_their_buckets() {
        let v: Vec<usize> = by_age([1, 3, 4, 10, 30, 31, 400])
            .iter()
            .map(|b| b.value)
            .collect();
        assert_eq!(v, [2, 1, 1, 1, 2]);
    }
}
