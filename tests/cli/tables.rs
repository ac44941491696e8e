//! Tables at 60, 80 and 120 columns (`COLUMNS`): every line fits, and ids, dates, numbers and
//! handles are never split; only free text is cut, and below the width the whole columns need
//! each record becomes a block of `field  value` lines.

use serde_json::Value;

use crate::harness::story;

/// The id (short) and the dates of each record an answer lists: the top-level array, or the
/// arrays of the top-level object.
fn facts(v: &Value, out: &mut Vec<String>) {
    let record = |r: &Value, out: &mut Vec<String>| {
        if let Some(id) = r["id"].as_str() {
            out.push(id[..8].to_string());
        }
        for k in ["due", "date", "closed"] {
            if let Some(d) = r[k].as_str() {
                out.push(d.to_string());
            }
        }
    };
    match v {
        Value::Array(a) => a.iter().for_each(|r| record(r, out)),
        Value::Object(m) => m
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .for_each(|r| record(r, out)),
        _ => {}
    }
}

#[test]
fn tables_fit_60_80_and_120_columns_without_splitting_ids_or_dates() {
    let env = story();
    for args in [
        vec!["overdue"],
        vec!["list", "--all"],
        vec!["decisions"],
        vec!["who", "bob"],
    ] {
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let mut want = Vec::new();
        facts(&env.run(&json_args).json(), &mut want);
        // `who` lists the meetings and decisions by id only in its JSON lists.
        want.retain(|f| !f.starts_with("mtg-"));
        for width in [60, 80, 120] {
            env.set("COLUMNS", &width.to_string());
            let out = env.ok(&args);
            for l in out.lines() {
                assert!(
                    l.chars().count() <= width,
                    "{args:?} at {width}: {} columns: {l}\n{out}",
                    l.chars().count()
                );
            }
            for f in &want {
                assert!(
                    out.contains(f.as_str()),
                    "{args:?} at {width}: {f} is not whole\n{out}"
                );
            }
            let stacked = out.lines().any(|l| l.starts_with("id  "));
            let table = out.lines().any(|l| l.starts_with("ID  "));
            assert!(stacked || table, "{args:?} at {width}\n{out}");
            if width == 60 && args[0] != "who" {
                assert!(stacked, "{args:?} at 60 columns is stacked\n{out}");
            }
            if width == 120 && args[0] == "list" {
                assert!(table, "list at 120 columns is a table\n{out}");
            }
        }
    }
}
