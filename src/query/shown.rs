//! What `show` reads, and nothing else: the records whose id starts with what was typed, the
//! records naming such an id, what those refer to, and, for a decision, its whole chain (read hop
//! by hop). On a warm cache this decodes a handful of records instead of the whole ledger.

use std::collections::HashSet;

use crate::history::view::Row;
use crate::model::{Decision, Record, RecordId};
use crate::query::resolve;
use crate::store::Snapshot;

/// True for a record `show` of an id starting with `prefix` looks at, given the ids of the
/// decision chain found so far.
pub fn needs(row: &Row<'_>, prefix: &str, chain: &HashSet<String>) -> bool {
    row.id().starts_with(prefix)
        || row.refs().any(|r| r.starts_with(prefix))
        || chain.contains(row.id())
}

/// The decisions of the shown record's chain (both ways) that `snap` lacks: `show` reads again
/// with them until none is lacking.
pub fn lacking(snap: &Snapshot, input: &str) -> Vec<String> {
    let Ok(id) = resolve::resolve(input, read_ids(snap)) else {
        return Vec::new();
    };
    let mut lacking = Vec::new();
    let Some(e) = snap.get(&id) else {
        return lacking;
    };
    // The decisions `links` and `in_force` walk to, both ways, until one is not read.
    for step in [
        |d: &Decision| d.supersedes.clone(),
        |d: &Decision| d.superseded_by.clone(),
    ] {
        let mut cur = &e.record;
        let mut seen = HashSet::new();
        while let Record::Decision(d) = cur {
            let Some(next) = step(d) else { break };
            if !seen.insert(next.clone()) {
                break;
            }
            match snap.get(&next) {
                Some(n) => cur = &n.record,
                None => {
                    lacking.push(next.to_string());
                    break;
                }
            }
        }
    }
    lacking
}

/// The ids of the records read: every id starting with what was typed is among them (that is
/// what [`needs`] asks for), so resolving among them answers as resolving among all the ledger's
/// ids would, without listing 100,000 of them.
pub fn read_ids(snap: &Snapshot) -> impl Iterator<Item = &RecordId> {
    snap.entries.iter().map(|e| e.record.id())
}
