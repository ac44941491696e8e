//! `ledger edit ID`: the record in $VISUAL/$EDITOR; validated before anything is committed, and
//! never lost when it does not validate.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::{actions, validate, Record, RecordId};
use crate::store::message::{key, subject};
use crate::store::{codec, Message, Snapshot};

use super::change;
use super::Ctx;

/// Arguments of `edit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The record.
    pub id: String,
}

/// The draft's first lines. The first names the version of the file the edit started from, so
/// a draft resumed later is never committed over changes recorded in the meantime.
fn header(id: &str, base: git2::Oid) -> String {
    format!("# Editing {id} (version {base}): save and quit to record the change.\n# Lines starting with '#' are ignored; an empty file abandons the edit.\n# The id and kind cannot change, nor a decision's statement.\n")
}

/// The version a draft started from, read back from its first line.
fn draft_base(text: &str) -> Option<git2::Oid> {
    let first = text.lines().next()?;
    let rest = first.split_once("(version ")?.1;
    git2::Oid::from_str(rest.split_once(')')?.0).ok()
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

/// The first broken reference the edited record would bring into the ledger (an id that is not
/// there, or of the wrong kind), as `ledger check` would report it: an edit must not commit
/// what check then rejects.
fn link_problem(others: &Snapshot, after: &Record, text: &str) -> Option<String> {
    let mut records: std::collections::HashMap<RecordId, &Record> = others
        .entries
        .iter()
        .map(|e| (e.record.id().clone(), &e.record))
        .collect();
    records.insert(after.id().clone(), after);
    let unreadable = others.unreadable();
    validate::check_links(&records)
        .into_iter()
        .filter(|(_, p)| {
            !unreadable
                .iter()
                .any(|(u, _)| p.message.contains(u.as_str()))
        })
        .find(|(id, p)| id == after.id() || p.message.contains(after.id().as_str()))
        .map(|(_, p)| {
            let line = codec::field_position(text, &p.field)
                .map(|(l, _)| format!("line {l}: "))
                .unwrap_or_default();
            format!("{line}{}: {}", p.field, p.message)
        })
}

/// Runs `edit`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    // Read without holding the lock: a person may take minutes in the editor.
    let (id, entry) = {
        let mut txn = super::change::begin(&ledger)?;
        let id = change::resolve_id(&mut txn, &args.id)?;
        let entry = txn.read(&id)?;
        (id, entry)
    };
    let original = codec::render_record(&entry.record);
    let others = match ledger.head()? {
        Some(c) => crate::history::load::snapshot(&ledger, c.id())?,
        None => Snapshot::default(),
    };
    let draft: PathBuf = ledger.state_dir().join(format!("edit-{id}.yaml"));
    let mut text = match std::fs::read_to_string(&draft) {
        Ok(saved) => {
            if draft_base(&saved) != Some(entry.blob) {
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
        Err(_) => format!("{}{original}", header(id.as_str(), entry.blob)),
    };
    let edited = loop {
        std::fs::write(&draft, &text)?;
        edit::edit_file(&draft).map_err(|e| {
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
        let problem = match codec::parse_record(id.kind(), text.as_bytes()) {
            Err(e) => Some(format!("line {}: {}", e.line.unwrap_or(1), e.message)),
            Ok(after) => match actions::check_edit(&entry.record, &after) {
                Err(r) => Some(r.0),
                Ok(()) => validate::check_record(&after)
                    .first()
                    .map(|p| {
                        let line = codec::field_position(&text, &p.field)
                            .map(|(l, _)| format!("line {l}: "))
                            .unwrap_or_default();
                        format!("{line}{}: {}", p.field, p.message)
                    })
                    .or_else(|| link_problem(&others, &after, &text)),
            },
        };
        match problem {
            None => break codec::parse_record(id.kind(), text.as_bytes()).expect("parsed above"),
            Some(p) => {
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
    if edited == entry.record {
        let _ = std::fs::remove_file(&draft);
        writeln!(out, "{id} unchanged; nothing recorded")?;
        return Ok(());
    }
    let before = serde_json::to_value(&entry.record).unwrap_or_default();
    let after = serde_json::to_value(&edited).unwrap_or_default();
    let mut fields: Vec<String> = Vec::new();
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for k in b.keys().chain(a.keys()) {
            if b.get(k) != a.get(k) && !fields.contains(k) {
                fields.push(k.clone());
            }
        }
    }
    let mut txn = super::change::begin(&ledger)?;
    let now = txn.read(&id)?;
    if now.blob != entry.blob {
        return Err(Error::user(format!(
            "{id} was changed by someone else while you were editing; nothing was recorded"
        ))
        .hint(format!(
            "your text is kept in {}; run `ledger edit {id}` to merge it by hand",
            draft.display()
        )));
    }
    let who = ctx
        .me(&ledger, &txn.people()?)
        .ok()
        .or_else(|| edited.owner().map(str::to_string))
        .unwrap_or_else(|| "someone".to_string());
    let message = Message::new(
        subject(&who, "edits", id.as_str(), edited.headline()),
        "edit",
    )
    .body(edited.headline().to_string())
    .body(change::facts(&[("Fields", Some(fields.join(", ")))]))
    .record(&id)
    .trailer(key::FIELDS, fields.join(", "));
    txn.commit(vec![change::write_of(&entry.path, &edited)], &message)?;
    let _ = std::fs::remove_file(&draft);
    change::print_record(ctx, out, &edited, &format!("edited: {}", fields.join(", ")))
}
