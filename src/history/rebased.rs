//! Whether commits that a rewrite dropped live on unchanged in the branch: `git pull --rebase`
//! replays a clone's unpushed commits on top of what it fetched, with new ids but the same
//! author, the same message and the same ledger files. That is not a change to the audit trail;
//! an amend or a rebase that changes what a commit recorded is.

use std::collections::HashMap;
use std::path::Path;

use git2::{Commit, Oid, Repository};

use crate::error::Result;
use crate::store::{diff, Ledger};

/// Who made a commit, when, and what it says: what a rebase keeps.
type Key = (String, String, i64, String);

fn key(c: &Commit<'_>) -> Key {
    let a = c.author();
    (
        a.name().unwrap_or_default().to_string(),
        a.email().unwrap_or_default().to_string(),
        a.when().seconds(),
        c.message().unwrap_or_default().to_string(),
    )
}

/// The ledger files a commit changed against its first parent, with the blob each got.
fn ledger_changes(
    repo: &Repository,
    c: &Commit<'_>,
    prefix: &str,
) -> Result<Vec<(String, Option<Oid>)>> {
    let tree = c.tree()?;
    let parent = c.parent(0).ok().map(|p| p.tree()).transpose()?;
    let mut out: Vec<(String, Option<Oid>)> =
        diff::changed_paths(repo, parent.as_ref(), Some(&tree))?
            .into_iter()
            .filter(|p| p.starts_with(prefix))
            .map(|p| {
                let blob = tree.get_path(Path::new(&p)).ok().map(|e| e.id());
                (p, blob)
            })
            .collect();
    out.sort();
    Ok(out)
}

/// True when every commit reachable from `dropped` but not from `head` that changed ledger files
/// has a twin in `head`'s history since the two forked: the same author, author time and
/// message, and the same ledger files with the same content.
pub fn content_kept(ledger: &Ledger, dropped: Oid, head: Oid) -> Result<bool> {
    let repo = &ledger.repo;
    let mut walk = repo.revwalk()?;
    walk.push(dropped)?;
    walk.hide(head)?;
    let gone = walk.collect::<std::result::Result<Vec<Oid>, _>>()?;
    let mut walk = repo.revwalk()?;
    walk.push(head)?;
    if let Ok(base) = repo.merge_base(dropped, head) {
        walk.hide(base)?;
    }
    let mut twins: HashMap<Key, Vec<Oid>> = HashMap::new();
    for oid in walk {
        let oid = oid?;
        twins
            .entry(key(&repo.find_commit(oid)?))
            .or_default()
            .push(oid);
    }
    for oid in gone {
        let c = repo.find_commit(oid)?;
        let changes = ledger_changes(repo, &c, &ledger.prefix)?;
        if changes.is_empty() {
            continue;
        }
        let Some(candidates) = twins.get(&key(&c)) else {
            return Ok(false);
        };
        let mut found = false;
        for t in candidates {
            if ledger_changes(repo, &repo.find_commit(*t)?, &ledger.prefix)? == changes {
                found = true;
                break;
            }
        }
        if !found {
            return Ok(false);
        }
    }
    Ok(true)
}
