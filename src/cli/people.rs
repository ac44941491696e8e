//! `ledger people add|set|list`: the people file. Adding and changing a person is the verb
//! `ops::people`; this file checks the arguments and prints.

use std::io::Write;

use crate::error::Result;
use crate::ops::people;
use crate::report::{json, table, text, Format};

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
    /// Rename a person: the people file and every record that names them, in one commit.
    Rename(RenameArgs),
    /// Mark a person as gone: kept for history, refused in new records.
    Retire(RetireArgs),
}

/// The person retiring and who takes over what they still owe.
#[derive(Debug, clap::Args)]
pub struct RetireArgs {
    /// Their handle.
    pub handle: String,
    /// Who takes over their open commitments (required while they owe any).
    #[arg(long, value_name = "HANDLE")]
    pub reassign: Option<String>,
}

/// The handle to rename and the new one.
#[derive(Debug, clap::Args)]
pub struct RenameArgs {
    /// The handle now in the people file.
    pub old: String,
    /// The handle to use from now on.
    pub new: String,
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
        Command::Rename(a) => rename(ctx, a, out),
        Command::Retire(a) => retire(ctx, a, out),
    }
}

fn retire(ctx: &Ctx, args: RetireArgs, out: &mut dyn Write) -> Result<()> {
    let handle = ctx.handle("HANDLE", &args.handle)?;
    let reassign = args
        .reassign
        .as_deref()
        .map(|r| ctx.handle("--reassign", r))
        .transpose()?;
    let ledger = ctx.open_for_write()?;
    let done = people::retire(&ledger, &handle, reassign.as_deref(), ctx.today)?;
    match ctx.format {
        Format::Json => {
            let ids: Vec<&str> = done.reassigned.iter().map(|i| i.as_str()).collect();
            let v = serde_json::json!({ "handle": handle, "retired": ctx.today.to_string(), "reassigned": ids });
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        _ => {
            writeln!(out, "{handle} retired")?;
            for id in &done.reassigned {
                writeln!(
                    out,
                    "  {id} now owed by {}",
                    reassign.as_deref().unwrap_or("")
                )?;
            }
        }
    }
    Ok(())
}

fn rename(ctx: &Ctx, args: RenameArgs, out: &mut dyn Write) -> Result<()> {
    let old = ctx.handle("OLD", &args.old)?;
    let new = ctx.handle("NEW", &args.new)?;
    let ledger = ctx.open_for_write()?;
    let done = people::rename(&ledger, &old, &new)?;
    match ctx.format {
        Format::Json => {
            let ids: Vec<&str> = done.records.iter().map(|i| i.as_str()).collect();
            let v = serde_json::json!({ "old": old, "new": new, "records": ids });
            out.write_all(json::to_string(&v).as_bytes())?;
        }
        _ => writeln!(
            out,
            "{old} renamed to {new} (people file and {} record(s))",
            done.records.len()
        )?,
    }
    Ok(())
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
    let change = people::PersonChange {
        handle: handle.clone(),
        add,
        name,
        email,
        team,
        reports_to,
    };
    change.check()?;
    let ledger = ctx.open_for_write()?;
    let person = people::change(&ledger, &change)?.person;
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
    let snap = &ctx.snapshot_where(&ledger, |_| false)?;
    let people = &snap.people;
    match ctx.format {
        Format::Json => {
            let list: Vec<_> = people
                .people
                .iter()
                .map(|(h, p)| {
                    // The handle first, as in the CSV and the table.
                    let mut v = serde_json::Map::new();
                    v.insert("handle".into(), h.clone().into());
                    if let serde_json::Value::Object(fields) =
                        serde_json::to_value(p).unwrap_or_default()
                    {
                        v.extend(fields);
                    }
                    serde_json::Value::Object(v)
                })
                .collect();
            out.write_all(json::to_string(&list).as_bytes())?;
        }
        _ => {
            let rows: Vec<Vec<String>> = people
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
                // JSON's field names and values, in JSON's order.
                let header = ["handle", "name", "email", "team", "reports_to"];
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
                        .map(|c| c.unwrap_or("").to_string())
                        .collect()
                    })
                    .collect();
                out.write_all(crate::report::csv::render(&header, rows).as_bytes())?;
            } else if ctx.format == Format::Md {
                let md = crate::report::markdown::grid(&header, &rows);
                out.write_all(md.as_bytes())?;
            } else {
                out.write_all(table::render(&header, rows).as_bytes())?;
            }
        }
    }
    Ok(())
}
