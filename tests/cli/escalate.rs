//! `ledger escalate`: memo snapshots, receipts that exist and touched the record, links to a
//! known git host, and polite refusals.

use serde_json::Value;

use crate::harness::{markdown_outline, snapshot, story, Env};

const VPN: &str = "com-42svx316j05y";

/// Every receipt object (`commit` + `record`) anywhere in a memo.
fn receipts(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(c)), Some(Value::String(r))) =
                (m.get("commit"), m.get("record"))
            {
                out.push((c.clone(), r.clone()));
            }
            m.values().for_each(|x| receipts(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| receipts(x, out)),
        _ => {}
    }
}

/// Hex words of 12 characters quoted as code in a Markdown memo.
fn quoted_commits(md: &str) -> Vec<String> {
    md.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| w.len() == 12 && w.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn memos_match_their_snapshots() {
    let env = story();
    snapshot("escalate_vpn.md", &env.ok(&["escalate", VPN]));
    snapshot(
        "escalate_vpn.json",
        &env.ok(&["escalate", VPN, "--format", "json"]),
    );
    snapshot(
        "escalate_ask.md",
        &env.ok(&["escalate", "ask-v0sg", "--format", "md"]),
    );
    snapshot("escalate_blocked.md", &env.ok(&["escalate", "com-wtyx"]));
}

#[test]
fn memo_states_every_fact_with_dates() {
    let env = story();
    let md = env.ok(&["escalate", VPN]);
    let outline = markdown_outline(&md);
    let headings: Vec<&str> = outline
        .iter()
        .filter(|l| l.starts_with('h'))
        .map(String::as_str)
        .collect();
    assert_eq!(
        headings,
        [
            "h1 Escalation: Open a VPN tunnel from the payments cluster to the card vault",
            "h2 What was asked",
            "h2 What was promised",
            "h2 Due date changes (2)",
            "h2 Progress notes (1)",
            "h2 What waits on it (2)",
        ]
    );
    assert!(outline.contains(&"table 6x3".to_string()), "{outline:#?}");
    assert!(
        outline.contains(&"item To: Carol Diaz (carol), then Grace Ito (grace)".to_string()),
        "{outline:#?}"
    );
    assert!(
        outline
            .contains(&"item Standing: 2 days overdue on 2026-03-20 (due 2026-03-18)".to_string()),
        "{outline:#?}"
    );
    let v: Value = serde_json::from_str(&env.ok(&["escalate", VPN, "--format", "json"])).unwrap();
    assert_eq!(v["standing"], "overdue");
    assert_eq!(v["days_overdue"], 2);
    assert_eq!(v["ask"]["from"]["handle"], "alice");
    assert_eq!(
        v["ask"]["why"],
        "The whole payments sprint is blocked without it"
    );
    assert_eq!(v["promise"]["first_due"], "2026-03-06");
    let changes: Vec<(&str, &str, &str)> = v["due_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["from"].as_str().unwrap(),
                c["to"].as_str().unwrap(),
                c["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "2026-03-06",
                "2026-03-11",
                "The firewall change window is only on Wednesdays"
            ),
            (
                "2026-03-11",
                "2026-03-18",
                "Vendor appliance firmware bug; the fix is promised for next week"
            ),
        ]
    );
    let chain: Vec<&str> = v["escalate_to"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["handle"].as_str().unwrap())
        .collect();
    assert_eq!(chain, ["carol", "grace"]);
}

