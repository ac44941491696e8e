//! Reading a tracker's CSV rows: which column holds which field, a tracker's people as
//! handles, and one row as an ask or a commitment (or why it cannot be one).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{actions, Ask, Commitment, Kind, Note, People, Record, RecordId, Status};
use crate::query::dates;

use super::Ctx;

const FIELDS: [&str; 11] = [
    "what",
    "by",
    "from",
    "to",
    "due",
    "date",
    "status",
    "key",
    "resolved",
    "tags",
    "description",
];

/// Column index of each field, from the defaults, the `--map` flags and the header row.
pub struct Columns {
    of: Vec<(&'static str, usize)>,
}

impl Columns {
    /// The trimmed, non-empty value of `field` in `row`.
    pub fn get<'r>(&self, field: &str, row: &'r csv::StringRecord) -> Option<&'r str> {
        let i = self.of.iter().find(|(f, _)| *f == field)?.1;
        row.get(i).map(str::trim).filter(|v| !v.is_empty())
    }

    /// The trimmed, non-empty values of every column that holds `field` (a Jira export repeats
    /// `Labels` once per label).
    pub fn all<'r>(&self, field: &str, row: &'r csv::StringRecord) -> Vec<&'r str> {
        self.of
            .iter()
            .filter(|(f, _)| *f == field)
            .filter_map(|(_, i)| row.get(*i).map(str::trim).filter(|v| !v.is_empty()))
            .collect()
    }

    /// True when some column holds `field`.
    pub fn has(&self, field: &str) -> bool {
        self.of.iter().any(|(f, _)| *f == field)
    }
}

/// Finds the columns: the defaults for `kind`, overridden by `--map FIELD=COLUMN`.
pub fn columns(kind: Kind, maps: &[String], header: &csv::StringRecord) -> Result<Columns> {
    let (owner, counterpart) = if kind == Kind::Ask {
        (("from", "Reporter"), ("to", "Assignee"))
    } else {
        (("by", "Assignee"), ("to", "Reporter"))
    };
    let mut wanted: Vec<(&'static str, String, bool)> = [
        ("what", "Summary"),
        owner,
        counterpart,
        ("due", "Due date"),
        ("date", "Created"),
        ("status", "Status"),
        ("key", "Issue key"),
        ("resolved", "Resolved"),
        ("tags", "Labels"),
        ("description", "Description"),
    ]
    .iter()
    .map(|(f, c)| (*f, c.to_string(), false))
    .collect();
    for m in maps {
        let (field, column) = m.split_once('=').ok_or_else(|| {
            Error::user(format!("--map '{m}' is not FIELD=COLUMN"))
                .hint("e.g. --map what=Summary,due=\"Due date\"")
        })?;
        let field = field.trim().to_ascii_lowercase();
        let Some(f) = FIELDS.iter().find(|f| **f == field) else {
            return Err(Error::user(format!(
                "--map: unknown field '{field}'; the fields are {}",
                FIELDS.join(", ")
            )));
        };
        let f = if kind == Kind::Ask && *f == "by" {
            "from"
        } else if kind == Kind::Commitment && *f == "from" {
            "by"
        } else {
            f
        };
        wanted.retain(|(w, _, _)| *w != f);
        wanted.push((f, column.trim().trim_matches('"').to_string(), true));
    }
    // A column the user named is checked first: its absence is the likelier mistake.
    wanted.sort_by_key(|w| !w.2);
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut of = Vec::new();
    for (field, column, explicit) in wanted {
        let found: Vec<usize> = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.eq_ignore_ascii_case(&column))
            .map(|(i, _)| i)
            .take(if field == "tags" { usize::MAX } else { 1 })
            .collect();
        match found.first() {
            Some(_) => of.extend(found.into_iter().map(|i| (field, i))),
            None if explicit
                || matches!(field, "what" | "by" | "from" | "to")
                || (field == "due" && kind == Kind::Commitment) =>
            {
                return Err(Error::user(format!(
                    "the file has no column '{column}' for {field}; its columns are: {}",
                    headers.join(", ")
                ))
                .hint(format!("name the column with --map {field}=COLUMN")));
            }
            None => {}
        }
    }
    Ok(Columns { of })
}

