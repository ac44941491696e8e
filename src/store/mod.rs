//! The ledger repository: where files live, the YAML codec, reading, and committing with git2.

mod clean;
pub mod codec;
pub mod config;
pub mod diff;
pub mod hooks;
pub mod identity;
pub mod index_file;
pub mod index_lock;
pub mod journal;
pub mod layout;
pub mod lock;
pub mod merge_history;
pub mod merge_tree;
pub mod message;
pub mod read;
pub mod remote;
pub mod repo;
pub mod restore;
pub mod sign;
pub mod sync;
mod workdir;
pub mod write;

pub use message::Message;

/// A commit's id, as the library names it to its callers (what a change recorded, the commit a
/// snapshot was read from).
pub type CommitId = git2::Oid;
/// A stored file's version (its blob id).
pub type BlobId = git2::Oid;
pub use read::{Coverage, Entry, FileProblem, FileRef, Snapshot};
pub use repo::{Found, Ledger};
pub use write::Txn;
