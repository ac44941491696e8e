//! The three-way merge of one record (or the people file, or the settings) changed on two
//! clones: field by field against the common ancestor, the same on every clone whichever order
//! they sync in, never deciding by a clock, and never producing a record that `check` refuses.
//!
//! The rules (docs/design.md, "Sync and merge", says why):
//! - a field changed on one side only takes that side's value (that side had seen the other);
//! - notes, reschedules and evidence are append-only: both sides' items, each once, sorted by
//!   date, then the moment recorded (`at`, when they have one), then target date, then content;
//! - sets of names or ids (tags, attendees, a meeting's decisions and commitments) keep what
//!   either side added and drop what either side removed;
//! - a status and its companion fields (`closed`, `closed_at`, `reason`, `superseded_by`, `commitment`,
//!   `decision`) are
//!   one unit: a closed status beats an open one, then the stronger outcome, then the content hash;
//! - a commitment's `due` is the target of its last reschedule; an ask's needed-by keeps the
//!   later date; `compliance` stays true once either side set it;
//! - any other pair of different values: the one with the larger content hash wins, and the
//!   other is reported as a [`Conflict`]. No date, clock or commit order takes part.
//! - a free-text field (and an ask's needed-by) that the two sides hold differently is decided
//!   among the field's latest concurrent edits in the commit graph ([`super::concurrent`]) when
//!   the caller supplies them, so a merge made earlier on one clone cannot tip the result.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use sha1::{Digest, Sha1};

use super::concurrent::{self, Frontier};
use super::{validate, Decision, Kind, People, Record, RecordId, Status};

/// One version of the thing being merged and where it came from (for the merge's report only:
/// the result never depends on it).
#[derive(Clone, Debug)]
pub struct Side<T> {
    pub value: T,
    /// The commit that last changed it on this side, or a label such as `local`.
    pub from: String,
}

/// Two different values for one field: which was kept, which was set aside, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    /// The record id, a person's handle (`people.HANDLE`), or a file name.
    pub item: String,
    pub field: String,
    pub kept: Value,
    pub lost: Value,
    /// Where the kept value came from.
    pub kept_from: String,
    /// Where the value set aside came from.
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
    match id.char_indices().nth(10) {
        Some((i, _)) => &id[..i],
        None => id,
    }
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

/// A decision left active beside the successor the merge kept for the same predecessor: the
/// merge revokes it (see [`retire_successor`]) so a decision has at most one active successor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retire {
    pub successor: RecordId,
    pub predecessor: RecordId,
}

/// The merged value, every conflict decided on the way, and successors to retire.
#[derive(Clone, Debug)]
pub struct Merged<T> {
    pub value: T,
    pub conflicts: Vec<Conflict>,
    pub retire: Vec<Retire>,
}

/// A merge that cannot produce a valid record: what is wrong, and where the sides disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError {
    /// The record id (or file) that could not be merged.
    pub item: String,
    /// What is wrong with the merged result.
    pub problem: String,
    /// Each field the two sides disagree on: name, local value, remote value.
    pub disagreements: Vec<(String, Value, Value)>,
}

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot merge {}: {}", self.item, self.problem)?;
        if !self.disagreements.is_empty() {
            let parts: Vec<String> = self
                .disagreements
                .iter()
                .map(|(k, a, b)| format!("{k}: {} here, {} there", short_value(a), short_value(b)))
                .collect();
            write!(f, " (the two sides disagree on {})", parts.join("; "))?;
        }
        Ok(())
    }
}

const HASH: &str = "concurrent edits: the larger content hash wins";
const LATEST_EDITS: &str = "concurrent edits: the larger content hash among the latest edits wins";
const LATEST_DATES: &str = "the later needed-by date among the latest edits wins";

static NO_HISTORY: Frontier = Frontier::new();
const CLOSED: &str = "a closed status is not undone by a concurrent edit";
const OUTCOME: &str = "concurrent closings: the stronger outcome wins";
const LATER_DATE: &str = "the later needed-by date wins";
const ONE_SUCCESSOR: &str = "a decision keeps one active successor";

