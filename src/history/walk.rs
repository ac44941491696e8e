//! One record's commits without the history index: a walk of every commit that reads, per
//! commit, only the trees on that record's path, and only while their ids differ from the
//! parent's. This is how `history ID` and `show ID` answer on a fresh clone (seconds at
//! 189,000 commits) instead of building the index of every record first (half a minute).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use git2::{ObjectType, Oid, Repository, Sort};

use crate::error::Result;
use crate::store::Ledger;

/// Commits reachable from `from` whose entry at `path` (ledger-relative) differs from some
/// parent's (for a root commit: that have it), parents before children: the commits the history
/// index would list for `path`, in the order a fresh index lists them.
pub fn commits(ledger: &Ledger, from: Oid, path: &str) -> Result<Vec<Oid>> {
    *WALKED.lock().unwrap_or_else(|e| e.into_inner()) = Some(ledger.root.clone());
    super::load::fast_reads();
    let repo = &ledger.repo;
    let full = ledger.repo_path(path);
    let parts: Vec<&str> = full.split('/').filter(|p| !p.is_empty()).collect();
    let mut walk = repo.revwalk()?;
    walk.push(from)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
    let order = walk.collect::<std::result::Result<Vec<Oid>, _>>()?;
    // Each commit's entry is independent of the others': two threads, each with its own handle.
    // libgit2's object cache is off meanwhile (nearly every root tree is read once; the folders
    // below are remembered by `Finder`), as when the index is built.
    git2::opts::enable_caching(false);
    let read = if order.len() < 2000 {
        read_entries(repo, &parts, &order)
    } else {
        let (a, b) = order.split_at(order.len() / 2);
        let git_dir = repo.path().to_path_buf();
        let parts = &parts;
        std::thread::scope(|s| {
            let other = s.spawn(move || -> Result<Vec<Read>> {
                read_entries(&Repository::open(&git_dir)?, parts, b)
            });
            let mut mine = read_entries(repo, parts, a)?;
            mine.extend(other.join().expect("walking thread")?);
            Ok::<_, crate::Error>(mine)
        })
    };
    git2::opts::enable_caching(true);
    let read = read?;
    let at: HashMap<Oid, Option<Oid>> = order
        .iter()
        .zip(&read)
        .map(|(oid, r)| (*oid, r.entry))
        .collect();
    let mut out = Vec::new();
    for (oid, r) in order.iter().zip(&read) {
        let changed = match r.parents.is_empty() {
            true => r.entry.is_some(),
            // Every parent is in the walk: it starts from one tip.
            false => r
                .parents
                .iter()
                .any(|p| at.get(p).copied().flatten() != r.entry),
        };
        if changed {
            out.push(*oid);
        }
    }
    Ok(out)
}

/// The root of the ledger this process walked (had no history index for), if it did.
static WALKED: Mutex<Option<PathBuf>> = Mutex::new(None);

/// The root folder of the ledger whose history this process walked for want of an index: the
/// front end then has the index built in the background, so the next query finds it.
pub fn walked() -> Option<PathBuf> {
    WALKED.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// One commit as the walk needs it: its entry at the path, and its parents.
struct Read {
    entry: Option<Oid>,
    parents: Vec<Oid>,
}

fn read_entries(repo: &Repository, parts: &[&str], commits: &[Oid]) -> Result<Vec<Read>> {
    let mut finder = Finder {
        repo,
        parts,
        below: HashMap::new(),
    };
    let mut out = Vec::with_capacity(commits.len());
    for &oid in commits {
        let commit = repo.find_commit(oid)?;
        out.push(Read {
            entry: finder.entry(commit.tree_id())?,
            parents: commit.parent_ids().collect(),
        });
    }
    Ok(out)
}

/// Finds the entry at a fixed path in root trees, remembering the answer for every folder below
/// the root by its id: most commits change a folder other than the record's, so their answer
/// is one root tree read and a lookup.
struct Finder<'a, 'r> {
    repo: &'r Repository,
    parts: &'a [&'a str],
    /// (depth, folder id) -> the entry's id below it.
    below: HashMap<(usize, Oid), Option<Oid>>,
}

impl Finder<'_, '_> {
    fn entry(&mut self, root: Oid) -> Result<Option<Oid>> {
        self.at(0, root)
    }

    fn at(&mut self, depth: usize, tree: Oid) -> Result<Option<Oid>> {
        if depth > 0 {
            if let Some(found) = self.below.get(&(depth, tree)) {
                return Ok(*found);
            }
        }
        let t = self.repo.find_tree(tree)?;
        let (last, next) = match t.get_name(self.parts[depth]) {
            None => (true, None),
            Some(e) if depth + 1 == self.parts.len() => (true, Some(e.id())),
            Some(e) if e.kind() == Some(ObjectType::Tree) => (false, Some(e.id())),
            Some(_) => (true, None),
        };
        let found = match (last, next) {
            (false, Some(id)) => self.at(depth + 1, id)?,
            (_, found) => found,
        };
        if depth > 0 {
            self.below.insert((depth, tree), found);
        }
        Ok(found)
    }
}
