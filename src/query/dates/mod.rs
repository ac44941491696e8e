//! The one date parser: ISO dates and the friendly forms people type (`friday`, `+2w`, `eom`).

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

mod tracker;
pub use tracker::{parse_tracker, TRACKER_FORMS};

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

#[cfg(test)]
mod tests;
