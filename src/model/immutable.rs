//! What may never change between two versions of a record, however the change is made: the
//! parts of a record that are fixed once recorded, and the lists that only grow. `verify` judges
//! every commit with these rules and `check` judges the work tree or the index against HEAD, so
//! a plain `git commit`, a forged trailer, a merge and an editor all meet the same rules.

use chrono::NaiveDate;

use super::{Kind, Record, Status};

/// One forbidden change to a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breach {
    /// The field (or group of fields) that changed: `statement`, `notes`, `closing`...
    pub field: &'static str,
    /// What changed, from what to what.
    pub message: String,
    /// The supported way to do what the change tried to do.
    pub hint: &'static str,
}

/// How the new version came about: one parent, or a merge of several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A commit with one parent, or the work tree against HEAD: lists may only be appended to.
    Commit,
    /// A merge: a list may be reordered (ledger's sync sorts the union of both sides), but
    /// every item of the parent's list must still be there.
    Merge,
}

const DECISION_HINT: &str = "a decision is never reworded or reassigned: record a new decision that supersedes it (`ledger decide \"NEW STATEMENT\" --supersedes ID`) or revoke it (`ledger revoke ID --reason ...`)";
const APPEND_HINT: &str =
    "notes, reschedules and evidence are only ever added to: add a new entry (`ledger note ID TEXT`, `ledger reschedule ID`), never edit or remove an old one";
const CLOSED_HINT: &str = "a closed record's status, closing date and reason are final: record what changed as a note, or make a new record";
const DUE_HINT: &str = "a due date moves only by a renegotiation with a reason, so that slips stay on record: `ledger reschedule ID --due DATE --reason TEXT`";
const ID_HINT: &str = "a record keeps its id and kind for life: restore the old id";

/// True for a status that ends a record's life.
pub fn is_closed(status: Status) -> bool {
    !matches!(status, Status::Open | Status::Active | Status::Held)
}

/// Every forbidden change from `before` to `after` (two versions of one record file).
pub fn breaches(before: &Record, after: &Record, mode: Mode) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut fixed = |field: &'static str, old: String, new: String, hint: &'static str| {
        if old != new {
            out.push(Breach {
                field,
                message: format!("{field} changed from {old} to {new}"),
                hint,
            });
        }
    };
    fixed(
        "id",
        q(before.id().as_str()),
        q(after.id().as_str()),
        ID_HINT,
    );
    fixed(
        "kind",
        q(before.kind_field().as_str()),
        q(after.kind_field().as_str()),
        ID_HINT,
    );
    if let (Record::Decision(a), Record::Decision(b)) = (before, after) {
        fixed("statement", q(&a.statement), q(&b.statement), DECISION_HINT);
        fixed("by", q(&a.by), q(&b.by), DECISION_HINT);
        fixed(
            "date",
            a.date.to_string(),
            b.date.to_string(),
            DECISION_HINT,
        );
        fixed(
            "compliance",
            a.compliance.to_string(),
            b.compliance.to_string(),
            DECISION_HINT,
        );
    }
    if let (Record::Commitment(a), Record::Commitment(b)) = (before, after) {
        if a.due != b.due {
            let added = b.reschedules.get(a.reschedules.len()..).unwrap_or_default();
            let explained = match mode {
                Mode::Commit => {
                    added.first().is_some_and(|r| r.from == a.due)
                        && added.last().is_some_and(|r| r.to == b.due)
                }
                // A merge sorts the union of both sides' reschedules: due follows the last.
                Mode::Merge => b.reschedules.last().is_some_and(|r| r.to == b.due),
            };
            if !explained {
                out.push(Breach {
                    field: "due",
                    message: format!(
                        "due changed from {} to {} without a reschedule that records the move and its reason",
                        a.due, b.due
                    ),
                    hint: DUE_HINT,
                });
            }
        }
    }
    if is_closed(before.status()) {
        let (old, new) = (closing(before), closing(after));
        if old != new {
            out.push(Breach {
                field: "closing",
                message: format!(
                    "the closing facts of this {} record changed from {} to {}",
                    before.status(),
                    old.join(", "),
                    new.join(", ")
                ),
                hint: CLOSED_HINT,
            });
        }
    }
    let lists: [(&'static str, Vec<String>, Vec<String>); 3] = [
        ("notes", notes(before), notes(after)),
        ("reschedules", reschedules(before), reschedules(after)),
        ("evidence", evidence(before), evidence(after)),
    ];
    for (field, old, new) in lists {
        if let Some(lost) = not_appended(&old, &new, mode) {
            out.push(Breach {
                field,
                message: format!("{field} is append-only, but {lost}"),
                hint: APPEND_HINT,
            });
        }
    }
    out
}

const BACKDATED_HINT: &str = "a move agreed after the due date had passed is dated the day it was agreed, so it counts as late: correct the entry's date (`ledger reschedule` refuses such a date too)";

