//! `ledger cancel ID --reason TEXT`, `ledger revoke ID --reason TEXT`, `ledger decline ASK
//! --reason TEXT` and `ledger withdraw ASK [--reason TEXT]`: a record closed with a reason. The
//! command line only checks the arguments and prints; the verb is `ops::close`, one table for all
//! four.

use std::io::Write;

use crate::error::Result;
use crate::ops::close::{self, Closing};

use super::change::{self, ProofArgs, When};
use super::Ctx;

/// Arguments of `cancel`.
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// The commitment.
    pub id: String,
    /// Why it is cancelled.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// End the series this occurrence of a recurring commitment belongs to: no occurrence
    /// follows it.
    #[arg(long)]
    pub series: bool,
    #[command(flatten)]
    pub proof: ProofArgs,
    #[command(flatten)]
    pub when: When,
}

/// Arguments of `revoke`.
#[derive(Debug, clap::Args)]
pub struct RevokeArgs {
    /// The decision.
    pub id: String,
    /// Why it is revoked.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub when: When,
}

/// Arguments of `decline`.
#[derive(Debug, clap::Args)]
pub struct DeclineArgs {
    /// The ask.
    pub id: String,
    /// Why it is declined.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub proof: ProofArgs,
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

/// Runs `cancel`.
pub fn cancel(ctx: &Ctx, a: CancelArgs, out: &mut dyn Write) -> Result<()> {
    run(
        ctx,
        Closing::Cancel,
        a.id,
        Some(a.reason),
        a.proof,
        (a.when, a.series),
        out,
    )
}

/// Runs `revoke`.
pub fn revoke(ctx: &Ctx, a: RevokeArgs, out: &mut dyn Write) -> Result<()> {
    run(
        ctx,
        Closing::Revoke,
        a.id,
        Some(a.reason),
        ProofArgs::default(),
        (a.when, false),
        out,
    )
}

/// Runs `decline`.
pub fn decline(ctx: &Ctx, a: DeclineArgs, out: &mut dyn Write) -> Result<()> {
    run(
        ctx,
        Closing::Decline,
        a.id,
        Some(a.reason),
        a.proof,
        (a.when, false),
        out,
    )
}

/// Runs `withdraw`.
pub fn withdraw(ctx: &Ctx, a: WithdrawArgs, out: &mut dyn Write) -> Result<()> {
    run(
        ctx,
        Closing::Withdraw,
        a.id,
        a.reason,
        ProofArgs::default(),
        (a.when, false),
        out,
    )
}

/// Checks the arguments, records through `ops::close`, prints what was recorded.
fn run(
    ctx: &Ctx,
    closing: Closing,
    id: String,
    reason: Option<String>,
    proof: ProofArgs,
    (when, ends_series): (When, bool),
    out: &mut dyn Write,
) -> Result<()> {
    let reason = ctx.opt_text("--reason", reason.as_deref())?;
    let proof = proof.resolve(ctx)?;
    let date = ctx.happened(when.date.as_deref())?;
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let done = close::close(
        &ledger,
        &close::Close {
            closing,
            id,
            reason,
            date,
            proof,
            ends_series,
        },
    )?;
    let summary = format!(
        "{}: {}",
        closing.past(),
        change::quote(done.record.headline())
    );
    change::print_record(ctx, out, &done.record, &summary)
}
