//! Property tests that run in CI: the YAML codec round-trips every record kind (and writes `due`
//! so that its raw line reads back as the parsed date), the date parser never panics, and id
//! prefixes resolve to exactly the ids they name.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;

use crate::model::{
    Ask, Commitment, Decision, Kind, Meeting, Note, Record, RecordId, Reschedule, Stamp, Status,
};
use crate::query::{dates, resolve};
use crate::store::codec;

fn id(kind: Kind) -> impl Strategy<Value = RecordId> {
    any::<[u8; 8]>().prop_map(move |b| RecordId::from_random(kind, b))
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// Any text a record may hold: printable characters, YAML-significant ones included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{1,40}",
        "\\PC{1,20}",
        Just("yes".to_string()),
        Just("null".to_string()),
        Just("- [a]: {b}".to_string()),
        Just("2026-03-20".to_string()),
        Just("multi\nline\ttext".to_string()),
    ]
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(text())
}

/// A time on `date` in some offset, or none (entries from before times were kept).
fn at_on(date: NaiveDate) -> impl Strategy<Value = Option<Stamp>> {
    proptest::option::of((0u32..86_400, -12i32..=14)).prop_map(move |t| {
        t.map(|(secs, hours)| {
            let offset = FixedOffset::east_opt(hours * 3600).unwrap();
            let local = date
                .and_hms_opt(secs / 3600, secs / 60 % 60, secs % 60)
                .unwrap();
            Stamp::new(offset.from_local_datetime(&local).single().unwrap())
        })
    })
}

fn note() -> impl Strategy<Value = Note> {
    (day(), proptest::option::of("[a-z]{1,8}"), text()).prop_flat_map(|(date, by, text)| {
        at_on(date).prop_map(move |at| Note {
            date,
            by: by.clone(),
            text: text.clone(),
            at,
        })
    })
}

fn notes() -> impl Strategy<Value = Vec<Note>> {
    proptest::collection::vec(note(), 0..3)
}

fn commitment() -> impl Strategy<Value = Record> {
    (
        id(Kind::Commitment),
        day(),
        text(),
        text(),
        day(),
        opt_text(),
        notes(),
        proptest::collection::vec(
            (day(), day(), text()).prop_flat_map(|(d, f, r)| (Just(d), Just(f), Just(r), at_on(d))),
            0..3,
        ),
    )
        .prop_map(|(id, date, what, to, due, reason, notes, rs)| {
            Record::Commitment(Commitment {
                tags: vec!["t".into()],
                reschedules: rs
                    .into_iter()
                    .map(|(date, from, reason, at)| Reschedule {
                        date,
                        from,
                        to: due,
                        reason,
                        by: None,
                        at,
                    })
                    .collect(),
                notes,
                reason,
                ..Commitment::new(id, date, what, "bob".into(), to, due)
            })
        })
}

fn ask() -> impl Strategy<Value = Record> {
    (
        id(Kind::Ask),
        day(),
        text(),
        proptest::option::of(day()),
        opt_text(),
        notes(),
    )
        .prop_map(|(id, date, what, due, why, notes)| {
            Record::Ask(Ask {
                id,
                kind: Kind::Ask,
                status: Status::Open,
                date,
                what,
                from: "a".into(),
                to: "b".into(),
                due,
                why,
                meeting: None,
                place: None,
                tags: vec![],
                commitment: None,
                decision: None,
                evidence: Vec::new(),
                notes,
                closed: None,
                closed_at: None,
                reason: None,
                source: None,
            })
        })
}

fn meeting() -> impl Strategy<Value = Record> {
    (
        id(Kind::Meeting),
        day(),
        text(),
        opt_text(),
        proptest::collection::vec(id(Kind::Decision), 0..3),
    )
        .prop_map(|(id, date, title, notes, decisions)| {
            Record::Meeting(Meeting {
                id,
                kind: Kind::Meeting,
                status: Status::Held,
                date,
                title,
                attendees: vec!["a".into(), "b".into()],
                place: None,
                tags: vec![],
                notes,
                decisions,
                commitments: vec![],
            })
        })
}

fn decision() -> impl Strategy<Value = Record> {
    (
        id(Kind::Decision),
        day(),
        text(),
        any::<bool>(),
        opt_text(),
        proptest::option::of(id(Kind::Decision)),
    )
        .prop_map(|(id, date, statement, compliance, rationale, supersedes)| {
            Record::Decision(Decision {
                id,
                kind: Kind::Decision,
                status: Status::Active,
                date,
                statement,
                by: "c".into(),
                compliance,
                rationale,
                meeting: None,
                place: None,
                evidence: vec!["https://x.test/1".into()],
                tags: vec![],
                supersedes,
                superseded_by: None,
                answers: None,
                closed: None,
                closed_at: None,
                reason: None,
            })
        })
}

proptest! {
    #[test]
    fn every_record_kind_round_trips(r in prop_oneof![commitment(), ask(), meeting(), decision()]) {
        let text = codec::render_record(&r);
        let back = codec::parse_record(r.kind(), text.as_bytes());
        prop_assert_eq!(back, Ok(r), "{}", text);
    }

    /// A slip is a move of the due date recorded in the record (`model::slips`): rescheduling
    /// any open commitment or ask adds exactly one, and it survives the file's round trip, so
    /// `overdue` and `report` read the same count from the files as the history shows.
    #[test]
    fn a_reschedule_adds_exactly_one_slip(r in prop_oneof![commitment(), ask()], days in 1i64..400) {
        let mut r = r;
        let before = crate::model::slips::count(&r);
        let day = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
        let due = r.due().unwrap_or(day) + chrono::Duration::days(days);
        let had_due = r.due().is_some();
        if crate::model::actions::reschedule(&mut r, day, due, "vendor late", None).is_ok() {
            let back = codec::parse_record(r.kind(), codec::render_record(&r).as_bytes()).unwrap();
            prop_assert_eq!(crate::model::slips::count(&back), before + usize::from(had_due));
        }
    }

    #[test]
    fn date_parsing_never_panics(s in "\\PC{0,30}", t in "[-+0-9a-z ]{0,12}") {
        let today = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
        let _ = dates::parse(&s, today);
        let _ = dates::parse(&t, today);
    }

    #[test]
    fn a_prefix_resolves_to_exactly_the_ids_it_names(bytes in proptest::collection::vec(any::<[u8; 8]>(), 1..40), pick in any::<usize>(), len in 0usize..=16) {
        let ids: Vec<RecordId> = bytes.iter().map(|b| RecordId::from_random(Kind::Commitment, *b)).collect();
        let target = &ids[pick % ids.len()];
        let prefix = &target.as_str()[..len.min(target.as_str().len())];
        let matching: std::collections::BTreeSet<&RecordId> = ids.iter().filter(|i| i.as_str().starts_with(prefix)).collect();
        match resolve::resolve(prefix, ids.iter()) {
            Ok(found) => prop_assert!(matching.len() == 1 && matching.contains(&found)),
            Err(_) => prop_assert!(matching.len() != 1 || !crate::model::id::looks_like_prefix(prefix)),
        }
        // The full id always resolves to itself.
        prop_assert_eq!(resolve::resolve(target.as_str(), ids.iter()).ok(), Some(target.clone()));
    }
}
