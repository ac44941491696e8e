//! Dates: ISO and the friendly forms, resolved once against LEDGER_TODAY and echoed back.

use crate::harness::{story, Env};

#[test]
fn friendly_forms_resolve_against_today_and_are_echoed() {
    let env = Env::new(); // today is Friday 2026-03-20
    for (form, iso) in [
        ("2026-04-02", "2026-04-02"),
        ("today", "2026-03-20"),
        ("tomorrow", "2026-03-21"),
        ("friday", "2026-03-20"),
        ("monday", "2026-03-23"),
        ("+3d", "2026-03-23"),
        ("+2w", "2026-04-03"),
        ("eow", "2026-03-20"),
        ("eom", "2026-03-31"),
        ("EOM", "2026-03-31"),
    ] {
        let out = env.ok(&["promise", "x", "--by", "b", "--to", "a", "--due", form]);
        assert!(out.contains(&format!("(due {iso})")), "{form}: {out}");
        let id = out.split_whitespace().next().unwrap().to_string();
        assert!(
            env.read(&env.path_of(&id))
                .contains(&format!("due: {iso}\n")),
            "{form}"
        );
    }
    env.assert_sound();
}

#[test]
fn date_of_a_recording_is_its_own_field_and_picks_the_folder() {
    let env = Env::new();
    let id = env.id(&[
        "ask",
        "x",
        "--from",
        "a",
        "--to",
        "b",
        "--date",
        "2025-12-31",
    ]);
    assert_eq!(env.path_of(&id), format!("asks/2025/12/{id}.yaml"));
    assert_eq!(env.record(&id)["date"], "2025-12-31");
    // The commit keeps the time it was recorded, not the date it happened.
    let at = env.git(&["log", "-1", "--format=%aI"]);
    assert!(at.starts_with("2026-03-20"), "{at}");
    let id = env.id(&[
        "ask",
        "y",
        "--from",
        "a",
        "--to",
        "b",
        "--date",
        "yesterday",
    ]);
    assert_eq!(env.record(&id)["date"], "2026-03-19");
}

#[test]
fn an_impossible_date_names_the_value_and_the_accepted_forms() {
    let env = Env::new();
    let err = env.refused(&["promise", "x", "--to", "a", "--due", "2026-02-30"], 1);
    assert!(
        err.contains("--due") && err.contains("'2026-02-30'"),
        "{err}"
    );
    assert!(err.contains("no day 30"), "{err}");
    assert!(
        err.contains("YYYY-MM-DD") && err.contains("+Nw") && err.contains("eom"),
        "{err}"
    );
    for bad in ["soon", "2026-13-01", "26-03-01", "+3x", "03/20/2026"] {
        let err = env.refused(&["ask", "x", "--to", "b", "--due", bad], 1);
        assert!(err.contains(&format!("'{bad}'")), "{bad}: {err}");
    }
    let err = env.refused(&["ask", "x", "--to", "b", "--date", "2026-02-29"], 1);
    assert!(
        err.contains("--date") && err.contains("'2026-02-29'"),
        "{err}"
    );
}

#[test]
fn ledger_today_must_be_a_date() {
    let env = Env::new();
    env.set("LEDGER_TODAY", "someday");
    let err = env.refused(&["ask", "x", "--to", "b"], 1);
    assert!(
        err.contains("someday") && err.contains("LEDGER_TODAY"),
        "{err}"
    );
}

#[test]
fn as_of_is_for_queries_only() {
    let env = Env::new();
    let err = env.refused(&["ask", "x", "--to", "b", "--as-of", "2026-03-01"], 1);
    assert!(err.contains("--as-of") && err.contains("--date"), "{err}");
    let err = env.refused(&["list", "--as-of", "2026-02-30"], 1);
    assert!(
        err.contains("--as-of") && err.contains("2026-02-30"),
        "{err}"
    );
}

