//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod cache;
mod core;
