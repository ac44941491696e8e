//! The three-way merge of one record (or the people file) changed on two clones: field by field
//! against the common ancestor, deterministic on every clone, never dropping a value silently.
//!
//! The rules (docs/design.md, "Sync and merge", says why):
//! - a field changed on one side only takes that side's value;
//! - progress notes and reschedules are a union of both sides, ordered by date, then text;
//! - lists of names or ids (tags, attendees, evidence, a meeting's decisions) keep what either
//!   side added and drop what either side removed;
//! - a terminal status beats a concurrent non-terminal one, and brings its companion fields
//!   (`closed`, `reason`, `superseded_by`, `commitment`) along;
//! - a commitment's `due` follows its last reschedule; an ask's needed-by keeps the later date;
//! - any other pair of different values: the side whose change commit is later wins (committer
//!   time, then commit id), and the losing value is reported as a [`Conflict`].

use std::cmp::Ordering;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{Kind, People, Record, Status};

/// When one side last changed the thing being merged: the deterministic tie-breaker.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    /// Committer time of the side's last commit that changed it (seconds since the epoch).
    pub time: i64,
    /// That commit's id (hex), breaking ties.
    pub commit: String,
}

/// One version of the thing being merged, with when it was made.
#[derive(Clone, Debug)]
pub struct Side<T> {
    pub value: T,
    pub stamp: Stamp,
}

/// Two different values for one field: which was kept, which was set aside, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The record id, a person's handle (`people.HANDLE`), or a file name.
    pub item: String,
    pub field: String,
    pub kept: Value,
    pub lost: Value,
    /// The commit whose value was kept.
    pub kept_from: String,
    /// The commit whose value was set aside.
    pub lost_from: String,
    /// The rule that decided.
    pub rule: &'static str,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: kept {} (from {}), set aside {} (from {}): {}",
            self.item,
            self.field,
            short_value(&self.kept),
            short_id(&self.kept_from),
            short_value(&self.lost),
            short_id(&self.lost_from),
            self.rule
        )
    }
}

fn short_id(id: &str) -> &str {
    &id[..id.len().min(10)]
}

fn short_value(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Null => "(none)".into(),
        other => other.to_string(),
    };
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 80 {
        format!("{}…", flat.chars().take(79).collect::<String>())
    } else {
        flat
    }
}

/// The merged value and every conflict decided on the way.
#[derive(Clone, Debug)]
pub struct Merged<T> {
    pub value: T,
    pub conflicts: Vec<Conflict>,
}

const LATER: &str = "the later change wins";
const TERMINAL: &str = "a closed status is not undone by a concurrent edit";
const RESCHEDULE: &str = "due follows the last reschedule";
const LATER_DATE: &str = "the later needed-by date wins";
const FOLLOWS_STATUS: &str = "follows the status that was kept";

/// True for a status that ends a record's life.
pub fn is_terminal(s: Status) -> bool {
    matches!(
        s,
        Status::Done
            | Status::Cancelled
            | Status::Revoked
            | Status::Superseded
            | Status::Declined
            | Status::Withdrawn
            | Status::Accepted
    )
}

/// Merges one record changed on both sides. `base` is the version in the common ancestor (none
/// when both sides created it, which random ids make all but impossible).
pub fn merge_record(
    base: Option<&Record>,
    a: Side<&Record>,
    b: Side<&Record>,
) -> Result<Merged<Record>, String> {
    let kind = a.value.kind();
    let to_json = |r: &Record| serde_json::to_value(r).map_err(|e| e.to_string());
    let base_v = base.map(to_json).transpose()?;
    let av = to_json(a.value)?;
    let bv = to_json(b.value)?;
    let item = a.value.id().to_string();
    let mut m = FieldMerge::new(&item, kind, &a.stamp, &b.stamp);
    let merged = m.object(base_v.as_ref(), &av, &bv);
    let value = match kind {
        Kind::Ask => Record::Ask(back(merged)?),
        Kind::Commitment => Record::Commitment(back(merged)?),
        Kind::Meeting => Record::Meeting(back(merged)?),
        Kind::Decision => Record::Decision(back(merged)?),
    };
    Ok(Merged {
        value,
        conflicts: m.conflicts,
    })
}

