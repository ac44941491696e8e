//! `ledger edit ID`: the record in $VISUAL/$EDITOR; validated before anything is committed, and
//! never lost when it does not validate. The editor loop and the saved draft are the command
//! line's; reading, checking and committing the record are `ops::edit`.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use crate::error::{Error, ErrorKind, Result};
use crate::ops::edit;
use crate::store::codec;

use super::change;
use super::Ctx;

/// Arguments of `edit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record.
    pub id: String,
    /// Why the record is corrected (kept in the commit, shown by `ledger log`).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

/// The draft's first lines. The first names the version of the file the edit started from, so
/// a draft resumed later is never committed over changes recorded in the meantime.
fn header(id: &str, base: &str) -> String {
    format!("# Editing {id} (version {base}): save and quit to record the change.\n# Lines starting with '#' are ignored; an empty file abandons the edit.\n# The id and kind cannot change, nor a decision's statement.\n")
}

/// The version a draft started from, read back from its first line.
fn draft_base(text: &str) -> Option<&str> {
    let first = text.lines().next()?;
    let rest = first.split_once("(version ")?.1;
    Some(rest.split_once(')')?.0)
}

/// Asks on the terminal whether to edit again; false when there is no terminal to ask on.
fn ask_again(problem: &str) -> bool {
    // Without a terminal the final error says it all; printing it here too would repeat it.
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    eprintln!("error: {problem}");
    eprint!("Edit again? [Y/n] ");
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    !matches!(line.trim().to_ascii_lowercase().as_str(), "n" | "no")
}

/// Runs `edit`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let reason = ctx.opt_text("--reason", args.reason.as_deref())?;
    let ledger = ctx.open()?;
    let editing = edit::open(&ledger, &args.id)?;
    let id = editing.id.clone();
    let base = editing.base_text();
    let draft: PathBuf = ledger.state_dir().join(format!("edit-{id}.yaml"));
    let mut text = match std::fs::read_to_string(&draft) {
        Ok(saved) => {
            if draft_base(&saved) != Some(base.as_str()) {
                return Err(Error::user(format!(
                    "{id} has changed since your unfinished edit was saved in {}; nothing was recorded",
                    draft.display()
                ))
                .hint(format!(
                    "compare the draft with `ledger show {id}`, keep what you need, delete the draft and run `ledger edit {id}` again"
                )));
            }
            eprintln!(
                "ledger: resuming the unfinished edit saved in {}",
                draft.display()
            );
            saved
        }
        Err(_) => format!(
            "{}{}",
            header(id.as_str(), &base),
            codec::render_record(&editing.record)
        ),
    };
    let edited = loop {
        std::fs::write(&draft, &text)?;
        ::edit::edit_file(&draft).map_err(|e| {
            Error::user(format!("could not run the editor: {e}"))
                .hint("set VISUAL or EDITOR to your editor's command")
        })?;
        text = std::fs::read_to_string(&draft)?;
        let body: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        if body.trim().is_empty() {
            let _ = std::fs::remove_file(&draft);
            writeln!(out, "{id} edit abandoned (empty file); nothing recorded")?;
            return Ok(());
        }
        match edit::problem(&editing, &text) {
            Ok(after) => break after,
            Err(p) => {
                if !ask_again(&p) {
                    return Err(Error::user(format!(
                        "the edited record is invalid ({p}); nothing was recorded"
                    ))
                    .hint(format!(
                        "your text is kept in {}; `ledger edit {id}` resumes it",
                        draft.display()
                    )));
                }
            }
        }
    };
    let done = edit::record(&ledger, &editing, &edited, reason.as_deref()).map_err(|e| {
        if e.kind == ErrorKind::ChangedMeanwhile {
            e.hint(format!(
                "your text is kept in {}; run `ledger edit {id}` to merge it by hand",
                draft.display()
            ))
        } else {
            e
        }
    })?;
    let _ = std::fs::remove_file(&draft);
    let Some(done) = done else {
        writeln!(out, "{id} unchanged; nothing recorded")?;
        return Ok(());
    };
    change::print_record(
        ctx,
        out,
        &done.recorded.record,
        &format!("edited: {}", done.fields.join(", ")),
    )
}
