//! Dates as trackers write them in CSV exports (`ledger import`), apart from the forms people type.

use chrono::NaiveDate;

use super::DateError;

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
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
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
}
