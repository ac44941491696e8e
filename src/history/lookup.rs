//! Finding the one record a typed id names, through the history index and that record's own
//! file, so `history ID` does not read the other records of a large ledger.

use git2::Oid;

use super::index;
use crate::error::Result;
use crate::model::resolve;
use crate::model::{validate, Kind, Record, RecordId};
use crate::store::layout::{self, PathRole};
use crate::store::{codec, Ledger};

/// A record found at a commit, with its parsed content.
pub struct Found {
    pub id: RecordId,
    pub kind: Kind,
    /// Ledger-relative path of its file.
    pub path: String,
    pub record: Record,
}

/// The record `input` names among the record files present at `commit`. `None` when the quick
/// way cannot give a sure answer (no file matches, two files hold the id, or the file does not
/// parse or fails validation): the caller then reads the whole ledger, which also reports what
/// is wrong with exit code 2. Problems in other records' files are not looked for here.
pub fn find(ledger: &Ledger, commit: Oid, input: &str) -> Result<Option<Found>> {
    let wanted = resolve::typed_prefix(input)?;
    let tree = ledger.repo.find_commit(commit)?.tree()?;
    let mut present = Vec::new();
    // With no history index (a fresh clone) the commit's own folders are listed instead of
    // building one: the index only helps here once it exists.
    let paths = match index::present(ledger) {
        true => index::paths_for_id_prefix(ledger, &wanted)?,
        false => listed(ledger, &tree, &wanted)?,
    };
    for path in paths {
        if let PathRole::Record(kind, id) = layout::classify(&path) {
            if let Ok(entry) = tree.get_path(std::path::Path::new(&ledger.repo_path(&path))) {
                present.push((id, kind, path, entry.id()));
            }
        }
    }
    if present.is_empty() {
        return Ok(None);
    }
    // Ambiguity is reported exactly as everywhere else.
    let id = resolve::resolve(input, present.iter().map(|p| &p.0))?;
    let mut holding: Vec<_> = present.into_iter().filter(|p| p.0 == id).collect();
    if holding.len() != 1 {
        // The same id in two files (a copy made by hand): the full read names both.
        return Ok(None);
    }
    let (id, kind, path, blob) = holding.pop().expect("one");
    let blob = ledger.repo.find_blob(blob)?;
    match codec::parse_record(kind, blob.content()) {
        Ok(record) if record.id() == &id && validate::check_record(&record).is_empty() => {
            Ok(Some(Found {
                id,
                kind,
                path,
                record,
            }))
        }
        _ => Ok(None),
    }
}

/// The record files (ledger-relative paths) in `tree` whose id starts with `prefix`: the kind
/// folders an id with that prefix could be in, listed to the file names (a few hundred tree
/// reads at 100,000 records, no blob).
fn listed(ledger: &Ledger, tree: &git2::Tree<'_>, prefix: &str) -> Result<Vec<String>> {
    let repo = &ledger.repo;
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let p = kind.id_prefix();
        if !(prefix.starts_with(p) || p.starts_with(prefix)) {
            continue;
        }
        let folder = ledger.repo_path(kind.folder());
        let Ok(entry) = tree.get_path(std::path::Path::new(&folder)) else {
            continue;
        };
        let mut stack = vec![(kind.folder().to_string(), entry.id())];
        while let Some((at, id)) = stack.pop() {
            let Ok(t) = repo.find_tree(id) else { continue };
            for e in t.iter() {
                let Some(name) = e.name() else { continue };
                if e.kind() == Some(git2::ObjectType::Tree) {
                    stack.push((format!("{at}/{name}"), e.id()));
                } else if name.starts_with(prefix) {
                    out.push(format!("{at}/{name}"));
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A record that `undo` took back: it exists in no later commit, but its history does.
pub struct Undone {
    pub id: RecordId,
    pub kind: Kind,
    /// Ledger-relative path its file had.
    pub path: String,
    /// The commit that made it.
    pub made: Oid,
    /// The `undo` commit that removed it.
    pub undone: Oid,
    /// The commit just before the undo, where its file was last present.
    pub before: Oid,
}

/// The record `input` names among those an `undo` commit reachable from `from` removed (its
/// `Ledger-Id` names it and its file is gone after it). `None` when no undo removed such a record.
pub fn undone(ledger: &Ledger, from: Oid, input: &str) -> Result<Option<Undone>> {
    use crate::store::message::{self, key};
    let wanted = resolve::typed_prefix(input)?;
    let repo = &ledger.repo;
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    let mut found: Vec<Undone> = Vec::new();
    for oid in walk {
        let c = repo.find_commit(oid?)?;
        let msg = c.message().unwrap_or("");
        if message::trailer(msg, key::ACTION).as_deref() != Some("undo") || c.parent_count() != 1 {
            continue;
        }
        let Some(made) = message::trailer(msg, key::UNDOES).and_then(|u| Oid::from_str(&u).ok())
        else {
            continue;
        };
        let (before, after) = (c.parent(0)?.tree()?, c.tree()?);
        for path in crate::store::diff::changed_paths(repo, Some(&before), Some(&after))? {
            let Some(rel) = path.strip_prefix(ledger.prefix.as_str()) else {
                continue;
            };
            if let PathRole::Record(kind, id) = layout::classify(rel) {
                let removed = before.get_path(std::path::Path::new(&path)).is_ok()
                    && after.get_path(std::path::Path::new(&path)).is_err();
                if removed && id.as_str().starts_with(&wanted) && !found.iter().any(|f| f.id == id)
                {
                    found.push(Undone {
                        id,
                        kind,
                        path: rel.to_string(),
                        made,
                        undone: c.id(),
                        before: c.parent_id(0)?,
                    });
                }
            }
        }
    }
    if found.is_empty() {
        return Ok(None);
    }
    let id = resolve::resolve(input, found.iter().map(|f| &f.id))?;
    Ok(found.into_iter().find(|f| f.id == id))
}
