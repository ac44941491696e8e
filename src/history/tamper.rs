//! One commit's changes to record files, judged against the rules of `model::immutable`: what
//! `verify` reports as tampering (a fixed field changed, an append-only list rewritten, a record
//! deleted, emptied or moved), and the per-record field changes its trailer check needs.
//!
//! Trees are compared by id, descending only into folders whose id changed (`store::diff`),
//! so a commit costs the few folders it touched, whatever the size of the ledger.

use std::collections::BTreeMap;

use git2::{Oid, Repository};
use serde_json::Value;

use crate::error::Result;
use crate::model::immutable::{self, Mode};
use crate::model::{Kind, Record};
use crate::store::codec;
use crate::store::diff::{changes, ledger_tree, Change, Memo, Scope};
use crate::store::layout::{self, PathRole};

/// A problem with one record in one commit.
#[derive(Clone, Debug)]
pub struct Tamper {
    /// `changed`, `append-only`, `closed`, `deleted`, `emptied` or `moved`.
    pub kind: &'static str,
    /// Ledger-relative path of the file.
    pub path: String,
    /// The record's id.
    pub record: String,
    /// What changed.
    pub message: String,
}

/// How one record file changed in a commit with one parent.
#[derive(Clone, Debug)]
pub struct RecordChange {
    /// The record's id (from its file name).
    pub id: String,
    /// Whether the commit added the file.
    pub created: bool,
    /// Whether the commit removed the file.
    pub deleted: bool,
    /// The top-level fields whose values differ (both versions parsed).
    pub fields: Vec<String>,
}

/// What a commit did to the ledger's records.
#[derive(Debug, Default)]
pub struct Judged {
    pub tampering: Vec<Tamper>,
    /// For commits with one parent: each record file changed.
    pub records: Vec<RecordChange>,
}

fn parse(repo: &Repository, kind: Kind, blob: Oid) -> Option<Record> {
    let b = repo.find_blob(blob).ok()?;
    codec::parse_record(kind, b.content()).ok()
}

fn is_empty(repo: &Repository, blob: Oid) -> bool {
    repo.find_blob(blob)
        .map(|b| b.content().iter().all(u8::is_ascii_whitespace))
        .unwrap_or(false)
}

/// The record as JSON without its id, to recognise a record moved to another id.
fn without_id(r: &Record) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.remove("id");
    }
    v
}

fn kind_name(r: &immutable::Breach) -> &'static str {
    match r.field {
        "notes" | "reschedules" | "evidence" => "append-only",
        "closing" => "closed",
        "backdated" => "backdated",
        "due" => "due",
        _ => "changed",
    }
}

fn breach(path: &str, id: &str, kind: Kind, b: immutable::Breach, merge: bool) -> Tamper {
    let how = if merge { "the merge left it so: " } else { "" };
    Tamper {
        kind: kind_name(&b),
        path: path.to_string(),
        record: id.to_string(),
        message: format!("{kind} {id}: {how}{}; {}", b.message, b.hint),
    }
}

/// Judges `commit` against its parents. `shallow` commits (a shallow clone's grafted roots) are
/// not judged: their parents are not here.
pub fn judge<'r>(
    repo: &'r Repository,
    memo: &mut Memo<'r>,
    prefix: &str,
    commit: &git2::Commit<'r>,
) -> Result<Judged> {
    let mut out = Judged::default();
    let now = ledger_tree(repo, memo, prefix, commit.tree_id())?;
    let parents: Vec<git2::Commit<'r>> = commit.parents().collect();
    if parents.is_empty() {
        return Ok(out);
    }
    let mut per_parent = Vec::new();
    for p in &parents {
        let before = ledger_tree(repo, memo, prefix, p.tree_id())?;
        let mut c = Vec::new();
        changes(
            repo,
            memo,
            before.as_ref(),
            now.as_ref(),
            Scope::KindFolders,
            &mut c,
        )?;
        per_parent.push(c);
    }
    if parents.len() == 1 {
        let recorded_on = recorded_on(commit, &parents);
        one_parent(
            repo,
            per_parent.pop().unwrap_or_default(),
            recorded_on,
            &mut out,
        );
    } else {
        merge(repo, &parents, prefix, per_parent, &mut out);
    }
    Ok(out)
}

/// The day a commit's content became known: its own committer date, never earlier than its
/// parents' (a backdated commit does not move it back; the clock rule reports such a commit).
fn recorded_on(commit: &git2::Commit<'_>, parents: &[git2::Commit<'_>]) -> chrono::NaiveDate {
    let local = |c: &git2::Commit<'_>| {
        let t = c.committer().when();
        t.seconds()
            .saturating_add(i64::from(t.offset_minutes()) * 60)
    };
    let at = parents.iter().map(local).fold(local(commit), i64::max);
    chrono::DateTime::from_timestamp(at, 0)
        .map(|d| d.date_naive())
        .unwrap_or(chrono::NaiveDate::MAX)
}

