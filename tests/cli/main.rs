//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod completions;
mod core;
mod decisions;
mod editor;
mod escalate;
mod export;
mod history;
mod hooks;
mod import;
mod layout;
mod list;
mod log;
mod overdue;
mod report;
mod who;
