//! `ledger reschedule ID --due D --reason TEXT`: a renegotiated due date, with its reason.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{actions, outcome, Record};
use crate::report::outcome::moved_late;
use crate::store::message::{key, subject};
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
        let old = record.due();
        // A move recorded after the due date had passed, dated before it, would turn a broken
        // promise into one renegotiated in time on the word of a typed date alone.
        if let (Record::Commitment(_), Some(old)) = (&*record, old) {
            if outcome::backdated_in_time(date, old, ctx.today) {
                return Err(Error::user(format!(
                    "{} was due {old}, which had passed before this reschedule was recorded \
                     ({}); a --date of {date} would count it as renegotiated in time",
                    record.id(),
                    ctx.today
                ))
                .hint(format!(
                    "record it as made when it is recorded (leave out --date, or give a day \
                     after {old}): it counts as rescheduled after it was due"
                )));
            }
        }
        let old = actions::reschedule(record, date, due, &reason, by.clone())?;
        let slips = match record {
            Record::Commitment(c) => c.reschedules.len(),
            _ => 0,
        };
        let late = (date - old).num_days();
        let late = (late > 0 && record.kind() == crate::model::Kind::Commitment).then_some(late);
        let who = by.unwrap_or_else(|| record.owner().unwrap_or("someone").to_string());
        let message = Message::new(
            subject(&who, "reschedules", record.id().as_str(), record.headline()),
            "reschedule",
        )
        .body(record.headline().to_string())
        .body(change::facts(&[
            ("Due", Some(format!("{old} -> {due}"))),
            ("Reason", Some(reason.clone())),
            ("Moved", late.map(moved_late)),
            ("Links", change::links(record)),
        ]))
        .trailer(key::REASON, &reason)
        .trailer(key::DUE, format!("{old} -> {due}"));
        let times = if slips > 1 {
            format!(" (moved {slips} times)")
        } else {
            String::new()
        };
        let late = late
            .map(|d| format!(", {}", moved_late(d)))
            .unwrap_or_default();
        Ok((
            message,
            format!(
                "due {old} -> {due}{times}{late}: {}",
                change::quote(record.headline())
            ),
        ))
    })
}
