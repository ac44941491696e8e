//! `ledger revoke ID --reason TEXT`: a decision is withdrawn without a successor.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::message::{key, subject};
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `revoke`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The decision.
    pub id: String,
    /// Why it is revoked.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub when: When,
}

/// Runs `revoke`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let reason = ctx.text("--reason", &args.reason)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    change::change_one(ctx, out, &args.id, |record, env| {
        actions::revoke(record, date, &reason)?;
        let who = change::actor(env, record);
        let message = Message::new(
            subject(&who, "revokes", record.id().as_str(), record.headline()),
            "revoke",
        )
        .body(format!("Statement, verbatim:\n\n{}", record.headline()))
        .body(change::facts(&[
            ("Reason", Some(reason.clone())),
            (
                "Decided",
                Some(format!(
                    "by {} on {}",
                    record.owner().unwrap_or("?"),
                    record.date()
                )),
            ),
            ("Links", change::links(record)),
        ]))
        .trailer(key::REASON, &reason);
        Ok((
            message,
            format!("revoked: {}", change::quote(record.headline())),
        ))
    })
}
