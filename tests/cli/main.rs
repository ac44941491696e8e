//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod core;
mod completions;
