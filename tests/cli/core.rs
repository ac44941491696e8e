//! The core loop: init, record, read back; one commit per change with trailers.

use crate::harness::{story, Env};

#[test]
fn promise_makes_one_commit_with_trailers() {
    let env = Env::new();
    let before = env.commits();
    let id = env.id(&[
        "promise",
        "Ship the VPN tunnel",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "friday",
    ]);
    assert!(id.starts_with("com-"), "{id}");
    assert_eq!(env.commits(), before + 1);
    let msg = env.git(&["log", "-1", "--format=%B"]);
    assert!(
        msg.starts_with(&format!("bob promises {id}: \"Ship the VPN tunnel\"\n"))
            && msg.contains("Promised: by bob to alice on 2026-03-20\nDue: 2026-03-20\n"),
        "{msg}"
    );
    assert!(
        msg.contains(&format!("Ledger-Id: {id}")) && msg.contains("Ledger-Action: promise"),
        "{msg}"
    );
    let author = env.git(&["log", "-1", "--format=%an <%ae> %aI"]);
    assert!(
        author.starts_with("Test User <tester@example.com> 2026-03-20T09:"),
        "{author}"
    );
    env.assert_sound();
}

#[test]
fn demo_story_builds_and_checks() {
    let env = story();
    env.assert_sound();
    let out = env.ok(&["list", "commitment", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    // Four open promises and the weekly summary due today (its occurrence of the week before was
    // kept late, after the catch-up had made this one).
    assert_eq!(list.as_array().unwrap().len(), 5, "{out}");
}
