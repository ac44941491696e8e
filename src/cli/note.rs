//! `ledger note ID TEXT`: a dated progress note on an ask or commitment. The command line only
//! checks the arguments and prints; the verb itself is `ops::note`.

use std::io::Write;

use crate::error::Result;
use crate::ops::note;

use super::change::{self, ByWhen};
use super::Ctx;

/// Arguments of `note`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask or commitment.
    pub id: String,
    /// The note.
    pub text: String,
    #[command(flatten)]
    pub by_when: ByWhen,
}

/// Runs `note`: checks the arguments, records through `ops::note`, prints what was recorded.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let text = ctx.text("TEXT", &args.text)?;
    let (date, by) = args.by_when.resolve(ctx)?;
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