/// The fields that travel with a record's status: always taken from the same side.
/// `closed_at` comes last: a conflict line shows the first 80 characters of the unit, and the
/// successor or reason says more than the time.
const UNIT: [&str; 7] = [
    "status",
    "closed",
    "reason",
    "superseded_by",
    "commitment",
    "decision",
    "closed_at",
];

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
            | Status::Answered
    )
}

/// How strongly a status settles a record, for two concurrent closings: an outcome that other
/// records point at (an accepted ask's commitment, a superseded decision's successor) or that
/// records work done beats one that only calls things off. An answered ask is with the strong
/// ones: its answer is on record (a decision that names the ask, or the reply's text), so a
/// concurrent decline or withdrawal must not hide that the asker got what they asked for. Against
/// a concurrent accept (both strong), the content hash decides as for any two strong closings.
fn strength(s: Status) -> u8 {
    match s {
        Status::Open | Status::Active | Status::Held => 0,
        Status::Withdrawn | Status::Revoked | Status::Cancelled => 1,
        Status::Declined => 2,
        Status::Done | Status::Superseded | Status::Accepted | Status::Answered => 3,
    }
}

/// The content hash that breaks ties: SHA-1 of the value's JSON, the same on every clone.
pub fn content_hash(v: &Value) -> [u8; 20] {
    Sha1::digest(v.to_string().as_bytes()).into()
}

fn to_json<T: Serialize>(v: &T) -> Result<Value, String> {
    serde_json::to_value(v).map_err(|e| e.to_string())
}

fn back<T: DeserializeOwned>(v: Value) -> Result<T, String> {
    serde_json::from_value(v).map_err(|e| format!("the merged record does not hold together: {e}"))
}

/// Merges one record changed on both sides. `base` is the version in the common ancestor (none
/// when both sides created it).
/// `history` holds, for fields named by [`contested`], the values of their latest concurrent
/// edits (empty when the caller has no commit graph: then the three versions decide).
pub fn merge_record(
    base: Option<&Record>,
    a: Side<&Record>,
    b: Side<&Record>,
    history: &Frontier,
) -> Result<Merged<Record>, MergeError> {
    let item = a.value.id().to_string();
    let fail = |problem: String| MergeError {
        item: item.clone(),
        problem,
        disagreements: Vec::new(),
    };
    let kind = a.value.kind();
    if b.value.kind() != kind || a.value.id() != b.value.id() {
        return Err(fail(format!(
            "the two sides hold different records ({} and {})",
            a.value.id(),
            b.value.id()
        )));
    }
    let base_v = base.map(to_json).transpose().map_err(&fail)?;
    let (av, bv) = (
        to_json(a.value).map_err(&fail)?,
        to_json(b.value).map_err(&fail)?,
    );
    let mut m = FieldMerge::new(&item, kind, &a.from, &b.from);
    m.history = history;
    let merged = m.record(base_v.as_ref(), &av, &bv);
    let value = match kind {
        Kind::Ask => back(merged).map(Record::Ask),
        Kind::Commitment => back(merged).map(Record::Commitment),
        Kind::Meeting => back(merged).map(Record::Meeting),
        Kind::Decision => back(merged).map(Record::Decision),
    }
    .map_err(&fail)?;
    if let Some(p) = validate::check_record(&value).into_iter().next() {
        return Err(MergeError {
            item: item.clone(),
            problem: format!(
                "the merged record would be invalid: {}: {}",
                p.field, p.message
            ),
            disagreements: disagreements(&av, &bv),
        });
    }
    Ok(Merged {
        value,
        conflicts: m.conflicts,
        retire: m.retire,
    })
}

/// The fields whose values differ between the two sides.
fn disagreements(a: &Value, b: &Value) -> Vec<(String, Value, Value)> {
    let (empty, null) = (Map::new(), Value::Null);
    let (am, bm) = (
        a.as_object().unwrap_or(&empty),
        b.as_object().unwrap_or(&empty),
    );
    let mut out = Vec::new();
    for k in keys_of(&[am, bm]) {
        let (x, y) = (am.get(&k).unwrap_or(&null), bm.get(&k).unwrap_or(&null));
        if x != y {
            out.push((k, x.clone(), y.clone()));
        }
    }
    out
}