/// A tracker's person (a name, an email, a username) as a handle: the people file's handle
/// for that email or name, else the name itself made into a handle.
fn handle(people: &People, value: &str) -> std::result::Result<String, String> {
    if let Some(h) = people
        .handle_for_email(value)
        .or_else(|| people.handle_for_name(value))
    {
        return Ok(h.to_string());
    }
    let base = value.split('@').next().unwrap_or(value);
    let h: String = base
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".");
    match crate::model::validate::handle_problem(&h) {
        None => Ok(h),
        Some(p) => Err(p),
    }
}

const DONE: [&str; 6] = [
    "done",
    "closed",
    "resolved",
    "fixed",
    "complete",
    "completed",
];
const CANCELLED: [&str; 7] = [
    "cancelled",
    "canceled",
    "won't do",
    "won't fix",
    "wontfix",
    "rejected",
    "duplicate",
];

/// What one row says, or why it cannot be imported.
pub enum Row {
    /// A record to create.
    New(Box<Record>),
    /// Closed in the tracker (an ask): not imported.
    Closed,
}

/// What turning a row into a record needs.
pub struct RowCtx<'a> {
    pub ctx: &'a Ctx,
    pub kind: Kind,
    pub people: &'a People,
    /// Tracker people already matched to handles (the value as the export spells it, trimmed);
    /// a value not here is made into a handle as [`handle`] does.
    pub who: &'a HashMap<String, String>,
    /// True when every person must be in `who` (the people file is checked): nothing else
    /// is made into a handle.
    pub strict: bool,
}

/// The people a row names, `(field, value)`: whom the import has to match to handles. An ask
/// closed in the tracker names nobody, since it is not imported.
pub fn people_of<'r>(
    cols: &Columns,
    kind: Kind,
    r: &'r csv::StringRecord,
) -> Vec<(&'static str, &'r str)> {
    let owner = owner_field(kind);
    let status = cols
        .get("status", r)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if kind == Kind::Ask
        && (DONE.contains(&status.as_str()) || CANCELLED.contains(&status.as_str()))
    {
        return Vec::new();
    }
    [owner, "to"]
        .into_iter()
        .filter_map(|f| cols.get(f, r).map(|v| (f, v)))
        .collect()
}

/// The field that names the row's owner: `from` for an ask, `by` for a commitment.
fn owner_field(kind: Kind) -> &'static str {
    if kind == Kind::Ask {
        "from"
    } else {
        "by"
    }
}

