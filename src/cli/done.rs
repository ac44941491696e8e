//! `ledger done ID`: a commitment was kept. The command line only checks the arguments and
//! prints; the verb is `ops::done`.

use std::io::Write;

use crate::error::Result;
use crate::ops::done;

use super::change::{self, ProofArgs, When};
use super::Ctx;

/// Arguments of `done`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment.
    pub id: String,
    #[command(flatten)]
    pub proof: ProofArgs,
    #[command(flatten)]
    pub when: When,
}

/// Runs `done`: records through `ops::done`, prints what was recorded with its outcome.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let date = ctx.happened(args.when.date.as_deref())?;
    let proof = args.proof.resolve(ctx)?;
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let done = done::done(
        &ledger,
        &done::Done {
            id: args.id,
            date,
            proof,
        },
    )?;
    let verdict = &done.verdict;
    let record = &done.recorded.record;
    let summary = format!(
        "done {date}, {}: {}",
        verdict.strip_prefix("done ").unwrap_or(verdict),
        change::quote(record.headline())
    );
    change::print_record(ctx, out, record, &summary)?;
    // The next occurrence of a recurring duty is news: the one after this is now what is owed.
    if !matches!(ctx.format, crate::report::Format::Json) {
        for n in &done.next {
            writeln!(out, "{} next occurrence, due {}", n.id, n.due)?;
        }
    }
    Ok(())
}
