//! `ledger promise WHAT --by P --to P --due D [--meeting ID] [--ask ID] [--every RULE]`: record a
//! commitment, once or recurring.

use std::io::Write;

use crate::error::Result;
use crate::model::recur::Every;
use crate::model::Record;
use crate::ops::promise;

use super::change::{self, Made, When};
use super::Ctx;

/// Arguments of `promise`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What is promised.
    #[arg(required_unless_present = "edit")]
    pub what: Option<String>,
    /// Who promises (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// To whom.
    #[arg(long, value_name = "HANDLE", required_unless_present = "edit")]
    pub to: Option<String>,
    /// By when: YYYY-MM-DD, friday, +2w, eow, eom, ...
    #[arg(
        long,
        value_name = "DATE",
        allow_hyphen_values = true,
        required_unless_present = "edit"
    )]
    pub due: Option<String>,
    #[command(flatten)]
    pub made: Made,
    /// The ask it answers (the ask is marked accepted in the same commit).
    #[arg(long, value_name = "ID")]
    pub ask: Option<String>,
    /// Repeat: each occurrence is its own commitment, the next made when one is closed or
    /// its due date passes (week, 2w, month, weekday).
    #[arg(long, value_name = "RULE", value_parser = parse_every)]
    pub every: Option<Every>,
    /// Fill in a form in $VISUAL/$EDITOR, pre-filled with the flags given.
    #[arg(short = 'e', long)]
    pub edit: bool,
    #[command(flatten)]
    pub when: When,
}

fn parse_every(s: &str) -> std::result::Result<Every, String> {
    Every::parse(s)
}

/// Runs `promise`.
pub fn run(ctx: &Ctx, mut args: Args, out: &mut dyn Write) -> Result<()> {
    let mut draft = None;
    if args.edit {
        let ledger = ctx.open_for_write()?;
        let (filled, d) = super::form::promise(ctx, &ledger, args)?;
        args = filled;
        draft = Some(d);
    }
    let what = ctx.text("WHAT", args.what.as_deref().unwrap_or(""))?;
    let to = ctx.handle("--to", args.to.as_deref().unwrap_or(""))?;
    let due = ctx.due("--due", args.due.as_deref().unwrap_or(""))?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let place = ctx.opt_text("--where", args.made.place.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    let ledger = ctx.open_for_write()?;
    let done = promise::promise(
        &ledger,
        &promise::Promise {
            what,
            by,
            to,
            due,
            date,
            meeting: args.made.meeting,
            ask: args.ask,
            place,
            tags: args.made.tags,
            every: args.every,
        },
    )?;
    if let Some(d) = draft {
        d.discard();
    }
    let Record::Commitment(c) = &done.record else {
        unreachable!("promise records a commitment")
    };
    let summary = format!(
        "{} promised {}: {} (due {due})",
        c.by,
        c.to,
        change::quote(&c.what)
    );
    change::print_record(ctx, out, &done.record, &summary)
}
