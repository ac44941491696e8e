//! The one date parser: ISO dates and the friendly forms people type (`friday`, `+2w`, `eom`).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// The forms accepted, for error messages and help.
pub const ACCEPTED: &str = "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (monday..sunday, mon..sun: the next one, today included), +Nd, +Nw, +Nm, -Nd, -Nw, eow (this week's friday), eom (end of month), eoy (end of year)";

/// Why a date could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a date{detail}; use one of: {ACCEPTED}")]
pub struct DateError {
    pub value: String,
    pub detail: String,
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

/// The next `day` on or after `from`.
fn next_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead =
        (7 + day.num_days_from_monday() as i64 - from.weekday().num_days_from_monday() as i64) % 7;
    from + Duration::days(ahead)
}

/// Parses a date relative to `today`.
pub fn parse(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_ascii_lowercase();
    let err = |detail: &str| DateError {
        value: input.to_string(),
        detail: detail.to_string(),
    };
    if s.is_empty() {
        return Err(err(": it is empty"));
    }
    match s.as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + Duration::days(1)),
        "yesterday" => return Ok(today - Duration::days(1)),
        "eow" => return Ok(next_weekday(today, Weekday::Fri)),
        "eom" => {
            let first = today.with_day(1).expect("day 1 exists");
            return Ok(first + Months::new(1) - Duration::days(1));
        }
        "eoy" => return Ok(NaiveDate::from_ymd_opt(today.year(), 12, 31).expect("valid")),
        _ => {}
    }
    if let Some(day) = weekday(&s) {
        return Ok(next_weekday(today, day));
    }
    if let Some(sign) = s.chars().next().filter(|c| *c == '+' || *c == '-') {
        let body = &s[1..];
        let (num, unit) = body.split_at(
            body.find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len()),
        );
        let n: u32 = num.parse().map_err(|_| err(""))?;
        if n > 100_000 {
            return Err(err(": that is too far away"));
        }
        let forward = sign == '+';
        let out = match unit {
            "d" | "day" | "days" | "" => {
                let d = Duration::days(n as i64);
                if forward {
                    today.checked_add_signed(d)
                } else {
                    today.checked_sub_signed(d)
                }
            }
            "w" | "week" | "weeks" => {
                let d = Duration::weeks(n as i64);
                if forward {
                    today.checked_add_signed(d)
                } else {
                    today.checked_sub_signed(d)
                }
            }
            "m" | "month" | "months" => {
                if forward {
                    today.checked_add_months(Months::new(n))
                } else {
                    today.checked_sub_months(Months::new(n))
                }
            }
            _ => return Err(err(&format!(": unknown unit '{unit}'"))),
        };
        return out.ok_or_else(|| err(": that is out of range"));
    }
    parse_iso(input.trim()).map_err(|e| DateError {
        value: input.to_string(),
        detail: e.detail,
    })
}

/// Parses a date that says when something happened or a day to look back from (`--date`,
/// `--as-of`): a weekday word is the last such day, today included (`friday` on a Monday is the
/// Friday just gone), since such a day is never in the future; every other form as [`parse`].
pub fn parse_past(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    match weekday(&input.trim().to_ascii_lowercase()) {
        Some(day) => {
            let back = (7 + today.weekday().num_days_from_monday() as i64
                - day.num_days_from_monday() as i64)
                % 7;
            Ok(today - Duration::days(back))
        }
        None => parse(input, today),
    }
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
            "+3y",
            "+",
            "+99999999999d",
            "2026/01/01",
        ] {
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
