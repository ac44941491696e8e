//! `ledger remind`: for cron or CI, what each person owes that is overdue or comes due in the
//! next days, grouped by person; exit 3 when anything is overdue. Read-only: the questions are
//! `query::overdue`'s.

use std::collections::BTreeMap;
use std::io::Write;

use crate::error::Result;
use crate::model::Record;
use crate::query::overdue;
use crate::query::resolve::Abbrev;
use crate::report::{json, text, Format};

use super::Ctx;

/// Arguments of `remind`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also list what comes due in the next N days (0: only today).
    #[arg(long, value_name = "N", default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=366))]
    pub days: u32,
    /// Only what this person owes (the promiser of a commitment, the one asked by an ask).
    #[arg(long = "for", value_name = "HANDLE")]
    pub for_: Option<String>,
}

/// One line of a person's reminder.
struct Item<'a> {
    record: &'a Record,
    due: chrono::NaiveDate,
    /// Days late (positive) or days left (zero or negative).
    late: i64,
}

/// Runs `remind`.
pub fn run(ctx: &Ctx, args: Args, out: &mut dyn Write) -> Result<()> {
    let who = args
        .for_
        .as_deref()
        .map(|h| ctx.handle("--for", h))
        .transpose()?;
    let ledger = ctx.open()?;
    let day = ctx.day();
    let until = day + chrono::Duration::days(i64::from(args.days));
    let snap = &ctx.snapshot_where(&ledger, |row| overdue::due_by(row, until))?;
    let keep = |r: &Record| who.as_deref().is_none_or(|h| overdue::owes(r) == h);
    let late = overdue::find_where(snap, day, keep)?;
    let soon = overdue::due_between(snap, day, until, keep);
    if !late.is_empty() {
        ctx.set_exit(3);
    }
    let mut people: BTreeMap<&str, Vec<Item<'_>>> = BTreeMap::new();
    for o in &late {
        let r = &o.entry.record;
        let due = r.due().unwrap_or(day);
        people.entry(overdue::owes(r)).or_default().push(Item {
            record: r,
            due,
            late: o.days_overdue,
        });
    }
    for (e, due) in &soon {
        let r = &e.record;
        people.entry(overdue::owes(r)).or_default().push(Item {
            record: r,
            due: *due,
            late: (day - *due).num_days(),
        });
    }
    if ctx.format == Format::Json {
        let list: Vec<serde_json::Value> = people
            .iter()
            .map(|(h, items)| {
                let one = |i: &Item<'_>| {
                    serde_json::json!({
                        "id": i.record.id().as_str(),
                        "kind": i.record.kind().as_str(),
                        "what": i.record.headline(),
                        "other": match i.record {
                            Record::Ask(a) => Some(a.from.as_str()),
                            r => r.counterpart(),
                        },
                        "due": i.due.to_string(),
                        "days": i.late.abs(),
                    })
                };
                serde_json::json!({
                    "person": h,
                    "overdue": items.iter().filter(|i| i.late > 0).map(one).collect::<Vec<_>>(),
                    "due_soon": items.iter().filter(|i| i.late <= 0).map(one).collect::<Vec<_>>(),
                })
            })
            .collect();
        let v = serde_json::json!({
            "as_of": day.to_string(),
            "until": until.to_string(),
            "people": list,
        });
        out.write_all(json::to_string(&v).as_bytes())?;
        return Ok(());
    }
    if people.is_empty() {
        writeln!(out, "Nothing overdue on {day}, and nothing due by {until}.")?;
        return Ok(());
    }
    writeln!(
        out,
        "Reminders on {day}: overdue, and due by {until} ({} overdue, {} coming)",
        late.len(),
        soon.len()
    )?;
    let abbrev = Abbrev::of(snap);
    for (h, items) in &people {
        writeln!(out, "\n{}", text::line(h, 64))?;
        for i in items {
            let when = match i.late {
                d if d > 0 => format!("overdue {d} day{}", if d == 1 { "" } else { "s" }),
                0 => "due today".to_string(),
                d => format!("due in {} day{}", -d, if d == -1 { "" } else { "s" }),
            };
            // The other party: whom it was promised to, or who asked.
            let to = match i.record {
                Record::Ask(a) => format!(" (asked by {})", text::line(&a.from, 64)),
                r => r
                    .counterpart()
                    .map(|t| format!(" (to {})", text::line(t, 64)))
                    .unwrap_or_default(),
            };
            writeln!(
                out,
                "  {}  {when:<16} {}  {}{to}",
                abbrev.short(i.record.id()),
                i.due,
                text::line(i.record.headline(), 60),
            )?;
        }
    }
    Ok(())
}
