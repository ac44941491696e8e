//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod core;
mod decisions;
mod escalate;
mod history;
mod list;
mod log;
mod overdue;
mod report;
mod who;
