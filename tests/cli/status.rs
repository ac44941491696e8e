//! Status changes: done, cancel, revoke, decline, withdraw, and the ones refused.

use crate::harness::Env;

fn promise(env: &Env) -> String {
    env.id(&[
        "promise",
        "Ship it",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-18",
    ])
}

#[test]
fn done_records_the_day_and_says_if_it_was_late() {
    let env = Env::new();
    let id = promise(&env);
    let out = env.ok(&["done", &id]);
    assert!(
        out.starts_with(&format!("{id} done 2026-03-20, 2 days late")),
        "{out}"
    );
    let v = env.record(&id);
    assert_eq!(
        (v["status"].clone(), v["closed"].clone()),
        ("done".into(), "2026-03-20".into())
    );
    let msg = env.message();
    assert!(msg.starts_with(&format!("bob completes {id}")), "{msg}");
    assert!(
        msg.contains("Outcome: done 2 days late (due 2026-03-18, done 2026-03-20)"),
        "{msg}"
    );
    assert!(msg.contains("Ledger-Action: done") && msg.contains(&format!("Ledger-Id: {id}")));
    let err = env.refused(&["done", &id], 1);
    assert!(err.contains("already done"), "{err}");
    let id = env.id(&[
        "promise",
        "Early",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-18",
        "--date",
        "2026-03-10",
    ]);
    let out = env.ok(&["done", &id, "--date", "2026-03-17", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["status"].clone(), v["closed"].clone()),
        ("done".into(), "2026-03-17".into())
    );
    for f in ["id", "kind", "date"] {
        assert!(v.get(f).is_some(), "{f}");
    }
    env.assert_sound();
}

#[test]
fn done_on_anything_but_a_commitment_is_refused_with_why() {
    let env = Env::new();
    let dec = env.id(&["decide", "Use TLS", "--by", "erin"]);
    let err = env.refused(&["done", &dec], 1);
    assert!(
        err.contains("decision") && err.contains("revoked or superseded"),
        "{err}"
    );
    let ask = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    let err = env.refused(&["done", &ask], 1);
    assert!(err.contains("ledger accept"), "{err}");
    let mtg = env.id(&["meeting", "Sync", "--attendees", "a"]);
    let err = env.refused(&["done", &mtg], 1);
    assert!(err.contains("meeting"), "{err}");
}

#[test]
fn cancel_keeps_the_reason_in_the_file_and_the_commit() {
    let env = Env::new();
    let id = promise(&env);
    let out = env.ok(&["cancel", &id, "--reason", "Vendor dropped the feature"]);
    assert!(out.starts_with(&format!("{id} cancelled")), "{out}");
    let v = env.record(&id);
    assert_eq!(v["status"], "cancelled");
    assert_eq!(v["reason"], "Vendor dropped the feature");
    let msg = env.message();
    assert!(
        msg.contains("Ledger-Reason: Vendor dropped the feature")
            && msg.contains("Ledger-Action: cancel"),
        "{msg}"
    );
    let err = env.refused(&["cancel", &id, "--reason", "again"], 1);
    assert!(err.contains("already cancelled"), "{err}");
    let err = env.refused(&["done", &id], 1);
    assert!(err.contains("already cancelled"), "{err}");
    env.assert_sound();
}

#[test]
fn revoke_is_for_active_decisions_only() {
    let env = Env::new();
    let dec = env.id(&["decide", "Use TLS", "--by", "erin"]);
    env.ok(&[
        "revoke",
        &dec,
        "--reason",
        "Superseded by the platform standard",
    ]);
    let v = env.record(&dec);
    assert_eq!(v["status"], "revoked");
    assert_eq!(v["reason"], "Superseded by the platform standard");
    assert!(env
        .message()
        .contains("Ledger-Reason: Superseded by the platform standard"));
    let err = env.refused(&["revoke", &dec, "--reason", "again"], 1);
    assert!(err.contains("already revoked"), "{err}");
    let com = promise(&env);
    let err = env.refused(&["revoke", &com, "--reason", "r"], 1);
    assert!(err.contains("only decisions are revoked"), "{err}");
    env.assert_sound();
}

