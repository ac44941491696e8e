//! `ledger decide STATEMENT --by P [--compliance] [--rationale TEXT] [--supersedes ID]
//! [--meeting ID]`: a decision, word for word; a superseded one is marked in the same commit.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{validate, Record};
use crate::ops::decide;

use super::change::{self, Made, When};
use super::Ctx;

/// Arguments of `decide`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The decision, word for word (kept exactly as given).
    #[arg(required_unless_present = "edit")]
    pub statement: Option<String>,
    /// Who made it (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// A compliance decision.
    #[arg(long)]
    pub compliance: bool,
    /// Why.
    #[arg(long, value_name = "TEXT")]
    pub rationale: Option<String>,
    /// The earlier decision this one replaces (marked superseded in the same commit).
    #[arg(long, value_name = "ID")]
    pub supersedes: Option<String>,
    #[command(flatten)]
    pub made: Made,
    /// A link to evidence (repeatable).
    #[arg(long = "evidence", value_name = "LINK")]
    pub evidence: Vec<String>,
    /// Fill in a form in $VISUAL/$EDITOR, pre-filled with the flags given.
    #[arg(short = 'e', long)]
    pub edit: bool,
    #[command(flatten)]
    pub when: When,
}

/// Runs `decide`.
pub fn run(ctx: &Ctx, mut args: Args, out: &mut dyn Write) -> Result<()> {
    let mut draft = None;
    if args.edit {
        let ledger = ctx.open_for_write()?;
        let (filled, d) = super::form::decide(ctx, &ledger, args)?;
        args = filled;
        draft = Some(d);
    }
    // The statement is kept verbatim: checked, never trimmed or reflowed.
    let statement = args.statement.clone().unwrap_or_default();
    ctx.text("STATEMENT", &statement)?;
    if let Some(p) = validate::text_problem(&statement) {
        return Err(Error::user(format!("STATEMENT {p}")));
    }
    let date = ctx.happened(args.when.date.as_deref())?;
    let rationale = ctx.opt_text("--rationale", args.rationale.as_deref())?;
    let place = ctx.opt_text("--where", args.made.place.as_deref())?;
    let evidence = args
        .evidence
        .iter()
        .map(|e| ctx.text("--evidence", e))
        .collect::<Result<Vec<_>>>()?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    let ledger = ctx.open_for_write()?;
    let done = decide::decide(
        &ledger,
        &decide::Decide {
            statement,
            by,
            compliance: args.compliance,
            rationale,
            supersedes: args.supersedes,
            meeting: args.made.meeting,
            place,
            evidence,
            tags: args.made.tags,
            date,
        },
    )?;
    if let Some(d) = draft {
        d.discard();
    }
    let Record::Decision(d) = &done.record else {
        unreachable!("decide records a decision")
    };
    let label = if d.compliance {
        "decides (compliance)"
    } else {
        "decides"
    };
    let tail = d
        .supersedes
        .as_ref()
        .map(|s| format!(" (supersedes {s})"))
        .unwrap_or_default();
    let summary = format!("{} {label}: {}{tail}", d.by, change::quote(&d.statement));
    change::print_record(ctx, out, &done.record, &summary)
}
