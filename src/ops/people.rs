//! `people add` and `people set`: a person in the people file, one commit.

use crate::error::{Error, Result};
use crate::model::{People, Person};
use crate::store::message::{key, subject};
use crate::store::{codec, layout, CommitId, Ledger, Message};

/// A person to add or change. Handles and text are already checked.
#[derive(Clone, Debug, Default)]
pub struct PersonChange {
    /// The handle (alice).
    pub handle: String,
    /// True to add a new person, false to change one who is there.
    pub add: bool,
    /// The name to set.
    pub name: Option<String>,
    /// The email to set.
    pub email: Option<String>,
    /// The team to set.
    pub team: Option<String>,
    /// Whom they report to.
    pub reports_to: Option<String>,
}

/// What a people change recorded: the person as written and the commit.
#[derive(Clone, Debug)]
pub struct PersonRecorded {
    /// The person as now in the people file.
    pub person: Person,
    /// The commit the change was recorded in.
    pub commit: CommitId,
}

impl PersonChange {
    /// Refuses what is wrong whatever the people file says (someone reporting to themselves),
    /// so a front end can say so before opening the ledger.
    pub fn check(&self) -> Result<()> {
        if self.reports_to.as_deref() == Some(self.handle.as_str()) {
            return Err(Error::user(format!(
                "{} cannot report to themselves",
                self.handle
            )));
        }
        Ok(())
    }
}

/// Adds or changes the person and returns them as committed.
pub fn change(ledger: &Ledger, c: &PersonChange) -> Result<PersonRecorded> {
    let (handle, add) = (&c.handle, c.add);
    c.check()?;
    let mut txn = super::begin(ledger)?;
    let mut people = txn.people()?;
    let was_empty = people.people.is_empty();
    let exists = people.people.contains_key(handle);
    if add && exists {
        return Err(
            Error::user(format!("{handle} is already in the people file"))
                .hint(format!("change them with `ledger people set {handle} ...`")),
        );
    }
    if !add && !exists {
        return Err(Error::user(format!("{handle} is not in the people file"))
            .of_kind(crate::error::ErrorKind::NotFound)
            .hint(format!("add them with `ledger people add {handle} ...`")));
    }
    if !add && c.name.is_none() && c.email.is_none() && c.team.is_none() && c.reports_to.is_none() {
        return Err(
            Error::user("nothing to set").hint("give --name, --email, --team or --reports-to")
        );
    }
    // An email names one person: it is how `--by`/`--from` default to "you".
    if let Some(e) = &c.email {
        if let Some((other, _)) = people.people.iter().find(|(h, p)| {
            *h != handle
                && p.email
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(e))
        }) {
            return Err(Error::user(format!("{e} is already the email of {other}"))
                .hint("each email names one person; it tells the ledger who is recording"));
        }
    }
    let person = people
        .people
        .entry(handle.clone())
        .or_insert_with(Person::default);
    let mut changed = Vec::new();
    for (field, new, slot) in [
        ("name", &c.name, &mut person.name),
        ("email", &c.email, &mut person.email),
        ("team", &c.team, &mut person.team),
        ("reports_to", &c.reports_to, &mut person.reports_to),
    ] {
        if let Some(v) = new {
            changed.push(format!("{field} {v}"));
            *slot = Some(v.clone());
        }
    }
    let person = person.clone();
    // The escalation chain ends at someone the ledger knows (the first person added may name a
    // manager not yet added: there was no people file to check against).
    if let Some(up) = c.reports_to.as_deref().filter(|_| !was_empty) {
        super::known_people(&mut txn, &people, &[("--reports-to", up)])?;
    }
    if let Some(up) = &person.reports_to {
        if people.chain(up).contains(handle) {
            return Err(Error::user(format!(
                "{handle} reporting to {up} would make a loop in the escalation chain"
            )));
        }
    }
    let who = super::me(ledger, &people).unwrap_or_else(|_| "someone".to_string());
    let what = person.name.clone().unwrap_or_else(|| handle.clone());
    let (verbs, action) = if add {
        ("adds person", "people-add")
    } else {
        ("updates person", "people-set")
    };
    let message = Message::new(subject(&who, verbs, handle, &what), action)
        .body(super::facts(&[
            ("Changed", Some(changed.join(", "))),
            ("Name", person.name.clone()),
            ("Email", person.email.clone()),
            ("Team", person.team.clone()),
            ("Reports to", person.reports_to.clone()),
        ]))
        .trailer(key::PERSON, handle);
    let commit = txn.commit(
        vec![(
            layout::PEOPLE_FILE.to_string(),
            codec::render_people(&people),
        )],
        &message,
    )?;
    Ok(PersonRecorded { person, commit })
}

/// What `people rename` recorded: the records rewritten and the commit.
#[derive(Clone, Debug)]
pub struct Renamed {
    /// Every record that named the old handle, now naming the new one.
    pub records: Vec<crate::model::RecordId>,
    /// The commit the change was recorded in.
    pub commit: CommitId,
}

/// The refusal for a handle the people file does not have, with the nearest ones it does.
fn not_in_people(people: &People, handle: &str) -> Error {
    let near = people.nearest(handle).join(", ");
    let near = match near.is_empty() {
        true => String::new(),
        false => format!("; did you mean {near}?"),
    };
    Error::user(format!("{handle} is not in the people file{near}"))
        .of_kind(crate::error::ErrorKind::NotFound)
        .hint("see everyone with `ledger people list`")
}

