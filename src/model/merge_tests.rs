//! Unit tests of the three-way record merge, and the property test: random concurrent edit
//! scripts on three clones merge to the same valid ledger in every order, however often.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::concurrent::Frontier;
use crate::model::{actions, stamp, Ask, Commitment, Meeting, Note};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn id(kind: Kind, n: u8) -> RecordId {
    RecordId::from_random(kind, [n, 7, 7, 7, 7, 7, 7, 7])
}

fn base() -> Commitment {
    Commitment {
        tags: vec!["vpn".into()],
        ..Commitment::new(
            id(Kind::Commitment, 1),
            day("2026-03-01"),
            "Ship it".into(),
            "bob".into(),
            "alice".into(),
            day("2026-03-10"),
        )
    }
}

fn side<'r>(r: &'r Record, from: &str) -> Side<&'r Record> {
    Side {
        value: r,
        from: from.into(),
    }
}

fn merge(o: &Commitment, a: &Commitment, b: &Commitment) -> Merged<Record> {
    let (o, a, b) = (
        Record::Commitment(o.clone()),
        Record::Commitment(a.clone()),
        Record::Commitment(b.clone()),
    );
    merge_record(
        Some(&o),
        side(&a, "aaaa"),
        side(&b, "bbbb"),
        &Frontier::new(),
    )
    .unwrap()
}

fn commitment(r: &Record) -> &Commitment {
    match r {
        Record::Commitment(c) => c,
        _ => panic!("not a commitment"),
    }
}

/// Carol's open ask from bob, made 2026-03-01.
fn ask(n: u8, what: &str, due: Option<NaiveDate>) -> Ask {
    Ask {
        id: id(Kind::Ask, n),
        kind: Kind::Ask,
        status: Status::Open,
        date: day("2026-03-01"),
        what: what.into(),
        from: "bob".into(),
        to: "carol".into(),
        due,
        why: None,
        meeting: None,
        place: None,
        tags: vec![],
        commitment: None,
        decision: None,
        evidence: Vec::new(),
        notes: vec![],
        closed: None,
        closed_at: None,
        reason: None,
        source: None,
    }
}

fn rescheduled(o: &Commitment, on: &str, to: &str) -> Commitment {
    let mut c = Record::Commitment(o.clone());
    actions::reschedule(&mut c, day(on), day(to), "slip", None).unwrap();
    commitment(&c).clone()
}

#[test]
fn reschedule_and_done_with_note_both_survive() {
    let o = base();
    let a = rescheduled(&o, "2026-03-05", "2026-03-20");
    let mut b = o.clone();
    b.notes.push(Note {
        date: day("2026-03-06"),
        by: None,
        text: "tunnel up".into(),
        at: None,
    });
    b.status = Status::Done;
    b.closed = Some(day("2026-03-06"));
    for m in [merge(&o, &a, &b), merge(&o, &b, &a)] {
        let c = commitment(&m.value);
        assert_eq!(c.status, Status::Done);
        assert_eq!(c.due, day("2026-03-20"));
        assert_eq!((c.notes.len(), c.reschedules.len()), (1, 1));
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    }
}

#[test]
fn same_result_whichever_side_merges_and_no_clock_decides() {
    let o = base();
    let mut a = o.clone();
    a.what = "Ship it by hand".into();
    a.tags.push("net".into());
    let mut b = o.clone();
    b.what = "Ship it with care".into();
    b.tags = vec!["ops".into()];
    let ab = merge(&o, &a, &b);
    let ba = merge(&o, &b, &a);
    assert_eq!(ab.value, ba.value);
    let c = commitment(&ab.value);
    // The winner is the larger content hash, whichever side it is on.
    let ha = content_hash(&Value::String(a.what.clone()));
    let hb = content_hash(&Value::String(b.what.clone()));
    let expect = if ha > hb { &a.what } else { &b.what };
    assert_eq!(&c.what, expect);
    assert_eq!(c.tags, vec!["net".to_string(), "ops".to_string()]);
    assert_eq!(ab.conflicts.len(), 1);
    assert_eq!(ab.conflicts[0].field, "what");
}

