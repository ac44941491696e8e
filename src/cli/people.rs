//! `ledger people add|set|list`: the people file.

use std::io::Write;

use crate::error::{Error, Result};
use crate::model::Person;
use crate::report::{json, table, text, Format};
use crate::store::message::{key, subject};
use crate::store::{codec, layout, Message};

use super::Ctx;

/// The `people` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Add a person.
    Add(PersonArgs),
    /// Change a person's name, email, team or manager.
    Set(PersonArgs),
    /// List everyone.
    List,
}

/// A handle and the fields to set.
#[derive(Debug, clap::Args)]
pub struct PersonArgs {
    /// The short handle (alice).
    pub handle: String,
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Whom they report to: whom to escalate to.
    #[arg(long = "reports-to", value_name = "HANDLE")]
    pub reports_to: Option<String>,
}

/// Runs a `people` subcommand.
pub fn run(ctx: &Ctx, cmd: Command, out: &mut dyn Write) -> Result<()> {
    match cmd {
        Command::List => list(ctx, out),
        Command::Add(a) => change(ctx, a, true, out),
        Command::Set(a) => change(ctx, a, false, out),
    }
}

fn change(ctx: &Ctx, args: PersonArgs, add: bool, out: &mut dyn Write) -> Result<()> {
    let handle = ctx.handle("HANDLE", &args.handle)?;
    let name = ctx.opt_text("--name", args.name.as_deref())?;
    let email = ctx.opt_text("--email", args.email.as_deref())?;
    let team = ctx.opt_text("--team", args.team.as_deref())?;
    let reports_to = args
        .reports_to
        .as_deref()
        .map(|r| ctx.handle("--reports-to", r))
        .transpose()?;
    if reports_to.as_deref() == Some(handle.as_str()) {
        return Err(Error::user(format!("{handle} cannot report to themselves")));
    }
    let ledger = ctx.open_for_write()?;
    let mut txn = super::change::begin(&ledger)?;
    let mut people = txn.people()?;
    let exists = people.people.contains_key(&handle);
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
    if !add && name.is_none() && email.is_none() && team.is_none() && reports_to.is_none() {
        return Err(
            Error::user("nothing to set").hint("give --name, --email, --team or --reports-to")
        );
    }
    // An email names one person: it is how `--by`/`--from` default to "you".
    if let Some(e) = &email {
        if let Some((other, _)) = people.people.iter().find(|(h, p)| {
            **h != handle
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
        ("name", name, &mut person.name),
        ("email", email, &mut person.email),
        ("team", team, &mut person.team),
        ("reports_to", reports_to, &mut person.reports_to),
    ] {
        if let Some(v) = new {
            changed.push(format!("{field} {v}"));
            *slot = Some(v);
        }
    }
    let person = person.clone();
    if let Some(up) = &person.reports_to {
        if people.chain(up).contains(&handle) {
            return Err(Error::user(format!(
                "{handle} reporting to {up} would make a loop in the escalation chain"
            )));
        }
    }
    let verb = if add { "add" } else { "set" };
    let who = ctx
        .me(&ledger, &people)
        .unwrap_or_else(|_| "someone".to_string());
    let what = person.name.clone().unwrap_or_else(|| handle.clone());
    let verbs = if add { "adds person" } else { "updates person" };
    let message = Message::new(
        subject(&who, verbs, &handle, &what),
        &format!("people-{verb}"),
    )
    .body(super::change::facts(&[
        ("Changed", Some(changed.join(", "))),
        ("Name", person.name.clone()),
        ("Email", person.email.clone()),
        ("Team", person.team.clone()),
        ("Reports to", person.reports_to.clone()),
    ]))
    .trailer(key::PERSON, &handle);
    txn.commit(
        vec![(
            layout::PEOPLE_FILE.to_string(),
            codec::render_people(&people),
        )],
        &message,
    )?;
    match ctx.format {
        Format::Json => {
            let mut v = serde_json::to_value(&person).unwrap_or_default();
            v["handle"] = serde_json::Value::String(handle);
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        _ => writeln!(out, "{handle} {}", if add { "added" } else { "updated" })?,
    }
    Ok(())
}

fn list(ctx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let ledger = ctx.open()?;
    // Only the people file is needed (problems in any file are still reported).
    let snap = ctx.snapshot_where(&ledger, |_| false)?;
    let people = &snap.people;
    match ctx.format {
        Format::Json => {
            let list: Vec<_> = people
                .people
                .iter()
                .map(|(h, p)| {
                    let mut v = serde_json::to_value(p).unwrap_or_default();
                    v["handle"] = serde_json::Value::String(h.clone());
                    v
                })
                .collect();
            out.write_all(json::to_string(&list).as_bytes())?;
        }
        _ => {
            let rows = people
                .people
                .iter()
                .map(|(h, p)| {
                    [
                        Some(h.as_str()),
                        p.name.as_deref(),
                        p.email.as_deref(),
                        p.team.as_deref(),
                        p.reports_to.as_deref(),
                    ]
                    .iter()
                    .map(|c| text::line(c.unwrap_or(""), 60))
                    .collect()
                })
                .collect();
            let header = ["HANDLE", "NAME", "EMAIL", "TEAM", "REPORTS TO"];
            if ctx.format == Format::Csv {
                out.write_all(crate::report::csv::render(&header, rows).as_bytes())?;
            } else {
                out.write_all(table::render(&header, rows).as_bytes())?;
            }
        }
    }
    Ok(())
}
