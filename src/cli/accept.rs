//! `ledger accept ASK [--due D]`: the one asked takes the ask on; it becomes a linked commitment.

use std::io::Write;

use crate::error::Result;
use crate::model::Record;
use crate::ops::accept;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `accept`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask.
    pub id: String,
    /// Due date of the commitment (default: the ask's needed-by date).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Who commits (default: the one who was asked).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// What is promised, if it differs from what was asked.
    #[arg(long, value_name = "TEXT")]
    pub what: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `accept`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let due = args
        .due
        .as_deref()
        .map(|d| ctx.due("--due", d))
        .transpose()?;
    let what = ctx.opt_text("--what", args.what.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    let ledger = ctx.open()?;
    let done = accept::accept(
        &ledger,
        &accept::Accept {
            id: args.id,
            due,
            by,
            what,
            date,
        },
    )?;
    let Record::Commitment(c) = &done.record else {
        unreachable!("accept records a commitment")
    };
    let ask_id = c
        .ask
        .as_ref()
        .expect("an accepted ask's commitment names it");
    let summary = format!(
        "{} accepted {ask_id}: promised {} {} (due {})",
        c.by,
        c.to,
        change::quote(&c.what),
        c.due
    );
    change::print_record(ctx, out, &done.record, &summary)
}
