//! `ledger reschedule ID --due D --reason TEXT`: a renegotiated due date, with its reason.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `reschedule`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment (or ask).
    pub id: String,
    /// The new due date.
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// Why it moved.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// Who renegotiated it (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `reschedule`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let due = ctx.date("--due", &args.due)?;
    let reason = ctx.text("--reason", &args.reason)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    change::change_one(ctx, out, &args.id, |record, env| {
        let by = by.or_else(|| env.me(ctx));
        let old = actions::reschedule(record, date, due, &reason, by)?;
        let slips = match record {
            crate::model::Record::Commitment(c) => c.reschedules.len(),
            _ => 0,
        };
        let message = Message::new(
            format!(
                "{} reschedules {}: {} (due {old} -> {due})",
                record.owner().unwrap_or("?"),
                record.id(),
                change::quote(record.headline())
            ),
            "reschedule",
        )
        .body(format!("Reason: {reason}"))
        .trailer("Ledger-Reason", &reason)
        .trailer("Ledger-Due", format!("{old} -> {due}"));
        let times = if slips > 1 {
            format!(" (moved {slips} times)")
        } else {
            String::new()
        };
        Ok((
            message,
            format!(
                "due {old} -> {due}{times}: {}",
                change::quote(record.headline())
            ),
        ))
    })
}
