//! Merging two commits' trees for `sync`: git's own tree merge for files that are not the
//! ledger's, and the semantic record merge (`model::merge`) for every ledger file changed on both
//! sides, so no conflict marker ever reaches a record. The merged content depends only on the
//! three versions of each file, never on which clone merges or on commit dates.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use git2::{IndexEntry, IndexTime, Oid, Repository, Sort, Tree};

use super::diff::changed_paths;
use super::layout::{self, PathRole};
use super::merge_history;
use super::repo::Ledger;
use super::{codec, config::Config};
use crate::error::{Error, Result};
use crate::model::concurrent::Frontier;
use crate::model::merge::{self, Conflict, MergeError, Retire, Side};
use crate::model::{Record, RecordId};

/// The merged tree, the records merged field by field, and the conflicts decided.
pub struct TreeMerge {
    pub tree: Oid,
    pub merged: Vec<RecordId>,
    pub conflicts: Vec<Conflict>,
}

/// Merges `theirs` into `ours` over their merge base (see [`merge_history::merge_base`]).
pub fn merge(ledger: &Ledger, ours: Oid, theirs: Oid) -> Result<TreeMerge> {
    let base = merge_history::merge_base(ledger, ours, theirs)?;
    let repo = &ledger.repo;
    let tree = |c: Oid| -> Result<Tree<'_>> { Ok(repo.find_commit(c)?.tree()?) };
    let (bt, ot, tt) = (tree(base)?, tree(ours)?, tree(theirs)?);
    let mut index = repo.merge_trees(&bt, &ot, &tt, None)?;
    let ours_changed: HashSet<String> = changed_paths(repo, Some(&bt), Some(&ot))?
        .into_iter()
        .collect();
    let theirs_changed: HashSet<String> = changed_paths(repo, Some(&bt), Some(&tt))?
        .into_iter()
        .collect();
    // A file changed on both sides since the base, or touched by commits on both sides (one
    // side's copy may equal the base's while a concurrent edit on it was set aside by an
    // earlier merge): merged field by field.
    let mut both: BTreeSet<String> = ours_changed
        .intersection(&theirs_changed)
        .cloned()
        .collect();
    if ours_changed.len() + theirs_changed.len() > both.len() {
        let touched = merge_history::touched_by_both(repo, ours, theirs)?;
        both.extend(
            touched
                .into_iter()
                .filter(|p| ours_changed.contains(p) || theirs_changed.contains(p)),
        );
    }
    let mut out = TreeMerge {
        tree: Oid::zero(),
        merged: Vec::new(),
        conflicts: Vec::new(),
    };
    let mut retire: Vec<Retire> = Vec::new();
    let at = |t: &Tree<'_>, path: &str| -> Result<Option<Vec<u8>>> {
        match t.get_path(Path::new(path)) {
            Ok(e) => Ok(Some(repo.find_blob(e.id())?.content().to_vec())),
            Err(_) => Ok(None),
        }
    };
    let mut files = Vec::new();
    let mut keys = Vec::new();
    for path in both {
        let Some(rel) = path.strip_prefix(&ledger.prefix) else {
            continue;
        };
        let role = layout::classify(rel);
        if matches!(role, PathRole::Other | PathRole::Misplaced(_)) {
            continue;
        }
        let (b, o, t) = (at(&bt, &path)?, at(&ot, &path)?, at(&tt, &path)?);
        if o == t {
            continue;
        }
        if let (PathRole::Record(kind, _), Some(o), Some(t)) = (&role, &o, &t) {
            if let (Ok(x), Ok(y)) = (codec::parse_record(*kind, o), codec::parse_record(*kind, t)) {
                for f in merge::contested(&x, &y) {
                    keys.push((path.clone(), *kind, f));
                }
            }
        }
        files.push((path.clone(), rel.to_string(), role, b, o, t));
    }
    let edits = merge_history::latest_edits(repo, [ours, theirs], &keys)?;
    for (path, rel, role, b, o, t) in files {
        let content = match (o, t) {
            (None, None) => None,
            // Changed on one side, removed on the other: keep the change (nothing is lost).
            (Some(x), None) | (None, Some(x)) => Some(x),
            (Some(o), Some(t)) => {
                let sides = Froms {
                    ours: last_touch(repo, ours, base, &path)?,
                    theirs: last_touch(repo, theirs, base, &path)?,
                };
                let history: Frontier = edits
                    .iter()
                    .filter(|((p, _, _), _)| *p == path)
                    .map(|((_, _, f), v)| (f.clone(), v.clone()))
                    .collect();
                Some(resolve(
                    &rel,
                    &role,
                    b.as_deref(),
                    (&o, &t),
                    (&sides, &history),
                    &mut out,
                    &mut retire,
                )?)
            }
        };
        let p = Path::new(&path);
        let _ = index.conflict_remove(p);
        match content {
            Some(c) => {
                let id = repo.blob(&c)?;
                index.add(&entry(&path, id, c.len()))?;
            }
            None => {
                let _ = index.remove_path(p);
            }
        }
    }
    for r in &retire {
        retire_in(ledger, &mut index, r, &mut out)?;
    }
    if index.has_conflicts() {
        let mut paths: Vec<String> = index
            .conflicts()?
            .filter_map(|c| c.ok())
            .filter_map(|c| c.our.or(c.their).or(c.ancestor))
            .map(|e| String::from_utf8_lossy(&e.path).into_owned())
            .collect();
        paths.dedup();
        return Err(Error::env(format!(
            "files that are not the ledger's conflict between this clone and the remote: {}; nothing was changed",
            paths.join(", ")
        ))
        .hint("merge them with git (git pull), then run `ledger sync` again"));
    }
    out.tree = index.write_tree_to(repo)?;
    Ok(out)
}

