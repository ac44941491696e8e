//! `ledger check`: every file of the ledger validated, hand edits included, and judged against
//! HEAD (a decision's statement reworded, a note rewritten, a record deleted are refused before
//! they are committed); problems as `path:line:col: message`, exit 2 when there are any.

use std::collections::HashMap;
use std::io::Write;

use crate::error::Result;
use crate::history::tamper;
use crate::model::validate;
use crate::report::{json, Format};
use crate::store::{read, FileProblem};

use super::Ctx;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Check the committed files (HEAD, or --as-of) instead of the work tree.
    #[arg(long, conflicts_with = "staged")]
    pub committed: bool,
    /// Check the files staged in git's index: what a plain `git commit` would record (the
    /// pre-commit hook runs this).
    #[arg(long)]
    pub staged: bool,
}

/// Runs `check`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let snap = if args.staged {
        read::snapshot_index(&ledger)?
    } else if args.committed || ctx.as_of.is_some() {
        let commit = match ctx.as_of {
            Some(day) => crate::history::clock::commit_as_of(&ledger, day)?,
            None => ledger.head()?.map(|c| c.id()),
        };
        match commit {
            Some(c) => read::snapshot_at(&ledger, c)?,
            None => Default::default(),
        }
    } else {
        read::snapshot_workdir(&ledger)?
    };
    let mut problems = snap.problems.clone();
    // A hand edit is judged against HEAD too: what may never change, and what is never deleted.
    if args.staged || !(args.committed || ctx.as_of.is_some()) {
        for p in tamper::uncommitted(&ledger, &snap, args.staged, ctx.today)? {
            let text = std::fs::read(ledger.root.join(&p.path)).unwrap_or_default();
            problems.push(match snap.entries.iter().any(|e| e.path == p.path) {
                true => FileProblem::field(&p.path, &text, &p.field, &p.message),
                false => FileProblem {
                    path: p.path,
                    line: None,
                    column: None,
                    message: p.message,
                },
            });
        }
    }
    let by_id: HashMap<_, _> = snap
        .entries
        .iter()
        .map(|e| (e.record.id().clone(), &e.record))
        .collect();
    let unreadable = snap.unreadable();
    for (id, p) in validate::check_links(&by_id) {
        let Some(entry) = snap.get(&id) else { continue };
        // A reference to a record whose file does not parse is not a second problem: the
        // broken file is already reported, and blaming its neighbours would send the reader
        // to the wrong files.
        if unreadable
            .iter()
            .any(|(bad, _)| p.message.contains(bad.as_str()))
        {
            continue;
        }
        let text = if !entry.blob.is_zero() {
            ledger.blob_bytes(entry.blob).unwrap_or_default()
        } else {
            std::fs::read(ledger.root.join(&entry.path)).unwrap_or_default()
        };
        problems.push(FileProblem::field(&entry.path, &text, &p.field, &p.message));
    }
    for chain in crate::model::cycles::reporting_loops(&snap.people) {
        let path = chain
            .iter()
            .chain(chain.first())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" -> ");
        problems.push(FileProblem {
            path: crate::store::layout::PEOPLE_FILE.to_string(),
            line: None,
            column: None,
            message: format!("reports_to: the escalation chain loops ({path}); point one of them at someone outside the loop with `ledger people set HANDLE --reports-to P`"),
        });
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    match ctx.format {
        Format::Json => {
            let list: Vec<_> = problems
                .iter()
                .map(|p| serde_json::json!({"path": p.path, "line": p.line, "column": p.column, "message": p.message}))
                .collect();
            let v = serde_json::json!({"records": snap.entries.len(), "ok": problems.is_empty(), "problems": list});
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        Format::Md => {
            // The problems as a list, then the verdict as a paragraph.
            for p in &problems {
                writeln!(out, "- {}", crate::report::markdown::inline(&p.to_string()))?;
            }
            if !problems.is_empty() {
                writeln!(out)?;
            }
            if problems.is_empty() {
                writeln!(out, "**ok**: {} records, no problems", snap.entries.len())?;
            } else {
                writeln!(out, "**{} problem(s)** in {} records; fix the files by hand and run `ledger check` again", problems.len(), snap.entries.len())?;
            }
        }
        _ => {
            for p in &problems {
                writeln!(out, "{}", crate::report::text::safe(&p.to_string(), false))?;
            }
            if problems.is_empty() {
                writeln!(out, "ok: {} records, no problems", snap.entries.len())?;
            } else {
                writeln!(out, "{} problem(s) in {} records; fix the files by hand and run `ledger check` again", problems.len(), snap.entries.len())?;
            }
        }
    }
    if !problems.is_empty() {
        ctx.set_exit(2);
    }
    Ok(())
}
