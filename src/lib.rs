//! `ledger`: a project's asks, commitments, meetings and decisions as YAML files in git, and the
//! answers to who promised what, to whom and when.
//!
//! Dependencies point one way: `cli` -> `ops` (changes) and `cli` -> `report` -> `query` ->
//! `history` -> `store` -> `model` (questions), with `error` and `text` as leaves any layer may
//! use. Only `cli` (and the binary) know clap.

// The write path uses Unix stat data for git's index (`store::index_file`), device and inode to
// know its lock files, `kill(pid, 0)` to tell a killed writer from a live one and the executable
// bit for hooks; the README says so. Saying it here beats a page of missing-method errors.
#[cfg(not(unix))]
compile_error!("ledger runs on Linux and other Unix systems only; see the README (\"Install\")");

pub mod cli;
pub mod error;
pub mod history;
pub mod model;
pub mod ops;
pub mod query;
pub mod report;
pub mod store;
pub mod text;

pub use error::{Error, ErrorKind, Fault, Result};

#[cfg(test)]
mod props;
