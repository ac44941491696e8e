//! `ledger cancel ID --reason TEXT`: a commitment is called off.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `cancel`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment.
    pub id: String,
    /// Why it is cancelled.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub when: When,
}

/// Runs `cancel`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let reason = ctx.text("--reason", &args.reason)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    change::change_one(ctx, out, &args.id, |record, _| {
        actions::cancel(record, date, &reason)?;
        let message = Message::new(
            format!(
                "Cancel {} ({} to {}): {}",
                record.id(),
                record.owner().unwrap_or("?"),
                record.counterpart().unwrap_or("?"),
                change::quote(record.headline())
            ),
            "cancel",
        )
        .body(format!("Reason: {reason}"))
        .trailer("Ledger-Reason", &reason);
        Ok((
            message,
            format!("cancelled: {}", change::quote(record.headline())),
        ))
    })
}
