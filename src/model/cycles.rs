//! Loops that would leave records waiting forever: commitments blocked on each other, and an
//! escalation chain (`reports_to`) that comes back to where it started. `block` refuses the
//! first before it is made; `check` reports both when a hand edit made them.

use std::collections::HashMap;

use super::{People, Record, RecordId};

/// The record `record` waits on while it is still open: a closed commitment waits on nothing.
fn waits_on(record: &Record) -> Option<&RecordId> {
    match record {
        Record::Commitment(c) if c.status.in_play() => c.blocked.as_ref()?.on.as_ref(),
        _ => None,
    }
}

/// The chain of waits from `on` that leads back to `id`, if `id` waiting on `on` would close a
/// loop: `[on, ..., id]`. `lookup` reads a record (None when it is not in the ledger).
pub fn blocking_loop(
    id: &RecordId,
    on: &RecordId,
    mut lookup: impl FnMut(&RecordId) -> Option<Record>,
) -> Option<Vec<RecordId>> {
    let mut path = vec![on.clone()];
    let mut cur = on.clone();
    while cur != *id {
        let next = waits_on(&lookup(&cur)?)?.clone();
        if path.contains(&next) {
            return None; // a loop that does not pass through `id`: reported on its own
        }
        path.push(next.clone());
        cur = next;
    }
    Some(path)
}

/// Every loop of open commitments blocked on each other, each once, as the ids in order
/// starting from the smallest.
pub fn blocking_loops(records: &HashMap<RecordId, &Record>) -> Vec<Vec<RecordId>> {
    let mut loops: Vec<Vec<RecordId>> = Vec::new();
    for (id, record) in records {
        let Some(on) = waits_on(record) else { continue };
        if let Some(mut chain) = blocking_loop(id, on, |r| records.get(r).map(|x| (*x).clone())) {
            // Only the loop's smallest id reports it, so each loop is listed once.
            if chain.iter().min() == Some(id) {
                chain.rotate_right(1);
                loops.push(chain);
            }
        }
    }
    loops.sort();
    loops
}

/// Every loop in the escalation chain (`a reports_to b ... reports_to a`), each once, starting
/// from its smallest handle.
pub fn reporting_loops(people: &People) -> Vec<Vec<String>> {
    let mut loops = Vec::new();
    for start in people.people.keys() {
        let mut path = vec![start.clone()];
        let mut cur = start.as_str();
        while let Some(up) = people.escalate_to(cur) {
            if up == start {
                if path.iter().min() == Some(start) {
                    loops.push(path.clone());
                }
                break;
            }
            if path.iter().any(|h| h == up) {
                break;
            }
            path.push(up.to_string());
            cur = up;
        }
    }
    loops
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Blocker, Commitment, Kind, Person};

    fn com(n: u8, on: Option<u8>) -> Record {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut c = Commitment::new(
            RecordId::from_random(Kind::Commitment, [n; 8]),
            day,
            "x".into(),
            "a".into(),
            "b".into(),
            day,
        );
        c.blocked = on.map(|o| Blocker {
            since: day,
            on: Some(RecordId::from_random(Kind::Commitment, [o; 8])),
            reason: None,
        });
        Record::Commitment(c)
    }

    #[test]
    fn a_loop_of_waits_is_found_once_and_a_chain_is_not_a_loop() {
        let recs = [
            com(1, Some(2)),
            com(2, Some(3)),
            com(3, Some(1)),
            com(4, Some(1)),
        ];
        let map: HashMap<_, _> = recs.iter().map(|r| (r.id().clone(), r)).collect();
        let loops = blocking_loops(&map);
        assert_eq!(loops.len(), 1, "{loops:?}");
        assert_eq!(loops[0].len(), 3);
        let (one, four) = (recs[0].id(), recs[3].id());
        assert!(blocking_loop(four, one, |r| map.get(r).map(|x| (*x).clone())).is_none());
        assert!(blocking_loop(one, four, |r| map.get(r).map(|x| (*x).clone())).is_some());
    }

    #[test]
    fn a_reporting_loop_is_found_once() {
        let mut p = People::default();
        for (h, up) in [
            ("a", Some("b")),
            ("b", Some("c")),
            ("c", Some("a")),
            ("d", Some("a")),
        ] {
            let person = Person {
                reports_to: up.map(str::to_string),
                ..Person::default()
            };
            p.people.insert(h.into(), person);
        }
        assert_eq!(reporting_loops(&p), [["a", "b", "c"]]);
    }
}