/// The fields of a record that the two sides hold differently and that are decided by their
/// latest concurrent edits: plain values (texts, handles, links) and an ask's needed-by date.
/// Statuses, append-only lists, sets and a commitment's `due` have rules of their own that do
/// not depend on the merge base.
///
/// For a set (tags, attendees, a meeting's decisions and commitments) each item one side has and
/// the other has not is contested on its own, as [`item_key`] names it: whether the item is in
/// the set is decided by the latest concurrent edits of that membership, and an item any of
/// them added stays (a removal only wins over the additions it had seen).
pub fn contested(a: &Record, b: &Record) -> Vec<String> {
    let (Ok(av), Ok(bv)) = (to_json(a), to_json(b)) else {
        return Vec::new();
    };
    let kind = a.kind();
    let mut out = Vec::new();
    for (k, x, y) in disagreements(&av, &bv) {
        match class(kind, &k) {
            Class::Set => {
                let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
                let (x, y) = (list(&x), list(&y));
                let mut items: Vec<String> = x
                    .iter()
                    .filter(|i| !y.contains(i))
                    .chain(y.iter().filter(|i| !x.contains(i)))
                    .map(|i| item_key(&k, i))
                    .collect();
                items.sort();
                items.dedup();
                out.extend(items);
            }
            _ if by_history(kind, &k) => out.push(k),
            _ => {}
        }
    }
    out
}

/// The key that names one item of a set field for [`contested`] and [`field_value`].
pub fn item_key(field: &str, item: &Value) -> String {
    format!("{field}\u{0}{item}")
}

/// A contested key's value in a record's JSON: the field's value, or for an item of a set
/// whether the set holds it.
pub fn field_value(record: &Value, key: &str) -> Value {
    match key.split_once('\u{0}') {
        Some((field, item)) => {
            let item: Value = serde_json::from_str(item).unwrap_or(Value::Null);
            let has = record
                .get(field)
                .and_then(Value::as_array)
                .is_some_and(|l| l.contains(&item));
            Value::Bool(has)
        }
        None => record.get(key).cloned().unwrap_or(Value::Null),
    }
}

/// True for a field that [`contested`] may name.
fn by_history(kind: Kind, name: &str) -> bool {
    if UNIT.contains(&name) || (kind == Kind::Commitment && name == "due") {
        return false;
    }
    matches!(class(kind, name), Class::Plain | Class::LaterDate)
}

/// What the merge does to a decision that lost to another successor of the same predecessor:
/// revoked, with a reason naming the predecessor (not the winner, so every merge order writes
/// the same text). None when it is not an active successor of `predecessor`.
pub fn retire_successor(d: &Decision, predecessor: &RecordId) -> Option<Decision> {
    if d.status != Status::Active || d.supersedes.as_ref() != Some(predecessor) {
        return None;
    }
    let mut out = d.clone();
    out.status = Status::Revoked;
    out.reason = Some(format!(
        "revoked by sync: another decision superseded {predecessor} at the same time; see its superseded_by"
    ));
    Some(out)
}

/// Merges whole ledgers (records by id), as `sync` merges trees: the reference the property
/// tests check every merge order against.
/// `history(id, fields)` gives the latest concurrent edits of a record's contested fields.
pub fn merge_ledger(
    base: &BTreeMap<RecordId, Record>,
    a: &BTreeMap<RecordId, Record>,
    b: &BTreeMap<RecordId, Record>,
    history: &mut dyn FnMut(&RecordId, &[String]) -> Frontier,
) -> Result<Merged<BTreeMap<RecordId, Record>>, MergeError> {
    let mut out = BTreeMap::new();
    let mut conflicts = Vec::new();
    let mut retire = Vec::new();
    let ids: std::collections::BTreeSet<&RecordId> = a.keys().chain(b.keys()).collect();
    for id in ids {
        let (o, x, y) = (base.get(id), a.get(id), b.get(id));
        let r = match (x, y) {
            (Some(x), Some(y)) if x == y => x.clone(),
            (Some(x), Some(y)) => {
                let fields = contested(x, y);
                let h = if fields.is_empty() {
                    Frontier::new()
                } else {
                    history(id, &fields)
                };
                if h.is_empty() && Some(x) == o {
                    y.clone()
                } else if h.is_empty() && Some(y) == o {
                    x.clone()
                } else {
                    let side = |v, from: &str| Side {
                        value: v,
                        from: from.to_string(),
                    };
                    let m = merge_record(o, side(x, "a"), side(y, "b"), &h)?;
                    conflicts.extend(m.conflicts);
                    retire.extend(m.retire);
                    m.value
                }
            }
            // Records are never deleted: one side's copy is kept.
            (Some(x), None) | (None, Some(x)) => x.clone(),
            (None, None) => continue,
        };
        out.insert(id.clone(), r);
    }
    for r in &retire {
        if let Some(Record::Decision(d)) = out.get(&r.successor) {
            if let Some(new) = retire_successor(d, &r.predecessor) {
                out.insert(r.successor.clone(), Record::Decision(new));
            }
        }
    }
    Ok(Merged {
        value: out,
        conflicts,
        retire,
    })
}

