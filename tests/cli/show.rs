//! `ledger show`: every field, the linked records, and who recorded it when.

use crate::harness::{story, Env};

#[test]
fn show_has_fields_links_and_who_recorded_it() {
    let env = Env::new();
    let ask = env.id(&[
        "ask", "Tunnel", "--from", "alice", "--to", "bob", "--due", "+1w",
    ]);
    let com = env.id(&["accept", &ask]);
    let out = env.ok(&["show", &com[..8]]);
    // Compare with runs of spaces squeezed: the column widths are the table's business.
    let out = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        format!("id {com}"),
        "status open".to_string(),
        "what Tunnel".to_string(),
        format!("file commitments/2026/03/{com}.yaml"),
        "recorded 2026-03-20 09:".to_string(),
        "by Test User <tester@example.com>".to_string(),
        "Linked records:".to_string(),
        format!("ask {ask} ask accepted Tunnel"),
    ] {
        assert!(out.contains(&want), "{want:?} missing in\n{out}");
    }
    let back = env.ok(&["show", &ask]);
    assert!(back.contains(&com), "{back}");
}

#[test]
fn show_json_adds_path_recorded_and_links() {
    let env = story();
    let out = env.ok(&["list", "decision", "--all", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    let old = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["status"] == "superseded")
        .expect("the story has a superseded decision");
    let v = env.record(old["id"].as_str().unwrap());
    assert_eq!(v["kind"], "decision");
    assert!(v["path"]
        .as_str()
        .unwrap()
        .starts_with("decisions/2026/03/"));
    assert_eq!(v["recorded"]["author"], "Erin Walsh", "{v}");
    assert_eq!(v["in_force"], v["superseded_by"]);
    assert!(v["links"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["relation"] == "superseded_by"));
}

#[test]
fn show_as_of_an_earlier_day() {
    // The ledger starts before the promise: --as-of never counts a commit as known before its
    // parents, so a history that goes back in time would hide the promise on the 12th.
    let env = Env::empty();
    env.today("2026-03-10");
    env.ok(&["init"]);
    let id = env.id(&[
        "promise",
        "x",
        "--by",
        "b",
        "--to",
        "a",
        "--due",
        "2026-03-20",
    ]);
    env.today("2026-03-15");
    env.ok(&["done", &id]);
    env.today("2026-03-20");
    assert_eq!(env.record(&id)["status"], "done");
    let out = env.ok(&["show", &id, "--as-of", "2026-03-12", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["status"], "open");
    let out = env.fails(&["show", &id, "--as-of", "2026-03-01"], 1);
    assert!(out.stderr.contains("no record matches"), "{}", out.stderr);
}
