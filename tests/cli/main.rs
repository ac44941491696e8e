//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod completions;
mod core;
mod editor;
mod export;
mod hooks;
mod import;
mod layout;
