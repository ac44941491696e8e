//! The journal of a change in progress: which commit it is moving the branch to, which files it
//! writes, which process is doing it and which of git's lock files it holds, so that the next
//! command can finish or forget a change whose process was killed, and take over only the locks
//! that provably belong to that dead process.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use git2::Oid;

use crate::error::Result;

/// The first line of a journal in this format; a journal without it is from an older build.
const HEADER: &str = "ledger-journal 2";

/// A process, named so that a reused pid is not mistaken for it: its id and its start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Owner {
    pub pid: u32,
    /// Clock ticks after boot at which the process started (`/proc/PID/stat`), when known.
    pub start: Option<u64>,
}

impl Owner {
    /// This process.
    pub fn me() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            start: start_time(pid),
        }
    }

    /// True while the process is running: the pid exists and, where the system tells start
    /// times, it started when this owner did.
    pub fn alive(&self) -> bool {
        let Ok(pid) = i32::try_from(self.pid) else {
            return false;
        };
        // SAFETY: kill with signal 0 sends nothing; it only asks whether the pid exists.
        let exists = unsafe { libc::kill(pid, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if !exists {
            return false;
        }
        match (self.start, start_time(self.pid)) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The start time of a process from `/proc/PID/stat` (field 22), on systems that have it.
fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(19)?.parse().ok()
}

/// A lock file's identity (device and inode): a lock removed and made again by someone else is
/// a different file, so it is never taken for ours.
pub type FileId = (u64, u64);

/// The identity of the file at `path`, if it exists.
pub fn file_id(path: &Path) -> Option<FileId> {
    std::fs::symlink_metadata(path)
        .ok()
        .map(|m| (m.dev(), m.ino()))
}

/// What a change in progress is doing.
#[derive(Debug)]
pub struct Journal {
    /// The process making the change (unknown for a journal of an older build).
    pub owner: Option<Owner>,
    /// The branch's commit before the change.
    pub parent: Option<Oid>,
    /// The commit the branch is being moved to, once it is made.
    pub commit: Option<Oid>,
    /// Repository paths the change writes.
    pub paths: Vec<String>,
    /// Git's lock files the owner holds, with their identities.
    pub locks: Vec<(PathBuf, FileId)>,
}

impl Journal {
    fn file(state: &Path) -> PathBuf {
        state.join("journal")
    }

    /// Writes the journal, renamed into place; `durable` flushes it to disk first (what a
    /// power cut must not lose; a killed process loses nothing it wrote either way).
    pub fn save(&self, state: &Path, durable: bool) -> Result<()> {
        let mut text = format!("{HEADER}\n");
        if let Some(o) = self.owner {
            let start = o.start.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
            text.push_str(&format!("owner {} {start}\n", o.pid));
        }
        let parent = self.parent.map(|p| p.to_string());
        text.push_str(&format!("parent {}\n", parent.as_deref().unwrap_or("-")));
        if let Some(c) = self.commit {
            text.push_str(&format!("commit {c}\n"));
        }
        for (path, id) in &self.locks {
            text.push_str(&lock_line(path, *id));
        }
        for p in &self.paths {
            text.push_str(&format!("path {p}\n"));
        }
        let tmp = state.join("journal.tmp");
        std::fs::write(&tmp, text)?;
        if durable {
            std::fs::File::open(&tmp)?.sync_all()?;
        }
        std::fs::rename(tmp, Self::file(state))?;
        Ok(())
    }

    /// Adds a lock the owner now holds. Appended without a flush to disk: the line matters only
    /// if this process is killed, and a killed process's writes are kept by the system.
    pub fn add_lock(&mut self, state: &Path, path: &Path, id: FileId) -> Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(Self::file(state))?;
        f.write_all(lock_line(path, id).as_bytes())?;
        self.locks.push((path.to_path_buf(), id));
        Ok(())
    }

    /// The journal left by a change that did not finish, if any.
    pub fn load(state: &Path) -> Result<Option<Journal>> {
        let text = match std::fs::read_to_string(Self::file(state)) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Ok(Self::parse_v1(&text));
        }
        let mut j = Journal {
            owner: None,
            parent: None,
            commit: None,
            paths: Vec::new(),
            locks: Vec::new(),
        };
        for line in lines {
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "owner" => {
                    let mut w = rest.split(' ');
                    let pid = w.next().and_then(|p| p.parse().ok());
                    let start = w.next().and_then(|s| s.parse().ok());
                    j.owner = pid.map(|pid| Owner { pid, start });
                }
                "parent" => j.parent = Oid::from_str(rest).ok(),
                "commit" => j.commit = Oid::from_str(rest).ok(),
                "lock" => {
                    let mut w = rest.splitn(3, ' ');
                    let dev = w.next().and_then(|d| d.parse().ok());
                    let ino = w.next().and_then(|i| i.parse().ok());
                    if let (Some(dev), Some(ino), Some(p)) = (dev, ino, w.next()) {
                        j.locks.push((PathBuf::from(p), (dev, ino)));
                    }
                }
                "path" => j.paths.push(rest.to_string()),
                _ => {}
            }
        }
        Ok(Some(j))
    }

    /// A journal of the first format: parent, commit, then paths, one a line; no owner.
    fn parse_v1(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        let parent = lines
            .next()
            .filter(|s| !s.is_empty())
            .and_then(|s| Oid::from_str(s).ok());
        let commit = lines.next().and_then(|s| Oid::from_str(s).ok())?;
        Some(Journal {
            owner: None,
            parent,
            commit: Some(commit),
            paths: lines.map(str::to_string).collect(),
            locks: Vec::new(),
        })
    }

    /// Removes the journal: the change is finished or forgotten.
    pub fn clear(state: &Path) -> Result<()> {
        match std::fs::remove_file(Self::file(state)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}

fn lock_line(path: &Path, (dev, ino): FileId) -> String {
    format!("lock {dev} {ino} {}\n", path.display())
}

/// A point on the write path where tests kill the process: when `LEDGER_CRASH_AT` names `step`,
/// the process sends itself SIGKILL, so nothing is cleaned up, exactly as `kill -9` would leave it.
pub fn crash_point(step: &str) {
    if std::env::var_os("LEDGER_CRASH_AT").is_some_and(|s| s == step) {
        // SAFETY: sends a signal to this very process; it does not return.
        unsafe {
            libc::kill(libc::getpid(), libc::SIGKILL);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_round_trips_with_its_owner_and_locks() {
        let dir = tempfile::tempdir().unwrap();
        let commit = Oid::from_str("0123456789abcdef0123456789abcdef01234567").unwrap();
        let mut j = Journal {
            owner: Some(Owner::me()),
            parent: None,
            commit: Some(commit),
            paths: vec!["led/asks/2026/03/ask-x.yaml".into()],
            locks: vec![(PathBuf::from("/r/.git/index.lock"), (1, 2))],
        };
        j.save(dir.path(), true).unwrap();
        j.add_lock(
            dir.path(),
            Path::new("/r/.git/refs/heads/my main.lock"),
            (3, 4),
        )
        .unwrap();
        let back = Journal::load(dir.path()).unwrap().unwrap();
        assert_eq!(back.owner, Some(Owner::me()));
        assert_eq!(back.commit, Some(commit));
        assert_eq!(back.parent, None);
        assert_eq!(back.paths, j.paths);
        assert_eq!(back.locks, j.locks);
        assert!(back.owner.unwrap().alive());
    }

    #[test]
    fn a_dead_or_reused_pid_is_not_alive() {
        let me = Owner::me();
        if me.start.is_some() {
            let reused = Owner {
                pid: me.pid,
                start: me.start.map(|s| s + 1),
            };
            assert!(!reused.alive());
        }
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert!(!Owner { pid, start: None }.alive());
    }

    #[test]
    fn a_journal_of_the_first_format_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let c = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(dir.path().join("journal"), format!("\n{c}\na/b.yaml\n")).unwrap();
        let j = Journal::load(dir.path()).unwrap().unwrap();
        assert_eq!(j.owner, None);
        assert_eq!(j.paths, vec!["a/b.yaml".to_string()]);
    }
}
