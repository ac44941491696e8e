//! What recording commands share: the `--date` flag, committing one changed record, and printing
//! the id (or the record as JSON) of what was recorded.

use std::io::Write;

use crate::error::{Error, Result};
use crate::history::view::Locator;
use crate::model::actions::Refusal;
use crate::model::{Kind, People, Record, RecordId};
use crate::query::resolve;
use crate::report::{json, text, Format};
use crate::store::{layout, Ledger, Message, Txn};

use super::Ctx;

pub use crate::ops::{begin, facts, links, resolve_id, validate_new, write_of};

/// Options every recording command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct When {
    /// When it happened (default today): YYYY-MM-DD, today, yesterday, friday, -3d, ...
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// Prints what a recording command made or changed: its id first, then a summary; or the
/// record as JSON.
pub fn print_record(ctx: &Ctx, out: &mut dyn Write, record: &Record, summary: &str) -> Result<()> {
    match ctx.format {
        Format::Json => out.write_all(json::to_string(&json::record(record)).as_bytes())?,
        _ => writeln!(out, "{} {}", record.id(), text::safe(summary, false))?,
    }
    Ok(())
}

/// The write for an existing record changed alongside another (an accepted ask, a superseded
/// decision): validated like the record being made, so neither half is committed invalid.
pub fn update(path: &str, record: &Record) -> Result<(String, String)> {
    validate_new(record)?;
    Ok(write_of(path, record))
}

/// The write for a record being created.
pub fn create(record: &Record) -> Result<(String, String)> {
    validate_new(record)?;
    Ok(write_of(&layout::record_path(record), record))
}

/// What a change may consult besides the record itself.
pub struct Env<'a> {
    pub people: People,
    pub ledger: &'a Ledger,
    /// Every record id in the ledger, for resolving references; listed when first asked for.
    ids: std::cell::RefCell<Option<Vec<RecordId>>>,
    parent: Option<git2::Oid>,
}

impl Env<'_> {
    /// Resolves a record id the change refers to (`block --on`) against the whole ledger.
    pub fn resolve(&self, input: &str) -> Result<RecordId> {
        let mut ids = self.ids.borrow_mut();
        if ids.is_none() {
            let listed = match self.parent {
                Some(c) => crate::store::write::ids_at(self.ledger, c, Some(&Locator))?,
                None => Vec::new(),
            };
            *ids = Some(listed);
        }
        resolve::resolve(input, ids.as_deref().unwrap_or(&[]))
    }
}

/// Resolves `input`, given to `flag`, to a record that must be of `kind`.
pub fn resolve_kind(txn: &mut Txn<'_>, flag: &str, input: &str, kind: Kind) -> Result<RecordId> {
    let id = resolve_id(txn, input)?;
    if id.kind() != kind {
        let article = if kind == Kind::Ask { "an" } else { "a" };
        return Err(Error::user(format!(
            "{flag} {id} is a {}, not {article} {kind}",
            id.kind()
        )));
    }
    Ok(id)
}

/// The meeting named by `--meeting`, if one was given.
pub fn linked_meeting(txn: &mut Txn<'_>, input: Option<&str>) -> Result<Option<RecordId>> {
    input
        .map(|m| resolve_kind(txn, "--meeting", m, Kind::Meeting))
        .transpose()
}

/// Changes a record that a new one links to (the ask a promise answers, the decision a new one
/// supersedes) in the same commit: resolves it, applies `apply`, and returns its id and write.
pub fn change_linked(
    txn: &mut Txn<'_>,
    flag: &str,
    input: &str,
    kind: Kind,
    apply: impl FnOnce(&mut Record) -> std::result::Result<(), Refusal>,
) -> Result<(RecordId, (String, String))> {
    let id = resolve_kind(txn, flag, input, kind)?;
    let entry = txn.read(&id)?;
    let mut record = entry.record.clone();
    apply(&mut record)?;
    Ok((id, update(&entry.path, &record)?))
}

/// Changes one existing record: resolve the id, apply `change`, validate, commit, print.
/// `change` returns the commit message and the one-line summary.
pub fn change_one(
    ctx: &Ctx,
    out: &mut dyn Write,
    id_input: &str,
    change: impl FnOnce(&mut Record, &Env<'_>) -> Result<(Message, String)>,
) -> Result<()> {
    ctx.no_as_of()?;
    let ledger = ctx.open()?;
    let mut txn = begin(&ledger)?;
    let id = resolve_id(&mut txn, id_input)?;
    let entry = txn.read(&id)?;
    let env = Env {
        people: txn.people()?,
        ledger: &ledger,
        ids: Default::default(),
        parent: txn.parent().map(|c| c.id()),
    };
    let mut record = entry.record.clone();
    let (message, summary) = change(&mut record, &env)?;
    validate_new(&record)?;
    txn.commit(vec![write_of(&entry.path, &record)], &message.record(&id))?;
    print_record(ctx, out, &record, &summary)
}

/// A short quoted form of a record's text for subjects and summaries.
pub fn quote(text: &str) -> String {
    format!("\"{}\"", crate::store::message::one_line(text, 60))
}

/// Who a change is by when the command names no one: the current user, else the record's owner.
pub fn actor(env: &Env<'_>, record: &Record) -> String {
    crate::ops::actor(env.ledger, &env.people, record)
}
