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
    // The id is found through the history index, not by loading every record.
    let started = std::time::Instant::now();
    let paths = ledger::history::index::paths_for_id_prefix(&ledger, id.as_str())?;
    let [path] = paths.as_slice() else {
        return Err(format!("{} files match {id}", paths.len()).into());
    };
    let evs = events::events(&ledger, head, path, id.kind())?;
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
    eprintln!(
        "history::events (with the id lookup) took {:.1} ms",
        took.as_secs_f64() * 1000.0
    );
    Ok(())
}
