//! What recording commands share on the command line: the `--date` flag, and printing the id
//! (or the record as JSON) of what was recorded. The changes themselves are in `ops`.

use std::io::Write;

use crate::error::Result;
use crate::model::Record;
use crate::report::{json, text, Format};

use super::Ctx;

/// Options every recording command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct When {
    /// When it happened (default today; never after today): YYYY-MM-DD, today, yesterday, -3d, ...
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub date: Option<String>,
}

/// Where a new record was made and how it is tagged: `ask`, `promise` and `decide` take these.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Made {
    /// The meeting it was made in.
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Where it was made (a channel, a link, a document).
    #[arg(long = "where", value_name = "TEXT")]
    pub place: Option<String>,
    /// A tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

/// Who changed an existing record and when: `note` and `reschedule` take these.
#[derive(Debug, Clone, clap::Args)]
pub struct ByWhen {
    /// Who did it (default: you).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    #[command(flatten)]
    pub when: When,
}

/// Who closed a record when not the one the commit would name, with a note and the links
/// that prove it: `done`, `cancel` and `decline` take these.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ProofArgs {
    /// Who did it, when not the one the commit would name.
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// A note kept with the record ("BAA confirmed by email").
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// A link that proves it: http(s):// or mailto: (repeatable).
    #[arg(long = "evidence", value_name = "LINK")]
    pub evidence: Vec<String>,
}

impl ProofArgs {
    /// The checked handle, note and links.
    pub fn resolve(&self, ctx: &Ctx) -> Result<crate::ops::Proof> {
        Ok(crate::ops::Proof {
            by: self
                .by
                .as_deref()
                .map(|b| ctx.handle("--by", b))
                .transpose()?,
            note: ctx.opt_text("--note", self.note.as_deref())?,
            evidence: ctx.links("--evidence", &self.evidence)?,
        })
    }
}

impl ByWhen {
    /// The day it happened (default today) and the checked handle, if one was given; refuses
    /// `--as-of`, as every recording command does.
    pub fn resolve(&self, ctx: &Ctx) -> Result<(chrono::NaiveDate, Option<String>)> {
        let date = ctx.happened(self.when.date.as_deref())?;
        let by = self
            .by
            .as_deref()
            .map(|b| ctx.handle("--by", b))
            .transpose()?;
        ctx.no_as_of()?;
        Ok((date, by))
    }
}

/// Prints what a recording command made or changed: its id first, then a summary; or the
/// record as JSON.
pub fn print_record(ctx: &Ctx, out: &mut dyn Write, record: &Record, summary: &str) -> Result<()> {
    match ctx.format {
        Format::Json => out.write_all(json::to_string(&json::record(record)).as_bytes())?,
        _ => writeln!(out, "{} {}", record.id(), text::safe(summary, false))?,
    }
    Ok(())
}

/// A short quoted form of a record's text for summaries.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", crate::text::one_line(text, 60))
}
