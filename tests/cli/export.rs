//! `ledger export --ics`, read back with an independent iCalendar parser.

use crate::harness::{story, Env};

fn prop<'a>(e: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    e.properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn parse(text: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut cals: Vec<_> = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("not iCalendar ({e}):\n{text}"));
    assert_eq!(cals.len(), 1);
    cals.remove(0).events
}

#[test]
fn one_event_per_due_item_and_reproducible() {
    let env = story();
    let text = env.ok(&["export", "--ics"]);
    let events = parse(&text);
    let listed: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "--format", "json"])).unwrap();
    let expected: Vec<&serde_json::Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            (r["kind"] == "commitment" || r["kind"] == "ask")
                && r["status"] == "open"
                && r["due"].is_string()
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(events.len(), expected.len(), "{text}");
    for r in expected {
        let id = r["id"].as_str().unwrap();
        let e = events
            .iter()
            .find(|e| prop(e, "UID") == Some(&format!("{id}@ledger")))
            .unwrap_or_else(|| panic!("no event for {id}"));
        let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
        assert_eq!(
            start.value.as_deref(),
            Some(r["due"].as_str().unwrap().replace('-', "").as_str())
        );
        assert!(
            format!("{:?}", start.params).contains("DATE"),
            "{:?}",
            start.params
        );
        // One reminder, shown at 09:00 the day before the (all-day) due date.
        assert_eq!(e.alarms.len(), 1, "{text}");
        let alarm = &e.alarms[0];
        let aprop = |n: &str| {
            alarm
                .properties
                .iter()
                .find(|p| p.name == n)
                .and_then(|p| p.value.clone())
        };
        assert_eq!(aprop("ACTION").as_deref(), Some("DISPLAY"));
        assert_eq!(aprop("TRIGGER").as_deref(), Some("-PT15H"));
        assert!(aprop("DESCRIPTION").unwrap().starts_with("Due tomorrow: "));
        let summary = prop(e, "SUMMARY").unwrap();
        let who = r.get("by").or(r.get("from")).unwrap().as_str().unwrap();
        assert!(
            summary.starts_with(who) && summary.contains(r["to"].as_str().unwrap()),
            "{summary}"
        );
    }
    assert!(
        text.split("\r\n").all(|l| l.len() <= 75),
        "a line is longer than 75 octets"
    );
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "bare LF in the file"
    );
    assert_eq!(
        env.ok(&["export", "--ics"]),
        text,
        "two exports of the same ledger differ"
    );
}

#[test]
fn text_is_escaped_and_written_to_a_file() {
    let env = Env::new();
    let what = "Review the plan, the budget; and C:\\path\nthen report — with a long tail to fold past seventy-five octets ééé";
    env.ok(&[
        "promise",
        what,
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-04-01",
    ]);
    env.ok(&[
        "ask",
        "No due date, so no event",
        "--to",
        "bob",
        "--from",
        "alice",
    ]);
    let file = env.root().join("due.ics");
    let out = env.ok(&["export", "--ics", "--out", file.to_str().unwrap()]);
    assert!(out.contains("1 event"), "{out}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\\,")
            && text.contains("\\;")
            && text.contains("\\\\")
            && text.contains("\\n"),
        "{text}"
    );
    let events = parse(&text);
    assert_eq!(events.len(), 1);
    assert!(prop(&events[0], "SUMMARY").unwrap().contains("ééé"));
    env.fails(&["export"], 1);
}
