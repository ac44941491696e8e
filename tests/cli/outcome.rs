//! Outcomes of a commitment and keep rates, on both sides of every boundary: the due day itself
//! is on time and the day after is late, for marking done, for rescheduling and for cancelling.

use serde_json::Value;

use crate::harness::Env;

/// Kim promises lee a report on 2026-03-02, due 2026-03-13; returns the world and the id.
fn kim_promises() -> (Env, String) {
    let env = Env::new();
    env.today("2026-03-02");
    let id = env.id(&[
        "promise",
        "Send the quarterly report",
        "--by",
        "kim",
        "--to",
        "lee",
        "--due",
        "2026-03-13",
    ]);
    (env, id)
}

/// Kim's `who` answer on `day`: the promise's JSON and the on-time rate.
fn who_on(env: &Env, day: &str, id: &str) -> (Value, Value) {
    env.today(day);
    let v = env.run(&["who", "kim", "--format", "json"]).json();
    let promise = v["promised"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not in {v}"));
    (promise, v["on_time_rate"].clone())
}

fn reschedule(env: &Env, id: &str, on: &str, to: &str) {
    env.today(on);
    env.ok(&[
        "reschedule",
        id,
        "--due",
        to,
        "--reason",
        "the data came late",
    ]);
}

fn close(env: &Env, id: &str, on: &str, verb: &str) {
    env.today(on);
    match verb {
        "done" => env.ok(&["done", id]),
        _ => env.ok(&["cancel", id, "--reason", "no longer needed"]),
    };
}

/// Asserts the promise's outcome and its maker's on-time rate in `who --format json` on `day`;
/// returns the promise as `who` shows it.
#[track_caller]
fn outcome_on(env: &Env, day: &str, id: &str, outcome: &str, rate: Option<f64>) -> Value {
    let (c, r) = who_on(env, day, id);
    assert_eq!((c["outcome"].as_str(), r.as_f64()), (Some(outcome), rate));
    c
}

#[test]
fn done_on_the_due_day_is_kept_on_time() {
    let (env, id) = kim_promises();
    close(&env, &id, "2026-03-13", "done");
    outcome_on(&env, "2026-03-20", &id, "on_time", Some(1.0));
    assert!(env
        .message()
        .contains("Outcome: done on time (due 2026-03-13, done 2026-03-13)"));
}

#[test]
fn done_the_day_after_the_due_day_is_kept_late() {
    let (env, id) = kim_promises();
    close(&env, &id, "2026-03-14", "done");
    let c = outcome_on(&env, "2026-03-20", &id, "late", Some(0.0));
    assert_eq!(c["days_late"], 1);
    assert!(env
        .message()
        .contains("Outcome: done 1 day late (due 2026-03-13, done 2026-03-14)"));
}

#[test]
fn moved_on_the_due_day_and_kept_is_renegotiated_in_time_and_counts_as_on_time() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-13", "2026-03-18");
    close(&env, &id, "2026-03-18", "done");
    let c = outcome_on(&env, "2026-03-20", &id, "renegotiated", Some(1.0));
    assert_eq!(c["late_reschedules"], serde_json::json!([]));
    let table = env.ok(&["who", "kim"]);
    assert!(table.contains("renegotiated in time"), "{table}");
    assert!(
        table.contains("100% (1 of the 1 that came due kept on time)"),
        "{table}"
    );
}

#[test]
fn moved_in_time_but_done_after_the_new_date_is_kept_late() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-12", "2026-03-18");
    close(&env, &id, "2026-03-19", "done");
    outcome_on(&env, "2026-03-20", &id, "late", Some(0.0));
}

#[test]
fn moved_the_day_after_the_due_day_is_kept_late_even_when_done_by_the_new_date() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-14", "2026-03-18");
    close(&env, &id, "2026-03-18", "done");
    let c = outcome_on(&env, "2026-03-20", &id, "late", Some(0.0));
    assert_eq!(c["late_reschedules"][0]["days_after_due"], 1);
}

