//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod accept;
mod ask;
mod block;
mod check;
mod completions;
mod core;
mod dates;
mod decide;
mod decisions;
mod demo;
mod edit;
mod editor;
mod errors;
mod escalate;
mod export;
mod history;
mod hooks;
mod import;
mod init;
mod layout;
mod list;
mod locate;
mod log;
mod meeting;
mod note;
mod overdue;
mod people;
mod promise;
mod report;
mod reschedule;
mod show;
mod status;
mod who;