#[test]
fn a_status_and_its_reason_come_from_the_same_side() {
    let o = base();
    let mut a = Record::Commitment(o.clone());
    actions::cancel(&mut a, day("2026-03-03"), "no budget").unwrap();
    let mut b = Record::Commitment(o.clone());
    actions::done(&mut b, day("2026-03-04")).unwrap();
    let m = merge(&o, commitment(&a), commitment(&b));
    let c = commitment(&m.value);
    assert_eq!(
        (c.status, c.closed, c.reason.as_deref()),
        (Status::Done, Some(day("2026-03-04")), None),
        "done beats cancelled and brings no cancel reason"
    );
    assert_eq!(m.conflicts[0].rule, OUTCOME);
}

#[test]
fn due_follows_the_last_reschedule_in_the_merged_order() {
    let o = base();
    let a = rescheduled(&o, "2026-03-05", "2026-04-01");
    let b = rescheduled(&o, "2026-03-06", "2026-03-25");
    let m = merge(&o, &a, &b);
    let c = commitment(&m.value);
    assert_eq!(c.reschedules.len(), 2);
    assert_eq!(c.due, day("2026-03-25"), "the last reschedule by date wins");
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    // The same day: the later target is last.
    let b = rescheduled(&o, "2026-03-05", "2026-03-25");
    assert_eq!(commitment(&merge(&o, &a, &b).value).due, day("2026-04-01"));
}

#[test]
fn an_accepted_ask_carries_no_decline_reason() {
    let o = Record::Ask(ask(3, "Review", None));
    let mut a = o.clone();
    actions::answer_no(&mut a, day("2026-03-02"), Some("no time"), false).unwrap();
    let mut b = o.clone();
    actions::accept(&mut b, day("2026-03-03"), &id(Kind::Commitment, 9)).unwrap();
    for (x, y) in [(&a, &b), (&b, &a)] {
        let m = merge_record(Some(&o), side(x, "x"), side(y, "y"), &Frontier::new()).unwrap();
        let Record::Ask(k) = &m.value else { panic!() };
        assert_eq!(k.status, Status::Accepted);
        assert_eq!(k.reason, None);
        assert_eq!(k.closed, Some(day("2026-03-03")));
    }
}

#[test]
fn an_answer_beats_a_concurrent_withdrawal_and_keeps_its_decision() {
    let o = Record::Ask(ask(4, "Is PHI encrypted?", None));
    let mut a = o.clone();
    actions::answer_no(&mut a, day("2026-03-04"), Some("moot"), true).unwrap();
    let mut b = o.clone();
    let dec = id(Kind::Decision, 8);
    actions::answer(&mut b, day("2026-03-02"), Some(&dec), None).unwrap();
    for (x, y) in [(&a, &b), (&b, &a)] {
        let m = merge_record(Some(&o), side(x, "x"), side(y, "y"), &Frontier::new()).unwrap();
        let Record::Ask(k) = &m.value else { panic!() };
        assert_eq!(k.status, Status::Answered);
        assert_eq!(k.decision.as_ref(), Some(&dec));
        assert_eq!(k.reason, None, "the withdrawal's reason stays with it");
        assert_eq!(k.closed, Some(day("2026-03-02")));
    }
}

fn decision(n: u8, supersedes: Option<RecordId>) -> Decision {
    Decision {
        id: id(Kind::Decision, n),
        kind: Kind::Decision,
        status: Status::Active,
        date: day("2026-03-01"),
        statement: format!("Decision {n}"),
        by: "alice".into(),
        compliance: false,
        rationale: None,
        meeting: None,
        place: None,
        evidence: vec![],
        tags: vec![],
        supersedes,
        superseded_by: None,
        answers: None,
        closed: None,
        closed_at: None,
        reason: None,
    }
}

