//! `ledger show ID`: one record in full, what it links to and from, and who recorded it when.

use std::io::Write;

use crate::error::{Error, Result};
use crate::history::origin;
use crate::model::{Record, RecordId};
use crate::query::resolve;
use crate::report::{json, record as rrecord, table, text, Format};
use crate::store::Snapshot;

use super::Ctx;

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record (an id or a unique prefix of one).
    pub id: String,
}

/// Records linked to `id`: what it names, what names it, and a decision's whole chain.
fn links(snap: &Snapshot, record: &Record) -> Vec<(String, RecordId)> {
    let id = record.id();
    let mut out: Vec<(String, RecordId)> = record
        .references()
        .into_iter()
        .map(|(f, t)| (f.to_string(), t.clone()))
        .collect();
    for e in &snap.entries {
        for (field, target) in e.record.references() {
            if target == id && !out.iter().any(|(_, t)| t == e.record.id()) {
                out.push((
                    format!("named in {}.{field}", e.record.kind()),
                    e.record.id().clone(),
                ));
            }
        }
    }
    if let Record::Decision(_) = record {
        // Follow the chain both ways, beyond the direct neighbours.
        let mut cur = record.clone();
        while let Record::Decision(d) = &cur {
            let Some(prev) = d.supersedes.as_ref().and_then(|p| snap.get(p)) else {
                break;
            };
            if prev.record.id() == id || out.iter().filter(|(f, _)| f == "earlier").count() > 1000 {
                break;
            }
            if !out.iter().any(|(_, t)| t == prev.record.id()) {
                out.push(("earlier".into(), prev.record.id().clone()));
            }
            cur = prev.record.clone();
        }
        let mut cur = record.clone();
        while let Record::Decision(d) = &cur {
            let Some(next) = d.superseded_by.as_ref().and_then(|n| snap.get(n)) else {
                break;
            };
            if next.record.id() == id || out.iter().filter(|(f, _)| f == "later").count() > 1000 {
                break;
            }
            if !out.iter().any(|(_, t)| t == next.record.id()) {
                out.push(("later".into(), next.record.id().clone()));
            }
            cur = next.record.clone();
        }
    }
    out
}

/// The decision in force at the end of `record`'s supersession chain, if it is not `record`.
fn in_force<'a>(snap: &'a Snapshot, record: &Record) -> Option<&'a Record> {
    let mut cur = match record {
        Record::Decision(d) => d.superseded_by.as_ref()?,
        _ => return None,
    };
    for _ in 0..10_000 {
        let next = &snap.get(cur)?.record;
        match next {
            Record::Decision(d) if d.superseded_by.is_some() => cur = d.superseded_by.as_ref()?,
            _ => return Some(next),
        }
    }
    None
}

/// What `show` looks at, and nothing else: the records whose id starts with what was typed, the
/// records naming such an id, what those refer to, and, for a decision, its whole chain (read
/// hop by hop). On a warm cache this decodes a handful of records instead of the whole ledger.
fn read(ctx: &Ctx, ledger: &crate::store::Ledger, input: &str) -> Result<std::rc::Rc<Snapshot>> {
    // An input that is not an id prefix matches everything, and `resolve` then says why.
    let prefix = crate::model::resolve::typed_prefix(input).unwrap_or_default();
    ctx.snapshot_closure(
        ledger,
        |row, chain| {
            row.id().starts_with(&prefix)
                || row.refs().any(|r| r.starts_with(&prefix))
                || chain.contains(row.id())
        },
        |snap| {
            let Ok(id) = resolve::resolve(input, snap.ids()) else {
                return Vec::new();
            };
            let mut lacking = Vec::new();
            let Some(e) = snap.get(&id) else {
                return lacking;
            };
            // The decisions `links` and `in_force` walk to, both ways, until one is not read.
            for step in [
                |d: &crate::model::Decision| d.supersedes.clone(),
                |d: &crate::model::Decision| d.superseded_by.clone(),
            ] {
                let mut cur = &e.record;
                let mut seen = std::collections::HashSet::new();
                while let Record::Decision(d) = cur {
                    let Some(next) = step(d) else { break };
                    if !seen.insert(next.clone()) {
                        break;
                    }
                    match snap.get(&next) {
                        Some(n) => cur = &n.record,
                        None => {
                            lacking.push(next.to_string());
                            break;
                        }
                    }
                }
            }
            lacking
        },
    )
}

