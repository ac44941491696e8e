//! `ledger done ID`: a commitment was kept.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `done`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment.
    pub id: String,
    #[command(flatten)]
    pub when: When,
}

/// Runs `done`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let date = ctx.happened(args.when.date.as_deref())?;
    change::change_one(ctx, out, &args.id, |record, _| {
        actions::done(record, date)?;
        let due = record.due().expect("commitments have a due date");
        let timing = if date <= due {
            "on time".to_string()
        } else {
            format!("{} days late", (date - due).num_days())
        };
        let by = record.owner().unwrap_or("?").to_string();
        let message = Message::new(
            format!(
                "{by} kept {}: {} (due {due}, done {date}, {timing})",
                record.id(),
                change::quote(record.headline())
            ),
            "done",
        );
        Ok((
            message,
            format!(
                "done {date}, {timing}: {}",
                change::quote(record.headline())
            ),
        ))
    })
}
