//! `ledger ask WHAT --from P --to P [--due D] [--why TEXT]`: record an ask.

use std::io::Write;

use crate::error::Result;
use crate::model::Record;
use crate::ops::ask;

use super::change::{self, Made, When};
use super::Ctx;

/// Arguments of `ask`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What is asked for.
    #[arg(required_unless_present = "edit")]
    pub what: Option<String>,
    /// Who asks (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub from: Option<String>,
    /// Whom it is asked of.
    #[arg(long, value_name = "HANDLE", required_unless_present = "edit")]
    pub to: Option<String>,
    /// Needed by.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: Option<String>,
    /// Why it matters.
    #[arg(long, value_name = "TEXT")]
    pub why: Option<String>,
    #[command(flatten)]
    pub made: Made,
    /// Fill in a form in $VISUAL/$EDITOR, pre-filled with the flags given.
    #[arg(short = 'e', long)]
    pub edit: bool,
    #[command(flatten)]
    pub when: When,
}

/// Runs `ask`.
pub fn run(ctx: &Ctx, mut args: Args, out: &mut dyn Write) -> Result<()> {
    let mut draft = None;
    if args.edit {
        let ledger = ctx.open_for_write()?;
        let (filled, d) = super::form::ask(ctx, &ledger, args)?;
        args = filled;
        draft = Some(d);
    }
    let what = ctx.text("WHAT", args.what.as_deref().unwrap_or(""))?;
    let to = ctx.handle("--to", args.to.as_deref().unwrap_or(""))?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let due = args
        .due
        .as_deref()
        .map(|d| ctx.due("--due", d))
        .transpose()?;
    let why = ctx.opt_text("--why", args.why.as_deref())?;
    let place = ctx.opt_text("--where", args.made.place.as_deref())?;
    let from = args
        .from
        .as_deref()
        .map(|f| ctx.handle("--from", f))
        .transpose()?;
    let ledger = ctx.open_for_write()?;
    let done = ask::ask(
        &ledger,
        &ask::Ask {
            what,
            from,
            to,
            date,
            due,
            why,
            meeting: args.made.meeting,
            place,
            tags: args.made.tags,
        },
    )?;
    if let Some(d) = draft {
        d.discard();
    }
    let Record::Ask(a) = &done.record else {
        unreachable!("ask records an ask")
    };
    let due_txt = due.map(|d| format!(" (needed by {d})")).unwrap_or_default();
    let summary = format!(
        "{} asked {}: {}{due_txt}",
        a.from,
        a.to,
        change::quote(&a.what)
    );
    change::print_record(ctx, out, &done.record, &summary)
}