/// Merges the people file per handle and per field.
pub fn merge_people(
    base: &People,
    a: Side<&People>,
    b: Side<&People>,
) -> Result<Merged<People>, MergeError> {
    let fail = |problem: String| MergeError {
        item: "people".into(),
        problem,
        disagreements: Vec::new(),
    };
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
                let mut m = FieldMerge::new(&item, Kind::Ask, &a.from, &b.from);
                let ov = o.map(to_json).transpose().map_err(&fail)?;
                let merged = m.object(
                    ov.as_ref(),
                    &to_json(p).map_err(&fail)?,
                    &to_json(q).map_err(&fail)?,
                );
                conflicts.extend(m.conflicts);
                back(merged).map_err(&fail)?
            }
        };
        out.people.insert(h.clone(), person);
    }
    Ok(Merged {
        value: out,
        conflicts,
        retire: Vec::new(),
    })
}

/// How a setting in `ledger.yaml` resolves two concurrent values: security settings never
/// weaken (`require_*`, `check_*`, `strict*`, `verify_*`: true wins; `allow_*`, `skip_*`:
/// false wins), `version` keeps the larger number, anything else the larger content hash.
fn stricter(key: &str, a: &Value, b: &Value) -> Option<Value> {
    let (Some(x), Some(y)) = (a.as_bool(), b.as_bool()) else {
        if key == "version" {
            let (x, y) = (a.as_u64()?, b.as_u64()?);
            return Some(Value::from(x.max(y)));
        }
        return None;
    };
    let strict_true = ["require_", "check_", "strict", "verify_"]
        .iter()
        .any(|p| key.starts_with(p));
    let strict_false = ["allow_", "skip_"].iter().any(|p| key.starts_with(p));
    match (strict_true, strict_false) {
        (true, _) => Some(Value::Bool(x || y)),
        (_, true) => Some(Value::Bool(x && y)),
        _ => None,
    }
}

/// Merges the ledger's settings (`ledger.yaml` as a map) key by key.
pub fn merge_settings(base: Option<&Value>, a: Side<&Value>, b: Side<&Value>) -> Merged<Value> {
    let mut m = FieldMerge::new("ledger.yaml", Kind::Meeting, &a.from, &b.from);
    m.settings = true;
    let value = m.object(base, a.value, b.value);
    Merged {
        value,
        conflicts: m.conflicts,
        retire: Vec::new(),
    }
}

/// Which side's value is kept.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Winner {
    A,
    B,
}

/// The side whose value is larger by `key`, then by content hash.
fn larger<K: Ord>(a: &Value, b: &Value, key: impl Fn(&Value) -> K) -> Winner {
    let ka = (key(a), content_hash(a));
    let kb = (key(b), content_hash(b));
    if kb > ka {
        Winner::B
    } else {
        Winner::A
    }
}

/// How a field merges when both sides changed it.
enum Class {
    Append,
    Set,
    LaterDate,
    AnyTrue,
    Plain,
}

