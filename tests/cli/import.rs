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

/// A Jira Cloud "all fields" export as it comes: a BOM, CRLF line ends, two `Labels` columns,
/// `Resolved` dates, a multi-line quoted `Description`, display names and an email for people.
/// Rows start on file lines 2, 4, 5 and 8 (descriptions span lines).
fn jira_cloud() -> String {
    let lines = [
        "Summary,Issue key,Issue id,Issue Type,Status,Priority,Assignee,Reporter,Created,Updated,Resolved,Due date,Labels,Labels,Description",
        "Open the VPN tunnel to the card vault,PAY-201,10201,Task,In Progress,High,Bob Chen,Alice Martin,02/Mar/26 11:04 AM,09/Mar/26 3:15 PM,,06/Mar/26,vpn,infra,\"Both directions.",
        "The vault team owns the far end.\"",
        "Rotate the tokenizer keys,PAY-202,10202,Task,Done,Medium,erin.k@example.com,alice,03/Mar/26 9:30 AM,05/Mar/26 4:12 PM,05/Mar/26 4:12 PM,10/Mar/26,security,,",
        "Write the refunds runbook,PAY-203,10203,Task,Done,Low,carol diaz,dave,04/Mar/26 10:00 AM,12/Mar/26 9:41 AM,12/Mar/26 9:41 AM,11/Mar/26,docs,,\"Cover the \"\"manual\"\" path.",
        "",
        "Ask dave for the refund limits.\"",
        "Load-test the gateway,PAY-204,10204,Task,To Do,Medium,Frank Ocean,Bob Chen,05/Mar/26 2:05 PM,05/Mar/26 2:05 PM,,30/Mar/26,perf,infra,",
    ];
    format!("\u{feff}{}\r\n", lines.join("\r\n"))
}

/// A ledger whose people file knows alice, bob, carol and dave by name and erin only by email.
fn with_people() -> Env {
    let env = Env::new();
    env.ok(&["people", "add", "alice", "--name", "Alice Martin"]);
    env.ok(&[
        "people",
        "add",
        "bob",
        "--name",
        "Bob Chen",
        "--email",
        "bob@example.com",
    ]);
    env.ok(&["people", "add", "carol", "--name", "Carol Diaz"]);
    env.ok(&["people", "add", "dave"]);
    env.ok(&["people", "add", "erin", "--email", "Erin.K@example.com"]);
    env
}

