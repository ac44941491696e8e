//! `ledger decisions`: the register's snapshots, filters, chains, verbatim statements, and
//! `show` of a superseded decision leading to the one in force.

use serde_json::Value;

use crate::harness::{markdown_outline, snapshot, story, Env};

const OLD: &str = "dec-hjjep75jq7xc";
const NEW: &str = "dec-mpxx2pvhs8by";

#[test]
fn register_matches_its_snapshots() {
    let env = story();
    snapshot("decisions.md", &env.ok(&["decisions", "--format", "md"]));
    snapshot(
        "decisions.json",
        &env.ok(&["decisions", "--format", "json"]),
    );
    snapshot("decisions.csv", &env.ok(&["decisions", "--format", "csv"]));
    snapshot("decisions.txt", &env.ok(&["decisions"]));
}

#[test]
fn register_markdown_parses_with_statements_verbatim() {
    let env = story();
    let md = env.ok(&["decisions", "--format", "md"]);
    let outline = markdown_outline(&md);
    let headings: Vec<&str> = outline
        .iter()
        .filter(|l| l.starts_with('h'))
        .map(String::as_str)
        .collect();
    assert_eq!(
        headings,
        [
            "h1 Decision register",
            "h2 dec-0d7rv2kwteb5 active",
            "h2 dec-zm2dyae2pz13 active",
            "h2 dec-hjjep75jq7xc superseded (compliance)",
            "h2 dec-mpxx2pvhs8by active (compliance)",
            "h2 dec-7bk4abwt7k15 active",
        ]
    );
    assert!(
        outline.contains(&"quote Payment logs are kept for 13 months, then deleted.".to_string())
    );
    assert!(
        outline.contains(&format!("item In force instead: {NEW}")),
        "{outline:#?}"
    );
    assert!(
        outline.contains(&format!("item Chain: {OLD} → {NEW}")),
        "{outline:#?}"
    );
    assert!(outline
        .contains(&"item Where: Compliance review: payment logs (mtg-ys2z4z9p24ah)".to_string()));
    // Text Markdown would act on still reads word for word once rendered.
    let env = Env::new();
    let tricky = "1. Use *only* [approved](x) vendors | no <b>raw</b> & R&D_v2 &amp; `code` \\ ~~";
    env.id(&["decide", tricky, "--by", "erin"]);
    let outline = markdown_outline(&env.ok(&["decisions", "--format", "md"]));
    assert!(outline.contains(&format!("quote {tricky}")), "{outline:#?}");
}

#[test]
fn filters_keep_the_chain_and_show_leads_to_the_decision_in_force() {
    let env = story();
    let ids = |args: &[&str]| -> Vec<String> {
        let v: Value = serde_json::from_str(&env.ok(args)).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["decisions", "--active", "--format", "json"]),
        [
            "dec-0d7rv2kwteb5",
            "dec-zm2dyae2pz13",
            NEW,
            "dec-7bk4abwt7k15"
        ]
    );
    assert_eq!(
        ids(&["decisions", "--compliance", "--format", "json"]),
        [OLD, NEW]
    );
    assert_eq!(
        ids(&["decisions", "--compliance", "--active", "--format", "json"]),
        [NEW]
    );
    let v: Value =
        serde_json::from_str(&env.ok(&["decisions", "--active", "--format", "json"])).unwrap();
    assert_eq!(v[2]["chain"], serde_json::json!([OLD, NEW]));
    let shown = env.ok(&["show", OLD]);
    assert!(
        shown.contains(&format!("Superseded: the decision in force is {NEW}")),
        "{shown}"
    );
    let v: Value = serde_json::from_str(&env.ok(&["show", OLD, "--format", "json"])).unwrap();
    assert_eq!(v["in_force"], NEW);
    // As recorded on 2026-03-10, the first logs decision was still in force.
    let v: Value =
        serde_json::from_str(&env.ok(&["decisions", "--as-of", "2026-03-10", "--format", "json"]))
            .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(
        (v[2]["id"].as_str(), v[2]["status"].as_str()),
        (Some(OLD), Some("active"))
    );
}

#[test]
fn a_chain_of_three_names_the_last_as_in_force() {
    let env = Env::new();
    let a = env.id(&["decide", "Deploys on Tuesdays", "--by", "erin"]);
    let b = env.id(&[
        "decide",
        "Deploys on Tuesdays and Thursdays",
        "--by",
        "erin",
        "--supersedes",
        &a,
    ]);
    let c = env.id(&[
        "decide",
        "Deploys any weekday before 15:00",
        "--by",
        "dave",
        "--supersedes",
        &b,
    ]);
    let v: Value = serde_json::from_str(&env.ok(&["decisions", "--format", "json"])).unwrap();
    for d in v.as_array().unwrap() {
        assert_eq!(d["chain"], serde_json::json!([a, b, c]), "{d}");
    }
    let by_id = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id(&a)["in_force"], c.as_str());
    assert_eq!(by_id(&b)["in_force"], c.as_str());
    assert_eq!(by_id(&c)["in_force"], Value::Null);
    let shown = env.ok(&["show", &a]);
    assert!(
        shown.contains(&format!("the decision in force is {c}")),
        "{shown}"
    );
    let report = env.ok(&["report"]);
    assert!(
        report.contains("Since superseded by “Deploys on Tuesdays and Thursdays”")
            && report.contains("In force now: “Deploys any weekday before 15:00”"),
        "{report}"
    );
}

#[test]
fn an_empty_register_says_so() {
    let env = Env::new();
    assert_eq!(env.ok(&["decisions"]), "No decisions.\n");
    assert_eq!(env.ok(&["decisions", "--format", "json"]), "[]\n");
    let md = env.ok(&["decisions", "--format", "md"]);
    assert_eq!(
        markdown_outline(&md),
        [
            "h1 Decision register",
            "para 0 decisions: 0 in force, 0 compliance."
        ]
    );
    assert_eq!(env.ok(&["decisions", "--format", "csv"]).lines().count(), 1);
}

#[test]
fn the_register_says_which_ask_an_answer_answered() {
    let env = story();
    let signoff = env.find("Security sign-off");
    let answer = env.find("keys rotate every 90 days");
    let v: Value = serde_json::from_str(&env.ok(&["decisions", "--format", "json"])).unwrap();
    let entry = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == answer.as_str())
        .unwrap();
    assert_eq!(entry["answers"]["id"], signoff.as_str());
    assert_eq!(
        entry["answers"]["what"],
        "Security sign-off on the tokenizer"
    );
    assert_eq!(entry["answers"]["from"], "alice");
    // A decision that answered nothing says so by a null, not a missing field.
    assert!(v[0]["answers"].is_null(), "{v}");
    let table = env.ok(&["decisions"]);
    let row = table.lines().find(|l| l.starts_with(&answer)).unwrap();
    assert!(row.contains(&format!("answers {signoff}")), "{row}");
    let md = env.ok(&["decisions", "--format", "md"]);
    assert!(
        md.contains(&format!(
            "- **Answers:** `{signoff}` (alice asked: Security sign-off on the tokenizer)\n"
        )),
        "{md}"
    );
    let csv = env.ok(&["decisions", "--format", "csv"]);
    assert!(
        csv.lines().next().unwrap().ends_with(",in_force,answers"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&answer) && l.ends_with(&format!(",{signoff}"))),
        "{csv}"
    );
}