fn class(kind: Kind, name: &str) -> Class {
    match (kind, name) {
        (Kind::Meeting, "notes") => Class::Plain,
        (_, "notes" | "reschedules" | "evidence") => Class::Append,
        (_, "tags" | "attendees" | "decisions" | "commitments") => Class::Set,
        (Kind::Ask, "due") => Class::LaterDate,
        (_, "compliance") => Class::AnyTrue,
        _ => Class::Plain,
    }
}

struct FieldMerge<'s> {
    item: &'s str,
    kind: Kind,
    a: &'s str,
    b: &'s str,
    /// Merging `ledger.yaml`: settings resolve by strictness first.
    settings: bool,
    /// The latest concurrent edits of contested fields (see [`contested`]).
    history: &'s Frontier,
    conflicts: Vec<Conflict>,
    retire: Vec<Retire>,
}

fn keys_of(maps: &[&Map<String, Value>]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for m in maps {
        for k in m.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

impl<'s> FieldMerge<'s> {
    fn new(item: &'s str, kind: Kind, a: &'s str, b: &'s str) -> Self {
        FieldMerge {
            item,
            kind,
            a,
            b,
            settings: false,
            history: &NO_HISTORY,
            conflicts: Vec::new(),
            retire: Vec::new(),
        }
    }

    /// A record: the status unit first, then every other field, then `due` from reschedules.
    fn record(&mut self, base: Option<&Value>, a: &Value, b: &Value) -> Value {
        let empty = Map::new();
        let obj = |v: Option<&'_ Value>| -> Map<String, Value> {
            v.and_then(Value::as_object).cloned().unwrap_or_default()
        };
        let (om, am, bm) = (obj(base), obj(Some(a)), obj(Some(b)));
        let unit = |m: &Map<String, Value>| -> Value {
            Value::Object(
                UNIT.iter()
                    .filter_map(|k| m.get(*k).map(|v| (k.to_string(), v.clone())))
                    .collect(),
            )
        };
        let strip = |m: &Map<String, Value>| -> Value {
            Value::Object(
                m.iter()
                    .filter(|(k, _)| !UNIT.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            )
        };
        let (uo, ua, ub) = (unit(&om), unit(&am), unit(&bm));
        let kept_unit = if ua == ub || ub == uo {
            ua
        } else if ua == uo {
            ub
        } else {
            self.unit(&ua, &ub)
        };
        let base_rest = base.map(|_| strip(&om));
        let mut out = match self.object(base_rest.as_ref(), &strip(&am), &strip(&bm)) {
            Value::Object(m) => m,
            _ => empty,
        };
        if let Value::Object(u) = kept_unit {
            out.extend(u);
        }
        // A closed commitment waits on nothing (`done` and `cancel` clear the blocker).
        let closed = out
            .get("status")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Status>().ok())
            .is_some_and(is_terminal);
        if closed {
            out.remove("blocked");
        }
        if self.kind == Kind::Commitment {
            // `due` always equals the target of the last reschedule in the merged order.
            let last = out
                .get("reschedules")
                .and_then(Value::as_array)
                .and_then(|l| l.last())
                .and_then(|r| r.get("to"))
                .cloned();
            if let Some(to) = last {
                out.insert("due".into(), to);
                // Nothing was set aside: every reschedule, and so every due date, is kept.
                self.conflicts.retain(|c| c.field != "due");
            }
        }
        // Field order does not matter here: the typed round trip restores the file's order.
        Value::Object(out)
    }

    /// Two different status units changed on both sides: closed beats open, then the stronger
    /// outcome, then the content hash.
    fn unit(&mut self, a: &Value, b: &Value) -> Value {
        let status = |v: &Value| {
            v.get("status")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<Status>().ok())
                .unwrap_or(Status::Open)
        };
        let (sa, sb) = (status(a), status(b));
        let rank = |v: &Value| (is_terminal(status(v)), strength(status(v)));
        let w = larger(a, b, rank);
        let rule = if is_terminal(sa) != is_terminal(sb) {
            CLOSED
        } else if strength(sa) != strength(sb) {
            OUTCOME
        } else {
            HASH
        };
        let (kept, lost) = match w {
            Winner::A => (a, b),
            Winner::B => (b, a),
        };
        // Two decisions superseded this one at the same time: the one not kept must not stay
        // an active successor.
        let mut rule = rule;
        if self.kind == Kind::Decision && status(kept) == Status::Superseded {
            if let Some(loser) = lost
                .get("superseded_by")
                .and_then(Value::as_str)
                .and_then(|s| RecordId::parse(s).ok())
            {
                if Some(loser.as_str()) != kept.get("superseded_by").and_then(Value::as_str) {
                    if let Ok(pred) = RecordId::parse(self.item) {
                        rule = ONE_SUCCESSOR;
                        self.retire.push(Retire {
                            successor: loser,
                            predecessor: pred,
                        });
                    }
                }
            }
        }
        self.push("status", kept.clone(), lost.clone(), w, rule);
        kept.clone()
    }

    fn object(&mut self, base: Option<&Value>, a: &Value, b: &Value) -> Value {
        let empty = Map::new();
        let (am, bm) = (
            a.as_object().unwrap_or(&empty),
            b.as_object().unwrap_or(&empty),
        );
        let om = base.and_then(Value::as_object).unwrap_or(&empty);
        let mut out = Map::new();
        for k in keys_of(&[am, bm, om]) {
            let (o, x, y) = (om.get(&k), am.get(&k), bm.get(&k));
            if let Some(v) = self.field(&k, o, x, y) {
                if !v.is_null() {
                    out.insert(k, v);
                }
            }
        }
        Value::Object(out)
    }

    fn field(
        &mut self,
        name: &str,
        o: Option<&Value>,
        a: Option<&Value>,
        b: Option<&Value>,
    ) -> Option<Value> {
        let class = class(self.kind, name);
        let normal = |v: Option<&Value>| match (&class, v) {
            (Class::Append, Some(v)) => Some(sorted(v.clone())),
            (_, v) => v.cloned(),
        };
        if a == b {
            return normal(a);
        }
        if let Some(v) = self.by_latest_edits(name, &class, a, b) {
            return Some(v);
        }
        if let (Class::Set, Some(v)) = (&class, self.set_by_latest_edits(name, o, a, b)) {
            return Some(v);
        }
        if b == o {
            return normal(a);
        }
        if a == o {
            return normal(b);
        }
        let null = Value::Null;
        let (av, bv) = (a.unwrap_or(&null), b.unwrap_or(&null));
        if self.settings {
            if let Some(v) = stricter(name, av, bv) {
                return Some(v);
            }
        }
        match class {
            Class::Append => return Some(sorted(union(av, bv))),
            Class::Set => return Some(set_merge(o.unwrap_or(&null), av, bv)),
            Class::AnyTrue if av.is_boolean() && bv.is_boolean() => {
                return Some(Value::Bool(
                    av == &Value::Bool(true) || bv == &Value::Bool(true),
                ))
            }
            _ => {}
        }
        let (w, rule) = match class {
            // Dates as ISO text sort as dates; none sorts first.
            Class::LaterDate => (
                larger(av, bv, |v| v.as_str().unwrap_or("").to_string()),
                LATER_DATE,
            ),
            _ => (larger(av, bv, |_| ()), HASH),
        };
        let (kept, lost) = match w {
            Winner::A => (av, bv),
            Winner::B => (bv, av),
        };
        self.push(name, kept.clone(), lost.clone(), w, rule);
        Some(kept.clone())
    }

    /// A set whose contested items were decided by their latest concurrent edits: the
    /// three-way result for the items both sides agree on, and each contested item present when
    /// any of its latest edits has it.
    fn set_by_latest_edits(
        &mut self,
        name: &str,
        o: Option<&Value>,
        a: Option<&Value>,
        b: Option<&Value>,
    ) -> Option<Value> {
        let prefix = format!("{name}\u{0}");
        let decided: Vec<(Value, bool)> = self
            .history
            .iter()
            .filter_map(|(k, v)| {
                let item = serde_json::from_str(k.strip_prefix(&prefix)?).ok()?;
                (!v.is_empty()).then(|| (item, v.iter().any(|x| x == &Value::Bool(true))))
            })
            .collect();
        if decided.is_empty() {
            return None;
        }
        let null = Value::Null;
        let merged = set_merge(o.unwrap_or(&null), a.unwrap_or(&null), b.unwrap_or(&null));
        let mut items = merged.as_array().cloned().unwrap_or_default();
        for (item, present) in decided {
            items.retain(|i| *i != item);
            if present {
                items.push(item);
            }
        }
        items.sort_by_cached_key(|v| v.to_string());
        items.dedup();
        Some(Value::Array(items))
    }

    /// A contested field decided by its latest concurrent edits, when the caller found them.
    fn by_latest_edits(
        &mut self,
        name: &str,
        class: &Class,
        a: Option<&Value>,
        b: Option<&Value>,
    ) -> Option<Value> {
        let values = self.history.get(name).filter(|v| !v.is_empty())?;
        let (kept, rule) = match class {
            Class::LaterDate => (concurrent::pick_later(values)?, LATEST_DATES),
            _ => (concurrent::pick_plain(values)?, LATEST_EDITS),
        };
        let null = Value::Null;
        let (av, bv) = (a.unwrap_or(&null), b.unwrap_or(&null));
        let (w, lost) = if av == kept {
            (Winner::A, bv)
        } else {
            (Winner::B, av)
        };
        if lost != kept {
            self.push(name, kept.clone(), lost.clone(), w, rule);
        }
        Some(kept.clone())
    }

    fn push(&mut self, field: &str, kept: Value, lost: Value, w: Winner, rule: &'static str) {
        let (kf, lf) = match w {
            Winner::A => (self.a, self.b),
            Winner::B => (self.b, self.a),
        };
        self.conflicts.push(Conflict {
            item: self.item.to_string(),
            field: field.to_string(),
            kept,
            lost,
            kept_from: kf.to_string(),
            lost_from: lf.to_string(),
            rule,
        });
    }
}

