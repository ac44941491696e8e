//! The ledger's verbs as library functions: typed, already-validated input in, what was recorded
//! out. A verb resolves the ids it is given, applies the change to the records, builds the commit
//! message (through `store::message`) and commits through the store; it prints nothing and knows
//! nothing of clap, so the command line, a web page or a bot can stand on the same verbs.
//!
//! `note` is the pattern; `close` (cancel, revoke, decline, withdraw), `done` and `reschedule`
//! follow it. The other verbs are still written inside `src/cli/` (see docs/design.md).

use git2::Oid;

use crate::error::{Error, Result};
use crate::history::view::Locator;
use crate::model::{validate, People, Record, RecordId};
use crate::store::{codec, Ledger, Txn};

pub mod close;
pub mod done;
pub mod note;
pub mod reschedule;

/// What a verb recorded: the record as committed and the commit that holds it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The record made or changed, as written.
    pub record: Record,
    /// The commit the change was recorded in.
    pub commit: Oid,
}

/// Starts a change, finding records through the query view.
pub fn begin(ledger: &Ledger) -> Result<Txn<'_>> {
    Ok(Txn::begin(ledger)?.with_cache(&Locator))
}

/// Resolves an id typed by the user against the records in the transaction's parent. A whole
/// id (what scripts and shell completion pass) is looked up directly, without listing the ledger.
pub fn resolve_id(txn: &mut Txn<'_>, input: &str) -> Result<RecordId> {
    use crate::model::resolve;
    if let Ok(id) = RecordId::parse(&resolve::typed_prefix(input)?) {
        if txn.exists(&id)? {
            return Ok(id);
        }
    }
    let ids = txn.ids()?;
    resolve::resolve(input, &ids)
}

/// Refuses a record that would not pass `ledger check`.
pub fn validate_new(record: &Record) -> Result<()> {
    let problems = validate::check_record(record);
    match problems.first() {
        None => Ok(()),
        Some(p) => Err(Error::user(format!(
            "{} {}: {}",
            record.id(),
            p.field,
            p.message
        ))),
    }
}

/// The file write for a record: its fixed path and its YAML.
pub fn write_of(path: &str, record: &Record) -> (String, String) {
    (path.to_string(), codec::render_record(record))
}

/// The current user's handle: the person in the people file with git's email or name, else git's
/// name (or the email's local part) when it is a valid handle.
pub fn me(ledger: &Ledger, people: &People) -> Result<String> {
    let (name, email) = crate::store::identity::user(&ledger.repo);
    if let Some(h) = email.as_deref().and_then(|e| people.handle_for_email(e)) {
        return Ok(h.to_string());
    }
    if let Some(h) = name.as_deref().and_then(|n| people.handle_for_name(n)) {
        return Ok(h.to_string());
    }
    for candidate in [
        name.clone(),
        email
            .as_deref()
            .and_then(|e| e.split('@').next())
            .map(str::to_string),
    ]
    .into_iter()
    .flatten()
    {
        if validate::handle_problem(&candidate).is_none() {
            return Ok(candidate);
        }
    }
    Err(Error::user("cannot tell who you are: git's user.name is not a handle and no person in the people file has your email")
        .hint("pass --by/--from HANDLE, or add yourself: ledger people add HANDLE --email YOUR-GIT-EMAIL"))
}

/// Who a change is by when the caller names no one: the current user, else the record's owner.
pub fn actor(ledger: &Ledger, people: &People, record: &Record) -> String {
    me(ledger, people)
        .ok()
        .or_else(|| record.owner().map(str::to_string))
        .unwrap_or_else(|| "someone".to_string())
}

/// A commit body paragraph of facts, one `Label: value` line each, values whole (the subject
/// cuts text to fit; the body keeps every word). Facts without a value are left out.
pub fn facts(lines: &[(&str, Option<String>)]) -> String {
    lines
        .iter()
        .filter_map(|(label, v)| v.as_ref().map(|v| format!("{label}: {}", v.trim_end())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The records `record` links to, as one fact value ("meeting mtg-…, ask ask-…"), if any.
pub fn links(record: &Record) -> Option<String> {
    let refs = record.references();
    (!refs.is_empty()).then(|| {
        refs.iter()
            .map(|(field, id)| format!("{field} {id}"))
            .collect::<Vec<_>>()
            .join(", ")
    })
}