fn one_parent(
    repo: &Repository,
    changes: Vec<Change>,
    recorded_on: chrono::NaiveDate,
    out: &mut Judged,
) {
    let mut deleted = Vec::new();
    let mut added = Vec::new();
    for ch in changes {
        let PathRole::Record(kind, id) = layout::classify(&ch.path) else {
            continue;
        };
        let id = id.to_string();
        match (ch.before, ch.after) {
            (Some(b), None) => deleted.push((ch.path, kind, id, b)),
            (None, Some(a)) => added.push((ch.path, kind, id, a)),
            (Some(b), Some(a)) => {
                let mut fields = Vec::new();
                if is_empty(repo, a) {
                    out.tampering.push(Tamper {
                        kind: "emptied",
                        path: ch.path.clone(),
                        record: id.clone(),
                        message: format!("{kind} {id}: the record file was emptied; records are never deleted: cancel, withdraw or revoke it instead, and restore the file"),
                    });
                } else if let (Some(old), Some(new)) = (parse(repo, kind, b), parse(repo, kind, a))
                {
                    let backdated = immutable::backdated_reschedules(Some(&old), &new, recorded_on);
                    for b in immutable::breaches(&old, &new, Mode::Commit)
                        .into_iter()
                        .chain(backdated)
                    {
                        out.tampering.push(breach(&ch.path, &id, kind, b, false));
                    }
                    let (ov, nv) = (
                        serde_json::to_value(&old).unwrap_or(Value::Null),
                        serde_json::to_value(&new).unwrap_or(Value::Null),
                    );
                    fields = super::events::diff(&ov, &nv)
                        .into_iter()
                        .map(|c| c.field)
                        .collect();
                }
                out.records.push(RecordChange {
                    id,
                    created: false,
                    deleted: false,
                    fields,
                });
            }
            (None, None) => {}
        }
    }
    // A deleted file whose content reappears under another name was moved.
    let mut taken = vec![false; added.len()];
    for (path, kind, id, blob) in &deleted {
        let old = parse(repo, *kind, *blob);
        let moved_to = added.iter().enumerate().position(|(i, (_, k, _, a))| {
            !taken[i]
                && k == kind
                && (a == blob
                    || matches!((&old, parse(repo, *k, *a)), (Some(o), Some(n)) if without_id(o) == without_id(&n)))
        });
        let message = match moved_to {
            Some(i) => {
                taken[i] = true;
                let (to, _, new_id, _) = &added[i];
                let as_id = if new_id != id {
                    format!(", under the id {new_id}")
                } else {
                    String::new()
                };
                format!("{kind} {id}: the record file was moved from {path} to {to}{as_id}; a record keeps its path and id for life (its history is found by them): move it back")
            }
            None => format!("{kind} {id}: the record file was deleted; records are never deleted: cancel a commitment, withdraw an ask, revoke or supersede a decision, and restore the file"),
        };
        out.tampering.push(Tamper {
            kind: if moved_to.is_some() {
                "moved"
            } else {
                "deleted"
            },
            path: path.clone(),
            record: id.clone(),
            message,
        });
        out.records.push(RecordChange {
            id: id.clone(),
            created: false,
            deleted: true,
            fields: Vec::new(),
        });
    }
    for (path, kind, id, blob) in added {
        if let Some(new) = parse(repo, kind, blob) {
            for b in immutable::backdated_reschedules(None, &new, recorded_on) {
                out.tampering.push(breach(&path, &id, kind, b, false));
            }
        }
        out.records.push(RecordChange {
            id,
            created: true,
            deleted: false,
            fields: Vec::new(),
        });
    }
}

