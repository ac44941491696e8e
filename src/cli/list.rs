//! `ledger list [KIND]`: records still in play, or any you filter for.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{actions, Kind, Record, Status};
use crate::query::filter::Filter;
use crate::query::resolve::Abbrev;
use crate::report::{csv, json, record as rrecord, table, Format};

use super::Ctx;

/// Arguments of `list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this kind: ask, commitment, meeting, decision (plurals work too).
    pub kind: Option<String>,
    /// Only these statuses (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only records owned by (promised by, asked by, decided by, attended by) this person.
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// Only records for (promised to, asked of) this person.
    #[arg(long, value_name = "HANDLE")]
    pub to: Option<String>,
    /// Every record of every status.
    #[arg(long)]
    pub all: bool,
}

/// Runs `list`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let kinds = match &args.kind {
        Some(k) => vec![k.parse::<Kind>().map_err(Error::user)?],
        None => Vec::new(),
    };
    let statuses = args
        .status
        .iter()
        .map(|s| s.parse::<Status>().map_err(Error::user))
        .collect::<Result<Vec<_>>>()?;
    let filter = Filter {
        kinds,
        statuses,
        by: args.by,
        to: args.to,
        all: args.all,
        today: Some(ctx.day()),
    };
    let ledger = ctx.open()?;
    let snap = ctx.snapshot(&ledger)?;
    let mut records: Vec<&Record> = snap
        .entries
        .iter()
        .map(|e| &e.record)
        .filter(|r| filter.matches(r))
        .collect();
    let order = |k: Kind| Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
    records.sort_by(|a, b| {
        order(a.kind())
            .cmp(&order(b.kind()))
            .then(
                a.due()
                    .unwrap_or(a.date())
                    .cmp(&b.due().unwrap_or(b.date())),
            )
            .then(a.id().cmp(b.id()))
    });
    let status_of = |id: &crate::model::RecordId| snap.get(id).map(|e| e.record.status());
    let blocked =
        |r: &Record| matches!(r, Record::Commitment(c) if actions::still_blocked(c, status_of));
    match ctx.format {
        Format::Json => {
            let list: Vec<_> = records
                .iter()
                .map(|r| {
                    let mut v = json::record(r);
                    if let Record::Commitment(_) = r {
                        v["is_blocked"] = blocked(r).into();
                    }
                    v
                })
                .collect();
            out.write_all(json::to_string(&list).as_bytes())?;
        }
        Format::Csv => {
            let abbrev = Abbrev::new(snap.ids());
            let rows = records.iter().map(|r| {
                let mut row = rrecord::row(r, &abbrev, blocked(r));
                row[0] = r.id().to_string();
                row
            });
            out.write_all(csv::render(&rrecord::LIST_HEADER, rows.collect()).as_bytes())?;
        }
        _ => {
            if records.is_empty() {
                let scope = if args.all {
                    ""
                } else {
                    " still in play (--all shows every record)"
                };
                writeln!(out, "No records{scope}.")?;
                return Ok(());
            }
            let abbrev = Abbrev::new(snap.ids());
            let rows = records
                .iter()
                .map(|r| rrecord::row(r, &abbrev, blocked(r)))
                .collect();
            out.write_all(table::render(&rrecord::LIST_HEADER, rows).as_bytes())?;
        }
    }
    Ok(())
}
