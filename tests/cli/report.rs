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
    snapshot("report_week.txt", &env.ok(&args(&[], "text")));
    snapshot("report_march.md", &env.ok(&args(&MARCH, "md")));
    snapshot("report_march.json", &env.ok(&args(&MARCH, "json")));
    snapshot("report_march.txt", &env.ok(&args(&MARCH, "text")));
    snapshot("report_march.html", &env.ok(&args(&MARCH, "html")));
}

#[test]
fn march_report_reads_as_an_executive_summary() {
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
            "h1 Ledger report",
            "h2 Needs attention (4)",
            "h2 Blocked (1)",
            "h2 Decided (5)",
            "h2 Changed (2)",
            "h2 Slipped (1)",
            "h2 Kept (4)",
            "h2 Next, due by 2026-04-08 (2)",
            "h2 Answered (1)",
            "h2 Waiting on answers (1)",
        ],
        "{md}"
    );
    let has = |line: &str| outline.iter().any(|l| l.starts_with(line));
    // The headline: a status, then one sentence per reason, people by name.
    assert!(has("para Status: off track."), "{outline:#?}");
    assert!(
        has("item Off track: more than 7 days overdue: Integrate the tokenizer client (Alice Martin, 10 days)."),
        "{outline:#?}"
    );
    assert!(
        has("item At risk: 2 commitments wait on Open a VPN tunnel from the payments cluster to the card vault (Bob Chen), itself 2 days overdue."),
        "{outline:#?}"
    );
    // Needs attention: days, slips, the latest note and whom to escalate to.
    assert!(
        has("item Open a VPN tunnel from the payments cluster to the card vault — Bob Chen, 2 days overdue (due 2026-03-18), the date moved twice. com-42sv"),
        "{outline:#?}"
    );
    assert!(
        has("item Latest note (2026-03-10, Bob Chen): Firewall rules approved; waiting for the change window."),
        "{outline:#?}"
    );
    assert!(has("item Escalate to Carol Diaz."), "{outline:#?}");
    // Blocked: what waits on the tunnel.
    assert!(
        has("item Integrate the tokenizer client (Alice Martin), due 2026-03-10. com-wtyx"),
        "{outline:#?}"
    );
    // Decided: compliance first, word for word, with what it supersedes.
    let quotes: Vec<&str> = md.lines().filter(|l| l.starts_with("  > ")).collect();
    assert_eq!(
        quotes,
        [
            "  > Payment logs are kept for 13 months, then deleted.",
            "  > Payment logs are kept for 13 months; card-holder fields are masked when written.",
            "  > The tunnel gets a standby appliance; failover is tested before go-live.",
            "  > Card data never leaves the vault network; services call the tokenizer.",
            "  > The tokenizer may go live once its keys rotate every 90 days.",
            // The same statement, quoted again as the answer to the sign-off ask.
            "  > The tokenizer may go live once its keys rotate every 90 days.",
        ],
        "{md}"
    );
    assert!(
        has("item Supersedes “Payment logs are kept for 13 months, then deleted.” dec-hjje"),
        "{outline:#?}"
    );
    // Changed: the superseded compliance decision and the declined ask, with its reason.
    assert!(
        has("item Declined: Bob Chen declined Dave Okafor's ask on 2026-03-18: Move the tunnel to IPv6 this quarter. Reason: No IPv6 on the vault side until Q3."),
        "{outline:#?}"
    );
    // Slipped: each move, and whether it came after the due date.
    assert!(
        has("item 2026-03-11 by Bob Chen: 2026-03-11 → 2026-03-18, before it was due. Reason: Vendor appliance firmware bug"),
        "{outline:#?}"
    );
    // Handles never stand in for names where the people file has them.
    for handle in [" alice", " bob ", " carol", " dave", " erin", " grace"] {
        assert!(!md.contains(handle), "{handle} in\n{md}");
    }
    // Ids are small links to the records' files.
    assert!(
        md.contains("[`com-42sv`](commitments/2026/03/com-42svx316j05y.yaml)"),
        "{md}"
    );
}

