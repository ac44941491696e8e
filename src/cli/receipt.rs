//! `ledger receipt ID`: the confirmation in writing of an ask, a commitment or a decision, to
//! send to the other party.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::Kind;
use crate::query::links::Links;
use crate::query::{receipt, resolve};
use crate::report::{json, receipt as rreceipt, Format};
use crate::store::config;

use super::send::{EmlArg, Mail};
use super::Ctx;

/// Arguments of `receipt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ask, commitment or decision (an id or a unique prefix of one).
    pub id: String,
    #[command(flatten)]
    pub eml: EmlArg,
}

/// Runs `receipt`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let id = resolve::resolve(&args.id, snap.ids())?;
    if id.kind() == Kind::Meeting {
        return Err(Error::user(format!("{id} is a meeting"))
            .hint("a meeting's confirmation is its minutes: `ledger minutes ID`"));
    }
    let settings = config::at(&ledger, snap.commit);
    let links = Links::new(&ledger, snap.commit.map(|c| c.to_string()), &settings);
    let r = receipt::receipt(snap, &id, &links).ok_or_else(|| {
        Error::user(format!("no record {id}")).of_kind(crate::ErrorKind::NotFound)
    })?;
    let text = rreceipt::text(&r);
    if args.eml.eml.is_some() {
        let html_form = rreceipt::html(&r);
        let printed = args.eml.write(
            ctx,
            &ledger,
            Mail {
                to: &r.to,
                cc: &r.cc,
                subject: &r.subject,
                text: &text,
                html: &html_form,
            },
            out,
        )?;
        if printed {
            return Ok(());
        }
    }
    let body = match ctx.format {
        Format::Json => json::to_string(&r),
        Format::Html => rreceipt::html(&r),
        Format::Md => rreceipt::markdown(&r),
        _ => text,
    };
    out.write_all(body.as_bytes())?;
    Ok(())
}
