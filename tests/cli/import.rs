//! `ledger import`: a tracker's CSV export in one commit, without duplicates on a second run.

use crate::harness::Env;

fn fixture() -> String {
    format!("{}/fixtures/jira-export.csv", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn dry_run_records_nothing_and_shows_the_rows() {
    let env = Env::new();
    let head = env.head();
    let out = env.ok(&["import", &fixture(), "--dry-run"]);
    assert_eq!(env.head(), head, "a dry run committed");
    assert!(
        out.contains("PAY-101") && out.contains("bob") && out.contains("2026-03-06"),
        "{out}"
    );
    assert!(out.contains("would record 4 commitment(s)"), "{out}");
}

#[test]
fn import_once_then_again_without_duplicates() {
    let env = Env::new();
    let before = env.commits();
    let out = env.ok(&["import", &fixture()]);
    assert!(out.contains("imported 4 commitment(s)"), "{out}");
    assert_eq!(env.commits(), before + 1, "one commit for the whole import");
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "commitment", "--all", "--format", "json"]))
            .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 4);
    let by_key = |k: &str| {
        list.iter()
            .find(|r| r["source"] == k)
            .unwrap_or_else(|| panic!("no {k}"))
    };
    let vpn = by_key("PAY-101");
    assert_eq!(
        (vpn["by"].as_str(), vpn["to"].as_str()),
        (Some("bob"), Some("alice.martin"))
    );
    assert_eq!(
        (vpn["date"].as_str(), vpn["due"].as_str()),
        (Some("2026-03-02"), Some("2026-03-06"))
    );
    assert_eq!(
        vpn["what"],
        "Open the VPN tunnel to the card vault, both directions"
    );
    assert_eq!(by_key("PAY-103")["status"], "done");
    assert_eq!(by_key("PAY-103")["date"], "2026-03-04");
    assert_eq!(by_key("PAY-104")["status"], "cancelled");
    assert!(by_key("PAY-103")["what"]
        .as_str()
        .unwrap()
        .contains("\"manual\""));
    let msg = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        msg.starts_with("tester imports 4 commitments: \"jira-export.csv\"")
            && msg.contains("Ledger-Action: import"),
        "{msg}"
    );

    let head = env.head();
    let again = env.ok(&["import", &fixture()]);
    assert!(
        again.contains("imported 0 commitment(s)") && again.contains("4 already imported"),
        "{again}"
    );
    assert_eq!(env.head(), head, "a re-import committed");
    env.assert_sound();
}

#[test]
fn a_bad_row_stops_the_import_unless_skipped() {
    let env = Env::new();
    let file = env.root().join("bad.csv");
    let mut text = std::fs::read_to_string(fixture()).unwrap();
    text.push_str("No due date here,PAY-105,Task,To Do,bob,alice,2026-03-05,\n");
    text.push_str("Bad date,PAY-106,Task,To Do,bob,alice,2026-03-05,03/04/2026\n");
    std::fs::write(&file, text).unwrap();
    let err = env.refused(&["import", file.to_str().unwrap()], 1);
    assert!(err.contains("bad.csv:6: due is empty"), "{err}");
    assert!(err.contains("bad.csv:7: due: '03/04/2026'"), "{err}");
    assert!(
        err.contains("2 bad row(s)") && err.contains("nothing was recorded"),
        "{err}"
    );
    let out = env.ok(&["import", file.to_str().unwrap(), "--skip-bad"]);
    assert!(
        out.contains("imported 4 commitment(s)") && out.contains("2 bad row(s) left out"),
        "{out}"
    );
    env.assert_sound();
}

#[test]
fn column_mapping_and_asks() {
    let env = Env::new();
    let file = env.root().join("asks.csv");
    std::fs::write(&file, "Title,Requester,Owner,Needed,Ref\nSend the VPN config,alice,bob,2026-03-25,T-1\nReview the plan,alice,carol,,T-2\n").unwrap();
    let out = env.ok(&[
        "import",
        file.to_str().unwrap(),
        "--kind",
        "ask",
        "--map",
        "what=Title,from=Requester,to=Owner,due=Needed,key=Ref",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let recs = v["records"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(
        (
            recs[0]["kind"].as_str(),
            recs[0]["from"].as_str(),
            recs[0]["to"].as_str()
        ),
        (Some("ask"), Some("alice"), Some("bob"))
    );
    assert_eq!(recs[1]["due"], serde_json::Value::Null);
    let err = env.refused(&["import", file.to_str().unwrap(), "--map", "what=Nope"], 1);
    assert!(
        err.contains("no column 'Nope'") && err.contains("Title, Requester"),
        "{err}"
    );
}