#[test]
fn decline_and_withdraw_close_an_open_ask() {
    let env = Env::new();
    let a1 = env.id(&["ask", "IPv6 tunnel", "--from", "dave", "--to", "bob"]);
    let out = env.ok(&["decline", &a1, "--reason", "Not this quarter"]);
    assert!(out.starts_with(&format!("{a1} declined")), "{out}");
    let v = env.record(&a1);
    assert_eq!(
        (v["status"].clone(), v["reason"].clone()),
        ("declined".into(), "Not this quarter".into())
    );
    let msg = env.message();
    assert!(msg.starts_with(&format!("bob declines {a1}")), "{msg}");
    assert!(msg.contains("Ledger-Reason: Not this quarter"), "{msg}");

    let a2 = env.id(&["ask", "Numbers", "--from", "dave", "--to", "carol"]);
    let out = env.ok(&["withdraw", &a2]);
    assert!(
        out.starts_with(&format!("{a2} withdrawn: \"Numbers\"")),
        "{out}"
    );
    assert_eq!(env.record(&a2)["status"], "withdrawn");
    assert!(
        !env.message().contains("Ledger-Reason"),
        "{}",
        env.message()
    );
    let a3 = env.id(&["ask", "More", "--from", "dave", "--to", "carol"]);
    env.ok(&["withdraw", &a3, "--reason", "Found them myself"]);
    assert!(env.message().contains("Ledger-Reason: Found them myself"));

    let err = env.refused(&["decline", &a2, "--reason", "r"], 1);
    assert!(err.contains("already withdrawn"), "{err}");
    let com = promise(&env);
    let err = env.refused(&["decline", &com, "--reason", "r"], 1);
    assert!(err.contains("only asks"), "{err}");
    env.assert_sound();
}

#[test]
fn nothing_is_closed_before_it_was_made() {
    let env = Env::new();
    let id = promise(&env);
    let err = env.refused(&["done", &id, "--date", "2026-03-01"], 1);
    assert!(
        err.contains("closed") && err.contains("2026-03-01") && err.contains("2026-03-20"),
        "{err}"
    );
    let ask = env.id(&["ask", "x", "--from", "a", "--to", "b", "--due", "+1w"]);
    let err = env.refused(&["accept", &ask, "--date", "2026-03-19"], 1);
    assert!(err.contains("closed"), "{err}");
    // A hand edit that does the same is caught by check.
    let path = env.path_of(&id);
    env.write(
        &path,
        &format!(
            "{}closed: 2026-01-01\n",
            env.read(&path).replace("status: open", "status: done")
        ),
    );
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains(&format!("{path}:")) && out.stdout.contains("closed"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_change_command_prints_one_json_object() {
    let env = Env::new();
    let com = promise(&env);
    let other = promise(&env);
    let dec = env.id(&["decide", "x", "--by", "e"]);
    let a1 = env.id(&["ask", "x", "--from", "a", "--to", "b"]);
    let a2 = env.id(&["ask", "y", "--from", "a", "--to", "b"]);
    env.set(
        "EDITOR",
        &env.script("ed.sh", "sed -i 's/^what: .*/what: Edited/' \"$1\""),
    );
    for (args, status) in [
        (vec!["note", &com, "progress"], "open"),
        (
            vec!["reschedule", &com, "--due", "+1w", "--reason", "r"],
            "open",
        ),
        (vec!["block", &com, "--on", &other], "open"),
        (vec!["unblock", &com], "open"),
        (vec!["edit", &com], "open"),
        (vec!["done", &com], "done"),
        (vec!["cancel", &other, "--reason", "r"], "cancelled"),
        (vec!["revoke", &dec, "--reason", "r"], "revoked"),
        (vec!["decline", &a1, "--reason", "r"], "declined"),
        (vec!["withdraw", &a2], "withdrawn"),
    ] {
        let mut args = args.clone();
        args.extend(["--format", "json"]);
        let out = env.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let v = out.json();
        assert!(v.is_object(), "{args:?}: {v}");
        assert_eq!(v["id"], args[1], "{args:?}");
        assert_eq!(v["status"], status, "{args:?}");
        assert!(
            v["kind"].is_string() && v["date"].is_string(),
            "{args:?}: {v}"
        );
    }
    env.assert_sound();
}