#[test]
fn supersession_stays_a_chain_and_revoke_leaves_no_successor() {
    let d = Record::Decision(decision(1, None));
    let mut o = BTreeMap::new();
    o.insert(d.id().clone(), d.clone());
    let replica = |n: u8| {
        let mut r = o.clone();
        let next = decision(n, Some(d.id().clone()));
        let mut pred = d.clone();
        actions::supersede(&mut pred, day("2026-03-02"), &next.id).unwrap();
        r.insert(pred.id().clone(), pred);
        r.insert(next.id.clone(), Record::Decision(next));
        r
    };
    let (x, y) = (replica(2), replica(3));
    let m = merge_ledger(&o, &x, &y, &mut |_, _| Frontier::new())
        .unwrap()
        .value;
    let active: Vec<_> = m
        .values()
        .filter(|r| r.status() == Status::Active)
        .collect();
    assert_eq!(active.len(), 1, "one active successor: {m:?}");
    let Record::Decision(pred) = &m[d.id()] else {
        panic!()
    };
    assert_eq!(pred.superseded_by.as_ref(), Some(active[0].id()));
    assert_eq!(
        m,
        merge_ledger(&o, &y, &x, &mut |_, _| Frontier::new())
            .unwrap()
            .value
    );

    let mut revoked = d.clone();
    actions::revoke(&mut revoked, day("2026-03-02"), "wrong").unwrap();
    let mut z = o.clone();
    z.insert(d.id().clone(), revoked);
    let m = merge_ledger(&o, &z, &x, &mut |_, _| Frontier::new())
        .unwrap()
        .value;
    let Record::Decision(pred) = &m[d.id()] else {
        panic!()
    };
    assert_eq!(
        (pred.status, pred.reason.as_deref()),
        (Status::Superseded, None),
        "superseded beats revoked and brings no revoke reason"
    );
}

#[test]
fn a_merge_that_cannot_be_valid_names_the_record_and_both_values() {
    let o = base();
    let mut a = o.clone();
    a.date = day("2026-03-09");
    let mut b = Record::Commitment(o.clone());
    actions::done(&mut b, day("2026-03-05")).unwrap();
    let (o, a) = (Record::Commitment(o), Record::Commitment(a));
    let err = merge_record(Some(&o), side(&a, "a"), side(&b, "b"), &Frontier::new()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains(o.id().as_str()) && text.contains("closed"),
        "{text}"
    );
    assert!(
        text.contains("2026-03-09") && text.contains("2026-03-01"),
        "{text}"
    );
}

