//! The latest concurrent edits of a field in a commit graph: the edits no other edit has seen.
//! The merge decides a free-text field from these, not from the three versions it is handed, so
//! the result depends only on which edits exist and what each had seen (the same on every clone
//! whatever order they sync in), not on which merges happened to be made on the way.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

use serde_json::Value;

/// For each contested field, the values of its latest concurrent edits (one per edit, so a
/// value written by two edits appears twice; the merge's choice does not depend on that).
pub type Frontier = BTreeMap<String, Vec<Value>>;

/// Finds, for each of `keys`, the edits of that field that no later edit has seen: the commit
/// of each, and the value it wrote.
///
/// `topo` yields the commits reachable from `tips`, every commit before its parents
/// (git's topological order). `value(c, key)` is the field's value at commit `c`, or `None`
/// when the record is absent or cannot be read there. A commit *edits* a field when its value
/// differs from the value in every one of its parents (so a merge that kept one side's value
/// edits nothing, and a record's creation is its first edit).
///
/// The walk paints the ancestors of every edit found ("seen") and stops as soon as every commit
/// still to visit is seen for every key: only the recent part of a long history is read.
pub fn frontier<C, K>(
    tips: &[C],
    topo: impl IntoIterator<Item = C>,
    parents: impl Fn(&C) -> Vec<C>,
    mut value: impl FnMut(&C, &K) -> Option<Value>,
    keys: &[K],
) -> BTreeMap<K, Vec<(C, Value)>>
where
    C: Eq + Hash + Clone,
    K: Ord + Clone,
{
    let mut out: BTreeMap<K, Vec<(C, Value)>> = BTreeMap::new();
    if keys.is_empty() {
        return out;
    }
    let all: Vec<usize> = (0..keys.len()).collect();
    // Commits met as a parent but not visited yet, with the keys they are known to be seen for.
    let mut pending: HashMap<C, HashSet<usize>> =
        tips.iter().map(|t| (t.clone(), HashSet::new())).collect();
    for c in topo {
        let seen = pending.remove(&c).unwrap_or_default();
        let open: Vec<usize> = all.iter().copied().filter(|k| !seen.contains(k)).collect();
        let ps = parents(&c);
        let mut passed = seen;
        for k in open {
            let v = value(&c, &keys[k]);
            let Some(v) = v else { continue };
            let edited = ps.iter().all(|p| value(p, &keys[k]).as_ref() != Some(&v));
            if edited {
                out.entry(keys[k].clone()).or_default().push((c.clone(), v));
                passed.insert(k);
            }
        }
        for p in ps {
            pending.entry(p).or_default().extend(passed.iter().copied());
        }
        // Every commit still to visit is an ancestor of a pending one: once all of those are
        // seen for every key, no edit found further back could be the latest.
        if pending.values().all(|s| s.len() == keys.len()) {
            break;
        }
    }
    out
}

/// The value a contested plain field takes: the largest content hash among the latest edits.
pub fn pick_plain(values: &[Value]) -> Option<&Value> {
    values.iter().max_by_key(|v| super::merge::content_hash(v))
}

/// The value a contested date that keeps the later one takes: the latest date among the latest
/// edits, then the largest content hash.
pub fn pick_later(values: &[Value]) -> Option<&Value> {
    values.iter().max_by_key(|v| {
        (
            v.as_str().unwrap_or("").to_string(),
            super::merge::content_hash(v),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small graph: parents by index, and one field's value at each commit.
    struct Graph {
        parents: Vec<Vec<usize>>,
        values: Vec<Option<&'static str>>,
    }

    impl Graph {
        fn frontier(&self, tips: &[usize]) -> Vec<Value> {
            let mut reach: Vec<usize> = Vec::new();
            let mut stack = tips.to_vec();
            while let Some(c) = stack.pop() {
                if !reach.contains(&c) {
                    reach.push(c);
                    stack.extend(&self.parents[c]);
                }
            }
            reach.sort_unstable_by(|a, b| b.cmp(a));
            let mut f = frontier(
                tips,
                reach,
                |c| self.parents[*c].clone(),
                |c, _k: &&str| self.values[*c].map(Value::from),
                &["what"],
            );
            let mut v: Vec<Value> = f
                .remove("what")
                .unwrap_or_default()
                .into_iter()
                .map(|(_, v)| v)
                .collect();
            v.sort_by_key(|v| v.to_string());
            v
        }
    }

    #[test]
    fn an_edit_made_after_a_merge_replaces_what_that_merge_had_seen() {
        // 0 creates; 1 (A) and 2 (B) edit concurrently; 3 merges them keeping B's text; 4 edits
        // again on A; 5 (C) edited concurrently with all of it.
        let g = Graph {
            parents: vec![vec![], vec![0], vec![0], vec![1, 2], vec![3], vec![0]],
            values: vec![
                Some("t0"),
                Some("tA"),
                Some("tB"),
                Some("tB"),
                Some("tA2"),
                Some("tC"),
            ],
        };
        assert_eq!(g.frontier(&[4, 5]), vec![Value::from("tA2"), "tC".into()]);
        // The merge itself edited nothing, and the creation is below every edit.
        assert_eq!(g.frontier(&[3]), vec![Value::from("tA"), "tB".into()]);
    }

    #[test]
    fn a_merge_that_writes_a_new_text_is_an_edit() {
        let g = Graph {
            parents: vec![vec![], vec![0], vec![0], vec![1, 2]],
            values: vec![Some("t0"), Some("tA"), Some("tB"), Some("by hand")],
        };
        assert_eq!(g.frontier(&[3]), vec![Value::from("by hand")]);
    }
}
