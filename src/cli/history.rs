//! `ledger history ID`: every change to one record from the git history, oldest first, hand
//! edits made with plain git included.

use std::io::Write;

use crate::error::{Error, ErrorKind, Result};
use crate::history::{events, lookup};
use crate::model::{Kind, RecordId};
use crate::query::resolve;
use crate::report::{csv, history as rhistory, html, json, text, Format};
use crate::store::layout::{self, PathRole};

use super::Ctx;

/// Arguments of `history`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record (an id or a unique prefix of one).
    pub id: String,
}

/// Runs `history`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let commit = match ctx.as_of {
        Some(day) => crate::history::clock::commit_as_of(&ledger, day)?,
        None => ledger.head()?.map(|c| c.id()),
    };
    // The quick way reads only this record's file; the full snapshot is read when that cannot
    // answer (no such file, or one that does not parse), and it also explains the problem.
    let quick = match commit {
        Some(c) => lookup::find(&ledger, c, &args.id)?,
        None => None,
    };
    let mut undone = None;
    let (id, kind, path, headline, commit) = match quick {
        Some(f) => {
            let headline = text::line(f.record.headline(), 60);
            (f.id, f.kind, f.path, headline, commit)
        }
        None => match full_lookup(ctx, &ledger, &args.id) {
            Ok(found) => found,
            // A record `undo` took back is in no snapshot, but its history is still there.
            Err(e) if e.kind == ErrorKind::NotFound => {
                let Some(u) = commit
                    .map(|c| lookup::undone(&ledger, c, &args.id))
                    .transpose()?
                    .flatten()
                else {
                    return Err(e);
                };
                let headline = match lookup::find(&ledger, u.before, u.id.as_str())? {
                    Some(f) => text::line(f.record.headline(), 60),
                    None => "its file did not parse".to_string(),
                };
                let found = (
                    u.id.clone(),
                    u.kind,
                    u.path.clone(),
                    headline,
                    Some(u.undone),
                );
                undone = Some(u);
                found
            }
            Err(e) => return Err(e),
        },
    };
    let evs = match commit {
        Some(c) => events::events_of_one(&ledger, c, &path, kind)?,
        None => Vec::new(),
    };
    match ctx.format {
        Format::Json => out.write_all(json::to_string(&evs).as_bytes())?,
        Format::Html => {
            let page = html::pages::history(id.as_str(), &kind.to_string(), &headline, &evs);
            out.write_all(page.as_bytes())?;
        }
        Format::Csv => {
            let rows = evs.iter().flat_map(rhistory::csv_rows).collect();
            out.write_all(csv::render(&rhistory::CSV_HEADER, rows).as_bytes())?;
        }
        _ => {
            let as_of = ctx
                .as_of
                .map(|d| format!(" as recorded by the end of {d}"))
                .unwrap_or_default();
            writeln!(
                out,
                "History of {id} ({kind}: {headline}){as_of}: {} change{}",
                evs.len(),
                if evs.len() == 1 { "" } else { "s" }
            )?;
            if let Some(u) = &undone {
                let short = |o: crate::store::CommitId| o.to_string()[..10].to_string();
                writeln!(
                    out,
                    "It is no longer in the ledger: made in commit {} and undone in commit {} (`ledger undo`).",
                    short(u.made),
                    short(u.undone)
                )?;
            }
            for (n, e) in evs.iter().enumerate() {
                let c = &e.commit;
                let hand = match (&e.claimed_action, e.by_hand) {
                    (Some(claim), _) => format!(
                        " (made with plain git; its trailers claim `{}`, which does not change these fields)",
                        text::line(claim, 30)
                    ),
                    (None, true) => " (made with plain git)".to_string(),
                    (None, false) => String::new(),
                };
                writeln!(
                    out,
                    "\n{}  {}  {} <{}>  {}{hand}",
                    &c.commit[..c.commit.len().min(10)],
                    c.at.format("%Y-%m-%d %H:%M %z"),
                    text::line(&c.author, 40),
                    text::line(&c.email, 60),
                    text::line(&e.action, 30),
                )?;
                if n == 0 {
                    writeln!(out, "    created in: {}", text::line(&c.subject, 90))?;
                }
                for l in rhistory::lines(e, n == 0) {
                    writeln!(out, "    {l}")?;
                }
                if let Some(r) = &e.reason {
                    writeln!(out, "    reason: {}", text::line(r, 200))?;
                }
            }
        }
    }
    Ok(())
}

/// Finds the record through the whole snapshot, files that do not parse included.
fn full_lookup(
    ctx: &Ctx,
    ledger: &crate::store::Ledger,
    input: &str,
) -> Result<(
    RecordId,
    Kind,
    String,
    String,
    Option<crate::store::CommitId>,
)> {
    let snap = &ctx.snapshot(ledger)?;
    // A record whose file no longer parses still has a history worth reading (it shows how it
    // broke), so its id is looked for among the files with problems too.
    let broken: Vec<(RecordId, Kind, String)> = snap
        .problems
        .iter()
        .filter_map(|p| match layout::classify(&p.path) {
            PathRole::Record(kind, id) if snap.get(&id).is_none() => {
                Some((id, kind, p.path.clone()))
            }
            _ => None,
        })
        .collect();
    let id = resolve::resolve(input, snap.ids().chain(broken.iter().map(|b| &b.0)))?;
    let (kind, path, headline) = match snap.get(&id) {
        Some(e) => (
            e.record.kind(),
            e.path.clone(),
            text::line(e.record.headline(), 60),
        ),
        None => {
            let (_, kind, path) = broken.into_iter().find(|b| b.0 == id).ok_or_else(|| {
                Error::user(format!("no record {id}")).of_kind(crate::ErrorKind::NotFound)
            })?;
            (kind, path, "its file does not parse now".to_string())
        }
    };
    // The snapshot's commit is HEAD, or the last commit of the --as-of day: the walk starts
    // there, so nothing recorded later is shown.
    Ok((id, kind, path, headline, snap.commit))
}