/// A tracker's text as the ledger keeps it: line ends as `\n` (an export from Windows or a
/// Jira Cloud CSV ends lines with CRLF, and a carriage return is a control character).
fn plain(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// One row as a record, validated; or why it cannot be imported.
pub fn row(
    rc: &RowCtx<'_>,
    cols: &Columns,
    r: &csv::StringRecord,
    id: RecordId,
) -> std::result::Result<Row, String> {
    let need = |f: &str| cols.get(f, r).ok_or_else(|| format!("{f} is empty"));
    let what = plain(need("what")?);
    if let Some(p) = crate::model::validate::text_problem(&what) {
        return Err(format!("what {p}"));
    }
    let person = |v: &str| match rc.who.get(v) {
        Some(h) => Ok(h.clone()),
        None if rc.strict => Err(format!(
            "'{v}' is not a person's handle, name or email (it has a control character)"
        )),
        None => handle(rc.people, v),
    };
    let to = person(need("to")?).map_err(|e| format!("to: {e}"))?;
    let date_of = |f: &str| -> std::result::Result<Option<NaiveDate>, String> {
        cols.get(f, r)
            .map(|v| {
                dates::parse_tracker(v).map_err(|_| {
                    format!(
                        "{f}: '{v}' is not a date in a form trackers export ({})",
                        dates::TRACKER_FORMS
                    )
                })
            })
            .transpose()
    };
    let due = date_of("due")?;
    let date = date_of("date")?.unwrap_or(rc.ctx.today);
    // The day the tracker closed it, so the outcome is measured then and not on import day.
    let closed = date_of("resolved")?.unwrap_or(rc.ctx.today);
    if closed > rc.ctx.today {
        return Err(format!(
            "resolved: {closed} is after today ({}); a tracker cannot have closed it yet",
            rc.ctx.today
        ));
    }
    let mut tags: Vec<String> = Vec::new();
    for t in cols.all("tags", r) {
        if !tags.iter().any(|k| k == t) {
            tags.push(t.to_string());
        }
    }
    let notes = match cols.get("description", r).map(plain) {
        Some(text) => {
            if let Some(p) = crate::model::validate::text_problem(&text) {
                return Err(format!("description {p}"));
            }
            vec![Note {
                date,
                by: None,
                text,
                at: None,
            }]
        }
        None => Vec::new(),
    };
    let source = cols.get("key", r).map(str::to_string);
    let status = cols
        .get("status", r)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let record = if rc.kind == Kind::Ask {
        if DONE.contains(&status.as_str()) || CANCELLED.contains(&status.as_str()) {
            return Ok(Row::Closed);
        }
        let from = person(need("from")?).map_err(|e| format!("from: {e}"))?;
        Record::Ask(Ask {
            id,
            kind: Kind::Ask,
            status: Status::Open,
            date,
            what,
            from,
            to,
            due,
            why: None,
            meeting: None,
            place: None,
            tags,
            commitment: None,
            decision: None,
            evidence: Vec::new(),
            notes,
            closed: None,
            closed_at: None,
            reason: None,
            source,
        })
    } else {
        let by = person(need("by")?).map_err(|e| format!("by: {e}"))?;
        let due = due.ok_or("due is empty; a commitment needs a due date")?;
        let mut rec = Record::Commitment(Commitment {
            source,
            tags,
            notes,
            ..Commitment::new(id, date, what, by, to, due)
        });
        if DONE.contains(&status.as_str()) {
            actions::done(&mut rec, closed).map_err(|e| e.0)?;
        } else if CANCELLED.contains(&status.as_str()) {
            actions::cancel(
                &mut rec,
                closed,
                &format!("closed in the tracker as {status}"),
            )
            .map_err(|e| e.0)?;
        }
        rec
    };
    // Someone who left can be named by what was closed while they were here, but takes on
    // nothing new, as `promise` and `ask` refuse.
    if record.status() == Status::Open {
        let named = [
            (owner_field(rc.kind), record.owner()),
            ("to", record.counterpart()),
        ];
        for (field, h) in named {
            if let Some(day) = h.and_then(|h| rc.people.get(h)).and_then(|p| p.retired) {
                return Err(format!(
                    "{field}: '{}' retired on {day}; an open {} cannot name them (reassign the row in the file, or close it there)",
                    h.unwrap_or_default(),
                    rc.kind
                ));
            }
        }
    }
    crate::ops::validate_new(&record).map_err(|e| e.message)?;
    Ok(Row::New(Box::new(record)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracker_people_become_handles() {
        let mut people = People::default();
        people.people.insert(
            "al".into(),
            crate::model::people::Person {
                email: Some("alice@example.com".into()),
                name: Some("Alice Martin".into()),
                ..Default::default()
            },
        );
        assert_eq!(handle(&people, "ALICE@example.com").unwrap(), "al");
        assert_eq!(handle(&people, "Alice Martin").unwrap(), "al");
        assert_eq!(handle(&people, "Bob Chen").unwrap(), "bob.chen");
        assert_eq!(handle(&people, "bob@example.com").unwrap(), "bob");
        assert!(handle(&people, "Bob (contractor)").is_err());
    }

    #[test]
    fn columns_from_defaults_and_map() {
        let header =
            csv::StringRecord::from(vec!["Summary", "Assignee", "Reporter", "Due date", "Ref"]);
        let c = columns(Kind::Commitment, &["key=Ref".into()], &header).unwrap();
        let row = csv::StringRecord::from(vec!["x", "bob", "alice", "2026-03-01", "R-1"]);
        assert_eq!(c.get("key", &row), Some("R-1"));
        assert_eq!(c.get("by", &row), Some("bob"));
        let ask = columns(Kind::Ask, &[], &header).unwrap();
        assert_eq!(ask.get("from", &row), Some("alice"));
        assert!(columns(Kind::Commitment, &["colour=Red".into()], &header).is_err());
    }
}
