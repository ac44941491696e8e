//! `people add` and `people set`: a person in the people file, one commit.

use crate::error::{Error, Result};
use crate::model::Person;
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
