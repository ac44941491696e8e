//! Git's lock files, taken the way git takes them and provably ledger's own: above all the
//! index lock (`.git/index.lock`), held by a change from before the branch moves until the
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

/// A git lock file (`FILE.lock` beside `FILE`), made under a name of ledger's own in its state
/// folder and then hard-linked into place, which either succeeds whole or fails when the lock
/// exists. `record` is told the lock's identity before the link, so a journal names it before
/// it can exist: whenever this process is killed, a lock it leaves is provably its own.
pub struct LockFile {
    target: PathBuf,
    lock: PathBuf,
    /// The lock's second name in the ledger's state folder, under which it was made.
    made: PathBuf,
    file: Option<File>,
    id: FileId,
}

impl LockFile {
    /// Takes `target`'s lock, waiting while another process holds it. A lock held for longer
    /// than `limit` is reported, never removed: it may belong to a git command still running.
    pub fn acquire(
        target: &Path,
        state: &Path,
        limit: Duration,
        record: impl FnOnce(&[(PathBuf, FileId)]) -> Result<()>,
    ) -> Result<LockFile> {
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(".lock");
        let lock = target.with_file_name(&name);
        name.push(format!(".{}", std::process::id()));
        let made = state.join(name);
        if let Some(dir) = lock.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let _ = std::fs::remove_file(&made);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&made)?;
        let id = file_id(&made)
            .ok_or_else(|| Error::env(format!("{} vanished as it was made", made.display())))?;
        let held = LockFile {
            target: target.to_path_buf(),
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
                    return Err(Error::env(format!(
                        "could not create {}: {e}; nothing was recorded",
                        held.lock.display()
                    )))
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

    /// Writes the new content of the locked file with `write` and renames the lock over it,
    /// which releases the lock. On failure the lock is removed and the file is as it was.
    pub fn commit(mut self, write: impl FnOnce(&mut File) -> Result<()>) -> Result<()> {
        let mut file = self.file.take().expect("an uncommitted lock has its file");
        let written = write(&mut file).and_then(|_| Ok(file.flush()?));
        drop(file);
        // The lock's own name goes first, so the file never keeps a second name.
        let _ = std::fs::remove_file(&self.made);
        let renamed = written.and_then(|_| Ok(std::fs::rename(&self.lock, &self.target)?));
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

impl Drop for LockFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            self.remove();
        } else {
            let _ = std::fs::remove_file(&self.made);
        }
    }
}

/// `index.lock`, held from before the branch moves until the new index is in place.
pub struct IndexLock(LockFile);

impl IndexLock {
    /// Takes `index.lock` in `git_dir` (see [`LockFile::acquire`]).
    pub fn acquire(
        git_dir: &Path,
        state: &Path,
        limit: Duration,
        record: impl FnOnce(&[(PathBuf, FileId)]) -> Result<()>,
    ) -> Result<IndexLock> {
        LockFile::acquire(&git_dir.join("index"), state, limit, record).map(IndexLock)
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// The lock file's identity, for the journal.
    pub fn id(&self) -> FileId {
        self.0.id()
    }

    /// The index as it is now (nobody else can change it while the lock is held), if it is in a
    /// form [`IndexFile`] reads.
    pub fn read(&self) -> Option<IndexFile> {
        IndexFile::read(&self.0.target)
    }

    /// Writes the index with `changes` applied into the lock file and renames it into place,
    /// which releases the lock. An index [`IndexFile`] declines goes through libgit2, on a copy
    /// in `scratch` (libgit2 would otherwise take the lock this process holds).
    pub fn commit(self, changes: &[(String, Option<NewEntry>)], scratch: &Path) -> Result<()> {
        let index = self.read();
        let target = self.0.target.clone();
        self.0.commit(|file| match index {
            Some(index) => {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
                index.write_patched(changes, &mut w)?;
                Ok(w.flush()?)
            }
            None => Ok(file.write_all(&through_libgit2(&target, changes, scratch)?)?),
        })
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