/// Merges the people file per handle and per field.
pub fn merge_people(
    base: &People,
    a: Side<&People>,
    b: Side<&People>,
) -> Result<Merged<People>, String> {
    let mut out = People::default();
    let mut conflicts = Vec::new();
    let handles: std::collections::BTreeSet<&String> = a
        .value
        .people
        .keys()
        .chain(b.value.people.keys())
        .chain(base.people.keys())
        .collect();
    for h in handles {
        let (x, y, o) = (
            a.value.people.get(h),
            b.value.people.get(h),
            base.people.get(h),
        );
        let person = match (x, y) {
            (None, None) => continue,
            // Removed on one side: kept only if the other side changed it (nothing is lost).
            (Some(p), None) | (None, Some(p)) => {
                if o == Some(p) {
                    continue;
                }
                p.clone()
            }
            (Some(p), Some(q)) => {
                let item = format!("people.{h}");
                let mut m = FieldMerge::new(&item, Kind::Ask, &a.stamp, &b.stamp);
                let to = |p: &super::Person| serde_json::to_value(p).map_err(|e| e.to_string());
                let ov = o.map(to).transpose()?;
                let merged = m.object(ov.as_ref(), &to(p)?, &to(q)?);
                conflicts.extend(m.conflicts);
                back(merged)?
            }
        };
        out.people.insert(h.clone(), person);
    }
    Ok(Merged {
        value: out,
        conflicts,
    })
}

fn back<T: DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| format!("the merged record does not hold together: {e}"))
}

/// Which side wins a plain disagreement.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Winner {
    A,
    B,
}

struct FieldMerge<'s> {
    item: &'s str,
    kind: Kind,
    a: &'s Stamp,
    b: &'s Stamp,
    /// Set when the status was decided between two different values.
    status_winner: Option<Winner>,
    /// A commitment's two due dates, decided after the reschedules.
    pending_due: Option<(Value, Value)>,
    conflicts: Vec<Conflict>,
}

impl<'s> FieldMerge<'s> {
    fn new(item: &'s str, kind: Kind, a: &'s Stamp, b: &'s Stamp) -> Self {
        FieldMerge {
            item,
            kind,
            a,
            b,
            status_winner: None,
            pending_due: None,
            conflicts: Vec::new(),
        }
    }

    fn later(&self) -> Winner {
        if self.b > self.a {
            Winner::B
        } else {
            Winner::A
        }
    }

    fn object(&mut self, base: Option<&Value>, a: &Value, b: &Value) -> Value {
        let empty = Map::new();
        let (am, bm) = (
            a.as_object().unwrap_or(&empty),
            b.as_object().unwrap_or(&empty),
        );
        let om = base.and_then(Value::as_object).unwrap_or(&empty);
        // Status first: the companion fields follow whichever status was kept.
        let mut keys: Vec<&String> = Vec::new();
        for k in am.keys().chain(bm.keys()).chain(om.keys()) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys.sort_by_key(|k| k.as_str() != "status");
        let mut out = Map::new();
        for k in keys {
            let (o, x, y) = (om.get(k), am.get(k), bm.get(k));
            if let Some(v) = self.field(k, o, x, y) {
                out.insert(k.clone(), v);
            }
        }
        if let Some((av, bv)) = self.pending_due.take() {
            let due = self.due(&out, &av, &bv);
            out.insert("due".into(), due);
        }
        // Field order does not matter here: the typed round trip restores the file's order.
        Value::Object(out)
    }

