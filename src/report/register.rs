//! The decision register in every format: a table, CSV, and Markdown with the supersession
//! chains spelled out. Content comes decided from `query::register`.

use super::markdown::{block, code, inline};
use super::text::safe;
use crate::model::Status;
use crate::query::register::Entry;

/// The register's columns (table and CSV).
pub const HEADER: [&str; 9] = [
    "ID",
    "DATE",
    "STATUS",
    "COMPLIANCE",
    "BY",
    "WHERE",
    "STATEMENT",
    "SUPERSEDES",
    "IN FORCE",
];

fn place(e: &Entry) -> String {
    match (&e.meeting, &e.place) {
        (Some(m), _) if !m.title.is_empty() => format!("{} ({})", m.title, m.id),
        (Some(m), _) => m.id.to_string(),
        (None, Some(p)) => p.clone(),
        (None, None) => String::new(),
    }
}

/// Where it was decided and, for an answer, the ask it answered: a register read alone still
/// says why the decision exists.
fn where_cell(e: &Entry) -> String {
    let p = place(e);
    match (&e.answers, p.is_empty()) {
        (Some(a), true) => format!("answers {}", a.id),
        (Some(a), false) => format!("{p}; answers {}", a.id),
        (None, _) => p,
    }
}

/// One decision as a row of plain cells (safe text; the statement whole, never cut).
pub fn row(e: &Entry) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.date.to_string(),
        e.status.to_string(),
        if e.compliance { "yes" } else { "" }.to_string(),
        safe(&e.by, false),
        safe(&where_cell(e), false),
        safe(&e.statement, true),
        e.supersedes
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        e.in_force
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_else(|| {
                if e.status == Status::Active {
                    "(this one)".into()
                } else {
                    String::new()
                }
            }),
    ]
}

/// The register's CSV columns: the JSON field names, so a script reads either the same way.
pub const CSV_HEADER: [&str; 13] = [
    "id",
    "status",
    "date",
    "statement",
    "by",
    "by_name",
    "compliance",
    "meeting",
    "where",
    "supersedes",
    "superseded_by",
    "in_force",
    "answers",
];

/// One decision as a CSV row, values as in the JSON (`compliance` true or false, ids whole,
/// `in_force` empty when this decision is the one in force).
pub fn csv_row(e: &Entry) -> Vec<String> {
    let id =
        |x: &Option<crate::model::RecordId>| x.as_ref().map(|s| s.to_string()).unwrap_or_default();
    vec![
        e.id.to_string(),
        e.status.to_string(),
        e.date.to_string(),
        safe(&e.statement, true),
        safe(&e.by, false),
        safe(e.by_name.as_deref().unwrap_or(""), false),
        e.compliance.to_string(),
        e.meeting
            .as_ref()
            .map(|m| m.id.to_string())
            .unwrap_or_default(),
        safe(e.place.as_deref().unwrap_or(""), false),
        id(&e.supersedes),
        id(&e.superseded_by),
        id(&e.in_force),
        id(&e.answers.as_ref().map(|a| a.id.clone())),
    ]
}

/// The register as Markdown: one section per decision, then the chains.
pub fn markdown(entries: &[Entry], filters: &str) -> String {
    let mut out = String::from("# Decision register\n\n");
    let compliance = entries.iter().filter(|e| e.compliance).count();
    let active = entries
        .iter()
        .filter(|e| e.status == Status::Active)
        .count();
    out.push_str(&format!(
        "{} decision{}{filters}: {active} in force, {compliance} compliance.\n",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    ));
    for e in entries {
        let flag = if e.compliance { " (compliance)" } else { "" };
        out.push_str(&format!(
            "\n## {} {}{flag}\n\n> {}\n\n",
            code(e.id.as_str()),
            e.status,
            block(&e.statement)
        ));
        let by = match &e.by_name {
            Some(n) => format!("{} ({})", inline(n), inline(&e.by)),
            None => inline(&e.by),
        };
        out.push_str(&format!("- **By:** {by}\n- **When:** {}\n", e.date));
        let p = place(e);
        if !p.is_empty() {
            out.push_str(&format!("- **Where:** {}\n", inline(&p)));
        }
        if let Some(r) = &e.rationale {
            out.push_str(&format!("- **Rationale:** {}\n", inline(r)));
        }
        for ev in &e.evidence {
            out.push_str(&format!("- **Evidence:** {}\n", inline(ev)));
        }
        if let Some(a) = &e.answers {
            let asked = if a.what.is_empty() {
                String::new()
            } else {
                format!(" ({} asked: {})", inline(&a.from), inline(&a.what))
            };
            out.push_str(&format!("- **Answers:** {}{asked}\n", code(a.id.as_str())));
        }
        if let Some(s) = &e.supersedes {
            out.push_str(&format!("- **Supersedes:** {}\n", code(s.as_str())));
        }
        if let Some(s) = &e.superseded_by {
            let when = e.closed.map(|d| format!(" on {d}")).unwrap_or_default();
            out.push_str(&format!(
                "- **Superseded by:** {}{when}\n",
                code(s.as_str())
            ));
        }
        if let Some(f) = &e.in_force {
            out.push_str(&format!("- **In force instead:** {}\n", code(f.as_str())));
        }
        if e.status == Status::Revoked {
            let when = e.closed.map(|d| format!(" on {d}")).unwrap_or_default();
            let why = e.reason.as_deref().map(inline).unwrap_or_default();
            out.push_str(&format!("- **Revoked{when}:** {why}\n"));
        }
        if e.chain.len() > 1 {
            let chain: Vec<String> = e.chain.iter().map(|c| code(c.as_str())).collect();
            out.push_str(&format!("- **Chain:** {}\n", chain.join(" → ")));
        }
    }
    out
}
