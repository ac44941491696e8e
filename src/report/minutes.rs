//! The minutes of a meeting as a document of the executive summary's kind (`report::brief`),
//! so the plain text, Markdown and HTML forms say the same words.

use crate::query::brief::IdRef;
use crate::query::minutes::{Minutes, PersonRef};
use crate::report::brief::{Doc, Item, Line, Section, Span};

fn t(s: impl Into<String>) -> Span {
    Span::Text(s.into())
}

fn id(id: &crate::model::RecordId, link: &Option<String>, headline: &str) -> Span {
    Span::Id(IdRef {
        short: id.to_string(),
        path: link.clone().unwrap_or_default(),
        headline: headline.to_string(),
    })
}

fn person(p: &PersonRef) -> String {
    match &p.name {
        Some(n) => format!("{n} ({})", p.handle),
        None => p.handle.clone(),
    }
}

/// "Open it: URL" under an item, when the record has an address.
fn open_it(link: &Option<String>) -> Vec<Line> {
    link.iter()
        .map(|u| vec![t("Open it: "), Span::Url(u.clone())])
        .collect()
}

/// The notes, a line an item: Markdown list markers are dropped, blank lines skipped.
fn note_items(notes: &str) -> Vec<Item> {
    notes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l
                .strip_prefix("- ")
                .or_else(|| l.strip_prefix("* "))
                .unwrap_or(l);
            Item {
                line: vec![t(l)],
                ..Item::default()
            }
        })
        .collect()
}

/// The minutes as a document.
pub fn doc(m: &Minutes) -> Doc {
    let mut sections = vec![Section {
        key: "attendees",
        title: "Attendees".into(),
        items: vec![Item {
            line: vec![t(m
                .attendees
                .iter()
                .map(person)
                .collect::<Vec<_>>()
                .join(", "))],
            ..Item::default()
        }],
    }];
    if let Some(n) = &m.notes {
        sections.push(Section {
            key: "notes",
            title: "Notes".into(),
            items: note_items(n),
        });
    }
    if !m.decisions.is_empty() {
        sections.push(Section {
            key: "decisions",
            title: "Decisions".into(),
            items: m
                .decisions
                .iter()
                .map(|d| Item {
                    line: vec![
                        t(format!(
                            "{}Decided by {}",
                            if d.compliance { "Compliance. " } else { "" },
                            d.by.called()
                        )),
                        id(&d.id, &d.link, &d.statement),
                    ],
                    quote: Some(d.statement.clone()),
                    sub: open_it(&d.link),
                })
                .collect(),
        });
    }
    if !m.actions.is_empty() {
        sections.push(Section {
            key: "actions",
            title: "Action items".into(),
            items: m
                .actions
                .iter()
                .map(|a| Item {
                    line: vec![
                        Span::Strong(a.owner.called().to_string()),
                        t(format!(": {} (for {}), due ", a.what.trim(), a.to.called())),
                        Span::Strong(a.due.to_string()),
                        id(&a.id, &a.link, &a.what),
                    ],
                    quote: None,
                    sub: open_it(&a.link),
                })
                .collect(),
        });
    }
    if let Some(u) = &m.link {
        sections.push(Section {
            key: "record",
            title: "The record".into(),
            items: vec![Item {
                line: vec![t("This meeting: "), Span::Url(u.clone())],
                ..Item::default()
            }],
        });
    }
    Doc {
        title: format!("Minutes: {}", m.title),
        audience: None,
        period: match &m.place {
            Some(p) => format!("{}, {p}", m.date),
            None => m.date.to_string(),
        },
        status: None,
        reasons: Vec::new(),
        sections,
    }
}