fn cloud_file(env: &Env) -> String {
    let file = env.root().join("Jira.csv");
    std::fs::write(&file, jira_cloud()).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn an_unknown_person_stops_the_import_and_nothing_is_written() {
    let env = with_people();
    let file = cloud_file(&env);
    let head = env.head();
    let err = env.refused(&["import", &file], 1);
    assert!(
        err.contains("Jira.csv:8: 'Frank Ocean' (by) is not in the people file"),
        "{err}"
    );
    assert!(
        err.contains("--add-people would add them as frank.ocean"),
        "{err}"
    );
    assert!(
        err.contains("1 person named in") && err.contains("nothing was recorded"),
        "{err}"
    );
    for known in [
        "Bob Chen",
        "erin.k@example.com",
        "carol diaz",
        "Alice Martin",
    ] {
        assert!(!err.contains(known), "{known} was known: {err}");
    }
    assert_eq!(env.head(), head, "a refused import committed");
    assert_eq!(env.git(&["status", "--porcelain"]), "");
    // A dry run says the same, with the same line.
    let err = env.refused(&["import", &file, "--dry-run"], 1);
    assert!(err.contains("Jira.csv:8: 'Frank Ocean'"), "{err}");
}

#[test]
fn a_misspelt_person_is_refused_with_the_nearest_handles() {
    let env = with_people();
    let file = env.root().join("typo.csv");
    std::fs::write(
        &file,
        "Summary,Assignee,Reporter,Due date\nA,Alice Martn,bob,2026-03-30\nB,bob,Alice Martn,2026-03-31\n",
    )
    .unwrap();
    let err = env.refused(&["import", file.to_str().unwrap()], 1);
    assert!(
        err.contains(
            "typo.csv:2,3: 'Alice Martn' (by, to) is not in the people file; nearest known: alice"
        ),
        "{err}"
    );
}

#[test]
fn a_jira_cloud_export_with_add_people() {
    let env = with_people();
    let file = cloud_file(&env);
    let dry = env.ok(&["import", &file, "--dry-run", "--add-people"]);
    let lines: Vec<&str> = dry
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(lines[..4], ["2", "4", "5", "8"], "{dry}");
    assert!(
        dry.contains("adds 1 person to the people file: frank.ocean (Frank Ocean)"),
        "{dry}"
    );
    let err = env.refused(&["import", &file], 1);
    assert!(
        err.contains("Jira.csv:8:"),
        "dry run and refusal disagree on the line: {err}"
    );

    let before = env.commits();
    let out = env.ok(&["import", &file, "--add-people"]);
    assert!(out.contains("imported 4 commitment(s)"), "{out}");
    assert_eq!(
        env.commits(),
        before + 1,
        "records and people in one commit"
    );
    let changed = env.changed();
    assert!(
        changed.iter().any(|f| f.ends_with("people.yaml")),
        "{changed:?}"
    );
    let people = env.ok(&["people", "list", "--format", "json"]);
    assert!(
        people.contains("frank.ocean") && people.contains("Frank Ocean"),
        "{people}"
    );

    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "commitment", "--all", "--format", "json"]))
            .unwrap();
    let by_key = |k: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["source"] == k)
            .unwrap_or_else(|| panic!("no {k}"))
            .clone()
    };
    let vpn = by_key("PAY-201");
    assert_eq!(
        (vpn["by"].as_str(), vpn["to"].as_str()),
        (Some("bob"), Some("alice"))
    );
    let vpn = env.record(vpn["id"].as_str().unwrap());
    assert_eq!(vpn["tags"], serde_json::json!(["vpn", "infra"]));
    assert_eq!(
        vpn["notes"][0]["text"],
        "Both directions.\nThe vault team owns the far end."
    );
    let keys = env.record(by_key("PAY-202")["id"].as_str().unwrap());
    assert_eq!(
        (keys["by"].as_str(), keys["status"].as_str()),
        (Some("erin"), Some("done"))
    );
    assert_eq!(
        keys["closed"], "2026-03-05",
        "closed on the tracker's day, not today"
    );
    assert_eq!(keys["tags"], serde_json::json!(["security"]));
    let runbook = env.record(by_key("PAY-203")["id"].as_str().unwrap());
    assert_eq!(runbook["by"], "carol");
    assert_eq!(runbook["closed"], "2026-03-12");
    assert_eq!(
        runbook["notes"][0]["text"],
        "Cover the \"manual\" path.\n\nAsk dave for the refund limits."
    );
    assert_eq!(by_key("PAY-204")["by"], "frank.ocean");

    let show = env.ok(&["show", keys["id"].as_str().unwrap()]);
    assert!(show.contains("closed    2026-03-05"), "{show}");
    // Measured on the tracker's closing day: kept on time, and a day late.
    let report = env.ok(&["report", "--since", "2026-03-01"]);
    let line_of = |what: &str| {
        report
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no {what}: {report}"))
            .to_string()
    };
    assert!(
        line_of("Rotate the tokenizer keys").contains("on time"),
        "{report}"
    );
    assert!(
        line_of("Write the refunds runbook").contains("1 day late"),
        "{report}"
    );
    let verify = env.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    env.assert_sound();

    let head = env.head();
    let again = env.ok(&["import", &file, "--add-people"]);
    assert!(
        again.contains("imported 0 commitment(s)") && again.contains("4 already imported"),
        "{again}"
    );
    assert!(!again.contains("people file"), "{again}");
    assert_eq!(env.head(), head, "a re-import committed");
}

