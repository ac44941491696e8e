//! The date parser's forms, each against a fixed today, both ways of facing.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn a_weekday_looks_back_for_what_happened_and_forward_for_what_is_due() {
    let monday = d("2026-03-23");
    assert_eq!(parse_past("friday", monday).unwrap(), d("2026-03-20"));
    assert_eq!(parse_past("Mon", monday).unwrap(), monday);
    assert_eq!(parse("friday", monday).unwrap(), d("2026-03-27"));
    assert_eq!(parse_past("-3d", monday).unwrap(), d("2026-03-20"));
}

#[test]
fn friendly_forms() {
    let today = d("2026-11-18"); // a Wednesday
    assert_eq!(parse("today", today).unwrap(), today);
    assert_eq!(parse("tomorrow", today).unwrap(), d("2026-11-19"));
    assert_eq!(parse("friday", today).unwrap(), d("2026-11-20"));
    assert_eq!(parse("wed", today).unwrap(), today);
    assert_eq!(parse("monday", today).unwrap(), d("2026-11-23"));
    assert_eq!(parse("+3d", today).unwrap(), d("2026-11-21"));
    assert_eq!(parse("+2w", today).unwrap(), d("2026-12-02"));
    assert_eq!(parse("-1w", today).unwrap(), d("2026-11-11"));
    assert_eq!(parse("+1m", d("2026-01-31")).unwrap(), d("2026-02-28"));
    assert_eq!(parse("eow", today).unwrap(), d("2026-11-20"));
    assert_eq!(parse("eom", today).unwrap(), d("2026-11-30"));
    assert_eq!(parse("eom", d("2028-02-03")).unwrap(), d("2028-02-29"));
    assert_eq!(parse(" 2026-01-05 ", today).unwrap(), d("2026-01-05"));
}

#[test]
fn impossible_dates_name_the_value() {
    let today = d("2026-11-18");
    let e = parse("2026-02-30", today).unwrap_err();
    assert!(
        e.to_string().contains("'2026-02-30'") && e.to_string().contains("no day 30"),
        "{e}"
    );
    for bad in [
        "",
        "soon",
        "2026-13-01",
        "26-01-01",
        "+3x",
        "3",
        "+",
        "+99999999999d",
        "2026/01/01",
    ] {
        assert!(parse(bad, today).is_err(), "{bad}");
    }
}

#[test]
fn start_and_end_of_periods() {
    let today = d("2026-11-18"); // a Wednesday, in the fourth quarter
    for (word, want) in [
        ("sow", "2026-11-16"),
        ("soww", "2026-11-16"),
        ("eoww", "2026-11-20"),
        ("eow", "2026-11-20"),
        ("som", "2026-11-01"),
        ("eom", "2026-11-30"),
        ("soq", "2026-10-01"),
        ("eoq", "2026-12-31"),
        ("soy", "2026-01-01"),
        ("eoy", "2026-12-31"),
    ] {
        // Neither way of facing changes them.
        assert_eq!(parse(word, today).unwrap(), d(want), "{word}");
        assert_eq!(parse_past(word, today).unwrap(), d(want), "{word}");
    }
    assert_eq!(parse("soq", d("2026-02-14")).unwrap(), d("2026-01-01"));
    assert_eq!(parse("eoq", d("2026-05-31")).unwrap(), d("2026-06-30"));
    // On a Saturday eow is next week's Friday, eoww the Friday just gone.
    let saturday = d("2026-11-21");
    assert_eq!(parse("eow", saturday).unwrap(), d("2026-11-27"));
    assert_eq!(parse("eoww", saturday).unwrap(), d("2026-11-20"));
    assert_eq!(parse("sow", d("2026-11-22")).unwrap(), d("2026-11-16"));
}

