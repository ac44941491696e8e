//! The one tree comparison: which files differ between two trees, descending only into folders
//! whose ids differ, so a commit costs the few trees it touched at any ledger size (unlike a full
//! tree-to-tree diff). Entries are compared in place, in git's order, with no search or set.
//!
//! Callers choose with [`Scope`] whether every file counts or only record files under the kind
//! folders, and may share a [`Memo`] of trees across consecutive commits (the history index and
//! `verify` walk thousands of commits whose parents' trees they have just read).

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::Path;

use git2::{ObjectType, Oid, Repository, Tree, TreeEntry};

use crate::error::Result;
use crate::model::Kind;

/// Which files a comparison reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every file that differs, wherever it is.
    All,
    /// Only files under the kind folders (`asks/`, `commitments/`, ...) at the top level: the
    /// record files, and whatever else was put among them.
    KindFolders,
}

/// A file that differs between two trees, with its blob on each side (`None` where it is
/// absent, or a folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Its path from the root of the trees compared.
    pub path: String,
    /// Its blob in the first tree.
    pub before: Option<Oid>,
    /// Its blob in the second tree.
    pub after: Option<Oid>,
}

/// Trees read for the current and the previous commit, by id. A commit's parent was usually the
/// commit just before it, so its trees are here.
#[derive(Default)]
pub struct Memo<'r> {
    now: HashMap<Oid, Tree<'r>>,
    before: HashMap<Oid, Tree<'r>>,
}

impl<'r> Memo<'r> {
    /// Starts the next commit: what the last one read is kept one more round.
    pub fn next(&mut self) {
        self.before = std::mem::take(&mut self.now);
    }

    /// The tree `id`, from the memo or the repository.
    pub fn tree(&mut self, repo: &'r Repository, id: Oid) -> Result<Tree<'r>> {
        let t = match self.now.get(&id).or_else(|| self.before.get(&id)) {
            Some(t) => t.clone(),
            None => repo.find_tree(id)?,
        };
        self.now.insert(id, t.clone());
        Ok(t)
    }
}

/// The ledger's folder in the tree `root` (the tree itself when `prefix` is empty, `None` when
/// the ledger's folder is missing from it).
pub fn ledger_tree<'r>(
    repo: &'r Repository,
    memo: &mut Memo<'r>,
    prefix: &str,
    root: Oid,
) -> Result<Option<Tree<'r>>> {
    let tree = memo.tree(repo, root)?;
    if prefix.is_empty() {
        return Ok(Some(tree));
    }
    match tree.get_path(Path::new(prefix.trim_end_matches('/'))) {
        Ok(e) if e.kind() == Some(ObjectType::Tree) => Ok(Some(memo.tree(repo, e.id())?)),
        _ => Ok(None),
    }
}

/// Paths of the files that differ between `a` and `b` (added, changed or removed), in git's
/// order.
pub fn changed_paths(
    repo: &Repository,
    a: Option<&Tree<'_>>,
    b: Option<&Tree<'_>>,
) -> Result<Vec<String>> {
    let mut memo = Memo::default();
    let mut out = Vec::new();
    changes(repo, &mut memo, a, b, Scope::All, &mut out)?;
    Ok(out.into_iter().map(|c| c.path).collect())
}

/// Adds to `out` every file in `scope` that differs between `a` and `b` (by blob or file mode),
/// reading only the folders whose ids differ.
pub fn changes<'r>(
    repo: &'r Repository,
    memo: &mut Memo<'r>,
    a: Option<&Tree<'_>>,
    b: Option<&Tree<'_>>,
    scope: Scope,
    out: &mut Vec<Change>,
) -> Result<()> {
    walk(repo, memo, a, b, "", scope, out)
}