/// The commits that last changed a file on each side: named in the merge's report only.
struct Froms {
    ours: String,
    theirs: String,
}

fn merge_error(rel: &str, e: MergeError) -> Error {
    Error::data(format!("{rel}: {e}; nothing was changed")).hint(
        "make the two versions agree on one side (ledger edit, or fix the file and commit), then run `ledger sync` again",
    )
}

/// Revokes a decision that the merge left as a second active successor of one predecessor.
fn retire_in(
    ledger: &Ledger,
    index: &mut git2::Index,
    r: &Retire,
    out: &mut TreeMerge,
) -> Result<()> {
    let suffix = format!("/{}.yaml", r.successor);
    let Some(path) = index
        .iter()
        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
        .find(|p| p.starts_with(&ledger.prefix) && p.ends_with(&suffix))
    else {
        return Ok(());
    };
    let Some(e) = index.get_path(Path::new(&path), 0) else {
        return Ok(());
    };
    let blob = ledger.repo.find_blob(e.id)?;
    let Ok(Record::Decision(d)) = codec::parse_record(r.successor.kind(), blob.content()) else {
        return Ok(());
    };
    if let Some(new) = merge::retire_successor(&d, &r.predecessor) {
        let text = codec::render_record(&Record::Decision(new));
        let id = ledger.repo.blob(text.as_bytes())?;
        index.add(&entry(&path, id, text.len()))?;
        if !out.merged.contains(&r.successor) {
            out.merged.push(r.successor.clone());
        }
    }
    Ok(())
}

