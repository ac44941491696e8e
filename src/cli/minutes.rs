//! `ledger minutes MTG`: the minutes of one meeting, to send to everyone who was there.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::Kind;
use crate::query::links::Links;
use crate::query::{minutes, resolve};
use crate::report::{brief, html, json, minutes as rminutes, Format};
use crate::store::config;

use super::send::{EmlArg, Mail};
use super::Ctx;

/// Arguments of `minutes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting (an id or a unique prefix of one).
    pub id: String,
    #[command(flatten)]
    pub eml: EmlArg,
}

/// Runs `minutes`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let id = resolve::resolve(&args.id, snap.ids())?;
    if id.kind() != Kind::Meeting {
        return Err(Error::user(format!("{id} is a {}, not a meeting", id.kind())).hint(
            "minutes are written for meetings; for an ask, a commitment or a decision use `ledger receipt ID`",
        ));
    }
    let settings = config::at(&ledger, snap.commit);
    let links = Links::new(&ledger, snap.commit.map(|c| c.to_string()), &settings);
    let m = minutes::minutes(snap, &id, &links)
        .ok_or_else(|| Error::user(format!("no meeting {id}")))?;
    let doc = rminutes::doc(&m);
    let link = |r: &crate::query::brief::IdRef| html::safe_href(&r.path).map(str::to_string);
    let page = || html::brief::render_words(&doc, &link);
    let text = brief::text::render(&doc);
    if args.eml.eml.is_some() {
        let html_form = page();
        let printed = args.eml.write(
            ctx,
            &ledger,
            Mail {
                to: &m.attendees,
                cc: &[],
                subject: &format!("Minutes: {} ({})", m.title, m.date),
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
        Format::Json => json::to_string(&m),
        Format::Html => page(),
        Format::Md => brief::markdown::render(&doc),
        _ => text,
    };
    out.write_all(body.as_bytes())?;
    Ok(())
}