/// A merge is judged against every parent: a change is tampering only when it is forbidden
/// against each parent that had the record (taking one side's close or notes is allowed,
/// because that side made the change, and that side's commit is judged on its own).
fn merge(
    repo: &Repository,
    parents: &[git2::Commit<'_>],
    prefix: &str,
    per_parent: Vec<Vec<Change>>,
    out: &mut Judged,
) {
    // Path -> (the merged blob, each parent's blob).
    let mut files: BTreeMap<String, (Option<Oid>, Vec<Option<Oid>>)> = BTreeMap::new();
    let n = parents.len();
    for (i, changes) in per_parent.iter().enumerate() {
        for ch in changes {
            let e = files
                .entry(ch.path.clone())
                .or_insert_with(|| (ch.after, vec![ch.after; n]));
            e.1[i] = ch.before;
        }
    }
    for (path, (after, before)) in files {
        let PathRole::Record(kind, id) = layout::classify(&path) else {
            continue;
        };
        if before.contains(&after) {
            continue; // the merged version is one parent's: merged in, not made here
        }
        let id = id.to_string();
        match after {
            None => {
                if before.iter().any(Option::is_none)
                    && !new_on_one_side(repo, parents, prefix, &path)
                {
                    continue; // deleted on one side, and judged in that side's commit
                }
                out.tampering.push(Tamper {
                    kind: "deleted",
                    path: path.clone(),
                    record: id.clone(),
                    message: format!("{kind} {id}: the merge deleted the record file, which a parent had; records are never deleted: restore the file"),
                });
            }
            Some(a) if is_empty(repo, a) => out.tampering.push(Tamper {
                kind: "emptied",
                path: path.clone(),
                record: id.clone(),
                message: format!("{kind} {id}: the merge emptied the record file; restore it"),
            }),
            Some(a) => {
                let Some(merged) = parse(repo, kind, a) else {
                    continue;
                };
                let olds: Vec<Record> = before
                    .iter()
                    .flatten()
                    .filter_map(|b| parse(repo, kind, *b))
                    .collect();
                let refs: Vec<&Record> = olds.iter().collect();
                for b in immutable::merge_breaches(&refs, &merged) {
                    out.tampering.push(breach(&path, &id, kind, b, true));
                }
            }
        }
    }
}

/// True when a file a merge dropped was absent from the parents' merge base: it was made on one
/// side, so no side's commit deleted it and the merge itself dropped it.
fn new_on_one_side(
    repo: &Repository,
    parents: &[git2::Commit<'_>],
    prefix: &str,
    path: &str,
) -> bool {
    let [a, b] = parents else {
        return false;
    };
    let Ok(base) = repo.merge_base(a.id(), b.id()) else {
        return true;
    };
    let full = format!("{prefix}{path}");
    repo.find_commit(base)
        .and_then(|c| c.tree())
        .map(|t| t.get_path(std::path::Path::new(&full)).is_err())
        .unwrap_or(true)
}

/// A change not yet committed (in the work tree or the index) that the rules forbid.
#[derive(Clone, Debug)]
pub struct Pending {
    /// Ledger-relative path of the file.
    pub path: String,
    /// The field at fault (empty for the whole file).
    pub field: String,
    /// What changed and what to do instead.
    pub message: String,
}

/// The forbidden changes in `current` (the work tree, or the index when `staged`) against
/// HEAD: what `check` and so the pre-commit hook refuse before it is committed. Files whose
/// content is HEAD's are not parsed again (compared by blob id, work-tree files hashed).
pub fn uncommitted(
    ledger: &crate::store::Ledger,
    current: &crate::store::Snapshot,
    staged: bool,
    today: chrono::NaiveDate,
) -> Result<Vec<Pending>> {
    use std::collections::{HashMap, HashSet};
    let Some(head) = ledger.head()? else {
        return Ok(Vec::new());
    };
    let repo = &ledger.repo;
    let files = crate::store::read::list_tree(ledger, &head.tree()?)?;
    let now: HashMap<&str, &crate::store::read::Entry> = current
        .entries
        .iter()
        .map(|e| (e.path.as_str(), e))
        .collect();
    let broken: HashSet<&str> = current.problems.iter().map(|p| p.path.as_str()).collect();
    let in_head: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut out = Vec::new();
    let mut gone = Vec::new();
    for f in &files {
        let PathRole::Record(kind, id) = layout::classify(&f.path) else {
            continue;
        };
        let Some(e) = now.get(f.path.as_str()) else {
            if !broken.contains(f.path.as_str()) {
                gone.push((f, kind, id));
            }
            continue;
        };
        let same = if staged {
            e.blob == f.blob
        } else {
            std::fs::read(ledger.root.join(&f.path))
                .ok()
                .and_then(|b| Oid::hash_object(git2::ObjectType::Blob, &b).ok())
                == Some(f.blob)
        };
        if same {
            continue;
        }
        let Some(old) = parse(repo, kind, f.blob) else {
            continue;
        };
        let backdated = immutable::backdated_reschedules(Some(&old), &e.record, today);
        for b in immutable::breaches(&old, &e.record, Mode::Commit)
            .into_iter()
            .chain(backdated)
        {
            out.push(Pending {
                path: f.path.clone(),
                field: b.field.to_string(),
                message: format!("{} since the last commit; {}", b.message, b.hint),
            });
        }
    }
    let added: Vec<&crate::store::read::Entry> = current
        .entries
        .iter()
        .filter(|e| !in_head.contains(e.path.as_str()))
        .collect();
    for (f, kind, id) in gone {
        let old = parse(repo, kind, f.blob);
        let moved = added.iter().find(|e| {
            e.record.id() == &id
                || old.as_ref().is_some_and(|o| {
                    e.record.kind() == kind && without_id(o) == without_id(&e.record)
                })
        });
        let message = match moved {
            Some(e) => format!(
                "{kind} {id} was moved to {}{}; a record keeps its path and id for life: move it back (`git mv {} {}`)",
                e.path,
                if e.record.id() == &id { String::new() } else { format!(" as {}", e.record.id()) },
                e.path,
                f.path
            ),
            None => format!(
                "{kind} {id} was deleted; records are never deleted: restore it (`git checkout HEAD -- {}`), then cancel a commitment, withdraw an ask, or revoke or supersede a decision",
                ledger.repo_path(&f.path)
            ),
        };
        out.push(Pending {
            path: f.path.clone(),
            field: String::new(),
            message,
        });
    }
    Ok(out)
}
