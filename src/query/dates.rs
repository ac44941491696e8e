//! The one date parser: ISO dates and the friendly forms people type (`friday`, `+2w`, `eom`).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// The forms accepted, for error messages and help.
pub const ACCEPTED: &str = "YYYY-MM-DD; YYYY-Www or YYYY-Www-D (an ISO week's Monday, or its day D, 1-7); today, tomorrow, yesterday; a weekday (monday..sunday, mon..sun); next or last and a weekday (next friday); a day of the month (1st, 2nd, 3rd ... 31st); +Nd, +Nw, +Nm, +Ny ahead and -Nd, -Nw, -Nm, -Ny back; 3d, 2w, 1m, 1y (ahead for due dates, back for the others); sow, soww (this week's Monday), eow (the coming Friday), eoww (this week's Friday), som, eom, soq, eoq, soy, eoy (start and end of this month, quarter, year)";

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a date{detail}; use one of: {ACCEPTED}")]
pub struct DateError {
    pub value: String,
    pub detail: String,
}

/// Which way a word that could point either way (a weekday, a day of the month, a bare
/// duration) points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facing {
    /// When something is due, or a bound on due dates: the next such day, today included.
    Forward,
    /// When something happened, or a bound on what happened: the last such day, today included.
    Past,
}

/// Today: `LEDGER_TODAY` when set (tests, demos), else the local date.
pub fn today() -> Result<NaiveDate, DateError> {
    match std::env::var("LEDGER_TODAY") {
        Ok(s) if !s.trim().is_empty() => parse_iso(s.trim()).map_err(|mut e| {
            e.detail = format!(" (from LEDGER_TODAY){}", e.detail);
            e
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

fn parse_iso(s: &str) -> Result<NaiveDate, DateError> {
    let err = |detail: &str| DateError {
        value: s.to_string(),
        detail: detail.to_string(),
    };
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts[1].is_empty()
        || parts[2].is_empty()
        || parts[1].len() > 2
        || parts[2].len() > 2
    {
        return Err(err(""));
    }
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let Some(n) = nums else { return Err(err("")) };
    if !(1..=12).contains(&n[1]) {
        return Err(err(&format!(": there is no month {}", n[1])));
    }
    NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
        .ok_or_else(|| err(&format!(": {}-{:02} has no day {}", n[0], n[1], n[2])))
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Days from `a` forward to the next `b` (0 when they are the same day).
fn days_until(a: Weekday, b: Weekday) -> i64 {
    (7 + b.num_days_from_monday() as i64 - a.num_days_from_monday() as i64) % 7
}

/// The `day` nearest `today` the way `facing` points, today included.
fn nearest_weekday(today: NaiveDate, day: Weekday, facing: Facing) -> NaiveDate {
    match facing {
        Facing::Forward => today + Duration::days(days_until(today.weekday(), day)),
        Facing::Past => today - Duration::days(days_until(day, today.weekday())),
    }
}

/// Monday of the (Monday to Sunday) week holding `day`.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// The words for the start or end of this week, month, quarter or year. `eow` is the coming
/// Friday (a work week's end; on a weekend, next week's), unlike Taskwarrior's Sunday.
fn period_word(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let first_of_month = today.with_day(1)?;
    let quarter = first_of_month.with_month((today.month0() / 3) * 3 + 1)?;
    let year = NaiveDate::from_ymd_opt(today.year(), 1, 1)?;
    let last_day_before = |d: Option<NaiveDate>| d.map(|d| d - Duration::days(1));
    match s {
        "today" => Some(today),
        "tomorrow" => today.succ_opt(),
        "yesterday" => today.pred_opt(),
        "sow" | "soww" => Some(monday_of(today)),
        "eow" => Some(nearest_weekday(today, Weekday::Fri, Facing::Forward)),
        "eoww" => Some(monday_of(today) + Duration::days(4)),
        "som" => Some(first_of_month),
        "eom" => last_day_before(first_of_month.checked_add_months(Months::new(1))),
        "soq" => Some(quarter),
        "eoq" => last_day_before(quarter.checked_add_months(Months::new(3))),
        "soy" => Some(year),
        "eoy" => NaiveDate::from_ymd_opt(today.year(), 12, 31),
        _ => None,
    }
}

/// `1st`, `2nd`, `3rd`, `4th` ... `31st`: the day number, when the suffix fits it.
fn ordinal(s: &str) -> Option<u32> {
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    let (num, suffix) = s.split_at(digits);
    if num.is_empty() || num.len() > 2 || num.starts_with('0') {
        return None;
    }
    let n: u32 = num.parse().ok()?;
    let want = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    (suffix == want).then_some(n)
}

/// The day `n` of a month nearest `today` the way `facing` points, today included; months
/// without that day (the 31st in April) are skipped.
fn day_of_month(today: NaiveDate, n: u32, facing: Facing) -> Option<NaiveDate> {
    let first = today.with_day(1)?;
    (0..=12).find_map(|k| {
        let month = match facing {
            Facing::Forward => first.checked_add_months(Months::new(k))?,
            Facing::Past => first.checked_sub_months(Months::new(k))?,
        };
        let day = month.with_day(n)?;
        let fits = match facing {
            Facing::Forward => day >= today,
            Facing::Past => day <= today,
        };
        fits.then_some(day)
    })
}

/// `2026-W52` (its Monday) or `2026-W52-5` (its Friday); `None` when `s` is not in that shape.
fn iso_week(s: &str) -> Option<Result<NaiveDate, String>> {
    let (year, rest) = s.split_once("-w")?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (week, day) = match rest.split_once('-') {
        Some((w, d)) => (w, Some(d)),
        None => (rest, None),
    };
    let number = |t: &str, max: usize| {
        (!t.is_empty() && t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let year: i32 = year.parse().ok()?;
    let week = number(week, 2)?;
    let day = match day {
        Some(d) => number(d, 1)?,
        None => 1,
    };
    let Some(weekday) = (1..=7)
        .contains(&day)
        .then(|| Weekday::try_from(day as u8 - 1).ok())
        .flatten()
    else {
        return Some(Err(format!(
            ": an ISO week has days 1 (Monday) to 7, not {day}"
        )));
    };
    Some(
        NaiveDate::from_isoywd_opt(year, week, weekday)
            .ok_or_else(|| format!(": {year} has no week {week}")),
    )
}

/// `+3d`, `-2w`, `3d`, `+1y`: an offset from today. A sign says which way; without one the
/// offset points the way `facing` does, and needs its unit (a bare `3` is not a date).
fn offset(s: &str, today: NaiveDate, facing: Facing) -> Option<Result<NaiveDate, String>> {
    let (forward, body, signed) = match s.as_bytes().first()? {
        b'+' => (true, &s[1..], true),
        b'-' => (false, &s[1..], true),
        b'0'..=b'9' => (facing == Facing::Forward, s, false),
        _ => return None,
    };
    let at = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (num, unit) = body.split_at(at);
    if !signed && unit.is_empty() {
        return None;
    }
    let Ok(n) = num.parse::<u32>() else {
        return Some(Err(String::new()));
    };
    if n > 100_000 {
        return Some(Err(": that is too far away".into()));
    }
    let shift = |d: Duration| {
        if forward {
            today.checked_add_signed(d)
        } else {
            today.checked_sub_signed(d)
        }
    };
    let months = |m: u32| {
        if forward {
            today.checked_add_months(Months::new(m))
        } else {
            today.checked_sub_months(Months::new(m))
        }
    };
    let out = match unit {
        "d" | "day" | "days" | "" => shift(Duration::days(n as i64)),
        "w" | "week" | "weeks" => shift(Duration::weeks(n as i64)),
        "m" | "month" | "months" => months(n),
        "y" | "year" | "years" => months(n * 12),
        _ if !signed => return None,
        _ => return Some(Err(format!(": unknown unit '{unit}'"))),
    };
    Some(out.ok_or_else(|| ": that is out of range".into()))
}

/// Parses a date relative to `today` for a flag that looks ahead (`--due`, `--due-before`).
pub fn parse(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_facing(input, today, Facing::Forward)
}

/// Parses a date for a flag that says when something happened or a day to look back from
/// (`--date`, `--as-of`, `--since`, `--until`): a weekday is the last such day, today included
/// (`friday` on a Monday is the Friday just gone), and so on as [`Facing::Past`] says.
pub fn parse_past(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    parse_facing(input, today, Facing::Past)
}

/// Parses a date relative to `today`, with words that could point either way pointing `facing`.
pub fn parse_facing(input: &str, today: NaiveDate, facing: Facing) -> Result<NaiveDate, DateError> {
    let lower = input.trim().to_ascii_lowercase();
    let s = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let err = |detail: &str| DateError {
        value: input.to_string(),
        detail: detail.to_string(),
    };
    if s.is_empty() {
        return Err(err(": it is empty"));
    }
    if let Some(day) = period_word(&s, today) {
        return Ok(day);
    }
    if let Some(day) = weekday(&s) {
        return Ok(nearest_weekday(today, day, facing));
    }
    if let Some((which, rest)) = s.split_once(' ') {
        let day = weekday(rest);
        return match (which, day) {
            // Never today: "next friday" on a Friday is a week away.
            ("next", Some(day)) => {
                Ok(today + Duration::days((days_until(today.weekday(), day) + 6) % 7 + 1))
            }
            ("last", Some(day)) => {
                Ok(today - Duration::days((days_until(day, today.weekday()) + 6) % 7 + 1))
            }
            ("next" | "last", None) => Err(err(&format!(": '{rest}' is not a weekday"))),
            _ => Err(err("")),
        };
    }
    if let Some(n) = ordinal(&s) {
        return day_of_month(today, n, facing)
            .ok_or_else(|| err(&format!(": no month has a day {n}")));
    }
    if let Some(week) = iso_week(&s) {
        return week.map_err(|detail| err(&detail));
    }
    if let Some(day) = offset(&s, today, facing) {
        return day.map_err(|detail| err(&detail));
    }
    parse_iso(input.trim()).map_err(|e| err(&e.detail))
}

/// The date forms of trackers' CSV exports, for `ledger import`.
pub const TRACKER_FORMS: &str = "YYYY-MM-DD (with or without a time), dd/Mon/yy and dd/Mon/yyyy (Jira, with or without a time), YYYY/MM/DD, dd Mon yyyy, Mon dd, yyyy, dd.mm.yyyy";

/// Reads a date as trackers export it: ISO with or without a time (`2026-03-12 14:05`,
/// `2026-03-12T14:05:00Z`), Jira's `12/Mar/26 2:05 PM`, and a few other unambiguous forms. A
/// time of day is ignored. Slash forms with numbers only (03/04/2026) are refused as ambiguous.
pub fn parse_tracker(input: &str) -> Result<NaiveDate, DateError> {
    const FORMS: [&str; 8] = [
        "%Y-%m-%d",
        "%d/%b/%y",
        "%d/%b/%Y",
        "%Y/%m/%d",
        "%d %b %Y",
        "%d-%b-%Y",
        "%b %d, %Y",
        "%d.%m.%Y",
    ];
    let s = input.trim();
    // An ISO date-time: the date is the part before 'T'.
    let s = match s.split_once('T') {
        Some((d, _)) if d.len() == 10 && d.as_bytes()[4] == b'-' => d,
        _ => s,
    };
    let words: Vec<&str> = s.split_whitespace().collect();
    // Drop a trailing time ("14:05", "2:05 PM") one word at a time.
    for n in (1..=words.len()).rev() {
        let candidate = words[..n].join(" ");
        for form in FORMS {
            if let Ok(d) = NaiveDate::parse_from_str(&candidate, form) {
                return Ok(d);
            }
        }
    }
    Err(DateError {
        value: input.to_string(),
        detail: format!(" in a form trackers export ({TRACKER_FORMS})"),
    })
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_weekday_looks_back_for_what_happened_and_forward_for_what_is_due() {
        let monday = NaiveDate::from_ymd_opt(2026, 3, 23).unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(parse_past("friday", monday).unwrap(), d("2026-03-20"));
        assert_eq!(parse_past("Mon", monday).unwrap(), monday);
        assert_eq!(parse("friday", monday).unwrap(), d("2026-03-27"));
        assert_eq!(parse_past("-3d", monday).unwrap(), d("2026-03-20"));
    }

    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
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
    fn tracker_forms() {
        for (s, want) in [
            ("2026-03-12", "2026-03-12"),
            ("2026-03-12 14:05", "2026-03-12"),
            ("2026-03-12T14:05:00.000+0100", "2026-03-12"),
            ("12/Mar/26", "2026-03-12"),
            ("12/mar/26 2:05 PM", "2026-03-12"),
            ("12/Mar/2026 14:05", "2026-03-12"),
            ("12 Mar 2026", "2026-03-12"),
            ("Mar 12, 2026", "2026-03-12"),
        ] {
            assert_eq!(parse_tracker(s).unwrap(), d(want), "{s}");
        }
        for bad in ["", "03/04/2026", "soon", "2026-02-30", "32/Mar/26"] {
            assert!(parse_tracker(bad).is_err(), "{bad}");
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
}
