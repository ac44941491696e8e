//! `ledger note ID TEXT`: a dated progress note on an ask or commitment.

use std::io::Write;

use crate::error::Result;
use crate::model::actions;
use crate::store::message::subject;
use crate::store::Message;

use super::change::{self, When};
use super::Ctx;

/// Arguments of `note`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask or commitment.
    pub id: String,
    /// The note.
    pub text: String,
    /// Who makes the note (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Runs `note`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let text = ctx.text("TEXT", &args.text)?;
    let date = ctx.happened(args.when.date.as_deref())?;
    let by = args
        .by
        .as_deref()
        .map(|b| ctx.handle("--by", b))
        .transpose()?;
    change::change_one(ctx, out, &args.id, |record, env| {
        let by = by.or_else(|| env.me(ctx));
        actions::note(record, date, by.clone(), &text)?;
        let who = by
            .clone()
            .unwrap_or_else(|| change::actor(ctx, env, record));
        let message = Message::new(subject(&who, "notes", record.id().as_str(), &text), "note")
            .body(text.clone())
            .body(change::facts(&[(
                "On",
                Some(record.headline().to_string()),
            )]));
        Ok((message, format!("noted: {}", change::quote(&text))))
    })
}