#[test]
fn every_quoted_commit_exists_and_touched_the_record() {
    let env = story();
    for id in [
        VPN,
        "com-wtyxj462x5b2",
        "com-8w5c3fgb3bzb",
        "ask-v0sgmmgznn9c",
    ] {
        let v: Value =
            serde_json::from_str(&env.ok(&["escalate", id, "--format", "json"])).unwrap();
        let mut found = Vec::new();
        receipts(&v, &mut found);
        assert!(!found.is_empty(), "{id}: no receipts");
        for (commit, record) in &found {
            env.git(&["cat-file", "-e", &format!("{commit}^{{commit}}")]);
            let touched = env.git(&["show", "--name-only", "--format=", commit]);
            let path = env.path_of(record);
            assert!(
                touched.lines().any(|l| l == path),
                "{id}: commit {commit} did not touch {path}:\n{touched}"
            );
        }
        // The Markdown quotes the same commits, shortened, and nothing else that looks like one.
        let md = env.ok(&["escalate", id]);
        let quoted = quoted_commits(&md);
        assert!(!quoted.is_empty(), "{id}: no receipts in\n{md}");
        for short in quoted {
            assert!(
                found.iter().any(|(c, _)| c.starts_with(&short)),
                "{id}: {short} is not a receipt"
            );
            env.git(&["cat-file", "-e", &format!("{short}^{{commit}}")]);
        }
    }
}

#[test]
fn receipts_link_to_a_known_host() {
    let env = story();
    assert!(!env.ok(&["escalate", VPN]).contains("](https://"));
    env.git(&[
        "remote",
        "add",
        "origin",
        "git@github.com:acme/payments-ledger.git",
    ]);
    let v: Value = serde_json::from_str(&env.ok(&["escalate", VPN, "--format", "json"])).unwrap();
    let receipt = &v["promise"]["receipt"];
    let commit = receipt["commit"].as_str().unwrap();
    let url = format!("https://github.com/acme/payments-ledger/commit/{commit}");
    assert_eq!(receipt["link"], url.as_str());
    let md = env.ok(&["escalate", VPN]);
    assert!(
        md.contains(&format!("[`{}`]({url})", &commit[..12])),
        "{md}"
    );
    // An https host ledger does not know gives no link, unless a pattern is configured.
    env.git(&[
        "remote",
        "set-url",
        "origin",
        "https://git.example.com/acme/ledger.git",
    ]);
    assert!(!env.ok(&["escalate", VPN]).contains("](https://"));
    env.git(&[
        "config",
        "ledger.commitUrl",
        "https://git.example.com/acme/ledger/-/commit/{commit}",
    ]);
    let md = env.ok(&["escalate", VPN]);
    assert!(
        md.contains(&format!(
            "(https://git.example.com/acme/ledger/-/commit/{commit})"
        )),
        "{md}"
    );
}

#[test]
fn at_risk_is_escalated_and_a_missing_manager_is_said() {
    let env = story();
    env.today("2026-03-29");
    let v: Value =
        serde_json::from_str(&env.ok(&["escalate", "com-3cds", "--format", "json"])).unwrap();
    assert_eq!(
        (v["standing"].as_str(), v["due_in_days"].as_i64()),
        (Some("at_risk"), Some(2))
    );
    let md = env.ok(&["escalate", "com-3cds"]);
    assert!(
        md.contains("**at risk**: due 2026-03-31, 2 days after 2026-03-29"),
        "{md}"
    );
    // grace reports to no one: the memo says so instead of guessing.
    env.today("2026-03-20");
    let id = env.id(&[
        "promise",
        "Approve the Q2 budget",
        "--by",
        "grace",
        "--to",
        "carol",
        "--due",
        "2026-03-19",
    ]);
    let md = env.ok(&["escalate", &id]);
    assert!(
        md.contains("no one on record: the people file names no one Grace Ito (grace) reports to"),
        "{md}"
    );
    let v: Value = serde_json::from_str(&env.ok(&["escalate", &id, "--format", "json"])).unwrap();
    assert_eq!(v["escalate_to"], serde_json::json!([]));
    assert_eq!(v["ask"], Value::Null);
    assert_eq!(v["due_changes"], serde_json::json!([]));
}

