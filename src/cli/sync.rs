//! `ledger sync [REMOTE]`: share the ledger through a git remote; fetch, merge record by record,
//! push, and say in a few lines what came in, what went out and which conflicts were decided.

use std::io::Write;

use crate::error::Result;
use crate::report::text::line;
use crate::report::{json, Format};
use crate::store::sync;

use super::Ctx;

/// Arguments of `sync`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The remote (a name or URL); default: the branch's upstream, else `origin`.
    pub remote: Option<String>,
}

/// Runs `sync`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let mut opts = sync::Options::default();
    if let Some(b) = std::env::var_os(sync::BUDGET_ENV) {
        opts.budget = sync::parse_budget(&b.to_string_lossy())?;
    }
    let ledger = ctx.open()?;
    let target = sync::target(&ledger, args.remote.as_deref())?;
    // Occurrences of recurring commitments that are due are made here first, as any write
    // would: the same files on every clone, so the merge below takes them without a conflict.
    crate::ops::recur::catch_up_now(&ledger)?;
    let report = sync::sync(&ledger, &target, &opts)?;
    if ctx.format == Format::Json {
        let v = serde_json::to_value(&report).map_err(|e| crate::Error::env(e.to_string()))?;
        out.write_all(json::to_string(&v).as_bytes())?;
        return Ok(());
    }
    let place = format!("{} {}", line(&report.remote, 60), line(&report.branch, 40));
    let records = |n: &[String]| {
        if n.is_empty() {
            String::new()
        } else {
            let shown: Vec<&str> = n.iter().take(8).map(String::as_str).collect();
            let more = if n.len() > 8 {
                format!(" and {} more", n.len() - 8)
            } else {
                String::new()
            };
            format!(": {}{more}", shown.join(", "))
        }
    };
    writeln!(
        out,
        "in: {} commit(s) from {place}{}",
        report.incoming,
        records(&report.records_in)
    )?;
    writeln!(out, "out: {} commit(s) to {place}", report.outgoing)?;
    if !report.merged.is_empty() {
        writeln!(
            out,
            "merged: {} record(s) changed on both sides{}",
            report.merged.len(),
            records(&report.merged)
        )?;
    }
    for c in &report.conflicts {
        writeln!(out, "conflict: {}", line(&c.to_string(), 200))?;
    }
    if report.retries > 0 {
        writeln!(
            out,
            "retried: {} time(s), someone pushed in between",
            report.retries
        )?;
    }
    Ok(())
}
