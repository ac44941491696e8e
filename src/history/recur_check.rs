//! Whether the recurring-commitment catch-up can be skipped: what it finds depends only on the
//! series' records and the day, so once it ran (or was skipped) for a commit on a day, a later
//! commit that changed no record of a series needs no new look. This keeps every change cheap
//! on a large ledger, where the look reads the open commitments of the whole ledger.
//!
//! The stamp (`.git/ledger/cache/recur-checked`) holds the day and the commit last looked at.
//! It is only ever a reason to skip: when it is missing, damaged, of another day, or the
//! commits since it are not plain commits that leave every series alone (a merge, a sync, a
//! reset to elsewhere), the catch-up looks again.

use chrono::NaiveDate;
use git2::Oid;

use super::cache;
use crate::model::Record;
use crate::store::{codec, diff, layout, Ledger};

/// How many commits past the stamp are followed before looking again instead.
const FOLLOW: usize = 32;

fn file(ledger: &Ledger) -> std::path::PathBuf {
    cache::ledger_file(ledger, "recur-checked")
}

fn read(ledger: &Ledger) -> Option<(NaiveDate, Oid)> {
    let text = std::fs::read_to_string(file(ledger)).ok()?;
    let (day, commit) = text.trim().split_once(' ')?;
    Some((day.parse().ok()?, Oid::from_str(commit).ok()?))
}

/// Notes that the catch-up looked at `head` on `day` (or found nothing to do there).
pub fn mark(ledger: &Ledger, head: Oid, day: NaiveDate) {
    let path = file(ledger);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    if std::fs::write(&tmp, format!("{day} {head}\n")).is_ok()
        && std::fs::rename(&tmp, &path).is_err()
    {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// True when the catch-up already looked on `day` at `head` or at an ancestor reached from
/// `head` by plain (one-parent) commits that changed no record of a recurring series.
pub fn still_checked(ledger: &Ledger, head: Oid, day: NaiveDate) -> bool {
    let Some((stamped_day, stamped)) = read(ledger) else {
        return false;
    };
    if stamped_day != day {
        return false;
    }
    let repo = &ledger.repo;
    let mut at = head;
    for _ in 0..=FOLLOW {
        if at == stamped {
            return true;
        }
        let Ok(c) = repo.find_commit(at) else {
            return false;
        };
        if c.parent_count() != 1 {
            return false;
        }
        let Ok(parent) = c.parent(0) else {
            return false;
        };
        if touches_a_series(ledger, &parent, &c).unwrap_or(true) {
            return false;
        }
        at = parent.id();
    }
    false
}

/// True when `c` changed a commitment that is, or was, part of a series (or a file that does
/// not read).
fn touches_a_series(
    ledger: &Ledger,
    parent: &git2::Commit<'_>,
    c: &git2::Commit<'_>,
) -> crate::Result<bool> {
    let repo = &ledger.repo;
    let (before, after) = (parent.tree()?, c.tree()?);
    for path in diff::changed_paths(repo, Some(&before), Some(&after))? {
        let Some(rel) = path.strip_prefix(ledger.prefix.as_str()) else {
            continue;
        };
        let layout::PathRole::Record(kind, _) = layout::classify(rel) else {
            continue;
        };
        for tree in [&before, &after] {
            let Ok(entry) = tree.get_path(std::path::Path::new(&path)) else {
                continue;
            };
            let blob = repo.find_blob(entry.id())?;
            match codec::parse_record(kind, blob.content()) {
                Ok(Record::Commitment(c)) if c.series.is_some() || c.every.is_some() => {
                    return Ok(true)
                }
                Ok(_) => {}
                Err(_) => return Ok(true),
            }
        }
    }
    Ok(false)
}