#[test]
fn settings_never_weaken() {
    let v = |s: &str| -> Value { serde_json::from_str(s).unwrap() };
    let o = v(r#"{"version":1,"require_signatures":false}"#);
    let a = v(r#"{"version":1,"require_signatures":true}"#);
    let b = v(r#"{"version":2,"require_signatures":false,"allow_x":false}"#);
    let s = |v| Side {
        value: v,
        from: "x".into(),
    };
    let m = merge_settings(Some(&o), s(&a), s(&b));
    assert_eq!(m.value["require_signatures"], Value::Bool(true));
    assert_eq!(m.value["version"], Value::from(2));
    // Both changed it: true beats false for require_*, false beats true for allow_*.
    let a2 = v(r#"{"version":1,"require_signatures":false,"allow_x":true}"#);
    let o2 = v(r#"{"version":1,"require_signatures":true,"allow_x":true}"#);
    let b2 = v(r#"{"version":1,"require_signatures":true,"allow_x":false,"strict_people":true}"#);
    let m = merge_settings(Some(&o2), s(&a2), s(&b2));
    assert_eq!(m.value["allow_x"], Value::Bool(false));
    assert_eq!(
        m.value["require_signatures"],
        Value::Bool(false),
        "one side turned it off on purpose"
    );
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
    let s = |v| Side {
        value: v,
        from: "x".into(),
    };
    let m = merge_people(&o, s(&a), s(&b)).unwrap();
    let bob = &m.value.people["bob"];
    assert_eq!(
        (bob.team.as_deref(), bob.name.as_deref()),
        (Some("net"), Some("Bob"))
    );
    assert!(m.value.people.contains_key("cy"));
}

// ---- The property test ----

type Ledger = BTreeMap<RecordId, Record>;

fn start() -> Ledger {
    let c = base();
    let k = ask(2, "Review the plan", Some(day("2026-03-12")));
    let m = Meeting {
        id: id(Kind::Meeting, 4),
        kind: Kind::Meeting,
        status: Status::Held,
        date: day("2026-03-01"),
        title: "Kick-off".into(),
        attendees: vec!["alice".into(), "bob".into()],
        place: None,
        tags: vec![],
        notes: Some("We met.".into()),
        decisions: vec![],
        commitments: vec![],
    };
    [
        Record::Commitment(c),
        Record::Ask(k),
        Record::Decision(decision(3, None)),
        Record::Meeting(m),
    ]
    .into_iter()
    .map(|r| (r.id().clone(), r))
    .collect()
}

/// Applies one generated edit, as a ledger command would (refused edits change nothing).
fn apply(l: &mut Ledger, replica: u8, step: u8, (op, x, y): (u8, u8, u8)) {
    let on = NaiveDate::from_ymd_opt(2026, 3, 2 + u32::from(x % 20)).unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 4, 1 + u32::from(y % 25)).unwrap();
    let text = format!("r{replica} s{step} {}", ["a", "b", "c"][usize::from(y % 3)]);
    // A clone's reschedules are made in order, a few on one day: their times (`at`) order them.
    let resched_day = NaiveDate::from_ymd_opt(2026, 3, 2)
        .unwrap()
        .checked_add_days(chrono::Days::new(u64::from(step / 3)))
        .unwrap();
    // The clock of the clone making the change: its own offset, later with every step.
    let when = |day: NaiveDate| {
        let offset = chrono::FixedOffset::east_opt(3600 * i32::from(replica)).unwrap();
        let local = day
            .and_hms_opt(9, u32::from(step), u32::from(replica))
            .unwrap();
        chrono::TimeZone::from_local_datetime(&offset, &local)
            .single()
            .unwrap()
    };
    let stamp_day = if matches!(op % 15, 1 | 2) {
        resched_day
    } else {
        on
    };
    let get = |l: &Ledger, kind: Kind| {
        let n = [
            (Kind::Commitment, 1),
            (Kind::Ask, 2),
            (Kind::Decision, 3),
            (Kind::Meeting, 4),
        ]
        .iter()
        .find(|(k, _)| *k == kind)
        .unwrap()
        .1;
        l[&id(kind, n)].clone()
    };
    let mut c = get(l, Kind::Commitment);
    let mut k = get(l, Kind::Ask);
    let mut d = get(l, Kind::Decision);
    let mut m = get(l, Kind::Meeting);
    let before = [c.clone(), k.clone(), d.clone()];
    let new_id = |kind| id(kind, 10 + replica * 20 + step);
    let _ = match op % 15 {
        0 => actions::note(&mut c, on, Some(format!("p{replica}")), &text),
        1 | 2 => actions::reschedule(&mut c, resched_day, later, &text, None).map(|_| ()),
        3 => actions::done(&mut c, on),
        4 => actions::cancel(&mut c, on, &text),
        5 => {
            if let Record::Commitment(c) = &mut c {
                c.what = text.clone();
            }
            Ok(())
        }
        6 => {
            if let Record::Commitment(c) = &mut c {
                let t = ["vpn", "net", "ops"][usize::from(y % 3)].to_string();
                if c.tags.contains(&t) {
                    c.tags.retain(|x| *x != t);
                } else {
                    c.tags.push(t);
                }
                // Membership is what the property is about; a set's order is the merge's
                // (sorted) once any merge touched it (see "Known limits" in design.md).
                c.tags.sort();
            }
            Ok(())
        }
        7 => actions::block(&mut c, on, None, Some(text.clone())),
        8 => {
            let cid = new_id(Kind::Commitment);
            let r = actions::accept(&mut k, on, &cid);
            if r.is_ok() {
                let mut nc = base();
                nc.id = cid.clone();
                nc.ask = Some(k.id().clone());
                l.insert(cid, Record::Commitment(nc));
            }
            r
        }
        9 => actions::answer_no(&mut k, on, Some(&text), x % 2 == 0),
        10 => actions::reschedule(&mut k, on, later, &text, None).map(|_| ()),
        11 => {
            let nid = new_id(Kind::Decision);
            let r = actions::supersede(&mut d, on, &nid);
            if r.is_ok() {
                let mut nd = decision(10 + replica * 20 + step, Some(d.id().clone()));
                nd.statement = text.clone();
                l.insert(nid, Record::Decision(nd));
            }
            r
        }
        12 => actions::revoke(&mut d, on, &text),
        13 => {
            if let Record::Decision(d) = &mut d {
                // As a command adds evidence: in the merged order.
                d.evidence.push(format!("https://e/{text}"));
                in_merge_order(&mut d.evidence);
                d.compliance |= y % 2 == 0;
            }
            Ok(())
        }
        _ => {
            if let Record::Meeting(m) = &mut m {
                if y % 2 == 0 {
                    m.attendees.retain(|a| a != "bob");
                } else {
                    // A set: adding someone already there changes nothing.
                    let p = format!("p{replica}");
                    if !m.attendees.contains(&p) {
                        m.attendees.push(p);
                    }
                    m.attendees.sort();
                }
                m.notes = Some(text.clone());
            }
            Ok(())
        }
    };
    // As a command stamps what it adds with its commit's time.
    for (b, r) in before.iter().zip([&mut c, &mut k, &mut d]) {
        stamp::fill(Some(b), r, when(stamp_day));
    }
    for r in [c, k, d, m] {
        l.insert(r.id().clone(), r);
    }
}

fn assert_valid(l: &Ledger) {
    for r in l.values() {
        let p = validate::check_record(r);
        assert!(p.is_empty(), "{} invalid: {p:?}\n{r:?}", r.id());
    }
    let by_id: HashMap<RecordId, &Record> = l.iter().map(|(k, v)| (k.clone(), v)).collect();
    let links = validate::check_links(&by_id);
    assert!(links.is_empty(), "links: {links:?}");
    // At most one active successor of any decision.
    let mut active: HashMap<&RecordId, usize> = HashMap::new();
    for r in l.values() {
        if let Record::Decision(d) = r {
            if let (Status::Active, Some(p)) = (d.status, &d.supersedes) {
                *active.entry(p).or_default() += 1;
            }
        }
    }
    assert!(active.values().all(|n| *n <= 1), "two active successors");
}

fn bytes(l: &Ledger) -> String {
    serde_json::to_string(&l.values().collect::<Vec<_>>()).unwrap()
}

fn m(o: &Ledger, a: &Ledger, b: &Ledger) -> Ledger {
    merge_ledger(o, a, b, &mut |_, _| Frontier::new())
        .unwrap_or_else(|e| panic!("{e}"))
        .value
}

type Script = Vec<(u8, u8, u8)>;

fn script() -> impl Strategy<Value = Script> {
    proptest::collection::vec((0u8..15, 0u8..40, 0u8..40), 0..7)
}

proptest! {
    #[test]
    fn every_merge_order_gives_the_same_valid_ledger(s0 in script(), s1 in script(), s2 in script()) {
        let o = start();
        let replicas: Vec<Ledger> = [s0, s1, s2]
            .iter()
            .enumerate()
            .map(|(r, s)| {
                let mut l = o.clone();
                for (i, op) in s.iter().enumerate() {
                    apply(&mut l, r as u8, i as u8, *op);
                }
                l
            })
            .collect();
        let mut results = Vec::new();
        for (p, q, r) in [(0, 1, 2), (0, 2, 1), (1, 2, 0), (1, 0, 2), (2, 0, 1), (2, 1, 0)] {
            let (p, q, r) = (&replicas[p], &replicas[q], &replicas[r]);
            let left = m(&o, &m(&o, p, q), r);
            let right = m(&o, r, &m(&o, q, p));
            results.push(left);
            results.push(right);
        }
        let first = bytes(&results[0]);
        for l in &results {
            prop_assert_eq!(&bytes(l), &first);
        }
        let merged = &results[0];
        assert_valid(merged);
        // Idempotent: merging again, with itself or with any clone it already holds, changes nothing.
        prop_assert_eq!(bytes(&m(&o, merged, merged)), first.clone());
        for rep in &replicas {
            prop_assert_eq!(bytes(&m(&o, merged, rep)), first.clone());
            prop_assert_eq!(bytes(&m(&o, rep, merged)), first.clone());
        }
    }
}

// ---- The property test over commit graphs: edits made after merges ----

/// An in-memory commit graph: each commit's parents and the ledger it holds.
#[derive(Clone)]
struct Dag {
    commits: Vec<(Vec<usize>, Ledger)>,
}

impl Dag {
    fn ancestors(&self, c: usize) -> std::collections::HashSet<usize> {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![c];
        while let Some(c) = stack.pop() {
            if seen.insert(c) {
                stack.extend(&self.commits[c].0);
            }
        }
        seen
    }

    /// The merge base as git's recursive strategy makes it: the common ancestors that no other
    /// common ancestor descends from, merged into one (virtual) commit when there are several.
    fn merge_base(&mut self, x: usize, y: usize) -> usize {
        let (ax, ay) = (self.ancestors(x), self.ancestors(y));
        let common: Vec<usize> = ax.intersection(&ay).copied().collect();
        let mut best: Vec<usize> = common
            .iter()
            .copied()
            .filter(|c| {
                !common
                    .iter()
                    .any(|d| d != c && self.ancestors(*d).contains(c))
            })
            .collect();
        best.sort_unstable();
        let mut base = best[0];
        for b in &best[1..] {
            base = self.sync(base, *b);
        }
        base
    }

    /// `sync` of clone head `x` with head `y`: nothing, a fast-forward, or a merge commit.
    fn sync(&mut self, x: usize, y: usize) -> usize {
        let (ax, ay) = (self.ancestors(x), self.ancestors(y));
        if ax.contains(&y) {
            return x;
        }
        if ay.contains(&x) {
            return y;
        }
        let base = self.merge_base(x, y);
        let mut reach: Vec<usize> = ax.union(&ay).copied().collect();
        reach.sort_unstable_by(|a, b| b.cmp(a));
        let commits = &self.commits;
        let mut history = |id: &RecordId, fields: &[String]| {
            crate::model::concurrent::frontier(
                &[x, y],
                reach.clone(),
                |c| commits[*c].0.clone(),
                |c, k: &String| {
                    let r = commits[*c].1.get(id)?;
                    let v = serde_json::to_value(r).ok()?;
                    Some(field_value(&v, k))
                },
                fields,
            )
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|(_, v)| v).collect()))
            .collect()
        };
        let merged = merge_ledger(&commits[base].1, &commits[x].1, &commits[y].1, &mut history)
            .unwrap_or_else(|e| panic!("{e}"))
            .value;
        self.commits.push((vec![x, y], merged));
        self.commits.len() - 1
    }

    fn edit(&mut self, at: usize, replica: u8, step: u8, op: (u8, u8, u8)) -> usize {
        let mut l = self.commits[at].1.clone();
        apply(&mut l, replica, step, op);
        self.commits.push((vec![at], l));
        self.commits.len() - 1
    }
}

/// One clone's step: an edit, or a sync with another clone.
type Step = (u8, u8, (u8, u8, u8));

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec((0u8..3, 0u8..4, (0u8..15, 0u8..40, 0u8..40)), 0..14)
}

proptest! {
    #[test]
    fn edits_after_merges_converge_in_every_sync_order(script in steps()) {
        let mut dag = Dag { commits: vec![(vec![], start())] };
        let mut heads = [0usize; 3];
        for (i, (clone, what, op)) in script.iter().enumerate() {
            let c = usize::from(*clone);
            heads[c] = if *what == 0 {
                let other = (c + 1 + usize::from(op.0 % 2)) % 3;
                dag.sync(heads[c], heads[other])
            } else {
                dag.edit(heads[c], *clone, i as u8, *op)
            };
        }
        let mut results = Vec::new();
        for (p, q, r) in [(0, 1, 2), (0, 2, 1), (1, 2, 0), (1, 0, 2), (2, 0, 1), (2, 1, 0)] {
            let mut d = dag.clone();
            let pq = d.sync(heads[p], heads[q]);
            let left = d.sync(pq, heads[r]);
            let qp = d.sync(heads[q], heads[p]);
            let right = d.sync(heads[r], qp);
            let both = d.sync(left, right);
            for c in [left, right, both] {
                results.push(bytes(&d.commits[c].1));
            }
            assert_valid(&d.commits[both].1);
        }
        for r in &results {
            prop_assert_eq!(r, &results[0]);
        }
    }
}
