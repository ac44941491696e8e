//! `ledger answer`: an ask answered in writing, by a decision word for word or by a reply that is
//! not a decision, closed as `answered` in one commit.

use crate::harness::Env;

fn ask(env: &Env, due: &str) -> String {
    env.id(&[
        "ask",
        "Is PHI at rest encrypted?",
        "--from",
        "alice",
        "--to",
        "nina",
        "--due",
        due,
    ])
}

#[test]
fn an_answer_records_the_decision_verbatim_and_closes_the_ask_linked_both_ways() {
    let env = Env::new();
    let a = ask(&env, "2026-03-25");
    let before = env.commits();
    let statement = "PHI at rest is encrypted with AES-256;  keys rotate yearly.";
    let out = env.ok(&[
        "answer",
        &a,
        statement,
        "--compliance",
        "--evidence",
        "https://wiki.example.com/phi",
        "--evidence",
        "mailto:nina@example.com",
    ]);
    assert!(out.starts_with(&a), "{out}");
    assert!(out.contains("answered by nina with dec-"), "{out}");
    assert_eq!(env.commits(), before + 1, "one commit");
    assert_eq!(env.changed().len(), 2);
    let rec = env.record(&a);
    assert_eq!(rec["status"], "answered");
    assert_eq!(rec["closed"], "2026-03-20");
    let dec = rec["decision"]
        .as_str()
        .expect("the ask names its decision");
    let d = env.record(dec);
    assert_eq!(d["statement"], statement, "word for word");
    assert_eq!(d["by"], "nina", "the one asked answers by default");
    assert_eq!(d["answers"], a.as_str());
    assert_eq!(d["compliance"], true);
    assert_eq!(d["evidence"][1], "mailto:nina@example.com");
    let msg = env.message();
    assert!(
        msg.starts_with(&format!("nina answers {a}: \"Is PHI")),
        "{msg}"
    );
    for t in [
        "Ledger-Action: answer".to_string(),
        format!("Ledger-Id: {a}"),
        format!("Ledger-Id: {dec}"),
        "Ledger-Kind: ask".into(),
        "Ledger-Compliance: yes".into(),
        format!("Statement, verbatim:\n\n{statement}"),
    ] {
        assert!(msg.contains(&t), "{t}: {msg}");
    }
    env.assert_sound();
    let v = env.run(&["verify"]);
    assert_eq!(v.code, 0, "{}{}", v.stdout, v.stderr);
    let h = env.ok(&["history", &a]);
    assert!(h.contains("answer"), "{h}");
}

#[test]
fn an_answered_ask_leaves_overdue_and_the_default_list() {
    let env = Env::new();
    let a = ask(&env, "2026-03-10");
    let o = env.run(&["overdue", "--format", "json"]);
    assert!(o.stdout.contains(&a), "overdue before: {}", o.stdout);
    env.ok(&["answer", &a, "Yes, AES-256.", "--by", "grace"]);
    let o = env.run(&["overdue", "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        !o.stdout.contains(&a),
        "answered asks are not overdue: {}",
        o.stdout
    );
    assert!(!env.ok(&["list"]).contains(&a));
    let all = env.ok(&["list", "--all", "--format", "json"]);
    assert!(all.contains("\"answered\""), "{all}");
    let dec = env.record(&a)["decision"].as_str().unwrap().to_string();
    assert_eq!(env.record(&dec)["by"], "grace");
    env.assert_sound();
}

#[test]
fn an_informational_answer_closes_the_ask_with_its_text() {
    let env = Env::new();
    let a = ask(&env, "2026-03-25");
    let decisions = env.ok(&["list", "decision", "--all", "--format", "json"]);
    let out = env.ok(&[
        "answer",
        &a,
        "--info",
        "See the encryption section of the SOC 2 report",
        "--format",
        "json",
    ]);
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["status"], "answered");
    assert_eq!(
        j["reason"],
        "See the encryption section of the SOC 2 report"
    );
    assert!(j.get("decision").is_none() || j["decision"].is_null());
    assert_eq!(
        env.ok(&["list", "decision", "--all", "--format", "json"]),
        decisions,
        "no decision made"
    );
    let msg = env.message();
    assert!(msg.contains("Answer: See the encryption section"), "{msg}");
    assert!(msg.contains("Ledger-Action: answer"), "{msg}");
    env.assert_sound();
}

#[test]
fn answer_refuses_what_it_cannot_answer() {
    let env = Env::new();
    let a = ask(&env, "2026-03-25");
    // Both a statement and --info, or neither: a usage error (exit 1).
    env.refused(&["answer", &a, "Yes", "--info", "also yes"], 1);
    env.refused(&["answer", &a], 1);
    let err = env.refused(
        &["answer", &a, "Yes", "--evidence", "the email from bob"],
        1,
    );
    assert!(err.contains("the email from bob"), "{err}");
    assert!(err.contains("https://"), "{err}");
    let com = env.id(&[
        "promise",
        "Rotate keys",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "+1w",
    ]);
    let err = env.refused(&["answer", &com, "Yes"], 1);
    assert!(err.contains("not an ask"), "{err}");
    env.ok(&["answer", &a, "Yes"]);
    let err = env.refused(&["answer", &a, "No"], 1);
    assert!(err.contains("already answered"), "{err}");
    let err = env.refused(&["decline", &a, "--reason", "no"], 1);
    assert!(err.contains("already answered"), "{err}");
    env.assert_sound();
}

#[test]
fn check_finds_an_answered_ask_without_its_answer_and_a_link_one_way() {
    let env = Env::new();
    let a = ask(&env, "2026-03-25");
    let path = env.path_of(&a);
    let text = env.read(&path).replace("status: open", "status: answered");
    env.write(&path, &format!("{text}closed: 2026-03-20\n"));
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains("an answered ask names the decision"),
        "{}",
        out.stdout
    );
    let dec = env.id(&["decide", "Unrelated", "--by", "nina"]);
    env.write(
        &path,
        &format!("{text}decision: {dec}\nclosed: 2026-03-20\n"),
    );
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains("does not say it answers"),
        "{}",
        out.stdout
    );
}

#[test]
fn answer_has_its_man_page_and_completes_ids() {
    let env = Env::new();
    let out = env.root().join("man");
    env.ok(&["man", "--out", out.to_str().unwrap()]);
    let page = std::fs::read_to_string(out.join("ledger-answer.1")).unwrap();
    assert!(page.contains(r"\-\-info"), "{page}");
    let bash = env.ok(&["completions", "bash"]);
    assert!(bash.contains("answer"), "the command is completed");
    // Its ASK is an id slot (value name ID), so the dynamic completion offers record ids.
    assert!(env.ok(&["answer", "--help"]).contains("<ID>"));
}
