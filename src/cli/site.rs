//! `ledger site DIR`: the ledger as a static web site for readers who never open a terminal.
//! The pages are made by `report::html::site`; this command asks the questions and writes
//! the files.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::history::events;
use crate::query::brief::{self, Heading};
use crate::query::period::{self, Period};
use crate::query::register::{self, Only};
use crate::query::resolve::Abbrev;
use crate::query::team::Scope;
use crate::query::{charts, who};
use crate::report::html::site;
use crate::report::{brief as rbrief, json, Format};
use crate::store::{config, remote};

use super::Ctx;

/// Arguments of `site`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write the site into (made when missing; files of the site are replaced).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

/// Runs `site`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    if !matches!(ctx.format, Format::Table | Format::Json) {
        return Err(
            Error::user("site prints the pages it wrote as a list or as JSON")
                .hint("use --format table (the default) or json"),
        );
    }
    let ledger = ctx.open()?;
    let snap = &ctx.snapshot(&ledger)?;
    let day = ctx.day();
    let all = Scope::default();
    let s = period::summary(snap, Period::new(None, None, day)?, day, &all)?;
    let settings = config::at(&ledger, snap.commit);
    let b = brief::brief(
        snap,
        s,
        &all,
        Heading {
            title: settings.title,
            audience: settings.audience,
        },
    );
    let late: Vec<i64> = b.attention.iter().map(|a| a.days_overdue).collect();
    let c = charts::charts(snap, &all, day, &late);
    let abbrev = Abbrev::of(snap);
    let mut pages = vec![
        site::index(&rbrief::doc(&b), &c),
        site::decisions(&register::register(snap, Only::default())),
    ];
    // Everyone the people file names or a record mentions.
    let mut handles: BTreeSet<String> = snap.people.people.keys().cloned().collect();
    for e in &snap.entries {
        handles.extend(e.record.owner().map(str::to_string));
        handles.extend(e.record.counterpart().map(str::to_string));
        if let crate::model::Record::Meeting(m) = &e.record {
            handles.extend(m.attendees.iter().cloned());
        }
    }
    handles.retain(|h| !h.is_empty());
    let handles: Vec<String> = handles.into_iter().collect();
    let teams: Vec<String> = snap
        .people
        .people
        .values()
        .filter_map(|p| p.team.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    pages.push(site::people(&snap.people, &handles, &teams));
    for h in &handles {
        let w = who::who(snap, h, day);
        let rates = charts::person_rates(snap, h, day);
        pages.push(site::person(
            h,
            &snap.people,
            day,
            &w,
            &abbrev,
            &c.weeks,
            &rates,
        ));
    }
    for t in &teams {
        let members: Vec<String> = handles
            .iter()
            .filter(|h| snap.people.team(h) == Some(t.as_str()))
            .cloned()
            .collect();
        let rates = c.on_time.iter().find(|r| &r.team == t);
        pages.push(site::team(t, &snap.people, &members, &c.weeks, rates));
    }
    let mut records: Vec<&crate::model::Record> = snap.entries.iter().map(|e| &e.record).collect();
    records.sort_by(|a, b| a.id().cmp(b.id()));
    pages.extend(site::search(&records));
    let links = remote::commit_links(&ledger);
    let commit_link = |commit: &str| links.as_ref().map(|l| l.link(commit));
    let exists = |id: &crate::model::RecordId| snap.get(id).is_some();
    for e in &snap.entries {
        let evs = match snap.commit {
            Some(commit) => events::events(&ledger, commit, &e.path, e.record.kind())?,
            None => Vec::new(),
        };
        pages.push(site::record(&e.record, &exists, &evs, &commit_link));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    for (rel, bytes) in &pages {
        let path = args.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::user(format!("cannot make {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Error::user(format!("cannot write {}: {e}", path.display())))?;
    }
    let written: Vec<&str> = pages.iter().map(|p| p.0.as_str()).collect();
    if ctx.format == Format::Json {
        out.write_all(json::to_string(&written).as_bytes())?;
    } else {
        writeln!(
            out,
            "{} pages in {}; open {}",
            pages.len(),
            args.dir.display(),
            args.dir.join("index.html").display()
        )?;
    }
    Ok(())
}
