//! Prints a record's history through the library (`history::events` and `slips`), for the
//! benchmark while no `history` command exists on this branch: `history_probe DIR ID`.

use ledger::history::events;
use ledger::model::RecordId;
use ledger::store::{Found, Ledger};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (dir, id) = (args.get(1).ok_or("DIR")?, args.get(2).ok_or("ID")?);
    let ledger = match ledger::store::repo::locate(
        Some(std::path::Path::new(dir)),
        std::path::Path::new("."),
    )? {
        Found::Ledger(l) => *l,
        Found::Missing(_) => return Err("no ledger".into()),
    };
    let ledger: Ledger = ledger;
    let id = RecordId::parse(id)?;
    let head = ledger.head()?.ok_or("empty ledger")?.id();
    let snap = ledger::history::load::snapshot(&ledger, head)?;
    let entry = snap.get(&id).ok_or("no such record")?;
    let started = std::time::Instant::now();
    let evs = events::events(&ledger, head, &entry.path, id.kind())?;
    let took = started.elapsed();
    for e in &evs {
        let fields: Vec<&str> = e.changes.iter().map(|c| c.field.as_str()).collect();
        println!(
            "{} {} {} {}",
            &e.commit.commit[..10],
            e.commit.at.date_naive(),
            e.action,
            fields.join(",")
        );
    }
    println!("{} events, {} slips", evs.len(), events::slips(&evs));
    eprintln!("history::events took {:.1} ms", took.as_secs_f64() * 1000.0);
    Ok(())
}
