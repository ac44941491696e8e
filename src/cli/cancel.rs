//! `ledger cancel ID --reason TEXT`: a commitment is called off.

use std::io::Write;

use crate::error::Result;
use crate::model::{actions, outcome, Record};
use crate::report::outcome::describe;
use crate::store::message::{key, subject};
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
    change::change_one(ctx, out, &args.id, |record, env| {
        actions::cancel(record, date, &reason)?;
        let verdict = match &*record {
            Record::Commitment(c) => Some(describe(&outcome::assess(c, date), c.reschedules.len())),
            _ => None,
        };
        let who = change::actor(env, record);
        let message = Message::new(
            subject(&who, "cancels", record.id().as_str(), record.headline()),
            "cancel",
        )
        .body(record.headline().to_string())
        .body(change::facts(&[
            ("Reason", Some(reason.clone())),
            ("Outcome", verdict),
            (
                "Promised",
                Some(format!(
                    "by {} to {}, due {}",
                    record.owner().unwrap_or("?"),
                    record.counterpart().unwrap_or("?"),
                    record.due().map(|d| d.to_string()).unwrap_or_default()
                )),
            ),
            ("Links", change::links(record)),
        ]))
        .trailer(key::REASON, &reason);
        Ok((
            message,
            format!("cancelled: {}", change::quote(record.headline())),
        ))
    })
}
