//! `ledger who PERSON`: what a person promised and how each promise turned out, what was
//! promised to them, the asks on both sides, the decisions they made, and their on-time rate.

use std::io::Write;

use crate::error::{Error, Result};
use crate::query::resolve::Abbrev;
use crate::query::who;
use crate::report::{html, json, who as rwho, Format};

use super::Ctx;

/// Arguments of `who`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The person's handle.
    pub person: String,
}

/// Runs `who`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let handle = ctx.handle("PERSON", &args.person)?;
    let ledger = ctx.open()?;
    let h = handle.as_str();
    let snap = &ctx.snapshot_where(&ledger, |row| who::needs(row, h))?;
    let day = ctx.day();
    let w = who::who(snap, &handle, day);
    let person = snap.people.get(&handle);
    if w.is_empty() && person.is_none() {
        return Err(Error::user(format!(
            "nobody called '{handle}' is in the people file or in any record{}",
            ctx.as_of.map(|d| format!(" as of {d}")).unwrap_or_default()
        ))
        .hint("`ledger people list` shows the handles the ledger knows"));
    }
    match ctx.format {
        Format::Json => {
            let v = rwho::to_json(&handle, person, day, &w);
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        Format::Csv => out.write_all(rwho::to_csv(&w).as_bytes())?,
        Format::Html => {
            let page = html::pages::who(&handle, person, day, &w, &snap.people, &Abbrev::of(snap));
            out.write_all(page.as_bytes())?;
        }
        _ => rwho::write_table(out, &handle, &snap.people, day, &w, &Abbrev::of(snap))?,
    }
    Ok(())
}
