//! `ledger import FILE.csv`: asks or commitments from a tracker's CSV export, in one commit,
//! each keeping the tracker's key in `source` so importing the same export again adds nothing.
//! Reading the export (`tracker.rs`) is the command line's; the records are committed through
//! `ops::import`.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::{Kind, Record};
use crate::ops::import::Import;
use crate::report::{json, table, text, Format};

use super::tracker::{columns, people_of, row, Row, RowCtx};
use super::tracker_people::{describe, match_people, with_strangers, Matched, Stranger};
use super::Ctx;

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file (a tracker's export, with a header row).
    pub file: PathBuf,
    /// What each row becomes.
    #[arg(long, value_parser = ["commitment", "ask"], default_value = "commitment")]
    pub kind: String,
    /// Which column holds which field, FIELD=COLUMN, comma-separated or repeated. Fields: what,
    /// by, from, to, due, date, status, key, resolved, tags, description. Defaults fit a Jira
    /// export: what=Summary, by=Assignee, to=Reporter (for an ask: from=Reporter,
    /// to=Assignee), due=Due date, date=Created, status=Status, key=Issue key,
    /// resolved=Resolved, tags=Labels (every such column), description=Description.
    #[arg(long, value_delimiter = ',', value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    /// Show what would be recorded; record nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record the good rows even when some are bad (the bad ones are listed).
    #[arg(long)]
    pub skip_bad: bool,
    /// Add the people the export names that the people file does not know, in the same
    /// commit (without it, such a name stops the import).
    #[arg(long)]
    pub add_people: bool,
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
    let mut lines = FileLines {
        bytes,
        at: 0,
        line: 1,
    };
    let mut rows = Vec::new();
    let mut bad: Vec<(u64, String)> = Vec::new();
    for r in reader.records() {
        match r {
            Ok(r) => rows.push((r.position().map(|p| lines.of(p)).unwrap_or(0), r)),
            Err(e) => bad.push((
                e.position().map(|p| lines.of(p)).unwrap_or(0),
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
    let mut import = Import::begin(&ledger, kind)?;
    let people = import.people().clone();
    // Rows already imported are skipped before anything else: a re-import names nobody new.
    let mut skipped = 0usize;
    let mut todo = Vec::new();
    for (line, r) in &rows {
        match cols.get("key", r) {
            Some(key) if !import.is_new(key) => skipped += 1,
            _ => todo.push((*line, r)),
        }
    }
    let strict = import.strict_people()?;
    let matched = if strict {
        match_people(
            &people,
            todo.iter().flat_map(|(line, r)| {
                people_of(&cols, kind, r)
                    .into_iter()
                    .map(move |(f, v)| (*line, f, v))
            }),
        )
    } else {
        Matched::default()
    };
    let strangers = &matched.strangers;
    let rc = RowCtx {
        ctx,
        kind,
        people: &people,
        who: &matched.who,
        strict,
    };
    let progress = (std::io::stderr().is_terminal() && todo.len() >= 500).then(|| {
        let bar = indicatif::ProgressBar::new(todo.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}") {
            bar.set_style(style);
        }
        bar.set_message(format!("reading {name}"));
        bar
    });
    let big = progress.is_some();
    let (mut new, mut closed) = (Vec::new(), 0usize);
    for &(line, r) in &todo {
        if let Some(b) = &progress {
            b.inc(1);
        }
        let id = import.new_id()?;
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
    if !strangers.is_empty() && !args.add_people {
        for s in strangers {
            let lines: Vec<String> = s.lines.iter().map(u64::to_string).collect();
            eprintln!(
                "{name}:{}: {}",
                lines.join(","),
                text::safe(&describe(s), false)
            );
        }
        return Err(Error::user(format!(
            "{} {} named in {name} {} not in the people file; nothing was recorded",
            strangers.len(),
            if strangers.len() == 1 { "person" } else { "people" },
            if strangers.len() == 1 { "is" } else { "are" },
        ))
        .hint(format!(
            "add them first (e.g. ledger people add {} --name \"{}\"), correct the names in the file, or pass --add-people to add them in the same commit as the records",
            strangers[0].handle,
            strangers[0].value.replace('"', "")
        )));
    }
    // Only the people a recorded row names are added: one named only on a bad row left out
    // by --skip-bad would be a person the ledger has no record of.
    let used: HashSet<&str> = new
        .iter()
        .flat_map(|(_, r)| [r.owner(), r.counterpart()])
        .flatten()
        .collect();
    let added: Vec<&Stranger> = strangers
        .iter()
        .filter(|s| args.add_people && used.contains(s.handle.as_str()))
        .collect();
    let new_people = (!added.is_empty()).then(|| with_strangers(&people, &added));
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
    let summary = match &new_people {
        Some(_) => format!(
            "{summary}; adds {} to the people file: {}",
            if added.len() == 1 {
                "1 person".to_string()
            } else {
                format!("{} people", added.len())
            },
            added
                .iter()
                .map(|s| format!("{} ({})", s.handle, s.value))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => summary,
    };
    if !args.dry_run && !new.is_empty() {
        let file = args
            .file
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let records: Vec<Record> = new.iter().map(|(_, r)| r.clone()).collect();
        // Writing thousands of files takes seconds: say so on a terminal.
        let spinner = big.then(|| {
            let s = indicatif::ProgressBar::new_spinner();
            s.set_message(format!("writing {} records in one commit", new.len()));
            s.enable_steady_tick(std::time::Duration::from_millis(120));
            s
        });
        import.commit(
            &records,
            new_people.as_ref(),
            &file,
            &summary.replace(name.as_str(), &file),
        )?;
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
    }
    let found = Found {
        new: &new,
        summary: &summary,
        skipped,
        bad: &bad,
        added: &added,
    };
    print(ctx, out, &args, &found)
}

/// The file line a row starts on, as an editor numbers it. The csv reader's own count is one
/// short after a CRLF line end (it counts the `\n` only once it reads the next row), so the
/// line is counted here from the row's byte offset, past any line end it points into.
/// Rows come in file order, so the count goes on from the previous row's.
struct FileLines<'b> {
    bytes: &'b [u8],
    at: usize,
    line: u64,
}

impl FileLines<'_> {
    fn of(&mut self, pos: &csv::Position) -> u64 {
        let mut start = (pos.byte() as usize).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.bytes[self.at..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.at = start;
        self.line
    }
}

/// What an import found, for printing.
struct Found<'a> {
    new: &'a [(u64, Record)],
    summary: &'a str,
    skipped: usize,
    bad: &'a [(u64, String)],
    added: &'a [&'a Stranger],
}

fn print(ctx: &Ctx, out: &mut dyn Write, args: &Args, found: &Found<'_>) -> Result<()> {
    let Found {
        new,
        summary,
        skipped,
        bad,
        added,
    } = *found;
    if ctx.format == Format::Json {
        let v = serde_json::json!({
            "dry_run": args.dry_run,
            "records": new.iter().map(|(line, r)| { let mut v = json::record(r); v["line"] = (*line).into(); v }).collect::<Vec<_>>(),
            "skipped": skipped,
            "bad": bad.iter().map(|(l, m)| serde_json::json!({"line": l, "message": m})).collect::<Vec<_>>(),
            "people_added": added.iter().map(|s| serde_json::json!({"handle": s.handle, "as": s.value, "lines": s.lines})).collect::<Vec<_>>(),
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