/// Renames a person: the people file's entry, whoever reported to them, and every record that
/// names the old handle, in one commit (`Ledger-Action: people-rename`, `Ledger-Person: OLD`,
/// `Ledger-Renamed-To: NEW`), so `who NEW` shows their whole past and `history` shows the
/// rename as the change it was. Both handles are already checked to be handles.
pub fn rename(ledger: &Ledger, old: &str, new: &str) -> Result<Renamed> {
    if old == new {
        return Err(Error::user(format!("{old} is already called {new}")));
    }
    let mut txn = super::begin(ledger)?;
    let mut people = txn.people()?;
    if people.get(old).is_none() {
        return Err(not_in_people(&people, old));
    }
    if people.get(new).is_some() {
        return Err(Error::user(format!("{new} is already in the people file"))
            .hint(format!("pick a handle no one has; `ledger people list` shows them (to merge two people, rename {old} to a free handle and edit its records)")));
    }
    people.rename(old, new);
    let mut writes = vec![(
        layout::PEOPLE_FILE.to_string(),
        codec::render_people(&people),
    )];
    let mut records = Vec::new();
    for id in txn.ids()? {
        let entry = txn.read(&id)?;
        let mut record = entry.record.clone();
        if record.rename_person(old, new) {
            writes.push(super::write_of(&entry.path, &record));
            records.push(id);
        }
    }
    let who = super::me(ledger, &people).unwrap_or_else(|_| "someone".to_string());
    let mut message = Message::new(subject(&who, "renames person", old, new), "people-rename")
        .body(format!(
            "{old} is now {new}: the people file and {} record(s) that named {old} now name {new}.",
            records.len()
        ))
        .trailer(key::PERSON, old)
        .trailer(key::RENAMED_TO, new);
    for id in &records {
        message = message.trailer(key::ID, id.as_str());
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Renamed { records, commit })
}

/// What `people retire` recorded: the open commitments handed over and the commit.
#[derive(Clone, Debug)]
pub struct Retired {
    /// The open commitments now owed by `--reassign`'s person.
    pub reassigned: Vec<crate::model::RecordId>,
    /// The commit the change was recorded in.
    pub commit: CommitId,
}

/// Marks a person retired on `date` (kept in the people file for history; new records naming
/// them are refused). Refused while they still owe open commitments, unless `reassign` names
/// who takes them over: each is then theirs, with a note saying so, in the same commit.
pub fn retire(
    ledger: &Ledger,
    handle: &str,
    reassign: Option<&str>,
    date: chrono::NaiveDate,
) -> Result<Retired> {
    use crate::model::{actions, Record, Status};
    let mut txn = super::begin(ledger)?;
    let mut people = txn.people()?;
    let Some(person) = people.get(handle).cloned() else {
        return Err(not_in_people(&people, handle));
    };
    if let Some(day) = person.retired {
        return Err(Error::user(format!("{handle} already retired on {day}")));
    }
    if let Some(to) = reassign {
        if to == handle {
            return Err(Error::user(format!(
                "--reassign: {handle} cannot take over their own commitments"
            ))
            .hint("name who takes them over"));
        }
        super::known_people(&mut txn, &people, &[("--reassign", to)])?;
        if people.get(to).is_none() {
            return Err(
                Error::user(format!("--reassign: '{to}' is not in the people file"))
                    .of_kind(crate::error::ErrorKind::NotFound)
                    .hint(format!("add them first: ledger people add {to}")),
            );
        }
    }
    let mut owed = Vec::new();
    for id in txn.ids()? {
        if id.kind() != crate::model::Kind::Commitment {
            continue;
        }
        let entry = txn.read(&id)?;
        if let Record::Commitment(c) = &entry.record {
            if c.by == handle && entry.record.status() == Status::Open {
                owed.push(entry);
            }
        }
    }
    let who = super::me(ledger, &people).unwrap_or_else(|_| "someone".to_string());
    let mut writes = Vec::new();
    let mut reassigned = Vec::new();
    match reassign {
        None if !owed.is_empty() => {
            let ids: Vec<&str> = owed.iter().map(|e| e.record.id().as_str()).collect();
            return Err(Error::user(format!(
                "{handle} still owes {} open commitment(s): {}",
                ids.len(),
                ids.join(", ")
            ))
            .of_kind(crate::error::ErrorKind::Refused)
            .hint(format!(
                "hand them over in the same step: ledger people retire {handle} --reassign HANDLE (or close them first: ledger done / ledger cancel)"
            )));
        }
        None => {}
        Some(to) => {
            for e in owed {
                let mut record = e.record.clone();
                if let Record::Commitment(c) = &mut record {
                    c.by = to.to_string();
                }
                actions::note(
                    &mut record,
                    date,
                    Some(who.clone()),
                    &format!("Reassigned from {handle}, who retired, to {to}."),
                )?;
                writes.push(super::update(&e.path, &record)?);
                reassigned.push(record.id().clone());
            }
        }
    }
    if let Some(p) = people.people.get_mut(handle) {
        p.retired = Some(date);
    }
    writes.push((
        layout::PEOPLE_FILE.to_string(),
        codec::render_people(&people),
    ));
    let what = person.name.clone().unwrap_or_else(|| handle.to_string());
    let mut message = Message::new(
        subject(&who, "retires person", handle, &what),
        "people-retire",
    )
    .body(super::facts(&[
        ("Retired", Some(date.to_string())),
        (
            "Reassigned",
            reassign
                .filter(|_| !reassigned.is_empty())
                .map(|to| format!("{} commitment(s) to {to}", reassigned.len())),
        ),
    ]))
    .trailer(key::PERSON, handle);
    for id in &reassigned {
        message = message.trailer(key::ID, id.as_str());
    }
    let commit = txn.commit(writes, &message)?;
    Ok(Retired { reassigned, commit })
}
