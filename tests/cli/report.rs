//! `ledger report`: snapshots of the story's report in Markdown and JSON, its Markdown
//! structure, keep rates, the empty cases, refusals and determinism.

use crate::harness::{markdown_outline, snapshot, story, Env};

const MARCH: [&str; 4] = ["--since", "2026-03-01", "--until", "2026-03-20"];

fn args<'a>(extra: &[&'a str], format: &'a str) -> Vec<&'a str> {
    let mut v = vec!["report"];
    v.extend_from_slice(extra);
    v.extend(["--format", format]);
    v
}

#[test]
fn story_reports_match_their_snapshots() {
    let env = story();
    let week = env.ok(&["report", "--format", "md"]);
    snapshot("report_week.md", &week);
    // `table` (the default) prints the same Markdown.
    assert_eq!(env.ok(&["report"]), week);
    snapshot("report_week.json", &env.ok(&args(&[], "json")));
    snapshot("report_march.md", &env.ok(&args(&MARCH, "md")));
    snapshot("report_march.json", &env.ok(&args(&MARCH, "json")));
}

#[test]
fn march_report_parses_into_the_expected_sections() {
    let env = story();
    let md = env.ok(&args(&MARCH, "md"));
    let outline = markdown_outline(&md);
    let headings: Vec<&str> = outline
        .iter()
        .filter(|l| l.starts_with('h'))
        .map(String::as_str)
        .collect();
    assert_eq!(
        headings,
        [
            "h1 Ledger report: 2026-03-01 to 2026-03-20",
            "h2 Decisions made (3)",
            "h2 Commitments made (6)",
            "h2 Kept (2)",
            "h2 Slipped (1)",
            "h2 Overdue on 2026-03-20 (4)",
            "h2 Due next, 2026-03-20 to 2026-04-08 (2)",
            "h2 Asks waiting for an answer (2)",
            "h2 Meetings held (2)",
            "h2 Keep rates",
        ],
        "{md}"
    );
    // The overdue table (7 columns, header + 4 rows) and the two keep-rate tables (people and
    // teams: on time, renegotiated in time, late, broken and the rate).
    let tables: Vec<&String> = outline.iter().filter(|l| l.starts_with("table")).collect();
    assert_eq!(
        tables,
        ["table 7x5", "table 7x4", "table 6x3"],
        "{outline:#?}"
    );
    assert!(
        outline.contains(&"para 3 decisions (2 compliance), 6 commitments made, 2 kept, 1 slipped, 4 overdue, 2 due by 2026-04-08, 2 asks waiting, 2 meetings.".to_string()),
        "{outline:#?}"
    );
    // Every item names its id; the superseded decision names its successor.
    assert!(outline.iter().any(|l| l.starts_with("item dec-5rs9kxsphckt 2026-03-05, erin compliance: Payment logs are kept for 13 months, then deleted. — superseded by dec-k369vf3zdtb3")), "{outline:#?}");
    let items = outline.iter().filter(|l| l.starts_with("item ")).count();
    // 3 + 6 + 2 + (1 + 2 moves) + 2 + 2 + (2 meetings + 5 outcomes)
    assert_eq!(items, 25, "{outline:#?}");
}

