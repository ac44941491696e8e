//! `ledger people add|set|list`: the people file and the escalation chain.

use crate::harness::Env;

#[test]
fn add_set_and_list_people() {
    let env = Env::new();
    let out = env.ok(&[
        "people",
        "add",
        "grace",
        "--name",
        "Grace Ito",
        "--email",
        "grace@example.com",
        "--team",
        "engineering",
    ]);
    assert_eq!(out, "grace added\n");
    assert!(
        env.message()
            .starts_with("tester adds person grace: \"Grace Ito\""),
        "{}",
        env.message()
    );
    assert!(env.message().contains("Ledger-Person: grace"));
    env.ok(&[
        "people",
        "add",
        "carol",
        "--team",
        "platform",
        "--reports-to",
        "grace",
    ]);
    let out = env.ok(&["people", "set", "carol", "--name", "Carol Diaz"]);
    assert_eq!(out, "carol updated\n");
    assert_eq!(env.changed(), vec!["people.yaml"]);
    let people = env.read("people.yaml");
    assert!(
        people.contains("Carol Diaz") && people.contains("reports_to: grace"),
        "{people}"
    );
    let table = env.ok(&["people", "list"]);
    assert!(
        table.contains("HANDLE") && table.contains("Grace Ito") && table.contains("platform"),
        "{table}"
    );
    let json = env.ok(&["people", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let carol = v
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["handle"] == "carol")
        .unwrap();
    assert_eq!(carol["reports_to"], "grace");
    assert_eq!(carol["name"], "Carol Diaz");
    // A person shows by name in `show`.
    let id = env.id(&[
        "promise", "x", "--by", "carol", "--to", "grace", "--due", "+1w",
    ]);
    assert!(env.ok(&["show", &id]).contains("Carol Diaz (carol)"));
    env.assert_sound();
}

#[test]
fn people_json_output_of_a_change() {
    let env = Env::new();
    let out = env.run(&[
        "people", "add", "bob", "--team", "platform", "--format", "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["handle"], "bob");
    assert_eq!(v["team"], "platform");
}

#[test]
fn people_refusals() {
    let env = Env::new();
    env.ok(&["people", "add", "grace"]);
    env.ok(&["people", "add", "carol", "--reports-to", "grace"]);
    let err = env.refused(&["people", "add", "grace"], 1);
    assert!(
        err.contains("already in the people file") && err.contains("people set"),
        "{err}"
    );
    let err = env.refused(&["people", "set", "zoe", "--team", "x"], 1);
    assert!(
        err.contains("not in the people file") && err.contains("people add"),
        "{err}"
    );
    let err = env.refused(&["people", "set", "grace"], 1);
    assert!(err.contains("nothing to set"), "{err}");
    let err = env.refused(&["people", "set", "grace", "--reports-to", "carol"], 1);
    assert!(err.contains("loop"), "{err}");
    let err = env.refused(&["people", "set", "grace", "--reports-to", "grace"], 1);
    assert!(err.contains("themselves"), "{err}");
    env.ok(&["people", "set", "grace", "--email", "grace@example.com"]);
    let err = env.refused(&["people", "add", "gi", "--email", "Grace@Example.com"], 1);
    assert!(err.contains("already the email of grace"), "{err}");
    env.ok(&["people", "set", "grace", "--email", "grace@example.com"]);
    let err = env.refused(&["people", "add", "Bad Handle"], 1);
    assert!(err.contains("HANDLE"), "{err}");
}
