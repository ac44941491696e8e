//! Times of day on notes, reschedules and closings (`at`, `closed_at`): written from the
//! commit's clock, shown beside the date, checked in hand edits, and what orders two clones'
//! entries of one day.

use crate::harness::Env;
use crate::sync::{assert_sound_in, world};

/// Runs the following commands as if at `time` (an RFC 3339 moment): author and commit date.
fn at(env: &Env, time: &str) {
    env.set("GIT_AUTHOR_DATE", time);
    env.set("GIT_COMMITTER_DATE", time);
}

fn texts(v: &serde_json::Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|n| n[field].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn notes_from_two_clones_on_one_day_come_out_in_the_order_they_were_made() {
    let w = world();
    let env = &w.env;
    let com = env.bob_promises_alice("Open the VPN tunnel");
    env.ok(&["sync"]);
    let b = w.clone_as("b");
    // Clone A notes at 10:00 UTC; clone B earlier, at 11:30 in UTC+2 (09:30 UTC). By their
    // text alone (the old order) A's note would come first.
    at(env, "2026-03-20T10:00:00+00:00");
    env.ok(&["note", &com, "A: tunnel is up"]);
    at(env, "2026-03-20T11:30:00+02:00");
    env.ok_in(&b, &["note", &com, "B: firewall rule requested"]);
    at(env, "2026-03-20T10:05:00+00:00");
    env.ok(&["sync"]);
    env.ok_in(&b, &["sync"]);
    env.ok(&["sync"]);
    let want = ["B: firewall rule requested", "A: tunnel is up"];
    let times = ["2026-03-20T11:30:00+02:00", "2026-03-20T10:00:00+00:00"];
    for dir in [&env.dir, &b] {
        let v = w.show(dir, &com);
        assert_eq!(texts(&v, "notes", "text"), want, "{}", dir.display());
        assert_eq!(texts(&v, "notes", "at"), times, "{}", dir.display());
        let table = env.ok_in(dir, &["show", &com]);
        assert!(table.contains("2026-03-20 11:30"), "{table}");
        assert!(table.contains("2026-03-20 10:00"), "{table}");
        assert_sound_in(env, dir);
        env.ok_in(dir, &["verify"]);
    }
    let path = env.path_of(&com);
    assert_eq!(
        env.read(&path),
        std::fs::read_to_string(b.join(&path)).unwrap(),
        "both clones hold the same file"
    );
    assert!(
        env.read(&path)
            .contains("  at: 2026-03-20T11:30:00+02:00\n"),
        "{}",
        env.read(&path)
    );
}

#[test]
fn reschedules_on_two_clones_on_one_day_keep_the_later_one_as_the_due_date() {
    let w = world();
    let env = &w.env;
    let com = env.bob_promises_alice("Open the VPN tunnel");
    env.ok(&["sync"]);
    let b = w.clone_as("b");
    // B moves it first (to a later date), A an hour later (to an earlier one): A's is in force.
    at(env, "2026-03-20T09:00:00+00:00");
    env.ok_in(
        &b,
        &[
            "reschedule",
            &com,
            "--due",
            "2026-05-01",
            "--reason",
            "vendor late",
        ],
    );
    at(env, "2026-03-20T10:00:00+00:00");
    env.ok(&[
        "reschedule",
        &com,
        "--due",
        "2026-04-10",
        "--reason",
        "scope cut",
    ]);
    env.ok(&["sync"]);
    env.ok_in(&b, &["sync"]);
    env.ok(&["sync"]);
    for dir in [&env.dir, &b] {
        let v = w.show(dir, &com);
        assert_eq!(v["due"], "2026-04-10", "{v}");
        assert_eq!(
            texts(&v, "reschedules", "reason"),
            ["vendor late", "scope cut"]
        );
        env.ok_in(dir, &["verify"]);
    }
}

#[test]
fn a_closing_carries_its_time_and_a_backdated_one_does_not() {
    let env = Env::empty();
    env.today("2026-03-18");
    env.ok(&["init"]);
    let a = env.bob_promises_alice("Send the plan");
    let b = env.bob_promises_alice("Send the budget");
    env.today("2026-03-20");
    at(&env, "2026-03-20T17:45:30-05:00");
    env.ok(&["done", &a]);
    // Done "yesterday" has no moment of its own to record.
    env.ok(&["done", &b, "--date", "2026-03-19"]);
    let v = env.record(&a);
    assert_eq!(v["closed"], "2026-03-20");
    assert_eq!(v["closed_at"], "2026-03-20T17:45:30-05:00");
    let show = env.ok(&["show", &a]);
    assert!(show.contains("2026-03-20 17:45"), "{show}");
    let v = env.record(&b);
    assert_eq!(v["closed"], "2026-03-19");
    assert!(v.get("closed_at").is_none(), "{v}");
    // A note dated another day gets no time either.
    env.ok(&["note", &b, "found the receipt", "--date", "2026-03-18"]);
    assert!(env.record(&b)["notes"][0].get("at").is_none());
    env.ok(&["check"]);
    env.ok(&["verify"]);
}

#[test]
fn a_file_from_before_times_still_reads_and_new_notes_follow_its_old_ones() {
    let env = Env::new();
    let com = env.bob_promises_alice("Open the VPN tunnel");
    let path = env.path_of(&com);
    // As an older ledger wrote it: a note with a date and no time.
    let old = format!(
        "{}notes:\n- date: 2026-03-20\n  by: bob\n  text: zz old note\n",
        env.read(&path)
    );
    env.write(&path, &old);
    env.commit_by_hand("an older ledger's note");
    env.ok(&["check"]);
    let show = env.ok(&["show", &com]);
    assert!(show.contains("2026-03-20 bob: zz old note"), "{show}");
    env.ok(&["note", &com, "aa new note"]);
    let v = env.record(&com);
    assert_eq!(texts(&v, "notes", "text"), ["zz old note", "aa new note"]);
    assert!(v["notes"][0].get("at").is_none());
    assert!(v["notes"][1]["at"].is_string(), "{v}");
    // `history` lists the added note with its time, as `show` does.
    let history = env.ok(&["history", &com]);
    assert!(
        history.contains("\"aa new note\" at 2026-03-20 09:"),
        "{history}"
    );
    env.ok(&["verify"]);
}

#[test]
fn a_bad_time_in_a_hand_edit_is_reported_with_file_line_field_and_value() {
    let env = Env::new();
    let com = env.bob_promises_alice("Open the VPN tunnel");
    env.ok(&["note", &com, "started"]);
    let path = env.path_of(&com);
    let good = env.read(&path);
    let line = good.lines().position(|l| l.contains("  at: ")).unwrap() + 1;
    let stamp = good
        .lines()
        .find_map(|l| l.strip_prefix("  at: "))
        .unwrap()
        .to_string();
    // Not a time at all.
    env.write(&path, &good.replace(&stamp, "2026-03-20 14:03"));
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains(&format!(
            "{path}:{line}:3: notes[0].at: '2026-03-20 14:03' is not a time"
        )),
        "{}",
        out.stdout
    );
    // A time on another day than its note's date.
    env.write(&path, &good.replace(&stamp, "2026-03-21T08:00:00+00:00"));
    let out = env.fails(&["check"], 2);
    assert!(
        out.stdout.contains(&path)
            && out.stdout.contains("notes.at")
            && out
                .stdout
                .contains("2026-03-21T08:00:00+00:00 is not on the entry's date 2026-03-20"),
        "{}",
        out.stdout
    );
    // Changing an old note's time later is a rewrite of that note.
    env.write(&path, &good.replace(&stamp, "2026-03-20T23:59:00+00:00"));
    env.commit_by_hand("retime a note");
    let out = env.fails(&["verify"], 2);
    assert!(out.stdout.contains("notes"), "{}", out.stdout);
}
