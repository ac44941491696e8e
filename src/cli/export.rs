//! `ledger export --ics [--out FILE]`: open commitments and asks with due dates as an
//! iCalendar file that calendar programs import.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::{Record, Status};
use crate::report::ics;

use super::Ctx;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// iCalendar (RFC 5545): one all-day event per open commitment or ask with a due date.
    #[arg(long, required = true)]
    pub ics: bool,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn event(record: &Record, people: &crate::model::People) -> Option<ics::Event> {
    let who = |h: &str| people.display(h);
    let (summary, mut description) = match record {
        Record::Commitment(c) if c.status == Status::Open => (
            format!("{} promised {}: {}", c.by, c.to, c.what),
            format!(
                "{} promised {} on {}: {}\nDue {}.",
                who(&c.by),
                who(&c.to),
                c.date,
                c.what,
                c.due
            ),
        ),
        Record::Ask(a) if a.status == Status::Open && a.due.is_some() => (
            format!("{} asked {}: {}", a.from, a.to, a.what),
            format!(
                "{} asked {} on {}: {}\nNeeded by {}.",
                who(&a.from),
                who(&a.to),
                a.date,
                a.what,
                a.due?
            ),
        ),
        _ => return None,
    };
    if let Record::Commitment(c) = record {
        if let Some(b) = &c.blocked {
            let on =
                b.on.as_ref()
                    .map(|o| format!(" on {o}"))
                    .unwrap_or_default();
            let why = b
                .reason
                .as_deref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default();
            description.push_str(&format!("\nBlocked since {}{on}{why}.", b.since));
        }
        if let Some(s) = &c.source {
            description.push_str(&format!("\nImported from {s}."));
        }
    }
    description.push_str(&format!(
        "\nRecord {} (ledger show {}).",
        record.id(),
        record.id()
    ));
    Some(ics::Event {
        id: record.id().to_string(),
        due: record.due()?,
        summary,
        description,
        category: record.kind().to_string(),
    })
}

/// Runs `export`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let mut events: Vec<ics::Event> = snap
        .entries
        .iter()
        .filter_map(|e| event(&e.record, &snap.people))
        .collect();
    events.sort_by(|a, b| a.due.cmp(&b.due).then(a.id.cmp(&b.id)));
    // DTSTAMP from the commit the answer comes from, never the clock: same ledger, same file.
    let stamp = match snap.commit {
        Some(c) => chrono::DateTime::from_timestamp(ledger.commit_seconds(c)?, 0)
            .map(|d| d.naive_utc())
            .unwrap_or_default(),
        None => ctx.day().and_hms_opt(0, 0, 0).unwrap_or_default(),
    };
    let text = ics::render(&events, stamp);
    match args.out {
        Some(path) => {
            std::fs::write(&path, text)
                .map_err(|e| Error::user(format!("--out {}: {e}", path.display())))?;
            writeln!(out, "wrote {} event(s) to {}", events.len(), path.display())?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}