fn walk<'r>(
    repo: &'r Repository,
    memo: &mut Memo<'r>,
    a: Option<&Tree<'_>>,
    b: Option<&Tree<'_>>,
    base: &str,
    scope: Scope,
    out: &mut Vec<Change>,
) -> Result<()> {
    if a.map(|t| t.id()) == b.map(|t| t.id()) {
        return Ok(());
    }
    let (la, lb) = (a.map_or(0, |t| t.len()), b.map_or(0, |t| t.len()));
    let (mut i, mut j) = (0, 0);
    while i < la || j < lb {
        let x = a.filter(|_| i < la).and_then(|t| t.get(i));
        let y = b.filter(|_| j < lb).and_then(|t| t.get(j));
        let order = match (&x, &y) {
            (Some(l), Some(r)) => git_order(l, r),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (left, right) = match order {
            Ordering::Less => (x, None),
            Ordering::Greater => (None, y),
            Ordering::Equal => (x, y),
        };
        if order != Ordering::Greater {
            i += 1;
        }
        if order != Ordering::Less {
            j += 1;
        }
        if let (Some(l), Some(r)) = (&left, &right) {
            if l.id() == r.id() && l.filemode() == r.filemode() {
                continue;
            }
        }
        let item = left.as_ref().or(right.as_ref()).expect("one side");
        let Some(name) = item.name() else { continue };
        if scope == Scope::KindFolders
            && base.is_empty()
            && !(is_tree(item) && Kind::from_folder(name).is_some())
        {
            continue;
        }
        let path = format!("{base}{name}");
        let sa = subtree(repo, memo, left.as_ref())?;
        let sb = subtree(repo, memo, right.as_ref())?;
        if sa.is_some() || sb.is_some() {
            walk(
                repo,
                memo,
                sa.as_ref(),
                sb.as_ref(),
                &format!("{path}/"),
                scope,
                out,
            )?;
        }
        // A file (on either side) changed, appeared or went away.
        let blob = |e: &Option<TreeEntry<'_>>| e.as_ref().filter(|e| !is_tree(e)).map(|e| e.id());
        let (before, after) = (blob(&left), blob(&right));
        if before.is_some() || after.is_some() {
            out.push(Change {
                path,
                before,
                after,
            });
        }
    }
    Ok(())
}

/// Git's order of tree entries: by name, a folder sorting as if its name ended in '/'.
fn git_order(a: &TreeEntry<'_>, b: &TreeEntry<'_>) -> Ordering {
    let (na, nb) = (a.name_bytes(), b.name_bytes());
    let n = na.len().min(nb.len());
    match na[..n].cmp(&nb[..n]) {
        Ordering::Equal => {
            let next = |name: &[u8], e: &TreeEntry<'_>| {
                name.get(n)
                    .copied()
                    .or(if is_tree(e) { Some(b'/') } else { None })
            };
            next(na, a).cmp(&next(nb, b))
        }
        other => other,
    }
}

fn is_tree(e: &TreeEntry<'_>) -> bool {
    e.kind() == Some(ObjectType::Tree)
}

fn subtree<'r>(
    repo: &'r Repository,
    memo: &mut Memo<'r>,
    item: Option<&TreeEntry<'_>>,
) -> Result<Option<Tree<'r>>> {
    let Some(it) = item.filter(|it| is_tree(it)) else {
        return Ok(None);
    };
    Ok(Some(memo.tree(repo, it.id())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(repo: &Repository, files: &[(&str, &str, i32)]) -> Oid {
        let mut idx = git2::Index::new().expect("index");
        for (path, text, mode) in files {
            let blob = repo.blob(text.as_bytes()).expect("blob");
            let mut e = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: *mode as u32,
                uid: 0,
                gid: 0,
                file_size: 0,
                id: blob,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            e.flags = (path.len() as u16) & 0xfff;
            idx.add(&e).expect("add");
        }
        idx.write_tree_to(repo).expect("tree")
    }

    #[test]
    fn finds_added_changed_removed_and_mode_changes_and_honours_the_scope() {
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init(dir.path()).expect("repo");
        let a = tree(
            &repo,
            &[
                ("asks/2026-11/a.yaml", "one", 0o100644),
                ("asks/2026-11/b.yaml", "two", 0o100644),
                ("ledger.yaml", "x", 0o100644),
                ("tool", "#!", 0o100644),
            ],
        );
        let b = tree(
            &repo,
            &[
                ("asks/2026-11/a.yaml", "one", 0o100644),
                ("asks/2026-11/b.yaml", "TWO", 0o100644),
                ("asks/2026-11/c.yaml", "three", 0o100644),
                ("ledger.yaml", "y", 0o100644),
                ("tool", "#!", 0o100755),
            ],
        );
        let (ta, tb) = (repo.find_tree(a).unwrap(), repo.find_tree(b).unwrap());
        let all = changed_paths(&repo, Some(&ta), Some(&tb)).unwrap();
        assert_eq!(
            all,
            [
                "asks/2026-11/b.yaml",
                "asks/2026-11/c.yaml",
                "ledger.yaml",
                "tool"
            ]
        );
        let mut memo = Memo::default();
        let mut out = Vec::new();
        changes(
            &repo,
            &mut memo,
            Some(&tb),
            Some(&ta),
            Scope::KindFolders,
            &mut out,
        )
        .unwrap();
        let paths: Vec<_> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["asks/2026-11/b.yaml", "asks/2026-11/c.yaml"]);
        assert!(out[1].before.is_some() && out[1].after.is_none());
        // Nothing differs between a tree and itself, and everything differs from nothing.
        assert!(changed_paths(&repo, Some(&ta), Some(&ta))
            .unwrap()
            .is_empty());
        assert_eq!(changed_paths(&repo, None, Some(&ta)).unwrap().len(), 4);
    }

    #[test]
    fn a_file_that_became_a_folder_is_reported_on_both_sides() {
        let dir = tempfile::tempdir().expect("tmp");
        let repo = Repository::init(dir.path()).expect("repo");
        let a = tree(&repo, &[("asks/x", "file", 0o100644)]);
        let b = tree(&repo, &[("asks/x/y.yaml", "inner", 0o100644)]);
        let (ta, tb) = (repo.find_tree(a).unwrap(), repo.find_tree(b).unwrap());
        assert_eq!(
            changed_paths(&repo, Some(&ta), Some(&tb)).unwrap(),
            ["asks/x", "asks/x/y.yaml"]
        );
    }
}
