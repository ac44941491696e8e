//! `ledger import FILE.csv`: asks or commitments from a tracker's CSV export, in one commit,
//! each keeping the tracker's key in `source` so importing the same export again adds nothing.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{actions, Ask, Commitment, Kind, People, Record, Status};
use crate::query::dates;
use crate::report::{json, table, text, Format};
use crate::store::{Message, Txn};

use super::{change, Ctx};

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file (a tracker's export, with a header row).
    pub file: PathBuf,
    /// What each row becomes.
    #[arg(long, value_parser = ["commitment", "ask"], default_value = "commitment")]
    pub kind: String,
    /// Which column holds which field, FIELD=COLUMN, comma-separated or repeated. Fields: what,
    /// by, from, to, due, date, status, key. Defaults fit a Jira export: what=Summary,
    /// by=Assignee, to=Reporter (for an ask: from=Reporter, to=Assignee), due=Due date,
    /// date=Created, status=Status, key=Issue key.
    #[arg(long, value_delimiter = ',', value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// Show what would be recorded; record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record the good rows even when some are bad (the bad ones are listed).
    #[arg(long)]
    pub skip_bad: bool,
}

const FIELDS: [&str; 8] = ["what", "by", "from", "to", "due", "date", "status", "key"];

/// Column index of each field, from the defaults, the `--map` flags and the header row.
struct Columns {
    of: Vec<(&'static str, usize)>,
}

impl Columns {
    fn get<'r>(&self, field: &str, row: &'r csv::StringRecord) -> Option<&'r str> {
        let i = self.of.iter().find(|(f, _)| *f == field)?.1;
        row.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    fn has(&self, field: &str) -> bool {
        self.of.iter().any(|(f, _)| *f == field)
    }
}

fn columns(kind: Kind, maps: &[String], header: &csv::StringRecord) -> Result<Columns> {
    let (owner, counterpart) = if kind == Kind::Ask {
        (("from", "Reporter"), ("to", "Assignee"))
    } else {
        (("by", "Assignee"), ("to", "Reporter"))
    };
    let mut wanted: Vec<(&'static str, String, bool)> = [
        ("what", "Summary"),
        owner,
        counterpart,
        ("due", "Due date"),
        ("date", "Created"),
        ("status", "Status"),
        ("key", "Issue key"),
    ]
    .iter()
    .map(|(f, c)| (*f, c.to_string(), false))
    .collect();
    for m in maps {
        let (field, column) = m.split_once('=').ok_or_else(|| {
            Error::user(format!("--map '{m}' is not FIELD=COLUMN"))
                .hint("e.g. --map what=Summary,due=\"Due date\"")
        })?;
        let field = field.trim().to_ascii_lowercase();
        let Some(f) = FIELDS.iter().find(|f| **f == field) else {
            return Err(Error::user(format!(
                "--map: unknown field '{field}'; the fields are {}",
                FIELDS.join(", ")
            )));
        };
        let f = if kind == Kind::Ask && *f == "by" {
            "from"
        } else if kind == Kind::Commitment && *f == "from" {
            "by"
        } else {
            f
        };
        wanted.retain(|(w, _, _)| *w != f);
        wanted.push((f, column.trim().trim_matches('"').to_string(), true));
    }
    // A column the user named is checked first: its absence is the likelier mistake.
    wanted.sort_by_key(|w| !w.2);
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut of = Vec::new();
    for (field, column, explicit) in wanted {
        match headers.iter().position(|h| h.eq_ignore_ascii_case(&column)) {
            Some(i) => of.push((field, i)),
            None if explicit
                || matches!(field, "what" | "by" | "from" | "to")
                || (field == "due" && kind == Kind::Commitment) =>
            {
                return Err(Error::user(format!(
                    "the file has no column '{column}' for {field}; its columns are: {}",
                    headers.join(", ")
                ))
                .hint(format!("name the column with --map {field}=COLUMN")));
            }
            None => {}
        }
    }
    Ok(Columns { of })
}

