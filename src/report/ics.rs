//! iCalendar (RFC 5545) rendering of due items: CRLF lines folded at 75 octets, TEXT escaped,
//! one all-day VEVENT per due date, and no wall-clock time, so the same ledger gives the same bytes.

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// One event: a due item.
#[derive(Clone, Debug)]
pub struct Event {
    /// Stable id (the record id); the UID is `ID@ledger`.
    pub id: String,
    pub due: NaiveDate,
    pub summary: String,
    pub description: String,
    /// The record kind, as the event's category.
    pub category: String,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line: at most 75 octets a line, continuations start with a space, and a
/// character is never split.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    let mut limit = 75;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > limit {
            out.push_str("\r\n ");
            used = 1;
            limit = 75;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The calendar: `stamp` (UTC) is the DTSTAMP of every event.
pub fn render(events: &[Event], stamp: NaiveDateTime) -> String {
    let mut s = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//ledger//due commitments and asks//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ledger: due dates",
    ] {
        s.push_str(&fold(l));
    }
    for e in events {
        let lines = [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@ledger", e.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", date(e.due)),
            format!("DTEND;VALUE=DATE:{}", date(e.due + Duration::days(1))),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!("DESCRIPTION:{}", escape(&e.description)),
            format!("CATEGORIES:{}", escape(&e.category)),
            "TRANSP:TRANSPARENT".to_string(),
            // A reminder at 09:00 the day before: the event is all-day, so it starts at local
            // midnight of the due date, and 15 hours before that is 09:00 the previous day.
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            "TRIGGER;RELATED=START:-PT15H".to_string(),
            format!(
                "DESCRIPTION:{}",
                escape(&format!("Due tomorrow: {}", e.summary))
            ),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ];
        for l in lines {
            s.push_str(&fold(&l));
        }
    }
    s.push_str(&fold("END:VCALENDAR"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), long);
        assert_eq!(fold("short"), "short\r\n");
    }
}
