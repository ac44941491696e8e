//! `ledger escalate ID`: the memo a lead sends to the owner's manager, with receipts.

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::{escalation, resolve};
use crate::report::{html, json, memo, Format};
use crate::store::remote;

use super::send::{EmlArg, Mail};
use super::Ctx;

/// Arguments of `escalate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The overdue or at-risk commitment or ask (an id or a unique prefix of one).
    pub id: String,
    #[command(flatten)]
    pub eml: EmlArg,
}

/// Runs `escalate`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if ctx.format == Format::Csv {
        return Err(Error::user("escalate has no CSV form")
            .hint("use --format md (the default), html or json"));
    }
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let id = resolve::resolve(&args.id, snap.ids())?;
    let entry = snap.get(&id).ok_or_else(|| {
        Error::user(format!("no record {id}")).of_kind(crate::ErrorKind::NotFound)
    })?;
    let links = remote::commit_links(&ledger);
    let m = escalation::memo(&ledger, snap, entry, ctx.day(), links.as_ref())?;
    if args.eml.eml.is_some() {
        // To the manager chain, nearest first; the owner is copied, so nothing goes behind
        // their back.
        let (text, page) = (memo::render(&m), html::pages::escalate(&m));
        let subject = match m.standing {
            "overdue" => format!(
                "Escalation: {} ({} days overdue)",
                m.what.trim(),
                m.days_overdue
            ),
            _ => format!("Escalation: {} (due {})", m.what.trim(), m.due),
        };
        let printed = args.eml.write(
            ctx,
            &ledger,
            Mail {
                to: &m.escalate_to,
                cc: std::slice::from_ref(&m.owner),
                subject: &subject,
                text: &text,
                html: &page,
            },
            out,
        )?;
        if printed {
            return Ok(());
        }
    }
    let text = match ctx.format {
        Format::Json => json::to_string(&m),
        Format::Html => html::pages::escalate(&m),
        _ => memo::render(&m),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
