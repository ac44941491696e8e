//! What a change must not write over: uncommitted edits of a person's in the files it writes
//! (work tree or index, by content), told apart from the leftovers of git's own race, and the
//! refusal that names them with the commands that commit exactly those files.

use std::path::Path;

use git2::{Commit, Oid, Status, StatusOptions};

use super::index_lock::IndexLock;
use super::layout;
use super::repo::Ledger;
use super::restore;
use crate::error::{Error, ErrorKind, Result};
use crate::model::Kind;

/// Refuses to write over uncommitted changes to the files a change is about to write
/// (repository paths): a work-tree file or an index entry that differs from the parent's version,
/// a file deleted by hand, or a file at a new record's path. Files the change does not write are
/// none of its business: they stay as they are, in the work tree and in the index.
pub(super) fn check_paths_clean(
    ledger: &Ledger,
    parent: Option<&Commit<'_>>,
    paths: &[String],
    index_lock: &IndexLock,
) -> Result<()> {
    let base = parent.map(|c| c.tree()).transpose()?;
    let base = base.as_ref();
    let repo = &ledger.repo;
    let Some(workdir) = repo.workdir() else {
        return Ok(());
    };
    // Read under git's index lock: nothing can stage a file between this look and the commit.
    let fast = index_lock.read();
    let slow = match fast {
        Some(_) => None,
        None => Some(repo.index()?),
    };
    // (stage, blob) of each entry the index has for a path.
    let entries = |path: &str| -> Vec<(u8, Oid)> {
        match (&fast, &slow) {
            (Some(f), _) => f.entries(path),
            (None, Some(i)) => (0..=3)
                .filter_map(|stage| {
                    i.get_path(Path::new(path), stage)
                        .map(|e| (stage as u8, e.id))
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut dirty = Vec::new();
    for path in paths {
        let committed = base
            .and_then(|t| t.get_path(Path::new(path)).ok())
            .map(|e| e.id());
        let staged_all = entries(path);
        let staged = staged_all.iter().find(|(s, _)| *s == 0).map(|(_, o)| *o);
        let conflicted = staged_all.iter().any(|(s, _)| *s > 0);
        let on_disk = std::fs::read(workdir.join(path)).ok();
        let on_disk_id = on_disk
            .as_deref()
            .map(|b| Oid::hash_object(git2::ObjectType::Blob, b))
            .transpose()?;
        let what = if conflicted {
            Some("conflicted")
        } else if committed.is_none() && (on_disk.is_some() || staged.is_some()) {
            Some("new")
        } else if committed.is_some() && on_disk.is_none() {
            Some("deleted")
        } else if on_disk_id != committed
            || (staged != committed && !stale_entry(parent, path, staged))
        {
            // The work tree differs, or the index does and is not a leftover of git's own race.
            Some("modified")
        } else {
            None
        };
        if let Some(w) = what {
            dirty.push((path.clone(), w));
        }
    }
    if dirty.is_empty() {
        return Ok(());
    }
    Err(refusal(ledger, &dirty))
}

/// True when the index entry of `path` (absent, or `staged`) is what an older index had: the
/// file's version in one of the last commits, or no entry where one was committed. `git commit`
/// reads the index before it takes the lock and, when its commit then fails because the branch
/// moved, leaves what it read behind; the work-tree file matches the branch, so nobody's edit
/// is in that entry, and the change may replace it.
fn stale_entry(parent: Option<&Commit<'_>>, path: &str, staged: Option<Oid>) -> bool {
    match staged {
        None => true,
        Some(blob) => restore::was_committed(parent.cloned(), path, blob),
    }
}

/// The refusal for uncommitted changes: up to five paths, and the commands that commit exactly
/// the ledger's entries that changed.
fn refusal(ledger: &Ledger, dirty: &[(String, &str)]) -> Error {
    let shown = dirty
        .iter()
        .take(5)
        .map(|(p, w)| format!("{p} ({w})"))
        .collect::<Vec<_>>()
        .join(", ");
    let more = if dirty.len() > 5 {
        format!(" and {} more", dirty.len() - 5)
    } else {
        String::new()
    };
    // The hint names only the ledger's own entries that changed (`asks`, `people.yaml`): in a
    // repository shared with code, `git add -A` or `git checkout -- .` would sweep up or throw
    // away unrelated work.
    let mut entries: Vec<String> = Vec::new();
    for (path, _) in dirty {
        let inner = path.strip_prefix(ledger.prefix.as_str()).unwrap_or(path);
        let top = ledger.repo_path(inner.split('/').next().unwrap_or(inner));
        if !entries.contains(&top) {
            entries.push(top);
        }
    }
    let workdir = ledger
        .repo
        .workdir()
        .map(|w| w.display().to_string())
        .unwrap_or_default();
    let workdir = workdir.trim_end_matches('/');
    let paths = entries.join(" ");
    Error::user(format!("the ledger has uncommitted changes: {shown}{more}; nothing was recorded"))
        .of_kind(ErrorKind::DirtyFile)
        .hint(format!(
            "check them with `ledger check`, then commit them (git -C {workdir} add -A -- {paths} && git -C {workdir} commit) or undo them, and run the command again"
        ))
}

/// Refuses when any of the ledger's files has uncommitted changes (a merge may write any).
pub(super) fn check_clean(ledger: &Ledger) -> Result<()> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false)
        .exclude_submodules(true);
    let scope: Vec<String> = [layout::CONFIG_FILE, layout::PEOPLE_FILE]
        .iter()
        .map(|f| ledger.repo_path(f))
        .chain(
            Kind::ALL
                .iter()
                .map(|k| ledger.repo_path(&format!("{}/", k.folder()))),
        )
        .collect();
    for s in &scope {
        opts.pathspec(s);
    }
    opts.disable_pathspec_match(true);
    let statuses = ledger.repo.statuses(Some(&mut opts))?;
    let dirty: Vec<(String, &str)> = statuses
        .iter()
        .filter(|s| s.status() != Status::CURRENT && !s.status().contains(Status::IGNORED))
        .map(|s| {
            let what = if s.status().intersects(Status::WT_NEW | Status::INDEX_NEW) {
                "new"
            } else if s
                .status()
                .intersects(Status::WT_DELETED | Status::INDEX_DELETED)
            {
                "deleted"
            } else if s.status().contains(Status::CONFLICTED) {
                "conflicted"
            } else {
                "modified"
            };
            (s.path().unwrap_or("?").to_string(), what)
        })
        .collect();
    if dirty.is_empty() {
        return Ok(());
    }
    Err(refusal(ledger, &dirty))
}
