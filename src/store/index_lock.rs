//! Git's index lock (`.git/index.lock`), held by a change from before the branch moves until the
//! index is in step with the new commit, as git itself holds it. A plain `git add` or
//! `git commit` at the same moment then either finishes before the change looks at the branch,
//! or fails on the lock (git does not wait for it), or commits from an index that already holds
//! the change: it can never commit an index from before the change on top of it.

use std::fs::File;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::index_file::{IndexFile, NewEntry};
use super::journal::{file_id, FileId};
use crate::error::{Error, ErrorKind, Result};

/// `index.lock`, created by this process and removed again unless it is committed.
pub struct IndexLock {
    index: PathBuf,
    lock: PathBuf,
    /// The lock's second name in the ledger's state folder, under which it was made.
    made: PathBuf,
    file: Option<File>,
    id: FileId,
}

impl IndexLock {
    /// Takes `index.lock` in `git_dir`, waiting while another process holds it. A lock held for
    /// longer than `limit` is reported, never removed: it may belong to a git command that is
    /// still running.
    ///
    /// The lock is made under a name of our own in `state` and then linked as `index.lock`,
    /// which either succeeds whole or fails when the lock exists. `record` is told the lock's
    /// identity before the link, so a journal names it before it can exist: whenever this
    /// process is killed, an `index.lock` it leaves is provably its own.
    pub fn acquire(
        git_dir: &Path,
        state: &Path,
        limit: Duration,
        record: impl FnOnce(&[(PathBuf, FileId)]) -> Result<()>,
    ) -> Result<IndexLock> {
        let index = git_dir.join("index");
        let lock = git_dir.join("index.lock");
        let made = state.join(format!("index.lock.{}", std::process::id()));
        let _ = std::fs::remove_file(&made);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&made)?;
        let id = file_id(&made)
            .ok_or_else(|| Error::env(format!("{} vanished as it was made", made.display())))?;
        let mut held = IndexLock {
            index,
            lock,
            made,
            file: Some(file),
            id,
        };
        record(&[(held.lock.clone(), id), (held.made.clone(), id)])?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match std::fs::hard_link(&held.made, &held.lock) {
                Ok(()) => return Ok(held),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    held.file = None;
                    let _ = std::fs::remove_file(&held.made);
                    return Err(Error::env(format!(
                        "could not create {}: {e}; nothing was recorded",
                        held.lock.display()
                    )));
                }
            }
            // How long the lock has been held: since we first saw it, or since it was made.
            let age = std::fs::metadata(&held.lock)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| SystemTime::now().duration_since(t).ok())
                .unwrap_or_default()
                .max(start.elapsed());
            if age >= limit {
                return Err(busy(&held.lock, age));
            }
            if !told && start.elapsed() >= Duration::from_millis(1000) {
                eprintln!(
                    "ledger: waiting for a git command to release {}...",
                    held.lock.display()
                );
                told = true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.lock
    }

    /// The lock file's identity, for the journal.
    pub fn id(&self) -> FileId {
        self.id
    }

    /// The index as it is now (nobody else can change it while the lock is held), if it is in a
    /// form [`IndexFile`] reads.
    pub fn read(&self) -> Option<IndexFile> {
        IndexFile::read(&self.index)
    }

    /// Writes the index with `changes` applied into the lock file and renames it into place,
    /// which releases the lock. An index [`IndexFile`] declines goes through libgit2, on a copy
    /// in `scratch` (libgit2 would otherwise take the lock this process holds).
    pub fn commit(mut self, changes: &[(String, Option<NewEntry>)], scratch: &Path) -> Result<()> {
        let file = self.file.take().expect("an uncommitted lock has its file");
        let written = match self.read() {
            Some(index) => {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
                index
                    .write_patched(changes, &mut w)
                    .and_then(|_| w.flush())
                    .map_err(Error::from)
            }
            None => through_libgit2(&self.index, changes, scratch)
                .and_then(|bytes| Ok({ file }.write_all(&bytes)?)),
        };
        // The lock's own name goes first, so the index never has a second name.
        let _ = std::fs::remove_file(&self.made);
        let renamed = written.and_then(|_| Ok(std::fs::rename(&self.lock, &self.index)?));
        if renamed.is_err() {
            self.remove();
        }
        renamed
    }

    fn remove(&self) {
        if file_id(&self.lock) == Some(self.id) {
            let _ = std::fs::remove_file(&self.lock);
        }
        let _ = std::fs::remove_file(&self.made);
    }
}

impl Drop for IndexLock {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            self.remove();
        } else {
            let _ = std::fs::remove_file(&self.made);
        }
    }
}

/// The error for a lock held too long: what holds it, for how long, and what to do.
fn busy(lock: &Path, held: Duration) -> Error {
    Error::env(format!(
        "git's index is locked by another process ({} held for {} s); nothing was recorded",
        lock.display(),
        held.as_secs()
    ))
    .of_kind(ErrorKind::LockTimeout)
    .hint(format!(
        "run the command again when the git command finishes; if no git command is running, a crashed git left the lock: remove {} and run it again",
        lock.display()
    ))
}

/// The bytes of the index at `index` with `changes` applied, written by libgit2 on a copy.
fn through_libgit2(
    index: &Path,
    changes: &[(String, Option<NewEntry>)],
    scratch: &Path,
) -> Result<Vec<u8>> {
    let copy = scratch.join("index.work");
    let _ = std::fs::remove_file(&copy);
    if index.exists() {
        std::fs::copy(index, &copy)?;
    }
    let mut idx = git2::Index::open(&copy)?;
    for (path, new) in changes {
        match new {
            Some(e) => idx.add(&entry(path, e))?,
            None => {
                let _ = idx.remove_path(Path::new(path));
            }
        }
    }
    idx.write()?;
    let bytes = std::fs::read(&copy)?;
    let _ = std::fs::remove_file(&copy);
    Ok(bytes)
}

/// A stage-0 index entry for `path` with the work-tree file's stat data.
fn entry(path: &str, e: &NewEntry) -> git2::IndexEntry {
    let m = &e.meta;
    // Index stat fields are 32 bits wide; git keeps the low bits.
    git2::IndexEntry {
        ctime: git2::IndexTime::new(m.ctime() as i32, m.ctime_nsec() as u32),
        mtime: git2::IndexTime::new(m.mtime() as i32, m.mtime_nsec() as u32),
        dev: m.dev() as u32,
        ino: m.ino() as u32,
        mode: if m.mode() & 0o111 != 0 {
            0o100755
        } else {
            0o100644
        },
        uid: m.uid(),
        gid: m.gid(),
        file_size: m.len() as u32,
        id: e.oid,
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}
