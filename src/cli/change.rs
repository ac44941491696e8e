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
    /// When it happened (default today): YYYY-MM-DD, today, yesterday, friday, -3d, ...
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
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
