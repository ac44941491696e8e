//! `ledger list [KIND]`: records still in play, or any you filter for.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::{actions, outcome, Kind, Record, Status};
use crate::query::filter::Filter;
use crate::query::resolve::Abbrev;
use crate::report::{csv, json, markdown, record as rrecord, table, Format};

use super::Ctx;

/// Arguments of `list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this kind: ask, commitment, meeting, decision (plurals work too).
    pub kind: Option<String>,
    /// Only these kinds (comma-separated, repeatable); the same as KIND, for scripts.
    #[arg(long = "kind", value_delimiter = ',', value_name = "KIND")]
    pub kinds: Vec<String>,
    /// Only these statuses (comma-separated, repeatable).
    #[arg(long, value_delimiter = ',', value_name = "STATUS")]
    pub status: Vec<String>,
    /// Only records owned by (promised by, asked by, decided by, attended by) this person.
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// Only records for (promised to, asked of) this person.
    #[arg(long, value_name = "HANDLE")]
    pub to: Option<String>,
    /// Only records with this tag (repeat for records carrying every one given).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Only records made in this meeting (an id or a unique prefix).
    #[arg(long, value_name = "ID")]
    pub meeting: Option<String>,
    /// Only asks and commitments due before this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due_before: Option<String>,
    /// Only asks and commitments due after this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub due_after: Option<String>,
    /// Only records dated (asked, promised, held, decided) on or after this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Only records dated on or before this day.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: Option<String>,
    /// Only records whose text (what, title, statement, notes, reasons, ...) contains TEXT,
    /// ignoring case.
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,
    /// Every record of every status.
    #[arg(long)]
    pub all: bool,
}

/// Runs `list`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let kinds = args
        .kind
        .iter()
        .chain(&args.kinds)
        .map(|k| k.parse::<Kind>().map_err(Error::user))
        .collect::<Result<Vec<_>>>()?;
    let statuses = args
        .status
        .iter()
        .map(|s| s.parse::<Status>().map_err(Error::user))
        .collect::<Result<Vec<_>>>()?;
    let date = |flag: &str, v: &Option<String>| v.as_deref().map(|d| ctx.date(flag, d)).transpose();
    let past =
        |flag: &str, v: &Option<String>| v.as_deref().map(|d| ctx.past_date(flag, d)).transpose();
    let mut filter = Filter {
        kinds,
        statuses,
        by: args.by,
        to: args.to,
        all: args.all,
        today: Some(ctx.day()),
        tags: args.tag.iter().map(|t| t.trim().to_string()).collect(),
        meeting: None,
        due_before: date("--due-before", &args.due_before)?,
        due_after: date("--due-after", &args.due_after)?,
        since: past("--since", &args.since)?,
        until: past("--until", &args.until)?,
        grep: args.grep.as_deref().map(str::to_lowercase),
    };
    let ledger = ctx.open()?;
    // The meeting's id is resolved against the ledger below; until then any meeting passes.
    let snap = &ctx.snapshot_where(&ledger, |row| filter.matches(row))?;
    if let Some(m) = &args.meeting {
        let id = crate::query::resolve::resolve(m, snap.ids())?;
        if id.kind() != Kind::Meeting {
            return Err(Error::user(format!(
                "--meeting: {id} is a {}, not a meeting",
                id.kind()
            )));
        }
        filter.meeting = Some(id);
    }
    let mut records: Vec<&Record> = snap
        .entries
        .iter()
        .map(|e| &e.record)
        .filter(|r| filter.matches(*r))
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
    let day = ctx.day();
    let status_of = |id: &crate::model::RecordId| snap.get(id).map(|e| e.record.status());
    let blocked =
        |r: &Record| matches!(r, Record::Commitment(c) if actions::still_blocked(c, status_of));
    match ctx.format {
        Format::Json => {
            let list: Vec<_> = records
                .iter()
                .map(|r| {
                    let mut v = json::record(r);
                    if let Record::Commitment(c) = r {
                        v["is_blocked"] = blocked(r).into();
                        let a = outcome::assess(c, day);
                        v["outcome"] = serde_json::json!(a.outcome);
                        v["late_reschedules"] = serde_json::json!(a.late_moves);
                    }
                    v
                })
                .collect();
            out.write_all(json::to_string(&list).as_bytes())?;
        }
        Format::Csv => {
            let rows = records
                .iter()
                .map(|r| rrecord::list_csv_row(r, blocked(r), day));
            out.write_all(csv::render(&rrecord::LIST_CSV_HEADER, rows.collect()).as_bytes())?;
        }
        Format::Md if !records.is_empty() => {
            // Full ids: a pasted table outlives the ledger's current short forms.
            let abbrev = Abbrev::of(snap);
            let rows: Vec<_> = records
                .iter()
                .map(|r| {
                    let mut row = rrecord::row(r, &abbrev, blocked(r), day);
                    row[0] = r.id().to_string();
                    row
                })
                .collect();
            out.write_all(markdown::grid(&rrecord::LIST_HEADER, &rows).as_bytes())?;
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
            let abbrev = Abbrev::of(snap);
            let rows = records
                .iter()
                .map(|r| rrecord::row(r, &abbrev, blocked(r), day))
                .collect();
            out.write_all(table::render(&rrecord::LIST_HEADER, rows).as_bytes())?;
        }
    }
    Ok(())
}