/// The merged content of one ledger file changed on both sides.
fn resolve(
    rel: &str,
    role: &PathRole,
    base: Option<&[u8]>,
    (ours, theirs): (&[u8], &[u8]),
    (s, history): (&Froms, &Frontier),
    out: &mut TreeMerge,
    retire: &mut Vec<Retire>,
) -> Result<Vec<u8>> {
    let unparseable = |which: &str, e: codec::DecodeError| {
        Error::data(format!(
            "{rel}:{}: {} (the {which} version); it was changed on both sides and cannot be merged until it parses",
            e.line.unwrap_or(1),
            e.message
        ))
        .of_kind(crate::error::ErrorKind::InvalidRecord)
        .hint("fix the file by hand (`ledger check`), commit, and run `ledger sync` again")
    };
    match role {
        PathRole::Record(kind, id) => {
            let o = codec::parse_record(*kind, ours).map_err(|e| unparseable("local", e))?;
            let t = codec::parse_record(*kind, theirs).map_err(|e| unparseable("remote", e))?;
            let b = base.and_then(|b| codec::parse_record(*kind, b).ok());
            let m = merge::merge_record(
                b.as_ref(),
                Side {
                    value: &o,
                    from: s.ours.clone(),
                },
                Side {
                    value: &t,
                    from: s.theirs.clone(),
                },
                history,
            )
            .map_err(|e| merge_error(rel, e))?;
            out.merged.push(id.clone());
            retire.extend(m.retire);
            out.conflicts.extend(m.conflicts);
            Ok(codec::render_record(&m.value).into_bytes())
        }
        PathRole::People => {
            let o = codec::parse_people(ours).map_err(|e| unparseable("local", e))?;
            let t = codec::parse_people(theirs).map_err(|e| unparseable("remote", e))?;
            let b = base
                .and_then(|b| codec::parse_people(b).ok())
                .unwrap_or_default();
            let m = merge::merge_people(
                &b,
                Side {
                    value: &o,
                    from: s.ours.clone(),
                },
                Side {
                    value: &t,
                    from: s.theirs.clone(),
                },
            )
            .map_err(|e| merge_error(rel, e))?;
            out.conflicts.extend(m.conflicts);
            Ok(codec::render_people(&m.value).into_bytes())
        }
        _ => {
            // ledger.yaml: key by key; security settings never weaken.
            let v = |b: &[u8], which| {
                codec::parse::<serde_json::Value>(b).map_err(|e| unparseable(which, e))
            };
            codec::parse::<Config>(ours).map_err(|e| unparseable("local", e))?;
            codec::parse::<Config>(theirs).map_err(|e| unparseable("remote", e))?;
            let b = base.and_then(|b| codec::parse::<serde_json::Value>(b).ok());
            let m = merge::merge_settings(
                b.as_ref(),
                Side {
                    value: &v(ours, "local")?,
                    from: s.ours.clone(),
                },
                Side {
                    value: &v(theirs, "remote")?,
                    from: s.theirs.clone(),
                },
            );
            let text = codec::render(&m.value);
            codec::parse::<Config>(text.as_bytes()).map_err(|e| {
                Error::data(format!(
                    "{rel}: cannot merge the settings: the result does not read back ({})",
                    e.message
                ))
            })?;
            out.conflicts.extend(m.conflicts);
            Ok(text.into_bytes())
        }
    }
}

/// The last commit on `tip`'s side (since `base`) that changed `path`: when that side spoke.
fn last_touch(repo: &Repository, tip: Oid, base: Oid, path: &str) -> Result<String> {
    let p = Path::new(path);
    let blob = |c: &git2::Commit<'_>| {
        c.tree()
            .ok()
            .and_then(|t| t.get_path(p).ok())
            .map(|e| e.id())
    };
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
    walk.push(tip)?;
    walk.hide(base)?;
    for oid in walk {
        let c = repo.find_commit(oid?)?;
        let before = c.parent(0).ok().and_then(|pc| blob(&pc));
        if blob(&c) != before {
            return Ok(c.id().to_string());
        }
    }
    Ok(tip.to_string())
}

fn entry(path: &str, id: Oid, len: usize) -> IndexEntry {
    IndexEntry {
        ctime: IndexTime::new(0, 0),
        mtime: IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode: 0o100644,
        uid: 0,
        gid: 0,
        file_size: len as u32,
        id,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