#[test]
fn the_text_form_is_an_email_body() {
    let env = story();
    let text = env.ok(&args(&MARCH, "text"));
    for l in text.lines() {
        assert!(l.chars().count() <= 72, "longer than 72: {l:?}");
    }
    assert!(!text.contains("com-") && !text.contains("dec-") && !text.contains("ask-"));
    assert!(!text.contains("**") && !text.contains('`') && !text.contains("]("));
    assert!(
        text.starts_with(
            "Ledger report\n=============\n2026-03-01 to 2026-03-20.\n\nStatus: OFF TRACK.\n"
        ),
        "{text}"
    );
    for heading in [
        "Needs attention (4)\n---",
        "Blocked (1)\n---",
        "Decided (5)\n---",
        "Waiting on answers (1)\n---",
    ] {
        assert!(text.contains(heading), "{heading}\n{text}");
    }
    assert!(
        text.contains("    “Payment logs are kept for 13 months, then deleted.”"),
        "{text}"
    );
    assert!(text.contains("Escalate to Carol Diaz."), "{text}");
}

#[test]
fn title_and_audience_come_from_ledger_yaml() {
    let env = story();
    let yaml = env.read("ledger.yaml");
    env.write(
        "ledger.yaml",
        &format!("{yaml}title: Payments programme\naudience: the steering group\n"),
    );
    env.git_commit_all("Name the programme for its reports");
    env.ok(&["check"]);
    let md = env.ok(&["report"]);
    assert!(
        md.starts_with(
            "# Payments programme\n\nFor the steering group. 2026-03-14 to 2026-03-20.\n"
        ),
        "{md}"
    );
    let text = env.ok(&["report", "--format", "text"]);
    assert!(
        text.starts_with("Payments programme\n==================\nFor the steering group.\n"),
        "{text}"
    );
    let v = env.run(&["report", "--format", "json"]).json();
    assert_eq!(v["title"], "Payments programme");
    assert_eq!(v["audience"], "the steering group");
}

#[test]
fn cancelled_revoked_withdrawn_and_outside_blockers_are_reported() {
    let env = story();
    let roadmap = env.find("Publish the Q2 platform roadmap");
    let card = env.find("Card data never leaves");
    let capacity = env.find("Capacity numbers");
    let refunds = env.find("Migrate refunds");
    env.ok(&["unblock", &refunds]);
    env.ok(&[
        "block",
        &refunds,
        "--reason",
        "Waiting for the acquirer's sandbox",
    ]);
    env.ok(&[
        "cancel",
        &roadmap,
        "--reason",
        "The roadmap moves to the all-hands deck",
    ]);
    env.ok(&[
        "revoke",
        &card,
        "--reason",
        "Replaced by the tokenizer-only rule",
    ]);
    env.ok(&[
        "withdraw",
        &capacity,
        "--reason",
        "Grace took the numbers from the cloud bill",
    ]);
    let md = env.ok(&["report"]);
    let outline = markdown_outline(&md);
    let has = |line: &str| outline.iter().any(|l| l.starts_with(line));
    assert!(has("h2 Changed (4)"), "{md}");
    assert!(has("item Cancelled: Publish the Q2 platform roadmap (Carol Diaz to Grace Ito), on 2026-03-20. Reason: The roadmap moves to the all-hands deck."), "{md}");
    assert!(has("item Revoked decision: Dave Okafor's “Card data never leaves the vault network; services call the tokenizer.” was revoked on 2026-03-20. Reason: Replaced by the tokenizer-only rule."), "{md}");
    assert!(has("item Withdrawn: Carol Diaz withdrew the ask to Dave Okafor on 2026-03-20: Capacity numbers for the Q2 cluster plan. Reason: Grace took the numbers from the cloud bill."), "{md}");
    assert!(has("item Outside the ledger: Waiting for the acquirer's sandbox, since 2026-03-20, holds up 1 commitment."), "{md}");
    let v = env.run(&["report", "--format", "json"]).json();
    let statuses: Vec<&str> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["declined", "withdrawn", "cancelled", "revoked"],
        "{v}"
    );
    assert_eq!(
        v["blocked"][1]["reason"], "Waiting for the acquirer's sandbox",
        "{v}"
    );
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
        .find(|o| o["id"] == "com-42svx316j05y")
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
        md.contains("done 2026-03-15, **3 days late** (due 2026-03-12)"),
        "{md}"
    );
}

