//! `ledger accept ASK [--due D]`: the one asked takes the ask on; it becomes a linked commitment.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{actions, Commitment, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `accept`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask.
    pub id: String,
    /// Due date of the commitment (default: the ask's needed-by date).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Who commits (default: the one who was asked).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// What is promised, if it differs from what was asked.
    #[arg(long, value_name = "TEXT")]
    pub what: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `accept`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let due = args
        .due
        .as_deref()
        .map(|d| ctx.date("--due", d))
        .transpose()?;
    let what = ctx.opt_text("--what", args.what.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    let ledger = ctx.open()?;
    let mut txn = super::change::begin(&ledger)?;
    let ask_id = change::resolve_id(&mut txn, &args.id)?;
    let entry = txn.read(&ask_id)?;
    let Record::Ask(ask) = &entry.record else {
        return Err(Error::user(format!(
            "cannot accept {} {ask_id}: only asks are accepted",
            entry.record.kind()
        )));
    };
    let due = due.or(ask.due).ok_or_else(|| {
        Error::user(format!(
            "ask {ask_id} has no needed-by date, so the commitment needs one"
        ))
        .hint("pass --due DATE")
    })?;
    let id = txn.new_id(Kind::Commitment)?;
    let mut updated = entry.record.clone();
    actions::accept(&mut updated, date, &id)?;
    let commitment = Record::Commitment(Commitment {
        meeting: ask.meeting.clone(),
        ask: Some(ask_id.clone()),
        tags: ask.tags.clone(),
        ..Commitment::new(
            id.clone(),
            date,
            what.unwrap_or_else(|| ask.what.clone()),
            by.unwrap_or_else(|| ask.to.clone()),
            ask.from.clone(),
            due,
        )
    });
    let Record::Commitment(c) = &commitment else {
        unreachable!()
    };
    let subject = subject(&c.by, "accepts", ask_id.as_str(), &c.what);
    let summary = format!(
        "{} accepted {ask_id}: promised {} {} (due {due})",
        c.by,
        c.to,
        change::quote(&c.what)
    );
    let message = Message::new(subject, "accept")
        .body(c.what.clone())
        .body(change::facts(&[
            (
                "Promised",
                Some(format!("by {} to {} on {date}, as {id}", c.by, c.to)),
            ),
            ("Due", Some(due.to_string())),
            (
                "Asked",
                Some(format!("by {} on {}: {}", ask.from, ask.date, ask.what)),
            ),
            ("Links", change::links(&commitment)),
        ]))
        .record(&id)
        .trailer(key::ID, ask_id.as_str())
        .trailer(key::ASK, ask_id.as_str());
    txn.commit(
        vec![
            change::create(&commitment)?,
            change::update(&entry.path, &updated)?,
        ],
        &message,
    )?;
    change::print_record(ctx, out, &commitment, &summary)
}