/// Runs `show`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = &read(ctx, &ledger, &args.id)?;
    let id = match resolve::resolve(&args.id, snap.ids()) {
        Ok(id) => id,
        Err(e) => {
            // The record may exist in a file that does not parse: say so, not "no record".
            let unreadable = snap.unreadable();
            match resolve::resolve(&args.id, unreadable.iter().map(|(id, _)| id)) {
                Ok(id) => {
                    let path = unreadable
                        .iter()
                        .find(|(u, _)| *u == id)
                        .map(|(_, p)| *p)
                        .unwrap_or_default();
                    return Err(Error::data(format!(
                        "{id} cannot be shown: its file {path} does not parse"
                    ))
                    .hint("fix the file by hand; `ledger check` lists every problem"));
                }
                Err(_) => return Err(e),
            }
        }
    };
    let entry = snap
        .get(&id)
        .ok_or_else(|| Error::user(format!("no record {id}")))?;
    let record = &entry.record;
    let recorded = match snap.commit {
        Some(c) => origin::created(&ledger, c, &entry.path)?,
        None => None,
    };
    let links = links(snap, record);
    let current = in_force(snap, record);
    match ctx.format {
        Format::Json => {
            let mut v = json::record(record);
            v["path"] = entry.path.clone().into();
            v["recorded"] = serde_json::to_value(&recorded).unwrap_or_default();
            v["links"] = links
                .iter()
                .map(|(rel, t)| {
                    let status = snap.get(t).map(|e| e.record.status().to_string());
                    serde_json::json!({"relation": rel, "id": t, "status": status})
                })
                .collect();
            if let Some(c) = current {
                v["in_force"] = c.id().to_string().into();
            }
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        _ => {
            let mut pairs = rrecord::pairs(record, &snap.people);
            pairs.push(("file".into(), entry.path.clone()));
            if let Some(r) = &recorded {
                pairs.push((
                    "recorded".into(),
                    format!(
                        "{} by {} <{}> in {}",
                        r.at.format("%Y-%m-%d %H:%M %z"),
                        text::safe(&r.author, false),
                        text::safe(&r.email, false),
                        &r.commit[..10]
                    ),
                ));
            }
            out.write_all(table::fields(&pairs).as_bytes())?;
            if let Some(c) = current {
                let head = format!(
                    "Superseded: the decision in force is {} ({}): ",
                    c.id(),
                    c.status()
                );
                let room = crate::report::style::width()
                    .map_or(80, |w| w.saturating_sub(head.chars().count()).max(10));
                writeln!(out, "\n{head}{}", text::line(c.headline(), room))?;
            }
            if !links.is_empty() {
                writeln!(out, "\nLinked records:")?;
                // As wide as the longest relation ("named in commitment.blocked.on"), so the ids
                // line up; the headline gets what is left of the terminal, never under 10.
                let rel_width = links.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
                let width = crate::report::style::width();
                for (rel, t) in &links {
                    let line = match snap.get(t) {
                        Some(e) => {
                            let head = format!(
                                "  {rel:<rel_width$}  {t}  {} {} ",
                                e.record.kind(),
                                e.record.status()
                            );
                            let room = width
                                .map_or(60, |w| w.saturating_sub(head.chars().count()).max(10));
                            format!("{head}{}", text::line(e.record.headline(), room))
                        }
                        None => format!("  {rel:<rel_width$}  {t}  (not in the ledger)"),
                    };
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    Ok(())
}
