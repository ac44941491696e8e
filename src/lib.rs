//! `ledger`: a project's asks, commitments, meetings and decisions as YAML files in git, and the
//! answers to who promised what, to whom and when.
//!
//! Dependencies point one way: `cli` -> `ops` (changes) and `cli` -> `report` -> `query` ->
//! `history` -> `store` -> `model` (questions), with `error` and `text` as leaves any layer may
//! use. Only `cli` (and the binary) know clap.

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