/// A tracker's person (a name, an email, a username) as a handle: the people file's handle
/// for that email or name, else the name itself made into a handle.
fn handle(people: &People, value: &str) -> std::result::Result<String, String> {
    if let Some(h) = people
        .handle_for_email(value)
        .or_else(|| people.handle_for_name(value))
    {
        return Ok(h.to_string());
    }
    let base = value.split('@').next().unwrap_or(value);
    let h: String = base
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".");
    match crate::model::validate::handle_problem(&h) {
        None => Ok(h),
        Some(p) => Err(p),
    }
}

const DONE: [&str; 6] = [
    "done",
    "closed",
    "resolved",
    "fixed",
    "complete",
    "completed",
];
const CANCELLED: [&str; 7] = [
    "cancelled",
    "canceled",
    "won't do",
    "won't fix",
    "wontfix",
    "rejected",
    "duplicate",
];

/// What one row says, or why it cannot be imported.
enum Row {
    New(Box<Record>),
    Closed,
}

struct RowCtx<'a> {
    ctx: &'a Ctx,
    kind: Kind,
    people: &'a People,
}

fn row(
    rc: &RowCtx<'_>,
    cols: &Columns,
    r: &csv::StringRecord,
    id: crate::model::RecordId,
) -> std::result::Result<Row, String> {
    let need = |f: &str| cols.get(f, r).ok_or_else(|| format!("{f} is empty"));
    let what = need("what")?.to_string();
    if let Some(p) = crate::model::validate::text_problem(&what) {
        return Err(format!("what {p}"));
    }
    let to = handle(rc.people, need("to")?).map_err(|e| format!("to: {e}"))?;
    let date_of = |f: &str| -> std::result::Result<Option<NaiveDate>, String> {
        cols.get(f, r)
            .map(|v| {
                dates::parse_tracker(v).map_err(|_| {
                    format!(
                        "{f}: '{v}' is not a date in a form trackers export ({})",
                        dates::TRACKER_FORMS
                    )
                })
            })
            .transpose()
    };
    let due = date_of("due")?;
    let date = date_of("date")?.unwrap_or(rc.ctx.today);
    let source = cols.get("key", r).map(str::to_string);
    let status = cols
        .get("status", r)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let record = if rc.kind == Kind::Ask {
        if DONE.contains(&status.as_str()) || CANCELLED.contains(&status.as_str()) {
            return Ok(Row::Closed);
        }
        let from = handle(rc.people, need("from")?).map_err(|e| format!("from: {e}"))?;
        Record::Ask(Ask {
            id,
            kind: Kind::Ask,
            status: Status::Open,
            date,
            what,
            from,
            to,
            due,
            why: None,
            meeting: None,
            place: None,
            tags: Vec::new(),
            commitment: None,
            notes: Vec::new(),
            closed: None,
            reason: None,
            source,
        })
    } else {
        let by = handle(rc.people, need("by")?).map_err(|e| format!("by: {e}"))?;
        let due = due.ok_or("due is empty; a commitment needs a due date")?;
        let mut rec = Record::Commitment(Commitment {
            id,
            kind: Kind::Commitment,
            status: Status::Open,
            date,
            what,
            by,
            to,
            due,
            meeting: None,
            ask: None,
            place: None,
            tags: Vec::new(),
            blocked: None,
            reschedules: Vec::new(),
            notes: Vec::new(),
            closed: None,
            reason: None,
            source,
        });
        if DONE.contains(&status.as_str()) {
            actions::done(&mut rec, rc.ctx.today).map_err(|e| e.0)?;
        } else if CANCELLED.contains(&status.as_str()) {
            actions::cancel(
                &mut rec,
                rc.ctx.today,
                &format!("closed in the tracker as {status}"),
            )
            .map_err(|e| e.0)?;
        }
        rec
    };
    change::validate_new(&record).map_err(|e| e.message)?;
    Ok(Row::New(Box::new(record)))
}

