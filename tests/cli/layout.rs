//! Colour on a terminal only (never in a pipe or under NO_COLOR), and `show` at 80 columns.

use std::process::Command;

use crate::harness::{bin, story, Env};

/// Runs `ledger ARGS` on a pseudo-terminal through `script`, or None when it is missing.
fn on_terminal(env: &Env, no_color: &str, args: &str) -> Option<String> {
    Command::new("script").arg("--version").output().ok()?;
    let mut cmd = Command::new("script");
    env.hermetic(&mut cmd);
    cmd.env("NO_COLOR", no_color).args([
        "-qec",
        &format!("stty cols 100 rows 40; {} {args}", bin()),
        "/dev/null",
    ]);
    let out = cmd.output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn statuses_coloured_on_a_terminal_only() {
    let env = story();
    assert!(!env.ok(&["list"]).contains('\u{1b}'), "colour in a pipe");
    let Some(tty) = on_terminal(&env, "", "list") else {
        eprintln!("notice: `script` is not installed; colour on a terminal not checked");
        return;
    };
    assert!(
        tty.contains("\u{1b}[") && tty.contains("open"),
        "no colour on a terminal:\n{tty}"
    );
    let plain = on_terminal(&env, "1", "list").unwrap();
    assert!(
        !plain.contains("\u{1b}[3"),
        "colour under NO_COLOR:\n{plain}"
    );
    assert!(plain.contains("open"), "{plain}");
}

#[test]
fn show_fits_80_columns() {
    let env = Env::new();
    let long = "Migrate every refund path to tokens, including the manual refunds that the support team issues by hand from the back office, and retire the old card-number columns once nothing reads them";
    let id = env.id(&[
        "promise",
        long,
        "--by",
        "alice",
        "--to",
        "dave",
        "--due",
        "2026-04-30",
    ]);
    env.set("COLUMNS", "80");
    let out = env.ok(&["show", &id]);
    for l in out.lines() {
        assert!(
            l.chars().count() <= 80,
            "{} columns: {l}",
            l.chars().count()
        );
    }
    let what: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("what"))
        .take(3)
        .collect();
    assert!(
        what[1].starts_with("          ") && !what[1].trim().is_empty(),
        "wrapped under its indent:\n{out}"
    );
    let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(joined.contains(long), "the text is all there");
}

#[test]
fn every_story_record_shows_within_80_columns() {
    let env = story();
    env.set("COLUMNS", "80");
    let all: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "--all", "--format", "json"])).unwrap();
    for r in all.as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        for l in env.ok(&["show", id]).lines() {
            assert!(
                l.chars().count() <= 80,
                "show {id}: {} columns: {l}",
                l.chars().count()
            );
        }
    }
}
