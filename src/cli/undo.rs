//! `ledger undo`: takes back the last change you made with ledger, in a new commit that names
//! it. The command line only prints; the verb, and every reason it refuses, is `ops::undo`.

use std::io::Write;

use crate::error::Result;
use crate::ops::undo::{self, Back};
use crate::report::Format;

use super::Ctx;

/// Arguments of `undo` (none: it always takes back your last change).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `undo` and says what it took back.
pub fn run(ctx: &Ctx, _args: Args, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    let done = undo::undo(&ledger)?;
    let word = |b: &Back| match b {
        Back::Removed => "removed",
        Back::Restored => "restored",
    };
    if ctx.format == Format::Json {
        let records: Vec<_> = done
            .records
            .iter()
            .map(|(id, b)| serde_json::json!({ "id": id.as_str(), "now": word(b) }))
            .collect();
        let v = serde_json::json!({
            "undone": done.undone.to_string(),
            "action": done.action,
            "subject": done.subject,
            "records": records,
            "commit": done.commit.to_string(),
        });
        writeln!(out, "{v}")?;
        return Ok(());
    }
    let undone = done.undone.to_string();
    writeln!(
        out,
        "undid {} ({})",
        &undone[..10],
        crate::text::safe(&done.subject, false)
    )?;
    for (id, b) in &done.records {
        let how = match b {
            Back::Removed => "removed (it was made by that change; git history keeps it)",
            Back::Restored => "restored to its version before that change",
        };
        writeln!(out, "  {id} {how}")?;
    }
    Ok(())
}
