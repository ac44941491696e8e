//! `ledger verify`: the auditor's verdict on records and history.

use crate::harness::{story, Env};

fn commit_all(env: &Env, message: &str) {
    env.git(&["add", "-A"]);
    env.git(&["commit", "-q", "-m", message]);
}

#[test]
fn the_demo_story_verifies() {
    let env = story();
    let out = env.ok(&["verify"]);
    assert!(out.starts_with("ok: 20 records, 31 commits"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok(&["verify", "--format", "json"])).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn a_clean_hand_edit_is_reported_not_failed_and_a_broken_one_fails() {
    let env = Env::new();
    let id = env.bob_promises_alice("Open the tunnel");
    let path = env.path_of(&id);
    env.write(
        &path,
        &env.read(&path)
            .replace("Open the tunnel", "Open the VPN tunnel"),
    );
    commit_all(&env, "fix wording");
    let out = env.ok(&["verify", "--verbose"]);
    assert!(
        out.contains("1 hand edits") && out.contains("hand edit: ") && out.contains(&path),
        "{out}"
    );
    env.write(&path, "id: [broken\n");
    commit_all(&env, "oops");
    let before = env.repo_state();
    let out = env.fails(&["verify"], 2);
    assert!(out.stdout.starts_with("FAILED"), "{}", out.stdout);
    assert!(
        out.stdout.contains("a hand edit left this file broken") && out.stdout.contains(&path),
        "{}",
        out.stdout
    );
    assert_eq!(env.repo_state(), before);
}

#[test]
fn trailers_that_do_not_match_the_change_are_findings() {
    let env = Env::new();
    let a = env.bob_promises_alice("A");
    let b = env.bob_promises_alice("B");
    let path = env.path_of(&a);
    env.write(&path, &env.read(&path).replace("what: A", "what: AA"));
    env.write("README.md", "not the ledger's\n");
    env.git(&["add", "-A"]);
    env.git(&[
        "commit",
        "-q",
        "-m",
        &format!("bob notes A\n\nLedger-Action: note\nLedger-Id: {b}\n"),
    ]);
    let out = env.fails(&["verify", "--format", "json"], 2);
    let v = out.json();
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["commit", "trailers", "trailers"], "{v}");
    let text = v["findings"][1]["message"].as_str().unwrap();
    assert!(
        text.contains(&format!("changed but not named [{a}]"))
            && text.contains(&format!("named but not changed [{b}]")),
        "{text}"
    );
    // A `note` that changed the commitment's text is not a note.
    let text = v["findings"][2]["message"].as_str().unwrap();
    assert!(
        text.contains("`note` may change only notes")
            && text.contains(&format!("changed what of {a}")),
        "{text}"
    );
}

#[test]
fn unsigned_commits_fail_when_signatures_are_required() {
    let env = Env::new();
    env.write(
        "ledger.yaml",
        &env.read("ledger.yaml")
            .replace("require_signatures: false", "require_signatures: true"),
    );
    commit_all(&env, "require signatures");
    let out = env.fails(&["verify"], 2);
    assert!(
        out.stdout.contains("signature: ") && out.stdout.contains("git verify-commit"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout.matches("signature: ").count(),
        2,
        "{}",
        out.stdout
    );
}

#[test]
fn history_rewritten_since_the_last_sync_is_a_finding() {
    let env = Env::new();
    env.git_in(
        env.root(),
        &["init", "--bare", "-q", "-b", "main", "remote.git"],
    );
    env.git(&[
        "remote",
        "add",
        "origin",
        env.root().join("remote.git").to_str().unwrap(),
    ]);
    let id = env.bob_promises_alice("Rotate keys");
    env.ok(&["sync"]);
    env.ok(&["verify"]);
    env.git(&["reset", "-q", "--hard", "HEAD~1"]);
    let out = env.fails(&["verify"], 2);
    assert!(
        out.stdout.contains("rewritten since the last sync") && out.stdout.contains(&id),
        "{}",
        out.stdout
    );
}
