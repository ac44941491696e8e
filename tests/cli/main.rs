//! Integration tests: the real `ledger` binary against real temporary git repositories.

mod harness;

mod accept;
mod ask;
mod block;
mod check;
mod core;
mod dates;
mod decide;
mod demo;
mod edit;
mod errors;
mod init;
mod locate;
mod meeting;
mod note;
mod people;
mod promise;
mod reschedule;
mod show;
mod status;