#[test]
fn a_quiet_week_is_on_track() {
    let env = Env::new();
    let md = env.ok(&["report"]);
    assert_eq!(
        markdown_outline(&md),
        [
            "h1 Ledger report",
            "para 2026-03-14 to 2026-03-20.",
            "para Status: on track.",
            "item Nothing is overdue or blocked, and no due date moved after it had passed.",
        ],
        "{md}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["report", "--format", "json"])).unwrap();
    assert_eq!(v["counts"]["overdue"], 0);
    assert_eq!(v["status"], "on_track");
    assert_eq!(v["decisions"], serde_json::json!([]));
    // The story before its first commit is just as quiet, and says so for that day.
    let s = story();
    let early = s.ok(&["report", "--as-of", "2026-03-01"]);
    assert!(
        early.starts_with("# Ledger report\n\n2026-02-23 to 2026-03-01.\n"),
        "{early}"
    );
    assert!(early.contains("Status: on track"), "{early}");
}

#[test]
fn a_team_narrows_the_report_and_a_person_with_no_promises_has_no_rate() {
    let env = story();
    env.ok(&[
        "people", "add", "zed", "--name", "Zed Park", "--team", "ops",
    ]);
    let ops = env.ok(&["report", "--team", "ops"]);
    assert!(
        ops.contains(", team ops.") && ops.contains("Status: on track"),
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
    assert_eq!(made, ["com-3cdspfzrq93m"]);
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
    assert!(overdue.contains(&"com-42svx316j05y"), "{overdue:?}");
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
    assert_eq!(overdue, [("com-wtyxj462x5b2", 3)]);
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
    let err = env.refused(&["list", "--format", "html"], 1);
    assert!(err.contains("--format html is not available"), "{err}");
    let err = env.refused(&["overdue", "--format", "text"], 1);
    assert!(
        err.contains("only `report`, `minutes` and `receipt` have a plain-text form"),
        "{err}"
    );
}

#[test]
fn reports_are_deterministic() {
    let a = story();
    let b = story();
    for format in ["md", "json", "text", "html"] {
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
        out.stdout.contains("## Needs attention (4)"),
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
    let v = env
        .run(&[
            "report",
            "--since",
            "2026-03-10",
            "--until",
            "2026-03-16",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(v["keep_rates"]["people"][0]["name"], "bob", "{v}");
    assert_eq!(v["keep_rates"]["people"][0]["on_time"], 1, "{v}");
    assert_eq!(v["keep_rates"]["people"][0]["on_time_rate"], 1.0, "{v}");
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
    let expected = format!("item {what} (bob), due 2026-03-25. {}", &id[..8]);
    assert!(outline.contains(&expected), "{expected}\n{outline:#?}");
}

#[test]
fn answered_asks_are_counted_on_time_or_late_against_their_date() {
    let env = story();
    let signoff = env.find("Security sign-off");
    let capacity = env.find("Capacity numbers");
    // Dave answers carol's capacity ask two days after it was needed (2026-03-18).
    env.ok(&[
        "answer",
        &capacity,
        "--info",
        "In the capacity sheet, tab Q2",
        "--by",
        "dave",
    ]);
    let v = env.run(&["report", "--format", "json"]).json();
    let counts = &v["counts"];
    let answered = |v: &serde_json::Value| -> Vec<(String, bool, i64)> {
        v["asks_answered"]
            .as_array()
            .unwrap_or_else(|| panic!("{v}"))
            .iter()
            .map(|a| {
                (
                    a["id"].as_str().unwrap().to_string(),
                    a["on_time"].as_bool().unwrap(),
                    a["days_late"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        answered(&v),
        [(signoff.clone(), true, 0), (capacity.clone(), false, 2)],
        "{v}"
    );
    assert_eq!(counts["asks_answered_on_time"], 1, "{v}");
    assert_eq!(counts["asks_answered_late"], 1, "{v}");
    let md = env.ok(&["report"]);
    let outline = markdown_outline(&md);
    let has = |line: &str| outline.iter().any(|l| l.starts_with(line));
    assert!(has("h2 Answered (2)"), "{md}");
    assert!(
        has("item Security sign-off on the tokenizer: Alice Martin asked Erin Walsh on 2026-03-17; answered in writing 2026-03-19, on time (needed by 2026-03-27)."),
        "{outline:#?}"
    );
    assert!(
        has("item Capacity numbers for the Q2 cluster plan: Carol Diaz asked Dave Okafor on 2026-03-16; answered in writing 2026-03-20, 2 days late (needed by 2026-03-18)."),
        "{outline:#?}"
    );
    // The answers are quoted word for word.
    assert!(
        md.contains("  > The tokenizer may go live once its keys rotate every 90 days.\n"),
        "{md}"
    );
    assert!(md.contains("  > In the capacity sheet, tab Q2\n"), "{md}");
    // A period that ends before the answers has none.
    let early = env
        .run(&["report", "--until", "2026-03-18", "--format", "json"])
        .json();
    assert!(answered(&early).is_empty(), "{early}");
}
