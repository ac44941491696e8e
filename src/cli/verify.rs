//! `ledger verify`: the auditor's check of records and history; a short verdict, the details of
//! each finding, exit 2 when there are any.

use std::io::Write;

use crate::error::{Error, Result};
use crate::history::verify;
use crate::report::text::line;
use crate::report::{json, Format};

use super::Ctx;

/// Arguments of `verify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also list the hand edits found (they are not failures).
    #[arg(long)]
    pub verbose: bool,
}

/// Runs `verify`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let head = match ctx.as_of {
        Some(day) => crate::history::clock::commit_as_of(&ledger, day)?,
        None => ledger.head()?.map(|c| c.id()),
    };
    let Some(head) = head else {
        return Err(Error::user("the ledger has no commits to verify"));
    };
    let v = verify::verify(&ledger, head, ctx.as_of.is_none())?;
    if ctx.format == Format::Json {
        let value = serde_json::to_value(&v).map_err(|e| Error::env(e.to_string()))?;
        out.write_all(json::to_string(&value).as_bytes())?;
    } else {
        // Markdown: the verdict as a paragraph, every further line as a list item.
        let md = ctx.format == Format::Md;
        let mut lines = Vec::new();
        let verdict = if v.ok { "ok" } else { "FAILED" };
        writeln!(
            lines,
            "{verdict}: {} records, {} commits ({} merges, {} hand edits), {} finding(s)",
            v.records,
            v.commits,
            v.merges,
            v.hand_edits.len(),
            v.findings.len()
        )?;
        for f in &v.findings {
            let at = [f.commit.as_deref(), f.path.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let who = match (&f.author, &f.at) {
                (Some(a), Some(t)) => format!(" (by {}, {t})", line(a, 80)),
                _ => String::new(),
            };
            writeln!(lines, "{}: {at}: {}{who}", f.kind, line(&f.message, 600))?;
        }
        if !v.unchecked.is_empty() {
            writeln!(
                lines,
                "not checked: {} commit(s) whose parents this shallow clone does not have: {}; run `git fetch --unshallow` to check the whole history",
                v.unchecked.len(),
                v.unchecked.join(", ")
            )?;
        }
        if args.verbose {
            for h in &v.hand_edits {
                writeln!(
                    lines,
                    "hand edit: {} by {}: {}",
                    h.commit,
                    line(&h.author, 60),
                    line(&h.files.join(", "), 200)
                )?;
            }
        }
        let text = String::from_utf8_lossy(&lines).into_owned();
        for (n, l) in text.lines().enumerate() {
            match (md, n) {
                (false, _) => writeln!(out, "{l}")?,
                (true, 0) => writeln!(out, "{}", crate::report::markdown::inline(l))?,
                (true, 1) => writeln!(out, "\n- {}", crate::report::markdown::inline(l))?,
                (true, _) => writeln!(out, "- {}", crate::report::markdown::inline(l))?,
            }
        }
    }
    if !v.ok {
        ctx.set_exit(2);
    }
    Ok(())
}
