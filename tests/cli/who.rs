//! `ledger who PERSON`: promises and their outcomes, asks both ways, decisions, on-time rate.

use crate::harness::{story, Env};

#[test]
fn story_counts_for_bob_and_dave() {
    let env = story();
    let bob = env.run(&["who", "bob", "--format", "json"]).json();
    assert_eq!(bob["name"], "Bob Chen");
    assert_eq!(bob["team"], "platform");
    assert_eq!(bob["reports_to"], "carol");
    assert_eq!(bob["counts"]["on_time"], 1);
    assert_eq!(bob["counts"]["overdue"], 1);
    assert_eq!(bob["counts"]["open"], 0);
    assert_eq!(bob["on_time_rate"], 0.5);
    assert_eq!(bob["promised"].as_array().unwrap().len(), 2);
    let outcomes: Vec<&str> = bob["promised"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["outcome"].as_str().unwrap())
        .collect();
    assert!(outcomes.contains(&"on_time") && outcomes.contains(&"overdue"));
    let received: Vec<&str> = bob["asks_received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(received, ["accepted", "declined"]);
    assert_eq!(bob["asks_made"].as_array().unwrap().len(), 0);
    // The standby decision bob made in the planning meeting.
    assert_eq!(bob["decisions"].as_array().unwrap().len(), 1);

    let dave = env.run(&["who", "dave", "--format", "json"]).json();
    // Three meeting actions and alice's weekly summary, three occurrences so far.
    assert_eq!(dave["promised_to"].as_array().unwrap().len(), 6);
    assert_eq!(dave["asks_made"].as_array().unwrap().len(), 1);
    assert_eq!(dave["asks_received"].as_array().unwrap().len(), 1);
    assert_eq!(dave["decisions"].as_array().unwrap().len(), 1);
    assert_eq!(dave["on_time_rate"], 1.0);
    assert_eq!(dave["meetings_attended"].as_array().unwrap().len(), 2);

    let table = env.ok(&["who", "bob"]);
    assert!(
        table.starts_with("Bob Chen (bob), team platform, reports to carol; as of 2026-03-20\n"),
        "{table}"
    );
    assert!(
        table.contains("On-time rate: 50% (1 of the 2 that came due kept on time)."),
        "{table}"
    );
    assert!(table.contains("\nPromised to bob: none\n"), "{table}");
    assert!(table.contains("\nAsks made of bob: 2\n"), "{table}");
    assert!(table.contains("\nMeetings bob attended: 1\n"), "{table}");
}

#[test]
fn as_of_counts_what_had_happened_by_then() {
    let env = story();
    let bob = env
        .run(&["who", "bob", "--as-of", "2026-03-12", "--format", "json"])
        .json();
    assert_eq!(bob["as_of"], "2026-03-12");
    assert_eq!(bob["counts"]["open"], 1, "the VPN was due 03-18 by then");
    assert_eq!(bob["counts"]["overdue"], 0);
    assert_eq!(bob["counts"]["on_time"], 1);
    assert_eq!(bob["on_time_rate"], 1.0);
    let received = bob["asks_received"].as_array().unwrap();
    assert_eq!(received.len(), 1, "the IPv6 ask came later");
}

#[test]
fn late_and_cancelled_promises_are_counted_apart() {
    let env = Env::new();
    env.today("2026-03-02");
    let late = env.id(&[
        "promise",
        "Late one",
        "--by",
        "kim",
        "--to",
        "lee",
        "--due",
        "2026-03-05",
    ]);
    let kept = env.id(&[
        "promise",
        "Kept one",
        "--by",
        "kim",
        "--to",
        "lee",
        "--due",
        "2026-03-05",
    ]);
    let dropped = env.id(&[
        "promise",
        "Dropped one",
        "--by",
        "kim",
        "--to",
        "lee",
        "--due",
        "2026-03-09",
    ]);
    env.id(&[
        "promise",
        "Later one",
        "--by",
        "kim",
        "--to",
        "lee",
        "--due",
        "2026-04-30",
    ]);
    env.today("2026-03-04");
    env.ok(&["done", &kept]);
    env.ok(&["cancel", &dropped, "--reason", "not needed"]);
    env.today("2026-03-10");
    env.ok(&["done", &late]);
    env.today("2026-03-20");
    let v = env.run(&["who", "kim", "--format", "json"]).json();
    let c = &v["counts"];
    assert_eq!(
        (
            c["open"].as_u64(),
            c["on_time"].as_u64(),
            c["late"].as_u64(),
            c["cancelled"].as_u64()
        ),
        (Some(1), Some(1), Some(1), Some(1)),
        "{v}"
    );
    assert_eq!(v["on_time_rate"], 0.5);
    let table = env.ok(&["who", "kim"]);
    assert!(table.contains("done late"), "{table}");
    assert!(
        table.contains(
            "1 open, 0 overdue, 1 done on time, 0 renegotiated in time, 1 done late, 1 cancelled"
        ),
        "{table}"
    );
    let lee = env.run(&["who", "lee", "--format", "json"]).json();
    assert_eq!(lee["promised_to"].as_array().unwrap().len(), 4);
    assert!(lee["name"].is_null(), "lee is not in the people file");
    let csv = env.ok(&["who", "kim", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 5, "{csv}");
    assert!(csv
        .lines()
        .any(|l| l.starts_with("promised,") && l.ends_with(",late")));
}

#[test]
fn unknown_people_are_refused() {
    let env = story();
    let err = env.refused(&["who", "zed"], 1);
    assert!(err.contains("nobody called 'zed'"), "{err}");
    let err = env.refused(&["who", "carol", "--as-of", "2026-02-01"], 1);
    assert!(err.contains("as of 2026-02-01"), "{err}");
}
