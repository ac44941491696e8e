//! `ledger block` and `ledger unblock`: a commitment waiting on another record or on words.

use crate::harness::Env;

fn promise(env: &Env, what: &str) -> String {
    env.id(&[
        "promise", what, "--by", "bob", "--to", "alice", "--due", "+1w",
    ])
}

fn is_blocked(env: &Env, id: &str) -> bool {
    let out = env.ok(&["list", "commitment", "--all", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .map(|r| r["is_blocked"].as_bool().unwrap())
        .unwrap()
}

#[test]
fn blocked_on_a_record_until_that_record_is_done() {
    let env = Env::new();
    let tunnel = promise(&env, "Tunnel");
    let refunds = promise(&env, "Refunds");
    let out = env.ok(&["block", &refunds, "--on", &tunnel[..8]]);
    assert!(
        out.starts_with(&format!("{refunds} blocked on {tunnel}")),
        "{out}"
    );
    assert!(env
        .message()
        .contains(&format!("Ledger-Blocked-On: {tunnel}")));
    let v = env.record(&refunds);
    assert_eq!(v["blocked"]["on"], tunnel.as_str());
    assert_eq!(v["blocked"]["since"], "2026-03-20");
    assert!(is_blocked(&env, &refunds));
    assert!(env.ok(&["list", "commitment"]).contains("open (blocked)"));
    env.ok(&["done", &tunnel]);
    assert!(
        !is_blocked(&env, &refunds),
        "a done blocker no longer blocks"
    );
    env.ok(&["unblock", &refunds]);
    assert!(env.record(&refunds).get("blocked").is_none());
    assert!(env.message().contains("Ledger-Action: unblock"));
    let err = env.refused(&["unblock", &refunds], 1);
    assert!(err.contains("not blocked"), "{err}");
    env.assert_sound();
}

#[test]
fn blocked_on_something_outside_the_ledger() {
    let env = Env::new();
    let id = promise(&env, "Deploy");
    env.ok(&["block", &id, "--reason", "Waiting for the VPN vendor"]);
    assert_eq!(
        env.record(&id)["blocked"]["reason"],
        "Waiting for the VPN vendor"
    );
    assert!(env
        .message()
        .contains("Ledger-Reason: Waiting for the VPN vendor"));
    assert!(is_blocked(&env, &id));
}

#[test]
fn block_refusals() {
    let env = Env::new();
    let id = promise(&env, "Deploy");
    let err = env.refused(&["block", &id, "--on", &id], 1);
    assert!(err.contains("itself"), "{err}");
    let err = env.refused(&["block", &id, "--on", "com-zzzz"], 1);
    assert!(err.contains("com-zzzz"), "{err}");
    let mtg = env.id(&["meeting", "Sync", "--attendees", "a"]);
    let err = env.refused(&["block", &id, "--on", &mtg], 1);
    assert!(err.contains("meeting") && err.contains("--reason"), "{err}");
    let dec = env.id(&["decide", "x", "--by", "e"]);
    let err = env.refused(&["block", &dec, "--reason", "r"], 1);
    assert!(err.contains("only commitments"), "{err}");
    env.ok(&["done", &id]);
    let err = env.refused(&["block", &id, "--reason", "r"], 1);
    assert!(err.contains("it is done"), "{err}");
}
