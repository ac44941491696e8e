//! `ledger overdue`: what is past due today and on earlier days, with slips and escalation.

use serde_json::Value;

use crate::harness::{story, Env};

fn ids(group: &Value) -> Vec<String> {
    group
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn story_today_lists_both_groups_most_overdue_first() {
    let env = story();
    let tokenizer = env.find("Integrate the tokenizer client");
    let refunds = env.find("Migrate refunds");
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    let capacity = env.find("Capacity numbers");
    let v = env.run(&["overdue", "--format", "json"]).json();
    assert_eq!(v["as_of"], "2026-03-20");
    assert_eq!(
        ids(&v["commitments"]),
        vec![tokenizer.clone(), refunds, vpn.clone()]
    );
    assert_eq!(ids(&v["asks"]), vec![capacity.clone()]);
    let c = &v["commitments"];
    assert_eq!(c[0]["days_overdue"], 10);
    assert_eq!(c[0]["slips"], 0);
    assert_eq!(c[0]["escalate_to"], "dave");
    assert_eq!(c[0]["is_blocked"], true);
    assert_eq!(c[0]["made_in"]["kind"], "meeting");
    assert_eq!(c[0]["made_in"]["title"], "Payments sprint planning");
    let v_row = &c[2];
    for field in ["id", "kind", "status", "date", "what", "by", "to", "due"] {
        assert!(!v_row[field].is_null(), "{field} missing: {v_row}");
    }
    assert_eq!(v_row["due"], "2026-03-18");
    assert_eq!(v_row["days_overdue"], 2);
    assert_eq!(v_row["slips"], 2, "moved twice after it was made");
    assert_eq!(v_row["escalate_to"], "carol");
    assert_eq!(v_row["made_in"]["kind"], "ask");
    let ask = &v["asks"][0];
    assert_eq!(ask["from"], "carol");
    assert_eq!(ask["to"], "dave");
    assert_eq!(ask["days_overdue"], 2);
    assert_eq!(
        ask["escalate_to"], "grace",
        "dave owes the answer; dave reports to grace"
    );

    let table = env.ok(&["overdue"]);
    assert!(
        table.contains("Overdue commitments on 2026-03-20: 3"),
        "{table}"
    );
    assert!(table.contains("Overdue asks (no answer by the needed-by date) on 2026-03-20: 1"));
    let first_row = table.lines().nth(2).unwrap();
    assert!(
        first_row.starts_with(&tokenizer[..8]) && first_row.contains("10 days"),
        "{table}"
    );
    assert!(first_row.contains("meeting mtg-") && first_row.contains("on com-"));
}

#[test]
fn exit_code_three_only_when_something_is_overdue() {
    let env = story();
    env.fails(&["overdue", "--exit-code"], 3);
    let out = env.ok(&["overdue", "--exit-code", "--by", "grace"]);
    assert_eq!(out, "Nothing is overdue on 2026-03-20 (by grace).\n");
    env.ok(&["overdue"]);
}

#[test]
fn filters_by_promiser_recipient_and_team() {
    let env = story();
    let count = |args: &[&str]| {
        let mut a = vec!["overdue", "--format", "json"];
        a.extend_from_slice(args);
        let v = env.run(&a).json();
        (
            v["commitments"].as_array().unwrap().len(),
            v["asks"].as_array().unwrap().len(),
        )
    };
    assert_eq!(count(&["--by", "alice"]), (2, 0));
    assert_eq!(count(&["--by", "carol"]), (0, 1), "carol asked");
    assert_eq!(count(&["--to", "alice"]), (1, 0));
    assert_eq!(count(&["--to", "dave"]), (2, 1));
    assert_eq!(count(&["--team", "platform"]), (1, 0), "bob owes the VPN");
    assert_eq!(
        count(&["--team", "payments"]),
        (2, 1),
        "alice's two promises and the ask dave has not answered"
    );
    assert_eq!(count(&["--team", "nobody"]), (0, 0));
    let err = env.refused(&["overdue", "--by", "not a handle"], 1);
    assert!(err.contains("--by"), "{err}");
}

#[test]
fn as_of_story_measures_on_that_day_from_what_was_recorded_by_then() {
    let env = story();
    let tokenizer = env.find("Integrate the tokenizer client");
    // By the end of 2026-03-12 the VPN promise had already moved (on the evening of 03-11, the
    // day it fell due) to 03-18, so only the tokenizer client was late, by two days.
    let v = env
        .run(&["overdue", "--as-of", "2026-03-12", "--format", "json"])
        .json();
    assert_eq!(v["as_of"], "2026-03-12");
    assert_eq!(ids(&v["commitments"]), vec![tokenizer]);
    assert_eq!(v["commitments"][0]["days_overdue"], 2);
    assert_eq!(ids(&v["asks"]), Vec::<String>::new());
    let v = env
        .run(&["overdue", "--as-of", "2026-03-05", "--format", "json"])
        .json();
    assert_eq!(v["commitments"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn as_of_shows_a_promise_late_then_with_the_slips_it_had_then() {
    let env = Env::empty();
    env.today("2026-03-01");
    env.ok(&["init"]);
    env.today("2026-03-02");
    let id = env.id(&[
        "promise",
        "Open the VPN tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-06",
    ]);
    env.today("2026-03-05");
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-11",
        "--reason",
        "change window",
    ]);
    env.today("2026-03-14");
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-25",
        "--reason",
        "vendor bug",
    ]);
    env.today("2026-03-20");

    let now = env.run(&["overdue", "--format", "json"]).json();
    assert_eq!(now["commitments"].as_array().unwrap().len(), 0);
    env.ok(&["overdue", "--exit-code"]);

    let then = env
        .run(&["overdue", "--as-of", "2026-03-12", "--format", "json"])
        .json();
    let row = &then["commitments"][0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["due"], "2026-03-11");
    assert_eq!(row["days_overdue"], 1);
    assert_eq!(row["slips"], 1, "the second move had not happened yet");
    env.fails(&["overdue", "--as-of", "2026-03-13", "--exit-code"], 3);
    let table = env.ok(&["overdue", "--as-of", "2026-03-12"]);
    assert!(
        table.contains("Overdue commitments on 2026-03-12: 1"),
        "{table}"
    );
}

#[test]
fn csv_has_one_row_per_item_and_bad_dates_are_refused() {
    let env = story();
    let out = env.ok(&["overdue", "--format", "csv"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("id,kind,status,date,what,by,from,to,due,blocked,days_overdue"));
    assert_eq!(lines.len(), 5, "{out}");
    assert!(lines
        .iter()
        .any(|l| l.starts_with("ask-") && l.contains(",ask,")));
    let err = env.refused(&["overdue", "--as-of", "2026-02-30"], 1);
    assert!(err.contains("2026-02-30"), "{err}");
}
