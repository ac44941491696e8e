//! `edit`: a record changed by hand as a whole (in an editor, a web form), checked as `ledger
//! check` would check it and committed only if nobody changed it in the meantime.
//!
//! Editing takes time, so it is two steps: [`open`] reads the record (and every other record,
//! for checking links) without keeping the lock, and [`record`] commits the edited version if the
//! file is still the version the edit started from. [`problem`] says what is wrong with an
//! edited text, in words a person can fix, between the two.

use super::Recorded;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{actions, validate, Record, RecordId};
use crate::store::message::{key, subject};
use crate::store::{codec, BlobId, Ledger, Message, Snapshot};

/// A record opened for editing.
#[derive(Debug)]
pub struct Editing {
    /// The record's id.
    pub id: RecordId,
    /// The record as it was when the edit started.
    pub record: Record,
    /// The version (blob) of its file the edit started from.
    base: BlobId,
    /// Its file, ledger-relative.
    pub path: String,
    /// Every record at HEAD, to check the edited record's links against.
    others: Snapshot,
}

impl Editing {
    /// The version the edit started from, as text (to keep in a saved draft).
    pub fn base_text(&self) -> String {
        self.base.to_string()
    }
}

/// What `edit` recorded, with the fields it changed.
#[derive(Clone, Debug)]
pub struct Edited {
    /// The record and its commit.
    pub recorded: Recorded,
    /// The top-level fields that changed, in the record's order.
    pub fields: Vec<String>,
}

/// Reads the record `input` names, to be edited.
pub fn open(ledger: &Ledger, input: &str) -> Result<Editing> {
    // Read without holding the lock: a person may take minutes in the editor.
    let (id, entry) = {
        let mut txn = super::begin(ledger)?;
        let id = super::resolve_id(&mut txn, input)?;
        let entry = txn.read(&id)?;
        (id, entry)
    };
    let others = match ledger.head()? {
        Some(c) => crate::history::load::snapshot(ledger, c.id())?,
        None => Snapshot::default(),
    };
    Ok(Editing {
        id,
        record: entry.record,
        base: entry.blob,
        path: entry.path,
        others,
    })
}

/// Parses the edited text: the record, or the first problem that would stop it being recorded
/// (a YAML error, a change edit refuses, a field check rejects, a broken link), with its line.
pub fn problem(editing: &Editing, text: &str) -> std::result::Result<Record, String> {
    let after = codec::parse_record(editing.id.kind(), text.as_bytes())
        .map_err(|e| format!("line {}: {}", e.line.unwrap_or(1), e.message))?;
    actions::check_edit(&editing.record, &after).map_err(|r| r.0)?;
    let at = |field: &str| {
        codec::field_position(text, field)
            .map(|(l, _)| format!("line {l}: "))
            .unwrap_or_default()
    };
    if let Some(p) = validate::check_record(&after).first() {
        return Err(format!("{}{}: {}", at(&p.field), p.field, p.message));
    }
    if let Some(p) = link_problem(&editing.others, &after) {
        return Err(format!("{}{}: {}", at(&p.field), p.field, p.message));
    }
    Ok(after)
}

/// The first broken reference the edited record would bring into the ledger (an id that is not
/// there, or of the wrong kind), as `ledger check` would report it: an edit must not commit
/// what check then rejects.
fn link_problem(others: &Snapshot, after: &Record) -> Option<validate::Problem> {
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
        .map(|(_, p)| p)
}

/// Commits `edited` in place of the record opened, unless its file changed since; `None` when
/// the edit changed nothing (nothing is committed). `reason` (`--reason`, already checked)
/// goes into the body and a `Ledger-Reason` trailer, so the log says why a record was corrected.
pub fn record(
    ledger: &Ledger,
    editing: &Editing,
    edited: &Record,
    reason: Option<&str>,
) -> Result<Option<Edited>> {
    if *edited == editing.record {
        return Ok(None);
    }
    let id = &editing.id;
    let fields = changed_fields(&editing.record, edited);
    let mut txn = super::begin(ledger)?;
    let now = txn.read(id)?;
    if now.blob != editing.base {
        return Err(Error::user(format!(
            "{id} was changed by someone else while you were editing; nothing was recorded"
        ))
        .of_kind(ErrorKind::ChangedMeanwhile));
    }
    let who = super::me(ledger, &txn.people()?)
        .ok()
        .or_else(|| edited.owner().map(str::to_string))
        .unwrap_or_else(|| "someone".to_string());
    let message = Message::new(
        subject(&who, "edits", id.as_str(), edited.headline()),
        "edit",
    )
    .body(edited.headline().to_string())
    .body(super::facts(&[
        ("Fields", Some(fields.join(", "))),
        ("Reason", reason.map(str::to_string)),
    ]))
    .record(id)
    .trailer(key::FIELDS, fields.join(", "));
    let message = match reason {
        Some(r) => message.trailer(key::REASON, r),
        None => message,
    };
    let commit = txn.commit(vec![super::write_of(&editing.path, edited)], &message)?;
    Ok(Some(Edited {
        recorded: Recorded {
            record: edited.clone(),
            commit,
        },
        fields,
    }))
}

/// The top-level fields whose values differ, those of `before` first.
fn changed_fields(before: &Record, after: &Record) -> Vec<String> {
    let before = serde_json::to_value(before).unwrap_or_default();
    let after = serde_json::to_value(after).unwrap_or_default();
    let mut fields: Vec<String> = Vec::new();
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for k in b.keys().chain(a.keys()) {
            if b.get(k) != a.get(k) && !fields.contains(k) {
                fields.push(k.clone());
            }
        }
    }
    fields
}
