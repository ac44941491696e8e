//! Bringing the work tree and index in step with a commit the branch moved to, and finishing or
//! forgetting a change whose process was killed (from its journal).

use std::path::Path;

use super::index_file::NewEntry;
use super::index_lock::IndexLock;
use super::journal::{self, Journal, Owner};
use super::lock;
use super::repo::Ledger;
use crate::error::{Error, Result};

/// Replaces `file` in one step: written beside the lock in `.git/ledger/`, then renamed, so a
/// reader or a crash never sees half a file and no stray temporary file lands in the ledger.
fn write_atomically(state: &Path, file: &Path, content: &[u8]) -> Result<()> {
    let tmp = state.join("write.tmp");
    std::fs::write(&tmp, content)?;
    if std::fs::rename(&tmp, file).is_err() {
        // A state folder on another file system (a linked work tree): write in place.
        std::fs::write(file, content)?;
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(())
}

/// Finishes or forgets a change whose process was killed. Its journal names the process and
/// the lock files it held: those are removed only when that process is dead and they are still
/// the very files it made (a lock made since by a git command is never touched). If the branch
/// moved, the work tree and index are brought in step; if it did not, the change never happened.
pub(super) fn recover(ledger: &Ledger) -> Result<()> {
    let state = ledger.state_dir();
    let Some(journal) = Journal::load(&state)? else {
        return Ok(());
    };
    if let Some(owner) = journal.owner.filter(|o| o.alive() && *o != Owner::me()) {
        return Err(Error::env(format!(
            "ledger process {} is in the middle of a change; nothing was recorded",
            owner.pid
        ))
        .hint("run the command again when it has finished"));
    }
    for (lock, id) in &journal.locks {
        let named = journal::file_id(lock) == Some(*id);
        if named && std::fs::remove_file(lock).is_ok() && lock.extension() == Some("lock".as_ref())
        {
            let pid = journal.owner.map(|o| o.pid.to_string()).unwrap_or_default();
            eprintln!(
                "ledger: removed {} left by ledger process {pid}, which was killed mid-change",
                lock.display()
            );
        }
    }
    let head = ledger.head()?.map(|c| c.id());
    if head.is_some() && head == journal.commit {
        let mut journal = journal;
        let index_lock =
            IndexLock::acquire(ledger.repo.path(), &state, lock::timeout()?, |locks| {
                locks
                    .iter()
                    .try_for_each(|(p, id)| journal.add_lock(&state, p, *id))
            })?;
        sync_workdir(ledger, &journal, index_lock)?;
    }
    Journal::clear(&state)
}

/// Writes the committed content of `paths` to the work tree and index. A work-tree file is only
/// replaced when it still holds the parent's version (or is missing): hand edits are never lost.
pub(super) fn sync_workdir(
    ledger: &Ledger,
    journal: &Journal,
    index_lock: IndexLock,
) -> Result<()> {
    let repo = &ledger.repo;
    let workdir = repo
        .workdir()
        .ok_or_else(|| Error::data("the repository has no work tree"))?
        .to_path_buf();
    let Some(commit) = journal.commit else {
        return Ok(());
    };
    let tree = repo.find_commit(commit)?.tree()?;
    let parent_tree = match journal.parent {
        Some(p) => Some(repo.find_commit(p)?.tree()?),
        None => None,
    };
    let mut changes: Vec<(String, Option<NewEntry>)> = Vec::new();
    for path in &journal.paths {
        let file = workdir.join(path);
        let current = std::fs::read(&file).ok();
        let before = parent_tree
            .as_ref()
            .and_then(|t| t.get_path(Path::new(path)).ok())
            .and_then(|e| repo.find_blob(e.id()).ok())
            .map(|b| b.content().to_vec());
        let Ok(entry) = tree.get_path(Path::new(path)) else {
            // Removed by a merged change (a hand deletion on another clone): remove the file
            // only when it holds the version that was committed, never a local edit.
            if current.is_none() || current == before {
                let _ = std::fs::remove_file(&file);
                changes.push((path.clone(), None));
            }
            continue;
        };
        let blob = repo.find_blob(entry.id())?;
        let ours = current.as_deref() == Some(blob.content());
        if !ours && current.is_some() && current != before {
            eprintln!(
                "ledger: {path} has edits of its own; left as it is (the record is committed)"
            );
            continue;
        }
        if !ours {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            write_atomically(&ledger.state_dir(), &file, blob.content())?;
        }
        let meta = std::fs::symlink_metadata(&file)?;
        changes.push((
            path.clone(),
            Some(NewEntry {
                oid: entry.id(),
                meta,
            }),
        ));
    }
    index_lock.commit(&changes, &ledger.state_dir())
}
