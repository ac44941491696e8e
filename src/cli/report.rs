//! `ledger report`: the executive summary for stakeholders, in Markdown, plain text (an email
//! body), HTML or JSON.

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::brief::{self, Heading};
use crate::query::charts;
use crate::query::period::{self, Period};
use crate::query::person::PersonRef;
use crate::query::team::Scope;
use crate::report::{brief as rbrief, html, json, Format};
use crate::store::config;

use super::send::{EmlArg, Mail};
use super::Ctx;

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// First day of the period (default: six days before --until).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Last day of the period (default: today, or the --as-of day).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only what people on this team (from the people file) are party to.
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// The executive summary, or the weeknote a team publishes (first person plural).
    #[arg(long, value_enum, default_value_t = Style::Summary)]
    pub style: Style,
    #[command(flatten)]
    pub eml: EmlArg,
}

/// The report's form of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// Status, reasons and sections for executives.
    Summary,
    /// Three things to know, what happened, what is blocked, decided, changed and next.
    Weeknote,
}

/// Runs `report`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if ctx.format == Format::Csv {
        return Err(Error::user("report has no CSV form")
            .hint("use --format md (the default), text, html or json"));
    }
    let since = args
        .since
        .map(|s| ctx.past_date("--since", &s))
        .transpose()?;
    let until = args
        .until
        .map(|s| ctx.past_date("--until", &s))
        .transpose()?;
    let period = Period::new(since, until, ctx.day())?;
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let scope = Scope::new(&snap.people, args.team.as_deref())?;
    let s = period::summary(snap, period, ctx.day(), &scope)?;
    let settings = config::at(&ledger, snap.commit);
    let heading = Heading {
        title: settings.title.clone(),
        audience: settings.audience.clone(),
    };
    let b = brief::brief(snap, s, &scope, heading);
    let doc = match args.style {
        Style::Summary => rbrief::doc(&b),
        Style::Weeknote => rbrief::weeknote::doc(&b),
    };
    let page = || match args.style {
        Style::Summary => {
            let late: Vec<i64> = b.attention.iter().map(|a| a.days_overdue).collect();
            let c = charts::charts(snap, &scope, ctx.day(), &late);
            html::brief::render(&doc, &c, &html::file_link)
        }
        Style::Weeknote => html::brief::render_words(&doc, &html::file_link),
    };
    if args.eml.eml.is_some() {
        let to: Vec<PersonRef> = settings
            .stakeholders
            .iter()
            .map(|h| PersonRef::of(&snap.people, h))
            .collect();
        if to.is_empty() {
            eprintln!(
                "ledger: warning: the draft has no recipients: list their handles under `stakeholders:` in ledger.yaml"
            );
        }
        let (text, html_form) = (rbrief::text::render(&doc), page());
        let printed = args.eml.write(
            ctx,
            &ledger,
            Mail {
                to: &to,
                cc: &[],
                subject: &format!("{}: {}", doc.title, doc.period),
                text: &text,
                html: &html_form,
            },
            out,
        )?;
        if printed {
            return Ok(());
        }
    }
    let text = match ctx.format {
        Format::Json => json::to_string(&b),
        Format::Text => rbrief::text::render(&doc),
        Format::Html => page(),
        _ => rbrief::markdown::render(&doc),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