    fn field(
        &mut self,
        name: &str,
        o: Option<&Value>,
        a: Option<&Value>,
        b: Option<&Value>,
    ) -> Option<Value> {
        if a == b {
            return a.cloned();
        }
        if a == o {
            return b.cloned();
        }
        if b == o {
            return a.cloned();
        }
        let null = Value::Null;
        let (av, bv) = (a.unwrap_or(&null), b.unwrap_or(&null));
        match name {
            "notes" | "reschedules" if av.is_array() || bv.is_array() => {
                return Some(union_sorted(av, bv))
            }
            "tags" | "attendees" | "evidence" | "decisions" | "commitments" => {
                return Some(set_merge(o.unwrap_or(&null), av, bv, self.later()))
            }
            _ => {}
        }
        let (winner, rule) = match name {
            "status" => {
                let st = |v: &Value| v.as_str().and_then(|s| s.parse::<Status>().ok());
                let (ta, tb) = (
                    st(av).is_some_and(is_terminal),
                    st(bv).is_some_and(is_terminal),
                );
                let w = match (ta, tb) {
                    (true, false) => (Winner::A, TERMINAL),
                    (false, true) => (Winner::B, TERMINAL),
                    _ => (self.later(), LATER),
                };
                self.status_winner = Some(w.0);
                w
            }
            "closed" | "reason" | "superseded_by" | "commitment"
                if self.status_winner.is_some() =>
            {
                (self.status_winner.unwrap_or(Winner::A), FOLLOWS_STATUS)
            }
            // Decided once the reschedules are merged, so `due` and the list agree.
            "due" if self.kind == Kind::Commitment => {
                self.pending_due = Some((av.clone(), bv.clone()));
                return Some(av.clone());
            }
            "due" if self.kind == Kind::Ask => {
                let w = if date_cmp(av, bv) == Ordering::Less {
                    Winner::B
                } else {
                    Winner::A
                };
                (w, LATER_DATE)
            }
            _ => (self.later(), LATER),
        };
        self.decide(name, av, bv, winner, rule)
    }

    fn decide(
        &mut self,
        name: &str,
        av: &Value,
        bv: &Value,
        winner: Winner,
        rule: &'static str,
    ) -> Option<Value> {
        let (kept, lost, kf, lf) = match winner {
            Winner::A => (av, bv, self.a, self.b),
            Winner::B => (bv, av, self.b, self.a),
        };
        self.conflicts.push(Conflict {
            item: self.item.to_string(),
            field: name.to_string(),
            kept: kept.clone(),
            lost: lost.clone(),
            kept_from: kf.commit.clone(),
            lost_from: lf.commit.clone(),
            rule,
        });
        (!kept.is_null()).then(|| kept.clone())
    }

    /// Both sides moved a commitment's due date: the target of the last reschedule in the merged
    /// list wins (ordered by date, then the later target date), so `due` and the list agree.
    fn due(&mut self, merged: &Map<String, Value>, av: &Value, bv: &Value) -> Value {
        let last = merged
            .get("reschedules")
            .and_then(Value::as_array)
            .and_then(|l| l.last())
            .and_then(|r| r.get("to"));
        let winner = match last {
            Some(t) if t == bv => Winner::B,
            Some(t) if t == av => Winner::A,
            _ if date_cmp(av, bv) == Ordering::Less => Winner::B,
            _ => Winner::A,
        };
        self.decide("due", av, bv, winner, RESCHEDULE)
            .unwrap_or(Value::Null)
    }
}

fn date_cmp(a: &Value, b: &Value) -> Ordering {
    a.as_str().unwrap_or("").cmp(b.as_str().unwrap_or(""))
}

/// Every item of both lists once, ordered by `date`, then by the item's text.
fn union_sorted(a: &Value, b: &Value) -> Value {
    let mut items: Vec<Value> = Vec::new();
    for v in a
        .as_array()
        .into_iter()
        .flatten()
        .chain(b.as_array().into_iter().flatten())
    {
        if !items.contains(v) {
            items.push(v.clone());
        }
    }
    items.sort_by_key(sort_key);
    Value::Array(items)
}

fn sort_key(v: &Value) -> (String, String, String, String) {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    (s("date"), s("to"), s("text") + &s("reason"), v.to_string())
}

/// Items kept on both sides, plus what either side added, minus what either removed; in the
/// later side's order, then the other side's additions.
fn set_merge(o: &Value, a: &Value, b: &Value, later: Winner) -> Value {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let (o, a, b) = (list(o), list(a), list(b));
    let (first, second) = match later {
        Winner::A => (&a, &b),
        Winner::B => (&b, &a),
    };
    let mut out: Vec<Value> = Vec::new();
    for v in first.iter().chain(second.iter()) {
        let removed = o.contains(v) && (!a.contains(v) || !b.contains(v));
        if !removed && !out.contains(v) {
            out.push(v.clone());
        }
    }
    Value::Array(out)
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