/// Reschedules that `after` adds to `before` (all of them for a new record) dated on or before
/// the due date they moved, though recorded on `recorded_on`, after that date had passed: a late
/// move passed off as one made in time, which would turn a broken promise into a kept one.
pub fn backdated_reschedules(
    before: Option<&Record>,
    after: &Record,
    recorded_on: NaiveDate,
) -> Vec<Breach> {
    let Record::Commitment(c) = after else {
        return Vec::new();
    };
    let known = match before {
        Some(Record::Commitment(b)) => b.reschedules.len(),
        _ => 0,
    };
    c.reschedules
        .iter()
        .skip(known)
        .filter(|r| r.date <= r.from && r.from < recorded_on)
        .map(|r| Breach {
            field: "backdated",
            message: format!(
                "a reschedule from {} to {} recorded on {recorded_on} is dated {}, on or before the due date it moved",
                r.from, r.to, r.date
            ),
            hint: BACKDATED_HINT,
        })
        .collect()
}

fn q(s: &str) -> String {
    format!("{s:?}")
}

/// The facts fixed when a record closed: its status and the fields that go with it.
fn closing(r: &Record) -> Vec<String> {
    let mut v = vec![format!("status {}", r.status())];
    let opt = |name: &str, val: Option<String>| val.map(|x| format!("{name} {x:?}"));
    let extra = match r {
        Record::Ask(a) => vec![
            opt("closed", a.closed.map(|d| d.to_string())),
            opt("closed_at", a.closed_at.map(|d| d.to_string())),
            opt("reason", a.reason.clone()),
            opt("commitment", a.commitment.as_ref().map(|c| c.to_string())),
            opt("decision", a.decision.as_ref().map(|c| c.to_string())),
        ],
        Record::Commitment(c) => vec![
            opt("closed", c.closed.map(|d| d.to_string())),
            opt("closed_at", c.closed_at.map(|d| d.to_string())),
            opt("reason", c.reason.clone()),
        ],
        Record::Decision(d) => vec![
            opt("closed", d.closed.map(|d| d.to_string())),
            opt("closed_at", d.closed_at.map(|d| d.to_string())),
            opt("reason", d.reason.clone()),
            opt(
                "superseded_by",
                d.superseded_by.as_ref().map(|c| c.to_string()),
            ),
        ],
        Record::Meeting(_) => Vec::new(),
    };
    v.extend(extra.into_iter().flatten());
    v
}

/// An entry's time as part of its text: changing or adding the time of an old entry rewrites it.
fn at_text(at: &Option<super::Stamp>) -> String {
    at.map(|a| format!(" (at {a})")).unwrap_or_default()
}

fn notes(r: &Record) -> Vec<String> {
    if r.kind() == Kind::Meeting {
        return Vec::new(); // a meeting's notes are free text, corrected by later commits
    }
    r.notes()
        .iter()
        .map(|n| {
            format!(
                "{} {}: {:?}{}",
                n.date,
                n.by.as_deref().unwrap_or("?"),
                n.text,
                at_text(&n.at),
            )
        })
        .collect()
}