/// Runs `import`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let kind: Kind = args.kind.parse().map_err(Error::user)?;
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| Error::user(format!("{name}: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| Error::user(format!("{name}: {e}")))?
        .clone();
    let cols = columns(kind, &args.map, &header)?;
    let mut rows = Vec::new();
    let mut bad: Vec<(u64, String)> = Vec::new();
    for r in reader.records() {
        match r {
            Ok(r) => rows.push(r),
            Err(e) => bad.push((
                e.position().map(|p| p.line()).unwrap_or(0),
                format!("not readable CSV: {e}"),
            )),
        }
    }
    if !cols.has("key") {
        eprintln!("ledger: warning: {name} has no key column; a second import of it would add every row again (name it with --map key=COLUMN)");
    }

    let ledger = if args.dry_run {
        ctx.open()?
    } else {
        ctx.open_for_write()?
    };
    let mut txn = Txn::begin(&ledger)?;
    let people = txn.people()?;
    let mut seen: HashSet<String> = match txn.parent() {
        Some(c) => crate::history::load::snapshot(&ledger, c.id())?
            .entries
            .iter()
            .filter_map(|e| match &e.record {
                Record::Ask(a) => a.source.clone(),
                Record::Commitment(c) => c.source.clone(),
                _ => None,
            })
            .collect(),
        None => HashSet::new(),
    };
    let rc = RowCtx {
        ctx,
        kind,
        people: &people,
    };
    let progress = (std::io::stderr().is_terminal() && rows.len() >= 500).then(|| {
        let bar = indicatif::ProgressBar::new(rows.len() as u64);
        bar.set_message(format!("reading {name}"));
        bar
    });
    let (mut new, mut skipped, mut closed) = (Vec::new(), 0usize, 0usize);
    for r in &rows {
        if let Some(b) = &progress {
            b.inc(1);
        }
        let line = r.position().map(|p| p.line()).unwrap_or(0);
        if let Some(key) = cols.get("key", r) {
            if !seen.insert(key.to_string()) {
                skipped += 1;
                continue;
            }
        }
        let id = txn.new_id(kind)?;
        match row(&rc, &cols, r, id) {
            Ok(Row::New(rec)) => new.push((line, *rec)),
            Ok(Row::Closed) => closed += 1,
            Err(why) => bad.push((line, why)),
        }
    }
    if let Some(b) = progress {
        b.finish_and_clear();
    }
    bad.sort();
    for (line, why) in &bad {
        eprintln!("{name}:{line}: {}", text::safe(why, false));
    }
    if !bad.is_empty() && !args.skip_bad {
        return Err(Error::user(format!(
            "{} bad row(s) in {name}; nothing was recorded",
            bad.len()
        ))
        .hint(
            "fix those rows (or map the columns with --map), or pass --skip-bad to import the rest",
        ));
    }
    let noun = if kind == Kind::Ask {
        "ask"
    } else {
        "commitment"
    };
    let summary = format!(
        "{} {noun}(s) from {name}; {skipped} already imported (skipped){}{}",
        new.len(),
        if closed > 0 {
            format!(", {closed} closed in the tracker (not imported)")
        } else {
            String::new()
        },
        if bad.is_empty() {
            String::new()
        } else {
            format!(", {} bad row(s) left out", bad.len())
        },
    );
    if !args.dry_run && !new.is_empty() {
        let writes = new
            .iter()
            .map(|(_, r)| change::create(r))
            .collect::<Result<Vec<_>>>()?;
        let mut message = Message::new(
            format!(
                "Import {} {noun}(s) from {}",
                new.len(),
                args.file
                    .file_name()
                    .map(|f| f.to_string_lossy())
                    .unwrap_or_default()
            ),
            "import",
        )
        .trailer("Ledger-Kind", kind.as_str());
        for (_, r) in &new {
            message = message.trailer("Ledger-Id", r.id().as_str());
        }
        crate::store::write::prepare_bulk_write();
        txn.commit(writes, &message)?;
    }
    print(ctx, out, &args, &new, &summary, skipped, &bad)
}

fn print(
    ctx: &Ctx,
    out: &mut dyn Write,
    args: &Args,
    new: &[(u64, Record)],
    summary: &str,
    skipped: usize,
    bad: &[(u64, String)],
) -> Result<()> {
    if ctx.format == Format::Json {
        let v = serde_json::json!({
            "dry_run": args.dry_run,
            "records": new.iter().map(|(line, r)| { let mut v = json::record(r); v["line"] = (*line).into(); v }).collect::<Vec<_>>(),
            "skipped": skipped,
            "bad": bad.iter().map(|(l, m)| serde_json::json!({"line": l, "message": m})).collect::<Vec<_>>(),
        });
        out.write_all(json::to_string(&v).as_bytes())?;
        return Ok(());
    }
    if args.dry_run {
        let rows = new
            .iter()
            .map(|(line, r)| {
                vec![
                    line.to_string(),
                    r.status().to_string(),
                    text::line(r.owner().unwrap_or(""), 30),
                    text::line(r.counterpart().unwrap_or(""), 30),
                    r.due().map(|d| d.to_string()).unwrap_or_default(),
                    text::line(r.headline(), 70),
                    text::line(
                        match r {
                            Record::Ask(a) => a.source.as_deref(),
                            Record::Commitment(c) => c.source.as_deref(),
                            _ => None,
                        }
                        .unwrap_or(""),
                        30,
                    ),
                ]
            })
            .collect();
        if !new.is_empty() {
            out.write_all(
                table::render(
                    &["LINE", "STATUS", "WHO", "TO", "DUE", "WHAT", "SOURCE"],
                    rows,
                )
                .as_bytes(),
            )?;
        }
        writeln!(out, "dry run: would record {summary}")?;
        return Ok(());
    }
    for (_, r) in new {
        let src = match r {
            Record::Ask(a) => a.source.as_deref(),
            Record::Commitment(c) => c.source.as_deref(),
            _ => None,
        };
        let line = format!(
            "{} {} {} {}: {}",
            r.id(),
            src.unwrap_or("-"),
            r.owner().unwrap_or(""),
            r.counterpart().unwrap_or(""),
            r.headline()
        );
        writeln!(out, "{}", text::line(&line, 120))?;
    }
    writeln!(out, "imported {summary}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_people_become_handles() {
        let mut people = People::default();
        people.people.insert(
            "al".into(),
            crate::model::people::Person {
                email: Some("alice@example.com".into()),
                name: Some("Alice Martin".into()),
                ..Default::default()
            },
        );
        assert_eq!(handle(&people, "ALICE@example.com").unwrap(), "al");
        assert_eq!(handle(&people, "Alice Martin").unwrap(), "al");
        assert_eq!(handle(&people, "Bob Chen").unwrap(), "bob.chen");
        assert_eq!(handle(&people, "bob@example.com").unwrap(), "bob");
        assert!(handle(&people, "Bob (contractor)").is_err());
    }

    #[test]
    fn columns_from_defaults_and_map() {
        let header =
            csv::StringRecord::from(vec!["Summary", "Assignee", "Reporter", "Due date", "Ref"]);
        let c = columns(Kind::Commitment, &["key=Ref".into()], &header).unwrap();
        let row = csv::StringRecord::from(vec!["x", "bob", "alice", "2026-03-01", "R-1"]);
        assert_eq!(c.get("key", &row), Some("R-1"));
        assert_eq!(c.get("by", &row), Some("bob"));
        let ask = columns(Kind::Ask, &[], &header).unwrap();
        assert_eq!(ask.get("from", &row), Some("alice"));
        assert!(columns(Kind::Commitment, &["colour=Red".into()], &header).is_err());
    }
}
