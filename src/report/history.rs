//! A record's change events as readable lines: `due: 2026-03-06 -> 2026-03-11`, list fields as
//! what was added and removed (`notes: +1 "text"`), and one CSV row per field change.

use serde_json::Value;

use crate::history::events::{Change, Event};

use super::text::line;

/// The field `history::events` names a version that does not parse.
const UNPARSEABLE: &str = "(unparseable)";

/// Longest text shown for one value in a change line.
const VALUE_MAX: usize = 70;

/// A value on one line: strings quoted, dates and numbers bare, objects as `key value` pairs.
pub fn value(v: &Value) -> String {
    match v {
        Value::Null => "(none)".into(),
        Value::String(s) if looks_bare(s) => line(s, VALUE_MAX),
        Value::String(s) => format!("\"{}\"", line(s, VALUE_MAX)),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(item).collect::<Vec<_>>().join(", "),
        Value::Object(_) => item(v),
    }
}

/// Dates, ids, handles and statuses read better without quotes.
fn looks_bare(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
}

/// One list item: a note by its text, a reschedule by its dates and reason, else its values.
fn item(v: &Value) -> String {
    let Value::Object(map) = v else {
        return value(v);
    };
    let get = |k: &str| map.get(k).filter(|x| !x.is_null());
    // The moment an entry was recorded (`at`), as `show` prints it: ` at 2026-03-20 14:03`.
    let at = get("at")
        .and_then(Value::as_str)
        .and_then(|a| crate::model::Stamp::parse(a).ok())
        .map(|a| format!(" at {}", super::record::when(a.date(), Some(&a))))
        .unwrap_or_default();
    if let (Some(from), Some(to)) = (get("from"), get("to")) {
        let reason = get("reason")
            .map(|r| format!(" {}", value(r)))
            .unwrap_or_default();
        let late = late_move(get("date"), from)
            .map(|days| format!(" ({})", super::outcome::moved_late(days)))
            .unwrap_or_default();
        return format!("{} -> {}{reason}{late}{at}", value(from), value(to));
    }
    if let Some(text) = get("text") {
        return format!("{}{at}", value(text));
    }
    map.iter()
        .filter(|(_, x)| !x.is_null())
        .map(|(k, x)| format!("{k} {}", value(x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// For a reschedule made after the due date it moved had passed, how many days after.
fn late_move(date: Option<&Value>, from: &Value) -> Option<i64> {
    let day = |v: &Value| v.as_str()?.parse::<chrono::NaiveDate>().ok();
    let days = (day(date?)? - day(from)?).num_days();
    (days > 0).then_some(days)
}

/// One field change in words.
pub fn change(c: &Change) -> String {
    let field = line(&c.field, 40);
    // A list field is left out of the file while empty: absent reads as an empty list.
    let empty = Value::Array(Vec::new());
    let (from, to) = match (&c.from, &c.to) {
        (Value::Null, Value::Array(_)) => (&empty, &c.to),
        (Value::Array(_), Value::Null) => (&c.from, &empty),
        (f, t) => (f, t),
    };
    match (from, to) {
        (Value::Null, to) => format!("{field}: {}", value(to)),
        (from, Value::Null) => format!("{field}: removed (was {})", value(from)),
        (Value::Array(before), Value::Array(after)) => {
            let added: Vec<&Value> = after.iter().filter(|x| !before.contains(x)).collect();
            let removed: Vec<&Value> = before.iter().filter(|x| !after.contains(x)).collect();
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("+{} {}", added.len(), list(&added)));
            }
            if !removed.is_empty() {
                parts.push(format!("-{} {}", removed.len(), list(&removed)));
            }
            if parts.is_empty() {
                parts.push("reordered".into());
            }
            format!("{field}: {}", parts.join("; "))
        }
        (from, to) => format!("{field}: {} -> {}", value(from), value(to)),
    }
}

fn list(items: &[&Value]) -> String {
    items.iter().map(|v| item(v)).collect::<Vec<_>>().join(", ")
}

/// The changes worth a line: a record's creation lists what it was made with, minus the
/// fields every record has (id and kind say nothing new).
/// When a version does not parse, its fields are not "removed": only the parse error is shown.
pub fn lines(event: &Event, first: bool) -> Vec<String> {
    let broken = event
        .changes
        .iter()
        .any(|c| c.field == UNPARSEABLE && !c.to.is_null());
    event
        .changes
        .iter()
        .filter(|c| !(first && (c.field == "id" || c.field == "kind")))
        .filter(|c| !(broken && c.field != UNPARSEABLE && c.to.is_null()))
        .flat_map(change_lines)
        .collect()
}

/// One field change, as one line, or, when a text is too long for one line, the whole old and
/// new values each on a line of its own: cutting both at the same place would show two long
/// values that differ only near their ends as identical.
pub fn change_lines(c: &Change) -> Vec<String> {
    if let (Value::String(from), Value::String(to)) = (&c.from, &c.to) {
        if from.chars().count() > VALUE_MAX || to.chars().count() > VALUE_MAX {
            return vec![
                format!("{}: changed", line(&c.field, 40)),
                format!("  from: \"{}\"", line(from, usize::MAX)),
                format!("  to:   \"{}\"", line(to, usize::MAX)),
            ];
        }
    }
    vec![change(c)]
}

/// The CSV columns of `history`: one row per field change.
pub const CSV_HEADER: [&str; 9] = [
    "commit", "at", "author", "email", "action", "reason", "field", "from", "to",
];

/// CSV rows for one event (one row even when nothing parsed differs, so the commit shows).
pub fn csv_rows(event: &Event) -> Vec<Vec<String>> {
    let base = |field: &str, from: String, to: String| {
        vec![
            event.commit.commit.clone(),
            event.commit.at.to_rfc3339(),
            line(&event.commit.author, usize::MAX),
            line(&event.commit.email, usize::MAX),
            line(&event.action, usize::MAX),
            event
                .reason
                .as_deref()
                .map(|r| line(r, usize::MAX))
                .unwrap_or_default(),
            field.to_string(),
            from,
            to,
        ]
    };
    let flat = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => line(s, usize::MAX),
        other => line(&other.to_string(), usize::MAX),
    };
    if event.changes.is_empty() {
        return vec![base("", String::new(), String::new())];
    }
    event
        .changes
        .iter()
        .map(|c| base(&line(&c.field, usize::MAX), flat(&c.from), flat(&c.to)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_read_as_words() {
        let c = |f: &str, from: Value, to: Value| Change {
            field: f.into(),
            from,
            to,
        };
        assert_eq!(
            change(&c("due", json!("2026-03-06"), json!("2026-03-11"))),
            "due: 2026-03-06 -> 2026-03-11"
        );
        let note = json!({"date": "2026-03-10", "text": "Rules approved"});
        assert_eq!(
            change(&c("notes", json!([]), json!([note]))),
            "notes: +1 \"Rules approved\""
        );
        let moved = json!({"date": "2026-03-20", "from": "2026-03-13", "to": "2026-03-20", "reason": "vendor bug"});
        assert_eq!(
            change(&c("reschedules", json!([]), json!([moved]))),
            "reschedules: +1 2026-03-13 -> 2026-03-20 \"vendor bug\" (rescheduled 7 days after it was due)"
        );
        assert_eq!(
            change(&c("tags", json!(["a", "b"]), json!(["b", "c"]))),
            "tags: +1 c; -1 a"
        );
        assert_eq!(
            change(&c("what", json!("x\u{1b}[31m"), Value::Null)),
            "what: removed (was \"x\\u{1b}[31m\")"
        );
    }

    #[test]
    fn a_long_value_that_changes_is_shown_whole_on_both_sides() {
        let old = format!("{} thirteen months.", "Payment logs are kept ".repeat(4));
        let new = format!("{} one month.", "Payment logs are kept ".repeat(4));
        let c = Change {
            field: "statement".into(),
            from: json!(old),
            to: json!(new),
        };
        let shown = change_lines(&c);
        assert_eq!(shown.len(), 3, "{shown:?}");
        assert!(shown[1].contains("thirteen months.") && shown[2].contains("one month."));
        assert_eq!(
            change_lines(&Change {
                field: "due".into(),
                from: json!("2026-03-06"),
                to: json!("2026-03-11")
            })
            .len(),
            1
        );
    }
}
