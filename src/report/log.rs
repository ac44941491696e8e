//! The audit trail's lines: one table or CSV row per change to the ledger.

use crate::history::audit::LogEntry;
use crate::model::RecordId;
use crate::query::resolve::Abbrev;

use super::text;

/// The table columns.
pub const HEADER: [&str; 6] = ["COMMIT", "WHEN", "AUTHOR", "ACTION", "RECORDS", "SUBJECT"];
/// The CSV columns.
pub const CSV_HEADER: [&str; 9] = [
    "commit", "at", "author", "email", "subject", "action", "ids", "reason", "by_hand",
];

/// A table row: short ids, and the files a plain-git commit touched.
pub fn row(e: &LogEntry, abbrev: &Abbrev) -> Vec<String> {
    let c = &e.commit;
    let ids: Vec<String> = e
        .ids
        .iter()
        .map(|i| match RecordId::parse(i) {
            Ok(id) => abbrev.short(&id).to_string(),
            Err(_) => text::line(i, 20),
        })
        .collect();
    let mut subject = text::line(&c.subject, 80);
    if e.by_hand {
        let files: Vec<&str> = e.paths.iter().map(String::as_str).take(5).collect();
        let more = e.paths.len().saturating_sub(5);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        subject = format!(
            "{subject} [made with plain git; files: {}{more}]",
            text::line(&files.join(", "), 200)
        );
    }
    vec![
        c.commit[..c.commit.len().min(7)].to_string(),
        c.at.format("%Y-%m-%d %H:%M").to_string(),
        text::line(&c.author, 24),
        text::line(&e.action, 20),
        ids.join(" "),
        subject,
    ]
}

/// A CSV row: full ids, unabridged text.
pub fn csv_row(e: &LogEntry) -> Vec<String> {
    let c = &e.commit;
    vec![
        c.commit.clone(),
        c.at.to_rfc3339(),
        text::line(&c.author, usize::MAX),
        text::line(&c.email, usize::MAX),
        text::line(&c.subject, usize::MAX),
        text::line(&e.action, usize::MAX),
        text::line(&e.ids.join(" "), usize::MAX),
        e.reason
            .as_deref()
            .map(|r| text::line(r, usize::MAX))
            .unwrap_or_default(),
        e.by_hand.to_string(),
    ]
}
