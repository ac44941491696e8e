//! `ledger reschedule ID --due D --reason TEXT`: a renegotiated due date, with its reason. The
//! command line only checks the arguments and prints; the verb is `ops::reschedule`.

use std::io::Write;

use crate::error::Result;
use crate::model::verdict::moved_late;
use crate::ops::reschedule;

use super::change::{self, ByWhen};
use super::Ctx;

/// Arguments of `reschedule`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commitment (or ask).
    pub id: String,
    /// The new due date.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due: String,
    /// Why it moved.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub by_when: ByWhen,
}

/// Runs `reschedule`: checks the arguments, records through `ops::reschedule`, prints the move.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let due = ctx.due("--due", &args.due)?;
    let reason = ctx.text("--reason", &args.reason)?;
    let (date, by) = args.by_when.resolve(ctx)?;
    let ledger = ctx.open()?;
    let moved = reschedule::reschedule(
        &ledger,
        &reschedule::Reschedule {
            id: args.id,
            due,
            reason,
            date,
            recorded_on: ctx.today,
            by,
        },
    )?;
    let times = if moved.moves > 1 {
        format!(" (moved {} times)", moved.moves)
    } else {
        String::new()
    };
    let late = moved
        .days_late
        .map(|d| format!(", {}", moved_late(d)))
        .unwrap_or_default();
    let record = &moved.recorded.record;
    let summary = format!(
        "due {} -> {due}{times}{late}: {}",
        moved.from,
        change::quote(record.headline())
    );
    change::print_record(ctx, out, record, &summary)
}