#[test]
fn a_day_of_the_month_is_the_next_or_the_last_one() {
    let today = d("2026-11-18");
    for (word, ahead, back) in [
        ("1st", "2026-12-01", "2026-11-01"),
        ("2nd", "2026-12-02", "2026-11-02"),
        ("3rd", "2026-12-03", "2026-11-03"),
        ("11th", "2026-12-11", "2026-11-11"),
        ("18th", "2026-11-18", "2026-11-18"),
        ("22nd", "2026-11-22", "2026-10-22"),
        ("31st", "2026-12-31", "2026-10-31"),
    ] {
        assert_eq!(parse(word, today).unwrap(), d(ahead), "{word}");
        assert_eq!(parse_past(word, today).unwrap(), d(back), "{word}");
    }
    assert_eq!(parse("30th", d("2028-02-01")).unwrap(), d("2028-03-30"));
    assert_eq!(parse("29th", d("2027-02-01")).unwrap(), d("2027-03-29"));
    for bad in ["0th", "32nd", "3th", "1nd", "11st", "01st", "st"] {
        assert!(parse(bad, today).is_err(), "{bad}");
    }
}

#[test]
fn durations_with_or_without_a_sign() {
    let today = d("2026-11-18");
    assert_eq!(parse("3d", today).unwrap(), d("2026-11-21"));
    assert_eq!(parse_past("3d", today).unwrap(), d("2026-11-15"));
    assert_eq!(parse("2w", today).unwrap(), d("2026-12-02"));
    assert_eq!(parse_past("2weeks", today).unwrap(), d("2026-11-04"));
    assert_eq!(parse("1m", today).unwrap(), d("2026-12-18"));
    assert_eq!(parse("+1y", today).unwrap(), d("2027-11-18"));
    assert_eq!(
        parse_past("+1y", today).unwrap(),
        d("2027-11-18"),
        "a sign wins"
    );
    assert_eq!(parse("-1y", d("2028-02-29")).unwrap(), d("2027-02-28"));
    assert_eq!(parse("1y", today).unwrap(), d("2027-11-18"));
    assert_eq!(parse("+3", today).unwrap(), d("2026-11-21"));
    for bad in ["3", "3x", "+3x", "3dd", "-y"] {
        assert!(parse(bad, today).is_err(), "{bad}");
    }
}

#[test]
fn iso_weeks() {
    let today = d("2026-11-18");
    assert_eq!(parse("2026-W52", today).unwrap(), d("2026-12-21"));
    assert_eq!(parse("2026-w52-5", today).unwrap(), d("2026-12-25"));
    assert_eq!(parse("2026-W53-5", today).unwrap(), d("2027-01-01"));
    assert_eq!(parse("2026-W01", today).unwrap(), d("2025-12-29"));
    assert_eq!(parse("2026-W1-7", today).unwrap(), d("2026-01-04"));
    let e = parse("2025-W53", today).unwrap_err().to_string();
    assert!(e.contains("2025 has no week 53"), "{e}");
    let e = parse("2026-W10-8", today).unwrap_err().to_string();
    assert!(e.contains("days 1 (Monday) to 7"), "{e}");
    for bad in [
        "2026-W",
        "2026-W0",
        "2026-W123",
        "26-W10",
        "2026-W10-",
        "2026-Wx",
    ] {
        assert!(parse(bad, today).is_err(), "{bad}");
    }
}

#[test]
fn next_and_last_weekday_never_mean_today() {
    let today = d("2026-11-18"); // a Wednesday
    for (word, want) in [
        ("next wednesday", "2026-11-25"),
        ("next thursday", "2026-11-19"),
        ("next  Tue", "2026-11-24"),
        ("last wednesday", "2026-11-11"),
        ("last tuesday", "2026-11-17"),
        ("last thu", "2026-11-12"),
    ] {
        assert_eq!(parse(word, today).unwrap(), d(want), "{word}");
        assert_eq!(parse_past(word, today).unwrap(), d(want), "{word}");
    }
    let e = parse("next fryday", today).unwrap_err().to_string();
    assert!(e.contains("'fryday' is not a weekday"), "{e}");
    for bad in ["next", "this friday", "next friday please", "last week"] {
        assert!(parse(bad, today).is_err(), "{bad}");
    }
}

#[test]
fn never_panics_on_odd_input() {
    let today = d("2026-11-18");
    for s in [
        "-",
        "+-3d",
        "+3dd",
        "\u{1b}[31m",
        "9999-12-31",
        "+100000m",
        "-100000m",
        "0000-01-01",
    ] {
        let _ = parse(s, today);
    }
}
