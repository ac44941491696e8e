//! Checks on one record, and on records against each other, that parsing alone cannot make.

use std::collections::HashMap;

use super::{Kind, Record, RecordId, Status};

/// One thing wrong with a record, naming the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field at fault (dotted for nested fields), or empty for the whole record.
    pub field: String,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl Problem {
    fn new(field: &str, message: impl Into<String>) -> Problem {
        Problem {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// Why a piece of text may not be stored, if it may not.
pub fn text_problem(text: &str) -> Option<String> {
    text.chars().enumerate().find_map(|(i, c)| {
        (c.is_control() && c != '\n' && c != '\t').then(|| {
            format!(
                "contains the control character U+{:04X} at character {}; remove it",
                c as u32,
                i + 1
            )
        })
    })
}

/// Why `link` is not an evidence link (http, https or mailto, no spaces), if it is not. Evidence
/// is what a reviewer follows later, so a pasted sentence is refused rather than kept as a link.
pub fn link_problem(link: &str) -> Option<String> {
    let rest = ["https://", "http://", "mailto:"]
        .iter()
        .find_map(|scheme| {
            link.get(..scheme.len())
                .filter(|head| head.eq_ignore_ascii_case(scheme))
                .map(|_| &link[scheme.len()..])
        });
    match rest {
        None => Some(format!(
            "'{link}' is not a link: evidence is an http://, https:// or mailto: address"
        )),
        Some("") => Some(format!("'{link}' has nothing after its scheme")),
        Some(r) if r.chars().any(|c| c.is_whitespace() || c.is_control()) => {
            Some(format!("'{link}' holds a space or a control character"))
        }
        Some(_) => None,
    }
}

/// Why `handle` is not a usable person handle, if it is not.
pub fn handle_problem(handle: &str) -> Option<String> {
    if handle.is_empty() {
        return Some("is empty".into());
    }
    if handle.len() > 64 {
        return Some("is longer than 64 characters".into());
    }
    let ok = handle
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    (!ok).then(|| {
        format!("'{handle}' is not a handle: use letters, digits, '.', '_', '-' or '@' (no spaces)")
    })
}

/// Checks one record on its own.
pub fn check_record(record: &Record) -> Vec<Problem> {
    let mut problems = Vec::new();
    let kind = record.kind();
    if record.kind_field() != kind {
        problems.push(Problem::new(
            "kind",
            format!(
                "says '{}' but the file is in the {} folder",
                record.kind_field(),
                kind.folder()
            ),
        ));
    }
    if record.id().kind() != kind {
        problems.push(Problem::new(
            "id",
            format!(
                "'{}' is not an id of a {kind} (those start with {}-)",
                record.id(),
                kind.id_prefix()
            ),
        ));
    }
    if !Status::allowed(kind).contains(&record.status()) {
        let allowed: Vec<_> = Status::allowed(kind).iter().map(|s| s.as_str()).collect();
        problems.push(Problem::new(
            "status",
            format!(
                "'{}' is not a status of a {kind}: use one of {}",
                record.status(),
                allowed.join(", ")
            ),
        ));
    }
    for (field, text) in record.texts() {
        if let Some(p) = text_problem(text) {
            problems.push(Problem::new(field, p));
        }
    }
    for (field, text) in [("what", record.headline())] {
        if text.trim().is_empty() {
            let field = match kind {
                Kind::Meeting => "title",
                Kind::Decision => "statement",
                _ => field,
            };
            problems.push(Problem::new(field, "is empty"));
        }
    }
    let mut people: Vec<(&str, &str)> = Vec::new();
    match record {
        Record::Ask(a) => {
            people.extend([("from", a.from.as_str()), ("to", a.to.as_str())]);
            if a.status == Status::Accepted && a.commitment.is_none() {
                problems.push(Problem::new(
                    "commitment",
                    "an accepted ask names the commitment it became",
                ));
            }
            if a.status == Status::Declined && a.reason.is_none() {
                problems.push(Problem::new("reason", "a declined ask says why (reason:)"));
            }
            if a.status == Status::Answered && a.decision.is_none() && a.reason.is_none() {
                problems.push(Problem::new(
                    "decision",
                    "an answered ask names the decision that answered it (decision:) or holds the answer (reason:)",
                ));
            }
            if a.decision.is_some() && a.status != Status::Answered {
                problems.push(Problem::new(
                    "decision",
                    format!(
                        "only an answered ask names a decision; this one is {}",
                        a.status
                    ),
                ));
            }
        }
        Record::Commitment(c) => {
            people.extend([("by", c.by.as_str()), ("to", c.to.as_str())]);
            if c.status == Status::Cancelled && c.reason.is_none() {
                problems.push(Problem::new(
                    "reason",
                    "a cancelled commitment says why (reason:)",
                ));
            }
            if let Some(b) = &c.blocked {
                if b.on.is_none() && b.reason.is_none() {
                    problems.push(Problem::new(
                        "blocked",
                        "names what it waits on (on:) or why (reason:)",
                    ));
                }
            }
            match (&c.series, c.every) {
                (Some(_), None) => problems.push(Problem::new(
                    "every",
                    format!(
                        "a commitment in a series says how often it recurs (every: one of {})",
                        super::recur::ACCEPTED
                    ),
                )),
                (None, Some(_)) => problems.push(Problem::new(
                    "series",
                    "a recurring commitment names its series (series: the id of its first occurrence)",
                )),
                _ => {}
            }
            if let Some(s) = &c.series {
                if s.kind() != Kind::Commitment {
                    problems.push(Problem::new(
                        "series",
                        format!("'{s}' is not a commitment id (a series is named by its first occurrence, com-...)"),
                    ));
                }
            }
            if c.series_ended && (c.series.is_none() || c.status != Status::Cancelled) {
                problems.push(Problem::new(
                    "series_ended",
                    "only a cancelled occurrence of a series can end it (series_ended: true)",
                ));
            }
            if let Some(last) = c.reschedules.last() {
                if last.to != c.due {
                    problems.push(Problem::new(
                        "due",
                        format!(
                            "is {} but the last reschedule moved it to {}",
                            c.due, last.to
                        ),
                    ));
                }
            }
        }
        Record::Meeting(m) => {
            for a in &m.attendees {
                people.push(("attendees", a.as_str()));
            }
        }
        Record::Decision(d) => {
            people.push(("by", d.by.as_str()));
            if d.status == Status::Superseded && d.superseded_by.is_none() {
                problems.push(Problem::new(
                    "superseded_by",
                    "a superseded decision names its successor",
                ));
            }
            if d.status == Status::Revoked && d.reason.is_none() {
                problems.push(Problem::new(
                    "reason",
                    "a revoked decision says why (reason:)",
                ));
            }
            if d.supersedes.as_ref() == Some(&d.id) {
                problems.push(Problem::new(
                    "supersedes",
                    "a decision cannot supersede itself",
                ));
            }
        }
    }
    if record.tags().iter().any(|t| t.trim().is_empty()) {
        problems.push(Problem::new("tags", "has an empty tag; remove it"));
    }
    // Nothing ends before it began: a `--date` typo on `done` would otherwise make a promise
    // look kept before it was made.
    let closed = match record {
        Record::Ask(a) => a.closed,
        Record::Commitment(c) => c.closed,
        Record::Decision(d) => d.closed,
        Record::Meeting(_) => None,
    };
    if let Some(closed) = closed.filter(|c| *c < record.date()) {
        problems.push(Problem::new(
            "closed",
            format!(
                "{closed} is before the {kind} itself (date: {})",
                record.date()
            ),
        ));
    }
    for (field, message) in super::stamp::problems(record) {
        problems.push(Problem::new(field, message));
    }
    for (field, handle) in people {
        if let Some(p) = handle_problem(handle) {
            problems.push(Problem::new(field, p));
        }
    }
    problems
}

/// "an ask", "a commitment".
fn with_article(kind: Kind) -> String {
    match kind {
        Kind::Ask => format!("an {kind}"),
        _ => format!("a {kind}"),
    }
}

/// Checks the references between records: every id named exists, has the right kind, and links
/// that go both ways agree.
pub fn check_links(records: &HashMap<RecordId, &Record>) -> Vec<(RecordId, Problem)> {
    let mut out = Vec::new();
    for (id, record) in records {
        for (field, target) in record.references() {
            let expected = match field {
                "meeting" => Some(Kind::Meeting),
                "ask" => Some(Kind::Ask),
                "commitment" | "commitments" => Some(Kind::Commitment),
                "decision" | "decisions" | "supersedes" | "superseded_by" => Some(Kind::Decision),
                "answers" => Some(Kind::Ask),
                _ => None,
            };
            match records.get(target) {
                None => out.push((
                    id.clone(),
                    Problem::new(field, format!("names {target}, which is not in the ledger")),
                )),
                Some(t) if expected.is_some_and(|k| k != t.kind()) => out.push((
                    id.clone(),
                    Problem::new(
                        field,
                        format!(
                            "names {target}, which is {}, not {}",
                            with_article(t.kind()),
                            with_article(expected.unwrap())
                        ),
                    ),
                )),
                Some(_) => {}
            }
        }
        // One way only, like `superseded_by`: two clones may answer one ask with two decisions
        // at once, and the merge keeps one of them on the ask.
        if let Record::Ask(a) = record {
            if let Some(Record::Decision(d)) =
                a.decision.as_ref().and_then(|n| records.get(n)).copied()
            {
                if d.answers.as_ref() != Some(id) {
                    out.push((
                        id.clone(),
                        Problem::new(
                            "decision",
                            format!("names {}, which does not say it answers {id}", d.id),
                        ),
                    ));
                }
            }
        }
        if let Record::Decision(d) = record {
            if let Some(Record::Decision(next)) = d
                .superseded_by
                .as_ref()
                .and_then(|n| records.get(n))
                .copied()
            {
                if next.supersedes.as_ref() != Some(id) {
                    out.push((
                        id.clone(),
                        Problem::new(
                            "superseded_by",
                            format!("names {}, which does not say it supersedes {id}", next.id),
                        ),
                    ));
                }
            }
        }
    }
    for chain in super::cycles::blocking_loops(records) {
        let path = chain
            .iter()
            .chain(chain.first())
            .map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(" -> ");
        out.push((
            chain[0].clone(),
            Problem::new(
                "blocked.on",
                format!("is a loop of waits that can never clear ({path}); unblock one of them with `ledger unblock ID`"),
            ),
        ));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.field.cmp(&b.1.field)));
    out
}
