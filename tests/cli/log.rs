//! `ledger log`: the audit trail, newest first, with its filters and hand edits.

use serde_json::Value;

use crate::harness::{story, Env};

fn log(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["log", "--format", "json"];
    a.extend_from_slice(args);
    env.run(&a).json().as_array().unwrap().clone()
}

fn actions(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn one_line_per_change_newest_first() {
    let env = story();
    let all = log(&env, &[]);
    assert_eq!(all.len(), env.commits());
    assert_eq!(all[0]["action"], "promise");
    assert_eq!(all[0]["author"], "Carol Diaz");
    assert_eq!(all.last().unwrap()["action"], "init");
    let times: Vec<&str> = all.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, sorted, "newest first");
    let meeting = all
        .iter()
        .find(|e| {
            e["subject"]
                .as_str()
                .unwrap()
                .contains("Payments sprint planning")
        })
        .unwrap();
    // The meeting, its two decisions (the chair's and bob's) and three actions.
    assert_eq!(meeting["ids"].as_array().unwrap().len(), 6, "{meeting}");

    let table = env.ok(&["log"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("COMMIT") && lines[0].contains("SUBJECT"));
    assert_eq!(lines.len(), env.commits() + 1);
    assert!(lines[1].contains("2026-03-19 10:00  Carol Diaz"), "{table}");
    assert!(
        lines[1].contains("carol promises com-")
            && lines[1].contains(": \"Publish the Q2 platform roadmap\""),
        "{table}"
    );
}

#[test]
fn filters_by_record_kind_author_and_dates() {
    let env = story();
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    assert_eq!(
        actions(&log(&env, &["--id", &vpn[..8]])),
        ["reschedule", "note", "reschedule", "accept"]
    );
    let decisions = actions(&log(&env, &["--kind", "decision"]));
    assert_eq!(decisions, ["answer", "decide", "decide", "meeting"]);
    let dave = log(&env, &["--author", "dave", "--since", "2026-03-10"]);
    assert_eq!(actions(&dave), ["ask", "done"]);
    let by_email = log(
        &env,
        &["--author", "dave@example.com", "--since", "2026-03-10"],
    );
    assert_eq!(by_email.len(), 2);
    let first_day = log(&env, &["--until", "2026-03-02"]);
    assert_eq!(
        first_day.len(),
        9,
        "init, six people, the weekly summary, one ask"
    );
    let as_of = log(&env, &["--as-of", "2026-03-05"]);
    assert_eq!(as_of[0]["action"], "decide");
    assert_eq!(as_of[0]["author"], "Erin Walsh");
    assert_eq!(
        actions(&log(&env, &["--since", "2026-03-19"])),
        ["promise", "answer"]
    );
    let none = env.ok(&["log", "--author", "nobody-at-all"]);
    assert_eq!(none, "No changes to the ledger match.\n");
}

#[test]
fn commits_made_with_plain_git_show_as_hand_edits_with_their_files() {
    let env = Env::new();
    let id = env.bob_promises_alice("Write the runbook");
    let path = env.edit_by_hand(
        &id,
        "Write the runbook",
        "Write the on-call runbook",
        "Reword the runbook promise",
    );
    let entries = log(&env, &[]);
    assert_eq!(entries[0]["action"], "hand-edit");
    assert_eq!(entries[0]["by_hand"], true);
    assert_eq!(entries[0]["ids"], serde_json::json!([id]));
    assert_eq!(entries[0]["paths"], serde_json::json!([path]));
    assert_eq!(entries[1]["action"], "promise");
    let table = env.ok(&["log", "-n", "1"]);
    assert!(
        table.contains(&format!(
            "Reword the runbook promise [made with plain git; files: {path}]"
        )),
        "{table}"
    );
    assert_eq!(log(&env, &["--id", &id]).len(), 2);
    let csv = env.ok(&["log", "--format", "csv"]);
    assert!(csv.starts_with("commit,at,author,email,subject,action,ids,reason,by_hand\r\n"));
    assert_eq!(csv.lines().count(), env.commits() + 1);
}

#[test]
fn bad_filters_are_refused() {
    let env = story();
    let err = env.refused(&["log", "--since", "last tuesdy"], 1);
    assert!(
        err.contains("--since") && err.contains("last tuesdy"),
        "{err}"
    );
    let err = env.refused(&["log", "--kind", "memo"], 1);
    assert!(err.contains("memo"), "{err}");
    let err = env.refused(&["log", "--id", "com-zzzz"], 1);
    assert!(err.contains("com-zzzz"), "{err}");
}
