//! Which files differ between two trees, descending only into folders whose ids differ (cheap
//! at any ledger size, unlike a full tree-to-tree diff).

use git2::{ObjectType, Repository, Tree};

use crate::error::Result;

/// Repository paths of the files that differ between `a` and `b` (added, changed or removed).
pub fn changed_paths(
    repo: &Repository,
    a: Option<&Tree<'_>>,
    b: Option<&Tree<'_>>,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    walk(repo, a, b, "", &mut out)?;
    Ok(out)
}

fn walk(
    repo: &Repository,
    a: Option<&Tree<'_>>,
    b: Option<&Tree<'_>>,
    base: &str,
    out: &mut Vec<String>,
) -> Result<()> {
    if a.map(|t| t.id()) == b.map(|t| t.id()) {
        return Ok(());
    }
    // A month's folder holds hundreds of records: collect names in a set, not by a search.
    let mut names = std::collections::BTreeSet::new();
    for t in [a, b].into_iter().flatten() {
        for e in t.iter() {
            if let Some(n) = e.name() {
                names.insert(n.to_string());
            }
        }
    }
    for name in names {
        let ea = a.and_then(|t| t.get_name(&name));
        let eb = b.and_then(|t| t.get_name(&name));
        if ea.as_ref().map(|e| (e.id(), e.filemode()))
            == eb.as_ref().map(|e| (e.id(), e.filemode()))
        {
            continue;
        }
        let path = format!("{base}{name}");
        let sub = |e: &Option<git2::TreeEntry<'_>>| -> Result<Option<Tree<'_>>> {
            Ok(match e {
                Some(e) if e.kind() == Some(ObjectType::Tree) => Some(repo.find_tree(e.id())?),
                _ => None,
            })
        };
        let (ta, tb) = (sub(&ea)?, sub(&eb)?);
        let file_a = ea
            .as_ref()
            .is_some_and(|e| e.kind() != Some(ObjectType::Tree));
        let file_b = eb
            .as_ref()
            .is_some_and(|e| e.kind() != Some(ObjectType::Tree));
        if file_a || file_b {
            out.push(path.clone());
        }
        if ta.is_some() || tb.is_some() {
            walk(repo, ta.as_ref(), tb.as_ref(), &format!("{path}/"), out)?;
        }
    }
    Ok(())
}
