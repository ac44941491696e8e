//! `ledger overdue`: open commitments past due and asks past their needed-by date with no
//! answer, most overdue first, with the receipts a lead needs to escalate.

use std::io::Write;

use crate::error::Result;
use crate::model::{Kind, Record};
use crate::query::overdue::{self, Overdue};
use crate::query::resolve::Abbrev;
use crate::report::{csv, html, json, markdown, overdue as roverdue, style, table, text, Format};

use super::Ctx;

/// Arguments of `overdue`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only what this person promised (commitments) or asked for (asks).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// Only what was promised to, or asked of, this person.
    #[arg(long, value_name = "HANDLE")]
    pub to: Option<String>,
    /// Only what people of this team owe (the promiser of a commitment, the one asked by an ask),
    /// teams as in the people file.
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Exit with code 3 when anything is overdue (for scheduled CI jobs).
    #[arg(long)]
    pub exit_code: bool,
}

/// Runs `overdue`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let by = args
        .by
        .as_deref()
        .map(|h| ctx.handle("--by", h))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|h| ctx.handle("--to", h))
        .transpose()?;
    let ledger = ctx.open()?;
    let day = ctx.day();
    let snap = &ctx.snapshot_where(&ledger, |row| overdue::needs(row, day))?;
    let team = args.team.as_deref().map(str::trim);
    let keep = |r: &Record| {
        by.as_deref().is_none_or(|b| r.owner() == Some(b))
            && to.as_deref().is_none_or(|t| r.counterpart() == Some(t))
            && team.is_none_or(|t| {
                snap.people
                    .team(overdue::owes(r))
                    .is_some_and(|have| have.eq_ignore_ascii_case(t))
            })
    };
    let items = overdue::find_where(snap, day, keep)?;
    if args.exit_code && !items.is_empty() {
        ctx.set_exit(3);
    }
    let (commitments, asks): (Vec<&Overdue<'_>>, Vec<&Overdue<'_>>) = items
        .iter()
        .partition(|i| i.entry.record.kind() == Kind::Commitment);
    match ctx.format {
        Format::Json => {
            let list = |group: &[&Overdue<'_>]| -> Vec<serde_json::Value> {
                group
                    .iter()
                    .map(|i| roverdue::to_json(i, snap, &snap.people))
                    .collect()
            };
            let v = serde_json::json!({
                "as_of": day.to_string(),
                "commitments": list(&commitments),
                "asks": list(&asks),
            });
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        Format::Html => {
            let page = html::pages::overdue(day, &items, &snap.people, &Abbrev::of(snap));
            out.write_all(page.as_bytes())?;
        }
        Format::Csv => {
            let rows = items.iter().map(roverdue::csv_row).collect();
            out.write_all(csv::render(&roverdue::CSV_HEADER, rows).as_bytes())?;
        }
        _ => {
            let abbrev = Abbrev::of(snap);
            let scope = filters_text(&by, &to, team);
            if items.is_empty() {
                writeln!(out, "Nothing is overdue on {day}{scope}.")?;
                return Ok(());
            }
            let groups = [
                ("Overdue commitments", &commitments, false),
                (
                    "Overdue asks (no answer by the needed-by date)",
                    &asks,
                    true,
                ),
            ];
            let mut first = true;
            for (title, group, ask) in groups {
                if group.is_empty() {
                    continue;
                }
                if !first {
                    writeln!(out)?;
                }
                first = false;
                // The heading wraps at spaces to the width the table is fitted to.
                let heading = format!("{title} on {day}{scope}: {}", group.len());
                let rows: Vec<_> = group
                    .iter()
                    .map(|i| roverdue::row(i, snap, &abbrev))
                    .collect();
                if ctx.format == Format::Md {
                    // What was promised in full: a pasted table has no width to fit.
                    let rows: Vec<_> = rows
                        .into_iter()
                        .zip(group.iter())
                        .map(|(mut row, i)| {
                            row[5] = i.entry.record.headline().to_string();
                            row
                        })
                        .collect();
                    writeln!(out, "{}", markdown::heading(2, &heading))?;
                    out.write_all(markdown::grid(&roverdue::header(ask), &rows).as_bytes())?;
                    let late = roverdue::late_move_lines(group, &abbrev);
                    if !late.is_empty() {
                        writeln!(out)?;
                    }
                    for l in late {
                        writeln!(out, "- {}", markdown::inline(&l))?;
                    }
                    continue;
                }
                for l in style::wrap(&heading, style::width().unwrap_or(usize::MAX)) {
                    writeln!(out, "{l}")?;
                }
                out.write_all(table::render(&roverdue::header(ask), rows).as_bytes())?;
                for l in roverdue::late_move_lines(group, &abbrev) {
                    writeln!(out, "{l}")?;
                }
            }
        }
    }
    Ok(())
}

/// " (by alice, team payments)" for the headings, so a filtered answer says it is filtered.
fn filters_text(by: &Option<String>, to: &Option<String>, team: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(b) = by {
        parts.push(format!("by {b}"));
    }
    if let Some(t) = to {
        parts.push(format!("to {t}"));
    }
    if let Some(t) = team {
        parts.push(format!("team {}", text::line(t, 30)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}