#[test]
fn a_resolved_date_after_today_is_a_bad_row() {
    let env = Env::new();
    let file = env.root().join("future.csv");
    std::fs::write(
        &file,
        "Summary,Status,Assignee,Reporter,Due date,Resolved\r\nA,Done,bob,alice,2026-03-30,12/Nov/26 9:41 AM\r\n",
    )
    .unwrap();
    let err = env.refused(&["import", file.to_str().unwrap()], 1);
    assert!(
        err.contains("future.csv:2: resolved: 2026-11-12 is after today (2026-03-20)"),
        "{err}"
    );
}

#[test]
fn hostile_names_and_people_only_on_bad_rows_are_never_added() {
    let env = Env::new();
    env.ok(&["people", "add", "alice"]);
    env.ok(&["people", "add", "bob"]);
    let file = env.root().join("h.csv");
    std::fs::write(
        &file,
        "Summary,Issue key,Assignee,Reporter,Due date\nA,K-1,\"Evil\nName\",alice,2026-03-30\nB,K-2,Ghost,alice,\nC,K-3,\"x\u{1b}[31mred\",bob,2026-03-30\nD,K-4,bob,alice,2026-03-30\nE,K-5,Zed,alice,2026-03-30\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let err = env.refused(&["import", file], 1);
    assert!(
        err.contains("h.csv:2: by: 'Evil Name' is not a person's handle"),
        "{err}"
    );
    assert!(
        !err.contains('\u{1b}'),
        "a terminal escape reached stderr: {err}"
    );
    assert!(err.contains("h.csv:7: 'Zed' (by)"), "{err}");
    let out = env.ok(&[
        "import",
        file,
        "--skip-bad",
        "--add-people",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["records"].as_array().unwrap().len(), 2, "{out}");
    assert_eq!(
        v["people_added"],
        serde_json::json!([{"handle": "zed", "as": "Zed", "lines": [7]}]),
        "Ghost is named only on a bad row left out"
    );
    let people = env.read("people.yaml");
    assert!(
        !people.contains("ghost") && !people.contains("evil"),
        "{people}"
    );
    env.assert_sound();
}

#[test]
fn with_strict_people_off_or_no_people_file_names_become_handles_as_before() {
    let env = Env::new();
    let file = cloud_file(&env);
    let out = env.ok(&["import", &file, "--dry-run"]);
    assert!(
        out.contains("frank.ocean") && out.contains("bob.chen"),
        "{out}"
    );
    assert!(!out.contains("people file"), "{out}");

    let env = with_people();
    env.write(
        "ledger.yaml",
        &format!("{}strict_people: false\n", env.read("ledger.yaml")),
    );
    env.git_commit_all("allow unknown handles");
    let file = cloud_file(&env);
    let out = env.ok(&["import", &file, "--dry-run", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by: Vec<&str> = v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["by"].as_str().unwrap())
        .collect();
    assert_eq!(by, ["bob", "erin", "carol.diaz", "frank.ocean"]);
}

#[test]
fn an_open_row_for_someone_retired_is_a_bad_row_but_a_closed_one_is_history() {
    let env = with_people();
    env.ok(&["people", "retire", "carol"]);
    let file = env.root().join("r.csv");
    std::fs::write(
        &file,
        "Summary,Issue key,Status,Assignee,Reporter,Created,Due date,Resolved\nOld,K-1,Done,Carol Diaz,alice,2026-03-01,2026-03-10,2026-03-09\nNew,K-2,To Do,Carol Diaz,alice,2026-03-02,2026-03-30,\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let err = env.refused(&["import", file], 1);
    assert!(
        err.contains("r.csv:3: by: 'carol' retired on 2026-03-20"),
        "{err}"
    );
    let out = env.ok(&["import", file, "--skip-bad"]);
    assert!(out.contains("imported 1 commitment(s)"), "{out}");
}