fn reschedules(r: &Record) -> Vec<String> {
    match r {
        Record::Commitment(c) => c
            .reschedules
            .iter()
            .map(|x| {
                format!(
                    "{} {} -> {} by {}: {:?}{}",
                    x.date,
                    x.from,
                    x.to,
                    x.by.as_deref().unwrap_or("?"),
                    x.reason,
                    at_text(&x.at),
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn evidence(r: &Record) -> Vec<String> {
    match r {
        Record::Decision(d) => d.evidence.iter().map(|e| q(e)).collect(),
        Record::Commitment(c) => c.evidence.iter().map(|e| q(e)).collect(),
        Record::Ask(a) => a.evidence.iter().map(|e| q(e)).collect(),
        Record::Meeting(_) => Vec::new(),
    }
}

/// Why `new` is not `old` with entries added (`None` when it is). In a merge the order may
/// change but every old entry must remain, as many times as it was there.
fn not_appended(old: &[String], new: &[String], mode: Mode) -> Option<String> {
    match mode {
        // Old entries keep their order and content; new ones may go anywhere, because a note
        // dated before the last one is put in date order (the order every merge writes).
        Mode::Commit => {
            let mut rest = new.iter();
            for (i, item) in old.iter().enumerate() {
                if !rest.any(|x| x == item) {
                    return Some(match new.get(i) {
                        Some(now) if new.len() >= old.len() => {
                            format!("entry {} was {} and is now {}", i + 1, item, now)
                        }
                        _ => format!("entry {} ({}) was removed", i + 1, item),
                    });
                }
            }
            None
        }
        Mode::Merge => {
            let mut left: Vec<&String> = new.iter().collect();
            for item in old {
                match left.iter().position(|x| *x == item) {
                    Some(i) => {
                        left.swap_remove(i);
                    }
                    None => return Some(format!("the entry {item} was removed or changed")),
                }
            }
            None
        }
    }
}

/// The breaches of a merged version against its parents' versions: a change is reported only
/// when it is forbidden against every parent that had the record. A merge that takes one
/// side's close or appended notes is allowed, because that side made the change.
pub fn merge_breaches(parents: &[&Record], merged: &Record) -> Vec<Breach> {
    let per_parent: Vec<Vec<Breach>> = parents
        .iter()
        .map(|p| breaches(p, merged, Mode::Merge))
        .collect();
    let Some((first, rest)) = per_parent.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|b| rest.iter().all(|r| r.iter().any(|x| x.field == b.field)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    fn rec(kind: Kind, text: &str) -> Record {
        codec::parse_record(kind, text.as_bytes()).unwrap()
    }

    const DEC: &str = "id: dec-0123456789ab\nkind: decision\nstatus: active\ndate: 2026-03-01\nstatement: Keep logs 13 months\nby: erin\ncompliance: true\n";
    const COM: &str = "id: com-0123456789ab\nkind: commitment\nstatus: open\ndate: 2026-03-01\nwhat: Ship\nby: bob\nto: alice\ndue: 2026-03-10\nnotes:\n- date: 2026-03-02\n  by: bob\n  text: started\n";

    #[test]
    fn a_decision_statement_by_date_and_flag_are_fixed() {
        let a = rec(Kind::Decision, DEC);
        for (from, to, field) in [
            ("13 months", "1 month", "statement"),
            ("by: erin", "by: bob", "by"),
            ("2026-03-01", "2026-02-01", "date"),
            ("compliance: true\n", "", "compliance"),
        ] {
            let b = rec(Kind::Decision, &DEC.replace(from, to));
            let found = breaches(&a, &b, Mode::Commit);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(found[0].field, field);
        }
        let with_rationale = rec(Kind::Decision, &format!("{DEC}rationale: PCI\n"));
        assert!(breaches(&a, &with_rationale, Mode::Commit).is_empty());
    }

    #[test]
    fn notes_may_only_grow_and_a_close_is_final() {
        let a = rec(Kind::Commitment, COM);
        let more = rec(
            Kind::Commitment,
            &format!("{COM}- date: 2026-03-03\n  text: more\n"),
        );
        assert!(breaches(&a, &more, Mode::Commit).is_empty());
        let edited = rec(Kind::Commitment, &COM.replace("started", "finished"));
        assert_eq!(breaches(&a, &edited, Mode::Commit)[0].field, "notes");
        assert_eq!(breaches(&more, &a, Mode::Commit)[0].field, "notes");
        let done = rec(
            Kind::Commitment,
            &COM.replace("open", "done")
                .replace("notes:", "closed: 2026-03-05\nnotes:"),
        );
        assert!(breaches(&a, &done, Mode::Commit).is_empty());
        let redated = rec(
            Kind::Commitment,
            &COM.replace("open", "done")
                .replace("notes:", "closed: 2026-03-04\nnotes:"),
        );
        assert_eq!(breaches(&done, &redated, Mode::Commit)[0].field, "closing");
        assert_eq!(breaches(&done, &a, Mode::Commit)[0].field, "closing");
    }

    #[test]
    fn a_reschedule_recorded_after_the_due_date_may_not_be_dated_before_it() {
        let text = "id: com-aaaaaaaaaaaa\nkind: commitment\nstatus: open\ndate: 2026-03-01\nwhat: x\nby: bob\nto: alice\ndue: 2026-03-12\nreschedules:\n- date: D\n  from: 2026-03-05\n  to: 2026-03-12\n  reason: r\n";
        let with = |d: &str| {
            rec(
                Kind::Commitment,
                &text.replace("date: D", &format!("date: {d}")),
            )
        };
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Recorded on the 12th, dated the 4th: backdated. Dated the 12th: honest and late.
        assert_eq!(
            backdated_reschedules(None, &with("2026-03-04"), day("2026-03-12")).len(),
            1
        );
        assert!(backdated_reschedules(None, &with("2026-03-12"), day("2026-03-12")).is_empty());
        // Recorded on the due day itself, dated the day before: allowed (logged a day late).
        assert!(backdated_reschedules(None, &with("2026-03-04"), day("2026-03-05")).is_empty());
        // An entry already there is judged when it was added, not again.
        let old = with("2026-03-04");
        assert!(backdated_reschedules(Some(&old), &old, day("2026-03-20")).is_empty());
    }

    #[test]
    fn a_merge_is_judged_against_every_parent() {
        let base = rec(Kind::Commitment, COM);
        let ours = rec(
            Kind::Commitment,
            &format!("{COM}- date: 2026-03-05\n  text: ours\n"),
        );
        let theirs = rec(
            Kind::Commitment,
            &format!("{COM}- date: 2026-03-04\n  text: theirs\n"),
        );
        let merged = rec(
            Kind::Commitment,
            &format!("{COM}- date: 2026-03-04\n  text: theirs\n- date: 2026-03-05\n  text: ours\n"),
        );
        assert!(merge_breaches(&[&ours, &theirs], &merged).is_empty());
        assert_eq!(merge_breaches(&[&ours, &theirs], &base).len(), 1);
    }
}
