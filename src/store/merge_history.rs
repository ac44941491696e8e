//! The commit graph's part in a sync merge: the merge base (one virtual base when the two sides
//! have several, as git's recursive strategy makes it), the ledger files both sides touched since
//! they parted, and the latest concurrent edits of the fields the two sides hold differently.
//! With these the merge's result depends on which edits exist and what each had seen, never on
//! which merges some clone happened to make first.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use git2::{Oid, Repository, Signature, Sort, Time};
use serde_json::Value;

use super::codec;
use super::diff::changed_paths;
use super::merge_tree;
use super::repo::Ledger;
use crate::error::{Error, Result};
use crate::model::{concurrent, Kind};

/// The base to merge `ours` and `theirs` over. Several best common ancestors (criss-cross
/// histories, common when many clones sync at once) are merged into one commit object that no
/// branch names, so each side's changes are measured against everything both had seen.
pub fn merge_base(ledger: &Ledger, ours: Oid, theirs: Oid) -> Result<Oid> {
    let repo = &ledger.repo;
    let bases = repo.merge_bases(ours, theirs).map_err(|_| {
        Error::env("the remote's branch shares no history with this ledger; nothing was changed")
            .hint("check that REMOTE is this ledger's remote (git remote -v)")
    })?;
    let mut list: Vec<Oid> = bases.iter().copied().collect();
    list.sort();
    let mut base = list[0];
    for next in list.into_iter().skip(1) {
        base = if repo.graph_descendant_of(base, next)? {
            base
        } else if repo.graph_descendant_of(next, base)? {
            next
        } else {
            let merged = merge_tree::merge(ledger, base, next)?;
            virtual_commit(repo, merged.tree, &[base, next])?
        };
    }
    Ok(base)
}

/// A commit object for a virtual merge base: fixed author and date so every clone writes the
/// same object for the same bases; it is on no branch and git's garbage collection removes it.
fn virtual_commit(repo: &Repository, tree: Oid, parents: &[Oid]) -> Result<Oid> {
    let sig = Signature::new("ledger", "ledger@localhost", &Time::new(0, 0))?;
    let tree = repo.find_tree(tree)?;
    let parents: Vec<git2::Commit<'_>> = parents
        .iter()
        .map(|p| repo.find_commit(*p))
        .collect::<std::result::Result<_, _>>()?;
    let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
    Ok(repo.commit(
        None,
        &sig,
        &sig,
        "ledger: virtual merge base (on no branch)",
        &tree,
        &refs,
    )?)
}

/// Files that commits on each side (reachable from one tip and not the other) changed: a file
/// both sides touched can hold concurrent edits even when one tip's copy equals the base's.
pub fn touched_by_both(repo: &Repository, ours: Oid, theirs: Oid) -> Result<HashSet<String>> {
    let a = touched(repo, ours, theirs)?;
    let b = touched(repo, theirs, ours)?;
    Ok(a.intersection(&b).cloned().collect())
}

/// The files changed by the commits reachable from `tip` and not from `other`. A merge commit
/// changes a file only when its copy differs from every parent's.
fn touched(repo: &Repository, tip: Oid, other: Oid) -> Result<HashSet<String>> {
    let mut walk = repo.revwalk()?;
    walk.push(tip)?;
    walk.hide(other)?;
    let mut out = HashSet::new();
    for oid in walk {
        let c = repo.find_commit(oid?)?;
        let tree = c.tree()?;
        let mut here: Option<HashSet<String>> = None;
        for p in c.parents() {
            let changed: HashSet<String> = changed_paths(repo, Some(&p.tree()?), Some(&tree))?
                .into_iter()
                .collect();
            here = Some(match here {
                None => changed,
                Some(h) => h.intersection(&changed).cloned().collect(),
            });
        }
        let here = match here {
            Some(h) => h,
            None => changed_paths(repo, None, Some(&tree))?
                .into_iter()
                .collect(),
        };
        out.extend(here);
    }
    Ok(out)
}

/// One contested field: the file's path in the repository, its record kind, the field's name.
pub type Key = (String, Kind, String);

