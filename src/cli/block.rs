//! `ledger block ID (--on ID | --reason TEXT)` and `ledger unblock ID`: a commitment waiting on
//! something else. The command line only checks the arguments and prints; the verbs are
//! `ops::block`.

use std::io::Write;

use crate::error::Result;
use crate::ops::block;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `block`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("blocker").required(true).multiple(true).args(["on", "reason"]))]
pub struct Args {
    /// The commitment that waits.
    pub id: String,
    /// The record it waits on.
    #[arg(long, value_name = "ID")]
    pub on: Option<String>,
    /// What it waits on, in words.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Arguments of `unblock`.
#[derive(Debug, clap::Args)]
pub struct UnblockArgs {
    /// The commitment.
    pub id: String,
    #[command(flatten)]
    pub when: When,
}

/// Runs `block`: checks the arguments, records through `ops::block`, prints what was recorded.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let date = ctx.happened(args.when.date.as_deref())?;
    let reason = ctx.opt_text("--reason", args.reason.as_deref())?;
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let done = block::block(
        &ledger,
        &block::Block {
            id: args.id,
            on: args.on,
            reason,
            date,
        },
    )?;
    let record = &done.recorded.record;
    let summary = format!(
        "blocked on {}: {}",
        done.on,
        change::quote(record.headline())
    );
    change::print_record(ctx, out, record, &summary)
}

/// Runs `unblock`.
pub fn run_unblock(ctx: &Ctx, args: UnblockArgs, out: &mut dyn Write) -> Result<()> {
    ctx.happened(args.when.date.as_deref())?;
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let done = block::unblock(&ledger, &args.id)?;
    let summary = format!("unblocked: {}", change::quote(done.record.headline()));
    change::print_record(ctx, out, &done.record, &summary)
}