/// The case of issue 12: 7 days overdue, moved to today, done today.
#[test]
fn a_promise_moved_to_today_a_week_after_it_was_due_is_not_done_on_time() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-20", "2026-03-20");
    let moved = env.message();
    assert!(
        moved.contains("Moved: rescheduled 7 days after it was due"),
        "{moved}"
    );
    close(&env, &id, "2026-03-20", "done");
    let done = env.message();
    assert!(
        done.contains("Outcome: kept late, done by the due date in force; rescheduled 7 days after it was due"),
        "{done}"
    );
    assert!(done.contains("Ledger-Outcome: late"), "{done}");
    outcome_on(&env, "2026-03-20", &id, "late", Some(0.0));
    let table = env.ok(&["who", "kim"]);
    assert!(
        table.contains("done late; rescheduled 7 days after it was due"),
        "{table}"
    );
    assert!(table.contains("On-time rate: 0%"), "{table}");
    let history = env.ok(&["history", &id]);
    assert!(
        history.contains(
            "2026-03-13 -> 2026-03-20 \"the data came late\" (rescheduled 7 days after it was due)"
        ),
        "{history}"
    );
    let list = env.ok(&["list", "--all", "commitment"]);
    assert!(list.contains("done (late)"), "{list}");
    let json = env.run(&["list", "--all", "--format", "json"]).json();
    assert_eq!(json[0]["outcome"], "late", "{json}");
    let report = env.ok(&["report", "--since", "2026-03-14", "--until", "2026-03-20"]);
    assert!(
        report.contains("**late**, **rescheduled 7 days after it was due**"),
        "{report}"
    );
    let v = env
        .run(&[
            "report",
            "--since",
            "2026-03-14",
            "--until",
            "2026-03-20",
            "--format",
            "json",
        ])
        .json();
    let kim = &v["keep_rates"]["people"][0];
    assert_eq!(
        (kim["name"].as_str(), kim["late"].as_u64()),
        (Some("kim"), Some(1)),
        "{v}"
    );
    assert_eq!(kim["on_time_rate"], 0.0, "{v}");
}

#[test]
fn open_is_broken_from_the_day_after_the_due_day() {
    let (env, id) = kim_promises();
    let (c, rate) = who_on(&env, "2026-03-13", &id);
    assert_eq!((c["outcome"].as_str(), rate.as_f64()), (Some("open"), None));
    outcome_on(&env, "2026-03-14", &id, "overdue", Some(0.0));
    let v = env.run(&["who", "kim", "--format", "json"]).json();
    assert_eq!(v["counts"]["broken"], 1, "{v}");
}

#[test]
fn cancelled_on_the_due_day_is_in_time_and_the_day_after_is_broken() {
    let (env, id) = kim_promises();
    close(&env, &id, "2026-03-13", "cancel");
    outcome_on(&env, "2026-03-20", &id, "cancelled", None);

    let (env, id) = kim_promises();
    close(&env, &id, "2026-03-14", "cancel");
    outcome_on(&env, "2026-03-20", &id, "cancelled_late", Some(0.0));
    assert!(env
        .message()
        .contains("Outcome: broken: cancelled 1 day after due"));
}

#[test]
fn cancelled_after_a_late_move_is_broken_though_before_the_new_date() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-15", "2026-03-25");
    close(&env, &id, "2026-03-20", "cancel");
    let (c, _) = who_on(&env, "2026-03-20", &id);
    assert_eq!(c["outcome"], "cancelled_late");
}

#[test]
fn a_backdated_date_cannot_pass_a_late_move_as_one_made_in_time() {
    let (env, id) = kim_promises();
    env.today("2026-03-20");
    let err = env.refused(
        &[
            "reschedule",
            &id,
            "--due",
            "2026-03-27",
            "--reason",
            "late",
            "--date",
            "2026-03-13",
        ],
        1,
    );
    assert!(
        err.contains("would count it as renegotiated in time"),
        "{err}"
    );
    // Dated the day after the due day, the move is recorded, as a late one.
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-27",
        "--reason",
        "late",
        "--date",
        "2026-03-14",
    ]);
    let (c, _) = who_on(&env, "2026-03-20", &id);
    assert_eq!(c["late_reschedules"][0]["days_after_due"], 1, "{c}");
}

#[test]
fn a_move_logged_on_the_due_day_may_be_dated_the_day_before() {
    let (env, id) = kim_promises();
    env.today("2026-03-13");
    env.ok(&[
        "reschedule",
        &id,
        "--due",
        "2026-03-20",
        "--reason",
        "agreed yesterday",
        "--date",
        "2026-03-12",
    ]);
    close(&env, &id, "2026-03-20", "done");
    let (c, _) = who_on(&env, "2026-03-20", &id);
    assert_eq!(c["outcome"], "renegotiated");
}

#[test]
fn overdue_and_escalate_say_a_move_came_after_the_due_date() {
    let (env, id) = kim_promises();
    reschedule(&env, &id, "2026-03-16", "2026-03-18");
    env.today("2026-03-20");
    let table = env.ok(&["overdue"]);
    assert!(
        table.contains(
            "was rescheduled 3 days after it was due (on 2026-03-16, due 2026-03-13 -> 2026-03-18)"
        ),
        "{table}"
    );
    let v = env.run(&["overdue", "--format", "json"]).json();
    assert_eq!(
        v["commitments"][0]["late_reschedules"][0]["days_after_due"], 3,
        "{v}"
    );
    let memo = env.ok(&["escalate", &id]);
    assert!(
        memo.contains("rescheduled 3 days after it was due"),
        "{memo}"
    );
}
