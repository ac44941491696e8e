//! `ledger done ID`: a commitment was kept.

use std::io::Write;

use crate::error::Result;
use crate::model::{actions, outcome, Record};
use crate::report::outcome::describe;
use crate::store::message::{key, subject};
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
        let Record::Commitment(c) = &*record else {
            unreachable!("only commitments are done")
        };
        // Measured as of the day it was done: the outcome of a closed promise does not change.
        let verdict = describe(&outcome::assess(c, date), c.reschedules.len());
        let message = Message::new(subject(&c.by, "completes", c.id.as_str(), &c.what), "done")
            .body(c.what.clone())
            .body(change::facts(&[
                (
                    "Outcome",
                    Some(format!("{verdict} (due {}, done {date})", c.due)),
                ),
                (
                    "Promised",
                    Some(format!("by {} to {} on {}", c.by, c.to, c.date)),
                ),
                ("Links", change::links(record)),
            ]))
            .trailer(key::OUTCOME, outcome_code(outcome::outcome(c, date)));
        Ok((
            message,
            format!(
                "done {date}, {}: {}",
                verdict.strip_prefix("done ").unwrap_or(&verdict),
                change::quote(&c.what)
            ),
        ))
    })
}

/// The outcome as its JSON name (`on_time`, `late`, ...), for its trailer.
pub fn outcome_code(o: outcome::Outcome) -> String {
    serde_json::to_value(o)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
