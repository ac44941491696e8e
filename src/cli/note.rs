//! `ledger note ID TEXT`: a dated progress note on an ask or commitment. The command line only
//! checks the arguments and prints; the verb itself is `ops::note`.

use std::io::Write;

use crate::error::Result;
use crate::ops::note;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `note`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask or commitment.
    pub id: String,
    /// The note.
    pub text: String,
    /// Who makes the note (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `note`: checks the arguments, records through `ops::note`, prints what was recorded.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let text = ctx.text("TEXT", &args.text)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let done = note::note(
        &ledger,
        &note::Note {
            id: args.id,
            text: text.clone(),
            date,
            by,
        },
    )?;
    let summary = format!("noted: {}", change::quote(&text));
    change::print_record(ctx, out, &done.record, &summary)
}
