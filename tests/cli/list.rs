//! `ledger list` filters, `show` of a decision's supersession chain, and record text that can
//! never put raw escape sequences on the terminal.

use crate::harness::{story, Env};

fn ids(env: &Env, args: &[&str]) -> Vec<String> {
    let mut a = vec!["list", "--format", "json"];
    a.extend_from_slice(args);
    env.run(&a)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn filters_narrow_the_listing() {
    let env = story();
    let tokenizer = env.find("Integrate the tokenizer client");
    let refunds = env.find("Migrate refunds");
    let failover = env.find("Document the tunnel's failover");
    let card = env.find("Card data never leaves");
    let standby = env.find("standby appliance");
    let planning = env.find("Payments sprint planning");
    let capacity = env.find("Capacity numbers");

    let mut made_there = ids(&env, &["--meeting", &planning[..8], "--all"]);
    made_there.sort();
    let mut expected = vec![
        tokenizer.clone(),
        refunds.clone(),
        failover.clone(),
        card,
        standby,
    ];
    expected.sort();
    assert_eq!(made_there, expected);
    assert_eq!(
        ids(
            &env,
            &[
                "--meeting",
                &planning,
                "--kind",
                "commitment",
                "--status",
                "done"
            ]
        ),
        vec![failover.clone()]
    );
    // --kind works as the positional KIND does.
    assert_eq!(ids(&env, &["--kind", "ask"]), ids(&env, &["ask"]));
    assert_eq!(
        ids(&env, &["commitment", "--due-before", "2026-03-13"]),
        vec![tokenizer.clone()]
    );
    assert_eq!(
        ids(
            &env,
            &[
                "commitment",
                "--due-after",
                "2026-03-13",
                "--due-before",
                "2026-03-31"
            ]
        )
        .len(),
        2,
        "the VPN, due 03-18, and the weekly summary due 03-20"
    );
    assert_eq!(
        ids(&env, &["--since", "2026-03-16", "--until", "2026-03-16"]),
        vec![capacity]
    );
    assert_eq!(
        ids(&env, &["--grep", "FIRMWARE"]).len(),
        1,
        "a reschedule reason of the VPN promise"
    );
    assert_eq!(
        ids(&env, &["--grep", "masked when written", "--all"]).len(),
        1
    );
    assert_eq!(
        ids(&env, &["--grep", "no such words anywhere", "--all"]).len(),
        0
    );
    assert_eq!(
        ids(&env, &["--by", "alice", "commitment"]),
        vec![tokenizer, refunds, "com-brv2x686npn0".to_string()]
    );
    assert_eq!(ids(&env, &["--status", "declined"]).len(), 1);
    // The one ask to erin was answered in writing: out of play, still there with --all.
    assert_eq!(ids(&env, &["--to", "erin"]).len(), 0);
    assert_eq!(ids(&env, &["--to", "erin", "--all"]).len(), 1);
    let out = env.ok(&["list", "--grep", "nothing like this"]);
    assert_eq!(
        out,
        "No records still in play (--all shows every record).\n"
    );
}

#[test]
fn tags_must_all_match() {
    let env = Env::new();
    let a = env.id(&[
        "promise",
        "Tagged twice",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "friday",
    ]);
    let b = env.id(&[
        "promise",
        "Tagged once",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "friday",
    ]);
    for (id, tags) in [(&a, "tags:\n- infra\n- q2\n"), (&b, "tags:\n- infra\n")] {
        let path = env.path_of(id);
        let yaml = env.read(&path);
        env.write(&path, &format!("{yaml}{tags}"));
    }
    env.git_commit_all("Tag the promises");
    assert_eq!(ids(&env, &["--tag", "INFRA"]).len(), 2);
    assert_eq!(ids(&env, &["--tag", "infra", "--tag", "q2"]), vec![a]);
    assert_eq!(ids(&env, &["--tag", "q3"]).len(), 0);
}

#[test]
fn bad_filter_values_are_refused() {
    let env = story();
    let err = env.refused(&["list", "--due-before", "someday"], 1);
    assert!(
        err.contains("--due-before") && err.contains("someday"),
        "{err}"
    );
    let vpn_ask = env.find_of("ask", "Open a VPN tunnel");
    let err = env.refused(&["list", "--meeting", &vpn_ask], 1);
    assert!(err.contains("not a meeting"), "{err}");
    let err = env.refused(&["list", "--kind", "memo"], 1);
    assert!(err.contains("memo"), "{err}");
}

#[test]
fn show_follows_a_decision_chain_both_ways() {
    let env = Env::new();
    let d1 = env.id(&["decide", "Logs kept 6 months.", "--by", "erin"]);
    let d2 = env.id(&[
        "decide",
        "Logs kept 12 months.",
        "--by",
        "erin",
        "--supersedes",
        &d1,
    ]);
    let d3 = env.id(&[
        "decide",
        "Logs kept 13 months.",
        "--by",
        "erin",
        "--supersedes",
        &d2,
    ]);
    let first = env.ok(&["show", &d1]);
    assert!(first.contains(&format!("superseded by  {d2}")), "{first}");
    assert!(
        first.contains(&format!("the decision in force is {d3}")),
        "{first}"
    );
    assert!(flat(&first).contains(&format!("later {d3}")), "{first}");
    let last = env.ok(&["show", &d3]);
    assert!(last.contains(&format!("supersedes  {d2}")), "{last}");
    assert!(flat(&last).contains(&format!("earlier {d1}")), "{last}");
    let mid = env.run(&["show", &d2, "--format", "json"]).json();
    assert_eq!(mid["supersedes"], d1.as_str());
    assert_eq!(mid["superseded_by"], d3.as_str());
    assert_eq!(mid["in_force"], d3.as_str());
}

#[test]
fn escape_sequences_in_a_record_never_reach_stdout_raw() {
    let env = Env::new();
    env.today("2026-03-02");
    let id = env.id(&[
        "promise",
        "Plain words",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-06",
    ]);
    let path = env.path_of(&id);
    let yaml = env.read(&path).replace(
        "what: Plain words",
        "what: \"Evil \\e[31mred\\e]0;title\\a words\"",
    );
    assert_ne!(yaml, env.read(&path));
    env.write(&path, &yaml);
    env.git_commit_all("Hand edit with escapes");
    env.today("2026-03-20");
    for args in [
        vec!["list"],
        vec!["list", "--grep", "evil"],
        vec!["show", &id],
        vec!["overdue"],
        vec!["history", &id],
        vec!["log"],
        vec!["who", "bob"],
        vec!["overdue", "--format", "csv"],
        vec!["who", "bob", "--format", "csv"],
        vec!["history", &id, "--format", "csv"],
    ] {
        let out = env.run(&args);
        assert!(
            !out.stdout.contains('\u{1b}') && !out.stdout.contains('\u{7}'),
            "raw escape in `ledger {args:?}`: {:?}",
            out.stdout
        );
        let shows_text = args[0] != "log";
        assert!(
            !shows_text || out.stdout.contains("\\u{1b}[31mred"),
            "the escape is shown visibly by `ledger {args:?}`: {}{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn list_and_show_answer_as_of_a_past_day() {
    let env = story();
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    let then = env
        .run(&["show", &vpn, "--as-of", "2026-03-08", "--format", "json"])
        .json();
    assert_eq!(then["due"], "2026-03-11");
    assert_eq!(then["reschedules"].as_array().unwrap().len(), 1);
    let table = env.ok(&["show", &vpn, "--as-of", "2026-03-08"]);
    assert!(table.contains("\ndue          2026-03-11\n"), "{table}");
    assert_eq!(
        env.run(&["show", &vpn, "--format", "json"]).json()["due"],
        "2026-03-18"
    );
    // Records made later do not exist yet; meetings count as recent from that day.
    let listed = ids(&env, &["--as-of", "2026-03-08", "commitment"]);
    // The weekly summary's second occurrence, made when the first was done on 2026-03-06.
    assert_eq!(listed.len(), 5, "{listed:?}");
    assert!(listed.contains(&vpn));
    env.refused(
        &["show", &env.find("Publish the Q2"), "--as-of", "2026-03-08"],
        1,
    );
}

/// Text with runs of white space folded, so column padding does not matter.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