/// The latest concurrent edits of each key's field, over the history of both tips.
///
/// First only the commits since the two sides parted are read (the tips' history without their
/// best common ancestors'). That is enough for a key when, for every best common ancestor, an
/// edit found there descends from it: every older edit is then an ancestor of one found. For
/// other keys (criss-cross histories where a side edited before it had seen the other's older
/// edits) the whole history is walked, which costs about a second at 40,000 commits.
pub fn latest_edits(
    repo: &Repository,
    tips: [Oid; 2],
    keys: &[Key],
) -> Result<BTreeMap<Key, Vec<Value>>> {
    if keys.is_empty() {
        return Ok(BTreeMap::new());
    }
    let bases: Vec<Oid> = repo
        .merge_bases(tips[0], tips[1])?
        .iter()
        .copied()
        .collect();
    let recent = walk_edits(repo, tips, &bases, keys)?;
    let mut out = BTreeMap::new();
    let mut rest = Vec::new();
    for k in keys {
        let edits = recent.get(k).map(Vec::as_slice).unwrap_or_default();
        let mut covers = true;
        for b in &bases {
            let mut any = false;
            for (c, _) in edits {
                if repo.graph_descendant_of(*c, *b)? {
                    any = true;
                    break;
                }
            }
            covers &= any;
        }
        if covers && !edits.is_empty() {
            out.insert(k.clone(), edits.iter().map(|(_, v)| v.clone()).collect());
        } else {
            rest.push(k.clone());
        }
    }
    if !rest.is_empty() {
        for (k, edits) in walk_edits(repo, tips, &[], &rest)? {
            out.insert(k, edits.into_iter().map(|(_, v)| v).collect());
        }
    }
    Ok(out)
}

/// The edits of each key that no other edit has seen, among the commits reachable from `tips`
/// and not from `hide`.
fn walk_edits(
    repo: &Repository,
    tips: [Oid; 2],
    hide: &[Oid],
    keys: &[Key],
) -> Result<BTreeMap<Key, Vec<(Oid, Value)>>> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL)?;
    for t in tips {
        walk.push(t)?;
    }
    for h in hide {
        walk.hide(*h)?;
    }
    let hidden: HashSet<Oid> = hide.iter().copied().collect();
    // Read lazily: the walk stops at the first commit older than every edit it needs.
    let failed = std::cell::RefCell::new(None);
    let order = walk.map_while(|r| match r {
        Ok(oid) => Some(oid),
        Err(e) => {
            *failed.borrow_mut() = Some(e);
            None
        }
    });
    let mut reader = Reader {
        repo,
        blobs: HashMap::new(),
        records: HashMap::new(),
    };
    let parents = |c: &Oid| -> Vec<Oid> {
        match repo.find_commit(*c) {
            Ok(commit) => commit.parent_ids().collect(),
            Err(e) => {
                *failed.borrow_mut() = Some(e);
                Vec::new()
            }
        }
    };
    // A tip that is itself a hidden base is not part of the walk.
    let tips: Vec<Oid> = tips.into_iter().filter(|t| !hidden.contains(t)).collect();
    let found = concurrent::frontier(
        &tips,
        order,
        parents,
        |c, k: &Key| reader.field(*c, k),
        keys,
    );
    match failed.into_inner() {
        Some(e) => Err(e.into()),
        None => Ok(found),
    }
}

/// Reads a field of a record at a commit, remembering what it parsed.
struct Reader<'r> {
    repo: &'r Repository,
    blobs: HashMap<(Oid, String), Option<Oid>>,
    records: HashMap<Oid, Option<Value>>,
}

impl Reader<'_> {
    fn field(&mut self, commit: Oid, (path, kind, field): &Key) -> Option<Value> {
        let repo = self.repo;
        let blob = *self.blobs.entry((commit, path.clone())).or_insert_with(|| {
            let tree = repo.find_commit(commit).ok()?.tree().ok()?;
            tree.get_path(Path::new(path)).ok().map(|e| e.id())
        });
        let blob = blob?;
        let record = self.records.entry(blob).or_insert_with(|| {
            let b = repo.find_blob(blob).ok()?;
            let r = codec::parse_record(*kind, b.content()).ok()?;
            serde_json::to_value(&r).ok()
        });
        let r = record.as_ref()?;
        Some(crate::model::merge::field_value(r, field))
    }
}
