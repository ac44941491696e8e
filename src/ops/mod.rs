//! The ledger's verbs as library functions: typed, already-validated input in, what was recorded
//! out. A verb resolves the ids it is given, applies the change to the records, builds the commit
//! message (through `store::message`) and commits through the store; it prints nothing and knows
//! nothing of clap, so the command line, a web page or a bot can stand on the same verbs.
//!
//! `note` is the pattern every other verb follows. The inputs are plain structs whose text and
//! handles the caller has checked (the command line does it with its flag names in the
//! messages); ids are resolved here, against the ledger at the moment of recording.

use crate::error::{Error, ErrorKind, Result};
use crate::history::view::Locator;
use crate::model::actions::Refusal;
use crate::model::{validate, Kind, People, Record, RecordId};
use crate::store::{codec, layout, CommitId, Ledger, Txn};

pub mod accept;
pub mod answer;
pub mod ask;
pub mod block;
pub mod close;
pub mod decide;
pub mod done;
pub mod edit;
pub mod import;
pub mod meeting;
pub mod note;
pub mod people;
pub mod promise;
pub mod recur;
pub mod reschedule;
pub mod undo;

/// What a verb recorded: the record as committed and the commit that holds it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The record made or changed, as written.
    pub record: Record,
    /// The commit the change was recorded in.
    pub commit: CommitId,
}

/// Starts a change, finding records through the query view.
/// Before the change, adds the occurrences of recurring commitments whose predecessor's due
/// date has passed, in a commit of their own (see [`recur::catch_up`]).
pub fn begin(ledger: &Ledger) -> Result<Txn<'_>> {
    let mut txn = Txn::begin(ledger)?.with_cache(&Locator);
    recur::catch_up(ledger, &mut txn)?;
    Ok(txn)
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

/// Stamps the notes, reschedules and closing that `after` adds to `before` with the moment the
/// commit will carry (see [`crate::model::stamp::fill`]).
pub fn stamp(ledger: &Ledger, before: Option<&Record>, after: &mut Record) -> Result<()> {
    let when = crate::store::identity::author_time(&ledger.repo)?;
    crate::model::stamp::fill(before, after, when);
    Ok(())
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
    stamp(txn.ledger(), Some(&entry.record), &mut record)?;
    Ok((id, update(&entry.path, &record)?))
}

/// The handle given, or the current user's when none was given (`--by`, `--from`, `--chair`).
pub fn given_or_me(ledger: &Ledger, people: &People, given: Option<&str>) -> Result<String> {
    match given {
        Some(h) => Ok(h.to_string()),
        None => me(ledger, people),
    }
}

/// Refuses a handle given on the command line that the people file does not list, naming the
/// nearest known handles and the command that adds a person. Only when the people file lists
/// anyone (a ledger that keeps none has nothing to check against) and `strict_people` is not
/// turned off in `ledger.yaml`. `given` pairs each flag with the handle given to it.
pub fn known_people(txn: &mut Txn<'_>, people: &People, given: &[(&str, &str)]) -> Result<()> {
    if people.people.is_empty() {
        return Ok(());
    }
    // A retired person stays in the people file for history, but takes on nothing new.
    if let Some((flag, handle, day)) = given
        .iter()
        .find_map(|(f, h)| people.get(h).and_then(|p| p.retired).map(|d| (f, h, d)))
    {
        return Err(Error::user(format!(
            "{flag}: '{handle}' retired on {day}; a new record cannot name them"
        ))
        .of_kind(ErrorKind::Refused)
        .hint(
            "name someone who is still here (`ledger people list --format json` shows who retired)",
        ));
    }
    let mut unknown = given
        .iter()
        .filter(|(_, h)| people.get(h).is_none())
        .peekable();
    if unknown.peek().is_none() || !txn.config()?.strict_people {
        return Ok(());
    }
    let (flag, handle) = unknown.next().expect("peeked");
    let near = people.nearest(handle);
    let near = match near.as_slice() {
        [] => String::new(),
        n => format!("; did you mean {}?", n.join(", ")),
    };
    Err(
        Error::user(format!(
            "{flag}: '{handle}' is not in the people file{near}"
        ))
        .of_kind(ErrorKind::NotFound)
        .hint(format!(
            "fix the spelling, or add the person first: ledger people add {handle} (set strict_people: false in ledger.yaml to allow handles the people file does not list)"
        )),
    )
}

/// What a closing may add beside the close itself: who did it when not the one the commit
/// would name, a note, and links that prove it (already checked to be links).
#[derive(Clone, Debug, Default)]
pub struct Proof {
    /// Who did it (`--by`).
    pub by: Option<String>,
    /// A note, kept in the record's notes.
    pub note: Option<String>,
    /// Evidence links, kept in the record's evidence.
    pub evidence: Vec<String>,
}

impl Proof {
    /// Checks `--by` against the people file and adds the note and links to `record`, the
    /// note by `--by`, else by you.
    pub fn apply(
        &self,
        ledger: &Ledger,
        txn: &mut Txn<'_>,
        people: &People,
        record: &mut Record,
        date: chrono::NaiveDate,
    ) -> Result<()> {
        let given: Vec<_> = self
            .by
            .as_deref()
            .map(|b| ("--by", b))
            .into_iter()
            .collect();
        known_people(txn, people, &given)?;
        let by = self.by.clone().or_else(|| me(ledger, people).ok());
        crate::model::actions::add_proof(record, date, by, self.note.as_deref(), &self.evidence)?;
        Ok(())
    }

    /// The commit body's facts for the note and the links.
    pub fn facts(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("Note", self.note.clone()),
            (
                "Evidence",
                (!self.evidence.is_empty()).then(|| self.evidence.join(", ")),
            ),
        ]
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
