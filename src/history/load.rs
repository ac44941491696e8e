//! Loading the ledger as of a commit. The single entry point queries use, so a cache can sit
//! behind it without any command knowing.

use git2::Oid;

use crate::error::Result;
use crate::store::{self, Ledger, Snapshot};

/// Every record as of `commit`.
pub fn snapshot(ledger: &Ledger, commit: Oid) -> Result<Snapshot> {
    store::read::snapshot_at(ledger, commit)
}
