//! When a commit's content became known. A commit's date is whatever its maker's clock (or
//! `GIT_COMMITTER_DATE`) said, so a backdated commit could make a record look known before it
//! existed. Its *effective* time is never earlier than its parents': the latest committer time
//! of the commit and everything in its past. `--as-of` answers from the last commit whose
//! effective time falls on or before the day, so a backdated commit counts from the time of the
//! history it was added to.
//!
//! Times are seconds as git stores them, in each commit's own time zone (as `--as-of` counts
//! days); any 64-bit value is handled, so a commit dated in the year 3,000,000 answers as the
//! far future and never stops a query.

use std::collections::HashMap;

use chrono::NaiveDate;
use git2::{Oid, Repository, Sort};

use crate::error::Result;
use crate::store::Ledger;

/// A commit's own time on its committer's wall clock, in seconds.
fn local(c: &git2::Commit<'_>) -> i64 {
    let t = c.committer().when();
    t.seconds()
        .saturating_add(i64::from(t.offset_minutes()).saturating_mul(60))
}

/// The effective time of every commit reachable from `head`.
pub fn effective_times(repo: &Repository, head: Oid) -> Result<HashMap<Oid, i64>> {
    let mut walk = repo.revwalk()?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    walk.push(head)?;
    let mut eff: HashMap<Oid, i64> = HashMap::new();
    for oid in walk {
        let oid = oid?;
        let c = repo.find_commit(oid)?;
        let t = c
            .parent_ids()
            .filter_map(|p| eff.get(&p).copied())
            .fold(local(&c), i64::max);
        eff.insert(oid, t);
    }
    Ok(eff)
}

/// The last commit (following first parents from HEAD) whose content was known by the end of
/// `date`: effective time on or before 23:59:59 that day. `None` when nothing was.
pub fn commit_as_of(ledger: &Ledger, date: NaiveDate) -> Result<Option<Oid>> {
    let Some(head) = ledger.head()? else {
        return Ok(None);
    };
    let end = date
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc().timestamp())
        .unwrap_or(i64::MAX);
    let repo = &ledger.repo;
    // The first-parent chain only grows in effective time, so the answer is its first commit
    // (from HEAD back) at or before the end of the day. The effective times are only needed
    // when a commit on the chain claims to be that old.
    let mut commit = head;
    let mut eff: Option<HashMap<Oid, i64>> = None;
    loop {
        if local(&commit) <= end {
            let times = match &eff {
                Some(t) => t,
                None => eff.insert(effective_times(repo, commit.id())?),
            };
            if times.get(&commit.id()).is_some_and(|&t| t <= end) {
                return Ok(Some(commit.id()));
            }
        }
        match commit.parent(0) {
            Ok(p) => commit = p,
            Err(_) => return Ok(None),
        }
    }
}
