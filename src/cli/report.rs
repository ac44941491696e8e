//! `ledger report`: the executive summary for stakeholders, in Markdown, plain text (an email
//! body), HTML or JSON.

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::brief::{self, Heading};
use crate::query::charts;
use crate::query::period::{self, Period};
use crate::query::team::Scope;
use crate::report::{brief as rbrief, html, json, Format};
use crate::store::config;

use super::Ctx;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First day of the period (default: six days before --until).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day of the period (default: today, or the --as-of day).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only what people on this team (from the people file) are party to.
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
}

/// Runs `report`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if ctx.format == Format::Csv {
        return Err(Error::user("report has no CSV form")
            .hint("use --format md (the default), text, html or json"));
    }
    let since = args.since.map(|s| ctx.date("--since", &s)).transpose()?;
    let until = args.until.map(|s| ctx.date("--until", &s)).transpose()?;
    let period = Period::new(since, until, ctx.day())?;
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let scope = Scope::new(&snap.people, args.team.as_deref())?;
    let s = period::summary(snap, period, ctx.day(), &scope)?;
    let settings = config::at(&ledger, snap.commit);
    let heading = Heading {
        title: settings.title,
        audience: settings.audience,
    };
    let b = brief::brief(snap, s, &scope, heading);
    let text = match ctx.format {
        Format::Json => json::to_string(&b),
        Format::Text => rbrief::text::render(&rbrief::doc(&b)),
        Format::Html => {
            let late: Vec<i64> = b.attention.iter().map(|a| a.days_overdue).collect();
            let c = charts::charts(snap, &scope, ctx.day(), &late);
            html::brief::render(&rbrief::doc(&b), &c, &html::file_link)
        }
        _ => rbrief::markdown::render(&rbrief::doc(&b)),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
