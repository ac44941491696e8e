//! `ledger decline ASK --reason TEXT` and `ledger withdraw ASK [--reason TEXT]`: an ask ends
//! without a commitment.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::message::{key, subject};

use super::change::{self, When};
use super::Ctx;

/// Arguments of `decline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask.
    pub id: String,
    /// Why it is declined.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub when: When,
}

/// Arguments of `withdraw`.
#[derive(Debug, clap::Args)]
pub struct WithdrawArgs {
    /// The ask.
    pub id: String,
    /// Why it is withdrawn.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub when: When,
}

fn answer(
    ctx: &Ctx,
    out: &mut dyn Write,
    id: &str,
    date: Option<&str>,
    reason: Option<String>,
    withdraw: bool,
) -> Result<()> {
    let date = ctx.happened(date)?;
    let verb = if withdraw { "withdraw" } else { "decline" };
    change::change_one(ctx, out, id, |record, _| {
        actions::answer_no(record, date, reason.as_deref(), withdraw)?;
        let who = if withdraw {
            record.owner()
        } else {
            record.counterpart()
        }
        .unwrap_or("?")
        .to_string();
        let mut message = crate::store::Message::new(
            subject(
                &who,
                &format!("{verb}s"),
                record.id().as_str(),
                record.headline(),
            ),
            verb,
        )
        .body(record.headline().to_string())
        .body(change::facts(&[
            (
                "Asked",
                Some(format!(
                    "by {} of {} on {}",
                    record.owner().unwrap_or("?"),
                    record.counterpart().unwrap_or("?"),
                    record.date()
                )),
            ),
            ("Reason", reason.clone()),
            ("Links", change::links(record)),
        ]));
        if let Some(r) = &reason {
            message = message.trailer(key::REASON, r);
        }
        let done = if withdraw { "withdrawn" } else { "declined" };
        let summary = format!("{done}: {}", change::quote(record.headline()));
        Ok((message, summary))
    })
}

/// Runs `decline`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let reason = ctx.text("--reason", &args.reason)?;
    answer(
        ctx,
        out,
        &args.id,
        args.when.date.as_deref(),
        Some(reason),
        false,
    )
}

/// Runs `withdraw`.
pub fn run_withdraw(ctx: &Ctx, args: WithdrawArgs, out: &mut dyn Write) -> Result<()> {
    let reason = ctx.opt_text("--reason", args.reason.as_deref())?;
    answer(ctx, out, &args.id, args.when.date.as_deref(), reason, true)
}