#[test]
fn report_json_carries_the_contract_fields() {
    let env = story();
    let v: serde_json::Value = serde_json::from_str(&env.ok(&args(&MARCH, "json"))).unwrap();
    assert_eq!(v["since"], "2026-03-01");
    assert_eq!(v["until"], "2026-03-20");
    assert_eq!(v["counts"]["overdue"], 4);
    let vpn = v["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "com-3p6twsr66hdz")
        .unwrap();
    assert_eq!(vpn["days_overdue"], 2);
    assert_eq!(vpn["slips"], 2);
    assert_eq!(vpn["escalate_to"], "carol");
    let rates = &v["keep_rates"]["people"];
    let bob = rates
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "bob")
        .unwrap();
    assert_eq!(
        (bob["on_time"].as_u64(), bob["broken"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(bob["on_time_rate"], 0.5);
    let teams: Vec<&str> = v["keep_rates"]["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(teams, ["payments", "platform"]);
}

#[test]
fn kept_late_and_cancelled_after_due_count_against_the_rate() {
    let env = Env::new();
    env.today("2026-03-09");
    let late = env.id(&[
        "promise",
        "Write the runbook",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-12",
    ]);
    let broken = env.id(&[
        "promise",
        "Rotate the keys",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-12",
    ]);
    let on_time = env.id(&[
        "promise",
        "Book the room",
        "--by",
        "carol",
        "--to",
        "alice",
        "--due",
        "2026-03-12",
    ]);
    env.ok(&["done", &on_time]);
    env.today("2026-03-15");
    env.ok(&["done", &late]);
    env.ok(&[
        "cancel",
        &broken,
        "--reason",
        "Keys move to the new vault instead",
    ]);
    let v: serde_json::Value = serde_json::from_str(&env.ok(&[
        "report",
        "--since",
        "2026-03-09",
        "--until",
        "2026-03-15",
        "--format",
        "json",
    ]))
    .unwrap();
    let people = v["keep_rates"]["people"].as_array().unwrap();
    let row = |h: &str| people.iter().find(|r| r["name"] == h).unwrap().clone();
    let bob = row("bob");
    assert_eq!(
        (
            bob["on_time"].as_u64(),
            bob["late"].as_u64(),
            bob["broken"].as_u64()
        ),
        (Some(0), Some(1), Some(1)),
        "{bob}"
    );
    assert_eq!(bob["on_time_rate"], 0.0);
    assert_eq!(bob["team"], "(no team)");
    assert_eq!(row("carol")["on_time_rate"], 1.0);
    let kept = v["kept"].as_array().unwrap();
    let k = kept.iter().find(|k| k["id"] == late.as_str()).unwrap();
    assert_eq!(
        (k["outcome"].as_str(), k["days_late"].as_i64()),
        (Some("late"), Some(3))
    );
    let md = env.ok(&["report", "--since", "2026-03-09", "--until", "2026-03-15"]);
    assert!(
        md.contains("kept 2026-03-15 **3 days late** (due 2026-03-12)"),
        "{md}"
    );
}

#[test]
fn a_quiet_week_says_nothing_happened() {
    let env = Env::new();
    let md = env.ok(&["report"]);
    assert_eq!(
        markdown_outline(&md),
        [
            "h1 Ledger report: 2026-03-14 to 2026-03-20",
            "para Overdue and waiting as of 2026-03-20.",
            "para Nothing happened: no decisions, promises, meetings or slips, nothing overdue, nothing due next and no ask waiting.",
        ],
        "{md}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--format", "json"])).unwrap();
    assert_eq!(v["counts"]["overdue"], 0);
    assert_eq!(v["decisions"], serde_json::json!([]));
    // The story before its first commit is just as quiet, and says so for that day.
    let s = story();
    let early = s.ok(&["report", "--as-of", "2026-03-01"]);
    assert!(
        early.starts_with("# Ledger report: 2026-02-23 to 2026-03-01\n"),
        "{early}"
    );
    assert!(early.contains("Nothing happened"), "{early}");
}

#[test]
fn a_team_narrows_the_report_and_a_person_with_no_promises_has_no_rate() {
    let env = story();
    env.ok(&[
        "people", "add", "zed", "--name", "Zed Park", "--team", "ops",
    ]);
    let ops = env.ok(&["report", "--team", "ops"]);
    assert!(
        ops.contains("Team: ops.") && ops.contains("Nothing happened"),
        "{ops}"
    );
    // grace promised nothing, but is owed the roadmap: it shows, and no keep rate does.
    let eng = env.ok(&args(
        &["--team", "engineering", "--since", "2026-03-01"],
        "json",
    ));
    let v: serde_json::Value = serde_json::from_str(&eng).unwrap();
    let made: Vec<&str> = v["commitments_made"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(made, ["com-6n5ep2p39hjx"]);
    assert_eq!(v["keep_rates"]["people"], serde_json::json!([]));
    assert_eq!(v["overdue"], serde_json::json!([]));
    let md = env.ok(&["report", "--team", "engineering", "--since", "2026-03-01"]);
    assert!(!md.contains("## Keep rates"), "{md}");
    // The payments team's report keeps the VPN tunnel alice is owed, and its keep rates
    // name only payments people.
    let pay: serde_json::Value = serde_json::from_str(&env.ok(&args(
        &["--team", "payments", "--since", "2026-03-01"],
        "json",
    )))
    .unwrap();
    let overdue: Vec<&str> = pay["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(overdue.contains(&"com-3p6twsr66hdz"), "{overdue:?}");
    let names: Vec<&str> = pay["keep_rates"]["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "dave"]);
}

#[test]
fn as_of_measures_on_that_day() {
    let env = story();
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--as-of", "2026-03-13", "--format", "json"]))
            .unwrap();
    assert_eq!(
        (v["since"].as_str(), v["until"].as_str()),
        (Some("2026-03-07"), Some("2026-03-13"))
    );
    let overdue: Vec<(&str, i64)> = v["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap(),
                o["days_overdue"].as_i64().unwrap(),
            )
        })
        .collect();
    // The tunnel had been moved to 2026-03-18 by then, so only the tokenizer client was late.
    assert_eq!(overdue, [("com-t1f09qjx9kj5", 3)]);
    assert_eq!(v["counts"]["asks_waiting"], 0);
}

#[test]
fn bad_options_are_refused() {
    let env = story();
    let err = env.refused(&["report", "--team", "nope"], 1);
    assert!(
        err.contains("no one in the people file is on team 'nope'")
            && err.contains("engineering, payments, platform, security"),
        "{err}"
    );
    let err = env.refused(
        &["report", "--since", "2026-03-21", "--until", "2026-03-20"],
        1,
    );
    assert!(
        err.contains("--since 2026-03-21 is after --until 2026-03-20"),
        "{err}"
    );
    let err = env.refused(&["report", "--since", "someday"], 1);
    assert!(
        err.contains("--since") && err.contains("'someday' is not a date"),
        "{err}"
    );
    let err = env.refused(&["report", "--format", "csv"], 1);
    assert!(err.contains("no CSV form"), "{err}");
}

#[test]
fn reports_are_deterministic() {
    let a = story();
    let b = story();
    for format in ["md", "json"] {
        let first = a.ok(&args(&MARCH, format));
        assert_eq!(
            a.ok(&args(&MARCH, format)),
            first,
            "{format}: two runs differ"
        );
        assert_eq!(
            b.ok(&args(&MARCH, format)),
            first,
            "{format}: two builds of the story differ"
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_named_and_the_rest_is_reported() {
    let env = story();
    env.write(
        "commitments/2026/03/com-brokenfile1.yaml",
        "id: [unclosed\n",
    );
    env.git(&["add", "."]);
    env.git(&["commit", "-qm", "A bad hand edit"]);
    let out = env.fails(&["report", "--since", "2026-03-01"], 2);
    assert!(
        out.stderr.contains("com-brokenfile1.yaml"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("## Overdue on 2026-03-20 (4)"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_promise_kept_early_still_counts_in_the_period_it_fell_due() {
    let env = Env::new();
    env.today("2026-03-01");
    let id = env.id(&[
        "promise",
        "Order the hardware",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-12",
    ]);
    env.ok(&["done", &id]);
    env.today("2026-03-20");
    let md = env.ok(&["report", "--since", "2026-03-10", "--until", "2026-03-16"]);
    assert!(
        md.contains(
            "**Nothing new in the period; the keep rates below cover what fell due in it.**"
        ),
        "{md}"
    );
    assert!(
        md.contains("| bob | (no team) | 1 | 0 | 0 | 0 | 100% |"),
        "{md}"
    );
}

#[test]
fn record_text_reads_word_for_word_once_the_markdown_is_rendered() {
    let env = Env::new();
    let what = "Fix *all* [links](x) | pipes & `ticks` <br> in R&D_docs \\ ~~";
    let id = env.id(&[
        "promise",
        what,
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-25",
    ]);
    let md = env.ok(&["report"]);
    let outline = markdown_outline(&md);
    let expected = format!("item {id} bob to alice: {what}, due 2026-03-25");
    assert!(outline.contains(&expected), "{expected}\n{outline:#?}");
}
