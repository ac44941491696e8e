//! `ledger decisions`: the decision register, statements word for word with their chains.

use std::io::Write;

use crate::error::Result;
use crate::query::register::{self, Only};
use crate::report::{csv, html, json, register as rregister, table, Format};

use super::Ctx;

/// Arguments of `decisions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only compliance decisions.
    #[arg(long)]
    pub compliance: bool,
    /// Only decisions in force (not superseded or revoked).
    #[arg(long)]
    pub active: bool,
}

/// Runs `decisions`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let only = Only {
        compliance: args.compliance,
        active: args.active,
    };
    let entries = register::register(snap, only);
    let text = match ctx.format {
        Format::Json => json::to_string(&entries),
        Format::Csv => csv::render(
            &rregister::CSV_HEADER,
            entries.iter().map(rregister::csv_row).collect(),
        ),
        Format::Md => rregister::markdown(&entries, &filters(&args)),
        Format::Html => html::pages::decisions(&entries, &filters(&args)),
        Format::Text => return Err(crate::Error::user("decisions has no plain-text form")),
        Format::Table if entries.is_empty() => "No decisions.\n".to_string(),
        Format::Table => table::render(
            &rregister::HEADER,
            entries.iter().map(rregister::row).collect(),
        ),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// " (in force, compliance only)" for the headings, so a filtered register says it is filtered.
fn filters(args: &Args) -> String {
    let mut f = Vec::new();
    if args.active {
        f.push("in force");
    }
    if args.compliance {
        f.push("compliance");
    }
    if f.is_empty() {
        String::new()
    } else {
        format!(" ({} only)", f.join(", "))
    }
}