#[test]
fn a_future_date_is_refused_and_a_past_due_is_kept_with_a_warning() {
    let env = Env::new();
    let err = env.refused(
        &[
            "ask",
            "Logs",
            "--from",
            "alice",
            "--to",
            "bob",
            "--date",
            "2026-03-21",
        ],
        1,
    );
    assert!(err.contains("--date 2026-03-21"), "{err}");
    assert!(err.contains("after today (2026-03-20)"), "{err}");
    assert!(err.contains("--due"), "says where a future day goes: {err}");
    env.refused(&["decide", "X", "--by", "bob", "--date", "tomorrow"], 1);
    // Today and the past are what happened.
    env.ok(&["decide", "X", "--by", "bob", "--date", "today"]);
    let out = env.run(&[
        "promise",
        "Y",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-10",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: --due 2026-03-10 is 2026-03-10, already past (today is 2026-03-20)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(env.record(&out.id())["due"], "2026-03-10");
    let out = env.run(&[
        "promise",
        "Z",
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-27",
    ]);
    assert!(
        out.stderr.is_empty(),
        "no warning for a future due: {}",
        out.stderr
    );
    env.assert_sound();
}

#[test]
fn a_negative_offset_is_a_date_not_a_flag() {
    let env = Env::new();
    let out = env.run(&[
        "promise", "Y", "--by", "bob", "--to", "alice", "--due", "-3d", "--date", "-1w",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let c = env.record(&out.id());
    assert_eq!(c["due"], "2026-03-17");
    assert_eq!(c["date"], "2026-03-13");
    assert!(out.stderr.contains("already past"), "{}", out.stderr);
    let ask = env.id(&["ask", "Q", "--from", "alice", "--to", "bob", "--due", "-2d"]);
    assert_eq!(env.record(&ask)["due"], "2026-03-18");
}

#[test]
fn a_weekday_in_date_or_as_of_is_the_last_one_and_in_due_the_next_one() {
    let env = Env::new(); // today is Friday 2026-03-20
    let id = env.id(&[
        "promise", "Y", "--by", "bob", "--to", "alice", "--due", "monday", "--date", "monday",
    ]);
    let c = env.record(&id);
    assert_eq!(c["date"], "2026-03-16", "the Monday just gone");
    assert_eq!(c["due"], "2026-03-23", "the coming Monday");
    let out = env.run(&["list", "--as-of", "thursday", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout.contains(&id),
        "recorded today, not known on Thursday"
    );
}

/// The output of a read command, failing the test with its stderr if it did not succeed.
fn stdout(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    out.stdout
}

#[test]
fn since_and_until_look_back_like_date_and_as_of() {
    let env = story(); // today is Friday 2026-03-20
    let list = |a: &[&str]| {
        let mut v = vec!["list", "--format", "json", "--all"];
        v.extend_from_slice(a);
        stdout(&env, &v)
    };
    // Monday is the one just gone (2026-03-16), not the one coming.
    let iso = list(&["--since", "2026-03-16", "--until", "2026-03-16"]);
    assert!(iso.contains("Capacity numbers"), "{iso}");
    assert_eq!(list(&["--since", "monday", "--until", "mon"]), iso);
    assert_eq!(
        stdout(&env, &["log", "--format", "json", "--since", "thursday"]),
        stdout(&env, &["log", "--format", "json", "--since", "2026-03-19"])
    );
    assert_eq!(
        stdout(&env, &["report", "--since", "tuesday", "--until", "thu"]),
        stdout(
            &env,
            &["report", "--since", "2026-03-17", "--until", "2026-03-19"]
        )
    );
    // A due-date filter still looks ahead: friday is today, monday the coming one.
    assert_eq!(
        list(&["--due-after", "monday"]),
        list(&["--due-after", "2026-03-23"])
    );
}

#[test]
fn a_negative_offset_in_a_query_flag_is_a_date_not_a_flag() {
    let env = story();
    for (flag, word, iso) in [
        ("--since", "-2w", "2026-03-06"),
        ("--until", "-1d", "2026-03-19"),
        ("--due-before", "-1w", "2026-03-13"),
        ("--due-after", "-3d", "2026-03-17"),
        ("--as-of", "-1w", "2026-03-13"),
    ] {
        assert_eq!(
            stdout(&env, &["list", "--format", "json", "--all", flag, word]),
            stdout(&env, &["list", "--format", "json", "--all", flag, iso]),
            "{flag} {word}"
        );
    }
    for flag in ["--since", "--until", "--as-of"] {
        assert_eq!(
            stdout(&env, &["log", "--format", "json", flag, "-2w"]),
            stdout(&env, &["log", "--format", "json", flag, "2026-03-06"]),
            "log {flag}"
        );
    }
    assert_eq!(
        stdout(&env, &["report", "--since", "-1w"]),
        stdout(&env, &["report", "--since", "2026-03-13"])
    );
    // The global flag before the command, too.
    assert_eq!(
        stdout(&env, &["--as-of", "-1w", "list", "--format", "json"]),
        stdout(&env, &["list", "--format", "json", "--as-of", "2026-03-13"])
    );
    // A real flag after a hyphen value is still a flag, and a typo is still refused.
    let err = env.refused(&["list", "--since", "-2x"], 1);
    assert!(err.contains("--since") && err.contains("'-2x'"), "{err}");
}

#[test]
fn taskwarrior_words_resolve_as_documented() {
    let env = Env::new(); // today is Friday 2026-03-20
    for (form, iso) in [
        ("sow", "2026-03-16"),
        ("soww", "2026-03-16"),
        ("eoww", "2026-03-20"),
        ("som", "2026-03-01"),
        ("soq", "2026-01-01"),
        ("eoq", "2026-03-31"),
        ("soy", "2026-01-01"),
        ("eoy", "2026-12-31"),
        ("1st", "2026-04-01"),
        ("20th", "2026-03-20"),
        ("15th", "2026-04-15"),
        ("31st", "2026-03-31"),
        ("3d", "2026-03-23"),
        ("2w", "2026-04-03"),
        ("+1y", "2027-03-20"),
        ("1m", "2026-04-20"),
        ("2026-W13", "2026-03-23"),
        ("2026-w13-5", "2026-03-27"),
        ("next friday", "2026-03-27"),
        ("Next Monday", "2026-03-23"),
        ("last friday", "2026-03-13"),
    ] {
        let out = env.run(&["promise", "x", "--by", "b", "--to", "a", "--due", form]);
        assert_eq!(out.code, 0, "{form}: {}", out.stderr);
        assert!(
            out.stdout.contains(&format!("(due {iso})")),
            "{form}: {}",
            out.stdout
        );
        assert_eq!(env.record(&out.id())["due"], iso, "{form}");
    }
    // Past-facing: the last such day of the month, and a bare duration counts back.
    for (form, iso) in [
        ("15th", "2026-03-15"),
        ("20th", "2026-03-20"),
        ("31st", "2026-01-31"),
        ("3d", "2026-03-17"),
        ("2w", "2026-03-06"),
        ("sow", "2026-03-16"),
        ("last friday", "2026-03-13"),
    ] {
        let id = env.id(&["decide", "x", "--by", "b", "--date", form]);
        assert_eq!(env.record(&id)["date"], iso, "--date {form}");
    }
    env.refused(&["decide", "x", "--by", "b", "--date", "next friday"], 1);
    env.assert_sound();
}

#[test]
fn iso_weeks_and_words_filter_listings() {
    let env = story();
    let list = |a: &[&str]| {
        let mut v = vec!["list", "--format", "json", "--all"];
        v.extend_from_slice(a);
        stdout(&env, &v)
    };
    assert_eq!(
        list(&["--since", "2026-W12"]),
        list(&["--since", "2026-03-16"])
    );
    assert_eq!(list(&["--since", "sow"]), list(&["--since", "2026-03-16"]));
    assert_eq!(list(&["--since", "1st"]), list(&["--since", "2026-03-01"]));
    assert_eq!(
        list(&["--due-before", "eoq"]),
        list(&["--due-before", "2026-03-31"])
    );
}

#[test]
fn a_word_not_understood_lists_every_accepted_form() {
    let env = Env::new();
    for bad in [
        "eoweek",
        "32nd",
        "3th",
        "2026-W54",
        "next fryday",
        "3",
        "2026-W13-8",
    ] {
        let err = env.refused(&["promise", "x", "--to", "a", "--due", bad], 1);
        assert!(err.contains(&format!("'{bad}'")), "{bad}: {err}");
        for form in [
            "YYYY-MM-DD",
            "YYYY-Www",
            "1st",
            "next",
            "sow",
            "soq",
            "eoww",
            "+Ny",
            "3d",
        ] {
            assert!(err.contains(form), "{bad}: {form} missing from {err}");
        }
    }
    let err = env.refused(&["promise", "x", "--to", "a", "--due", "2025-W53"], 1);
    assert!(err.contains("no week 53"), "{err}");
}
