//! `ledger log`: the audit trail of the whole ledger, one line per change, newest first.

use std::io::Write;

use crate::error::{Error, Result};
use crate::history::audit::{self, LogEntry, LogQuery};
use crate::model::{Kind, RecordId};
use crate::query::resolve::{self, Abbrev};
use crate::report::{csv, json, table, text, Format};

use super::Ctx;

/// Arguments of `log`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only changes committed on or after this day.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only changes committed on or before this day.
    #[arg(long, value_name = "DATE")]
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

const HEADER: [&str; 6] = ["COMMIT", "WHEN", "AUTHOR", "ACTION", "RECORDS", "SUBJECT"];
const CSV_HEADER: [&str; 9] = [
    "commit", "at", "author", "email", "action", "ids", "reason", "by_hand", "subject",
];

/// Runs `log`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|d| ctx.date("--since", d))
        .transpose()?;
    let mut until = args
        .until
        .as_deref()
        .map(|d| ctx.date("--until", d))
        .transpose()?;
    if let Some(day) = ctx.as_of {
        until = Some(until.map_or(day, |u| u.min(day)));
    }
    let kinds = match &args.kind {
        Some(k) => vec![k.parse::<Kind>().map_err(Error::user)?],
        None => Vec::new(),
    };
    let ledger = ctx.open()?;
    let snap = ctx.snapshot(&ledger)?;
    let id = match &args.id {
        Some(i) => Some(resolve_any(i, &snap)?),
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
            let rows = entries.iter().map(csv_row).collect();
            out.write_all(csv::render(&CSV_HEADER, rows).as_bytes())?;
        }
        _ => {
            if entries.is_empty() {
                writeln!(out, "No changes to the ledger match.")?;
                return Ok(());
            }
            let abbrev = Abbrev::new(snap.ids());
            let rows = entries.iter().map(|e| row(e, &abbrev)).collect();
            out.write_all(table::render(&HEADER, rows).as_bytes())?;
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

fn row(e: &LogEntry, abbrev: &Abbrev) -> Vec<String> {
    let c = &e.commit;
    let ids: Vec<String> = e
        .ids
        .iter()
        .map(|i| match RecordId::parse(i) {
            Ok(id) => abbrev.short(&id).to_string(),
            Err(_) => text::line(i, 20),
        })
        .collect();
    let mut subject = text::line(&c.subject, 80);
    if e.by_hand {
        let files: Vec<&str> = e.paths.iter().map(String::as_str).take(5).collect();
        let more = e.paths.len().saturating_sub(5);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        subject = format!(
            "{subject} [made with plain git; files: {}{more}]",
            text::line(&files.join(", "), 200)
        );
    }
    vec![
        c.commit[..c.commit.len().min(7)].to_string(),
        c.at.format("%Y-%m-%d %H:%M").to_string(),
        text::line(&c.author, 24),
        text::line(&e.action, 20),
        ids.join(" "),
        subject,
    ]
}

fn csv_row(e: &LogEntry) -> Vec<String> {
    let c = &e.commit;
    vec![
        c.commit.clone(),
        c.at.to_rfc3339(),
        text::line(&c.author, usize::MAX),
        text::line(&c.email, usize::MAX),
        text::line(&e.action, usize::MAX),
        text::line(&e.ids.join(" "), usize::MAX),
        e.reason
            .as_deref()
            .map(|r| text::line(r, usize::MAX))
            .unwrap_or_default(),
        e.by_hand.to_string(),
        text::line(&c.subject, usize::MAX),
    ]
}
