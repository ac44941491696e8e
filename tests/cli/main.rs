//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod concurrency;
mod core;
mod hostile;
mod sync;
mod verify;
