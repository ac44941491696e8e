//! `ledger log`: the audit trail of the whole ledger, one line per change, newest first.

use std::io::Write;

use crate::error::{Error, Result};
use crate::history::audit::{self, LogQuery};
use crate::model::{Kind, RecordId};
use crate::query::resolve::{self, Abbrev};
use crate::report::{csv, json, log as rlog, markdown, table, Format};

use super::Ctx;

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only changes committed on or after this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only changes committed on or before this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only changes by this author: a handle from the people file, or part of a git name or email.
    #[arg(long, value_name = "WHO")]
    pub author: Option<String>,
    /// Only changes to records of this kind (ask, commitment, meeting, decision).
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Only changes to this record (an id or a unique prefix).
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Show at most N changes.
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Runs `log`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|d| ctx.past_date("--since", d))
        .transpose()?;
    let mut until = args
        .until
        .as_deref()
        .map(|d| ctx.past_date("--until", d))
        .transpose()?;
    if let Some(day) = ctx.as_of {
        until = Some(until.map_or(day, |u| u.min(day)));
    }
    let kinds = match &args.kind {
        Some(k) => vec![k.parse::<Kind>().map_err(Error::user)?],
        None => Vec::new(),
    };
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let id = match &args.id {
        Some(i) => Some(resolve_any(i, snap)?),
        None => None,
    };
    let query = LogQuery {
        since,
        until,
        author: args.author.clone(),
        kinds,
        id,
    };
    let mut entries = match snap.commit {
        Some(c) => audit::log(&ledger, c, &query, &snap.people)?,
        None => Vec::new(),
    };
    if let Some(n) = args.limit {
        entries.truncate(n);
    }
    match ctx.format {
        Format::Json => out.write_all(json::to_string(&entries).as_bytes())?,
        Format::Csv => {
            let rows = entries.iter().map(rlog::csv_row).collect();
            out.write_all(csv::render(&rlog::CSV_HEADER, rows).as_bytes())?;
        }
        _ => {
            if entries.is_empty() {
                writeln!(out, "No changes to the ledger match.")?;
                return Ok(());
            }
            let abbrev = Abbrev::of(snap);
            let rows: Vec<_> = entries.iter().map(|e| rlog::row(e, &abbrev)).collect();
            if ctx.format == Format::Md {
                out.write_all(markdown::grid(&rlog::HEADER, &rows).as_bytes())?;
            } else {
                out.write_all(table::render(&rlog::HEADER, rows).as_bytes())?;
            }
        }
    }
    Ok(())
}

/// An id typed by the user: a record in the snapshot, else a full id of one that no longer
/// exists there (a deleted record still has a trail).
fn resolve_any(input: &str, snap: &crate::store::Snapshot) -> Result<RecordId> {
    match resolve::resolve(input, snap.ids()) {
        Ok(id) => Ok(id),
        Err(e) => RecordId::parse(input.trim()).map_err(|_| e),
    }
}
