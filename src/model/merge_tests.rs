//! Unit tests of the three-way record merge.

use chrono::NaiveDate;

use super::*;
use crate::model::{Commitment, Note, RecordId, Reschedule};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn stamp(time: i64, commit: &str) -> Stamp {
    Stamp {
        time,
        commit: commit.into(),
    }
}

fn base() -> Commitment {
    Commitment {
        tags: vec!["vpn".into()],
        ..Commitment::new(
            RecordId::from_random(Kind::Commitment, [1; 8]),
            day("2026-03-01"),
            "Ship it".into(),
            "bob".into(),
            "alice".into(),
            day("2026-03-10"),
        )
    }
}

fn merge(o: &Commitment, a: &Commitment, b: &Commitment, ta: i64, tb: i64) -> Merged<Record> {
    let (o, a, b) = (
        Record::Commitment(o.clone()),
        Record::Commitment(a.clone()),
        Record::Commitment(b.clone()),
    );
    merge_record(
        Some(&o),
        Side {
            value: &a,
            stamp: stamp(ta, "aaaa"),
        },
        Side {
            value: &b,
            stamp: stamp(tb, "bbbb"),
        },
    )
    .unwrap()
}

fn commitment(r: &Record) -> &Commitment {
    match r {
        Record::Commitment(c) => c,
        _ => panic!("not a commitment"),
    }
}

#[test]
fn reschedule_and_done_with_note_both_survive() {
    let o = base();
    let mut a = o.clone();
    a.due = day("2026-03-20");
    a.reschedules.push(Reschedule {
        date: day("2026-03-05"),
        from: o.due,
        to: a.due,
        reason: "vendor late".into(),
        by: None,
    });
    let mut b = o.clone();
    b.notes.push(Note {
        date: day("2026-03-06"),
        by: None,
        text: "tunnel up".into(),
    });
    b.status = Status::Done;
    b.closed = Some(day("2026-03-06"));
    for (ta, tb) in [(1, 2), (2, 1)] {
        let m = merge(&o, &a, &b, ta, tb);
        let c = commitment(&m.value);
        assert_eq!(c.status, Status::Done);
        assert_eq!(c.due, day("2026-03-20"));
        assert_eq!(c.notes.len(), 1);
        assert_eq!(c.reschedules.len(), 1);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    }
}

#[test]
fn same_result_whichever_side_merges() {
    let o = base();
    let mut a = o.clone();
    a.what = "Ship it by hand".into();
    a.notes.push(Note {
        date: day("2026-03-02"),
        by: None,
        text: "z".into(),
    });
    a.tags.push("net".into());
    let mut b = o.clone();
    b.what = "Ship it with care".into();
    b.notes.push(Note {
        date: day("2026-03-02"),
        by: None,
        text: "a".into(),
    });
    b.tags = vec!["ops".into()];
    let ab = merge(&o, &a, &b, 5, 7);
    let ba = merge(&o, &b, &a, 7, 5);
    assert_eq!(ab.value, ba.value);
    let c = commitment(&ab.value);
    assert_eq!(c.what, "Ship it with care");
    assert_eq!(c.notes[0].text, "a");
    assert_eq!(c.tags, vec!["ops".to_string(), "net".to_string()]);
    assert_eq!(ab.conflicts.len(), 1);
    assert_eq!(
        ab.conflicts[0].lost,
        Value::String("Ship it by hand".into())
    );
}

#[test]
fn terminal_status_wins_over_later_edit_and_due_follows_reschedules() {
    let o = base();
    let mut a = o.clone();
    a.status = Status::Cancelled;
    a.reason = Some("no budget".into());
    a.closed = Some(day("2026-03-03"));
    let mut b = o.clone();
    b.status = Status::Done;
    b.closed = Some(day("2026-03-04"));
    let m = merge(&o, &a, &b, 1, 2);
    let c = commitment(&m.value);
    assert_eq!(
        (c.status, c.closed),
        (Status::Done, Some(day("2026-03-04")))
    );

    let mut a = o.clone();
    let mut b = o.clone();
    for (side, to, on) in [
        (&mut a, "2026-04-01", "2026-03-05"),
        (&mut b, "2026-03-25", "2026-03-06"),
    ] {
        side.due = day(to);
        side.reschedules.push(Reschedule {
            date: day(on),
            from: o.due,
            to: day(to),
            reason: "r".into(),
            by: None,
        });
    }
    let m = merge(&o, &a, &b, 9, 1);
    let c = commitment(&m.value);
    assert_eq!(c.reschedules.len(), 2);
    assert_eq!(c.due, day("2026-03-25"), "the last reschedule by date wins");
    assert_eq!(m.conflicts[0].field, "due");
    assert!(crate::model::validate::check_record(&m.value).is_empty());
}

#[test]
fn people_merge_per_handle() {
    let mut o = People::default();
    o.people.insert("bob".into(), Default::default());
    let mut a = o.clone();
    a.people.get_mut("bob").unwrap().team = Some("net".into());
    a.people.insert("cy".into(), Default::default());
    let mut b = o.clone();
    b.people.get_mut("bob").unwrap().name = Some("Bob".into());
    let m = merge_people(
        &o,
        Side {
            value: &a,
            stamp: stamp(1, "a"),
        },
        Side {
            value: &b,
            stamp: stamp(2, "b"),
        },
    )
    .unwrap();
    let bob = &m.value.people["bob"];
    assert_eq!(
        (bob.team.as_deref(), bob.name.as_deref()),
        (Some("net"), Some("Bob"))
    );
    assert!(m.value.people.contains_key("cy"));
}
