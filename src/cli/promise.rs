//! `ledger promise WHAT --by P --to P --due D [--meeting ID] [--ask ID]`: record a commitment.

use std::io::Write;

use crate::error::Result;
use crate::model::{actions, Commitment, Kind, Record};
use crate::store::message::{key, subject};
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `promise`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What is promised.
    pub what: String,
    /// Who promises (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// To whom.
    #[arg(long, value_name = "HANDLE")]
    pub to: String,
    /// By when: YYYY-MM-DD, friday, +2w, eow, eom, ...
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// The meeting it was promised in.
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// The ask it answers (the ask is marked accepted in the same commit).
    #[arg(long, value_name = "ID")]
    pub ask: Option<String>,
    /// Where it was promised (a channel, a link).
    #[arg(long = "where", value_name = "TEXT")]
    pub place: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `promise`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let what = ctx.text("WHAT", &args.what)?;
    let to = ctx.handle("--to", &args.to)?;
    let due = ctx.date("--due", &args.due)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let place = ctx.opt_text("--where", args.place.as_deref())?;
    let ledger = ctx.open_for_write()?;
    let mut txn = super::change::begin(&ledger)?;
    let people = txn.people()?;
    let by = ctx.person_or_me("--by", args.by.as_deref(), &ledger, &people)?;
    let meeting = change::linked_meeting(&mut txn, args.meeting.as_deref())?;
    let id = txn.new_id(Kind::Commitment)?;
    let mut writes = Vec::new();
    let ask = match &args.ask {
        Some(input) => {
            let (ask_id, write) =
                change::change_linked(&mut txn, "--ask", input, Kind::Ask, |ask| {
                    actions::accept(ask, date, &id)
                })?;
            writes.push(write);
            Some(ask_id)
        }
        None => None,
    };
    let record = Record::Commitment(Commitment {
        meeting,
        ask: ask.clone(),
        place,
        tags: args.tags,
        ..Commitment::new(id.clone(), date, what.clone(), by.clone(), to.clone(), due)
    });
    writes.insert(0, change::create(&record)?);
    let mut message = Message::new(subject(&by, "promises", id.as_str(), &what), "promise")
        .body(what.clone())
        .body(change::facts(&[
            ("Promised", Some(format!("by {by} to {to} on {date}"))),
            ("Due", Some(due.to_string())),
            ("Links", change::links(&record)),
        ]))
        .record(&id);
    if let Some(a) = &ask {
        message = message
            .trailer(key::ID, a.as_str())
            .trailer(key::ASK, a.as_str());
    }
    txn.commit(writes, &message)?;
    change::print_record(
        ctx,
        out,
        &record,
        &format!("{by} promised {to}: {} (due {due})", change::quote(&what)),
    )
}