/// Both sides' items, each kept as often as the side that has it most often (the same note made
/// twice on one clone stays twice).
fn union(a: &Value, b: &Value) -> Value {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let (a, mut b) = (list(a), list(b));
    let mut out = Vec::with_capacity(a.len() + b.len());
    for v in a {
        if let Some(i) = b.iter().position(|x| *x == v) {
            b.swap_remove(i);
        }
        out.push(v);
    }
    out.extend(b);
    Value::Array(out)
}

/// An append-only list in its one merged order: by `date`, then `at` (the moment it was
/// recorded, when the entry has one), then `to` (a reschedule's target), then the item's whole
/// content.
fn sorted(v: Value) -> Value {
    let Value::Array(mut items) = v else {
        return v;
    };
    items.sort_by_cached_key(sort_key);
    Value::Array(items)
}

/// Puts an append-only list (notes, reschedules) in the merge's order, so a record a command
/// writes is already in the order every merge would write it in.
pub fn in_merge_order<T: Serialize>(items: &mut [T]) {
    items.sort_by_cached_key(|item| sort_key(&to_json(item).unwrap_or(Value::Null)));
}

/// `(date, moment, to, content)`: within a day, entries without a time (older files, or
/// recorded on a later day) come first, then the timed ones by their moment in UTC, so two
/// clones' notes of one day read in the order they were made.
fn sort_key(v: &Value) -> (String, Option<i64>, String, String) {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let moment = v
        .get("at")
        .and_then(Value::as_str)
        .and_then(|a| super::Stamp::parse(a).ok())
        .map(|a| a.utc().timestamp());
    (s("date"), moment, s("to"), v.to_string())
}

/// Items of the base kept on both sides, and what either side added, each once, sorted by
/// content: the one order every merge writes, whichever base it was handed (a base's order
/// depends on which merges were made before, so keeping it would make sync orders disagree).
fn set_merge(o: &Value, a: &Value, b: &Value) -> Value {
    let list = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let (o, a, b) = (list(o), list(a), list(b));
    let kept = |v: &&Value| {
        let (in_a, in_b) = (a.contains(v), b.contains(v));
        if o.contains(v) {
            in_a && in_b
        } else {
            in_a || in_b
        }
    };
    let mut out: Vec<Value> = a.iter().chain(b.iter()).filter(kept).cloned().collect();
    out.sort_by_cached_key(|v| v.to_string());
    out.dedup();
    Value::Array(out)
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