#[test]
fn refuses_what_is_not_an_overdue_or_at_risk_promise() {
    let env = story();
    let cases: [(&str, &str); 6] = [
        ("com-962s", "com-962swdt0kt9s was done on 2026-03-12, so there is nothing to escalate"),
        ("com-3cds", "com-3cdspfzrq93m is due 2026-03-31, in 11 days, and on track"),
        ("dec-mpxx", "dec-mpxx2pvhs8by is a decision, not a promise"),
        ("mtg-t5sv", "mtg-t5svv4p0rk2h is a meeting, not a promise"),
        ("ask-xez3", "ask-xez3nz4nmtsv was accepted and became commitment com-42svx316j05y (open); escalate the commitment"),
        ("ask-ft4p", "ask-ft4przpq4cby was declined on 2026-03-18"),
    ];
    for (id, message) in cases {
        let err = env.refused(&["escalate", id], 1);
        assert!(err.contains(message), "{id}: {err}");
        assert!(
            err.contains("only open commitments and asks that are overdue or due within 2 days")
                || id == "ask-xez3",
            "{err}"
        );
    }
    let fresh = Env::new();
    let ask = fresh.id(&["ask", "Review my design", "--from", "alice", "--to", "bob"]);
    let err = fresh.refused(&["escalate", &ask], 1);
    assert!(err.contains("has no needed-by date"), "{err}");
    let err = fresh.refused(&["escalate", "com-zzzz"], 1);
    assert!(err.contains("no record matches 'com-zzzz'"), "{err}");
}

#[test]
fn memos_are_deterministic() {
    let a = story();
    let b = story();
    for format in ["md", "json"] {
        let first = a.ok(&["escalate", VPN, "--format", format]);
        assert_eq!(a.ok(&["escalate", VPN, "--format", format]), first);
        assert_eq!(b.ok(&["escalate", VPN, "--format", format]), first);
    }
}

#[test]
fn a_due_date_moved_by_hand_still_has_its_receipt() {
    let env = Env::new();
    env.today("2026-03-10");
    let id = env.id(&[
        "promise",
        "Renew the TLS certificate",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-16",
    ]);
    let path = env.path_of(&id);
    let text = env
        .read(&path)
        .replace("due: 2026-03-16", "due: 2026-03-17");
    env.write(&path, &text);
    env.git(&["commit", "-qam", "Give bob one more day"]);
    env.today("2026-03-20");
    let v: Value = serde_json::from_str(&env.ok(&["escalate", &id, "--format", "json"])).unwrap();
    let change = &v["due_changes"][0];
    assert_eq!(
        (change["from"].as_str(), change["to"].as_str()),
        (Some("2026-03-16"), Some("2026-03-17"))
    );
    assert_eq!(
        (change["by_hand"].as_bool(), change["by"]["name"].as_str()),
        (Some(true), Some("Test User"))
    );
    let commit = change["receipt"]["commit"].as_str().unwrap();
    assert_eq!(
        env.git(&["show", "--name-only", "--format=", commit])
            .trim(),
        path
    );
    let md = env.ok(&["escalate", &id]);
    assert!(
        md.contains("(none given) (edited by hand with git)"),
        "{md}"
    );
    assert!(
        md.contains("**3 days overdue** on 2026-03-20 (due 2026-03-17)"),
        "{md}"
    );
}

#[test]
fn as_of_escalates_as_the_ledger_stood_that_day() {
    let env = story();
    // On 2026-03-09 the tunnel was due 2026-03-11: at risk, with one move so far.
    let v: Value = serde_json::from_str(&env.ok(&[
        "escalate",
        VPN,
        "--as-of",
        "2026-03-09",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        (v["standing"].as_str(), v["due"].as_str()),
        (Some("at_risk"), Some("2026-03-11"))
    );
    assert_eq!(v["due_changes"].as_array().unwrap().len(), 1);
    assert_eq!(v["notes"], serde_json::json!([]));
    // On 2026-03-12 it had been moved to 2026-03-18: nothing to escalate yet.
    let err = env.refused(&["escalate", VPN, "--as-of", "2026-03-12"], 1);
    assert!(err.contains("is due 2026-03-18, in 6 days"), "{err}");
}
