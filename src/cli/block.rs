//! `ledger block ID (--on ID | --reason TEXT)` and `ledger unblock ID`: a commitment waiting on
//! something else.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::message::{key, subject};
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `block`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("blocker").required(true).multiple(true).args(["on", "reason"]))]
pub struct Args {
    /// The commitment that waits.
    pub id: String,
    /// The record it waits on.
    #[arg(long, value_name = "ID")]
    pub on: Option<String>,
    /// What it waits on, in words.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Arguments of `unblock`.
#[derive(Debug, clap::Args)]
pub struct UnblockArgs {
    /// The commitment.
    pub id: String,
    #[command(flatten)]
    pub when: When,
}

/// Runs `block`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let date = ctx.happened(args.when.date.as_deref())?;
    let reason = ctx.opt_text("--reason", args.reason.as_deref())?;
    change::change_one(ctx, out, &args.id, |record, env| {
        let who = change::actor(env, record);
        let on = match &args.on {
            Some(input) => Some(env.resolve(input)?),
            None => None,
        };
        // A meeting is never closed, so a commitment waiting on one would stay blocked forever.
        if let Some(m) = on
            .as_ref()
            .filter(|o| o.kind() == crate::model::Kind::Meeting)
        {
            return Err(crate::Error::user(format!(
                "--on {m} is a meeting, which never closes, so {} would stay blocked for good",
                record.id()
            ))
            .hint(
                "wait on a commitment or an ask made in it, or say what is awaited with --reason",
            ));
        }
        actions::block(record, date, on.clone(), reason.clone())?;
        let what = match (&on, &reason) {
            (Some(o), Some(r)) => format!("{o} ({r})"),
            (Some(o), None) => o.to_string(),
            (None, Some(r)) => r.clone(),
            (None, None) => unreachable!("clap requires one"),
        };
        let mut message = Message::new(
            subject(&who, "blocks", record.id().as_str(), record.headline()),
            "block",
        )
        .body(record.headline().to_string())
        .body(change::facts(&[("Blocked on", Some(what.clone()))]));
        if let Some(o) = &on {
            message = message.trailer(key::BLOCKED_ON, o.as_str());
        }
        if let Some(r) = &reason {
            message = message.trailer(key::REASON, r);
        }
        Ok((
            message,
            format!("blocked on {what}: {}", change::quote(record.headline())),
        ))
    })
}

/// Runs `unblock`.
pub fn run_unblock(ctx: &Ctx, args: UnblockArgs, out: &mut dyn Write) -> Result<()> {
    ctx.happened(args.when.date.as_deref())?;
    change::change_one(ctx, out, &args.id, |record, env| {
        actions::unblock(record)?;
        let who = change::actor(env, record);
        let message = Message::new(
            subject(&who, "unblocks", record.id().as_str(), record.headline()),
            "unblock",
        )
        .body(record.headline().to_string());
        Ok((
            message,
            format!("unblocked: {}", change::quote(record.headline())),
        ))
    })
}
