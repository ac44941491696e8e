//! One writer at a time: an advisory lock on `.git/ledger/lock`, released by the OS when the
//! holder exits, so a killed process never leaves a stale lock behind.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

/// Held while a command writes; dropping it releases the lock.
#[derive(Debug)]
pub struct WriteLock {
    _file: File,
}

/// How long a writer waits for another before giving up (`LEDGER_LOCK_TIMEOUT`, seconds, a
/// number from 0 to 86400; 30 when unset).
pub fn timeout() -> Result<Duration> {
    let Ok(raw) = std::env::var("LEDGER_LOCK_TIMEOUT") else {
        return Ok(Duration::from_secs(30));
    };
    match raw.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.0..=86_400.0).contains(&s) => Ok(Duration::from_secs_f64(s)),
        _ => Err(Error::user(format!(
            "LEDGER_LOCK_TIMEOUT={raw:?} is not a number of seconds from 0 to 86400"
        ))
        .hint("set it to how long a command may wait for another, e.g. LEDGER_LOCK_TIMEOUT=30, or unset it")),
    }
}

/// Takes the write lock, waiting for another writer if there is one.
pub fn acquire(state_dir: &Path) -> Result<WriteLock> {
    let limit = timeout()?;
    std::fs::create_dir_all(state_dir)?;
    let path = state_dir.join("lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    let start = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriteLock { _file: file }),
            Err(TryLockError::Error(e)) => return Err(e.into()),
            Err(TryLockError::WouldBlock) => {}
        }
        let waited = start.elapsed();
        if waited >= limit {
            return Err(Error::env(format!(
                "another ledger command has been writing for {:.0} s (lock {}); gave up",
                waited.as_secs_f64(),
                path.display()
            ))
            .of_kind(ErrorKind::LockTimeout)
            .hint("try again in a moment; if no ledger command is running, the lock is free and this will not repeat"));
        }
        if !told && waited >= Duration::from_millis(1000) {
            eprintln!("ledger: waiting for another ledger command to finish...");
            told = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
