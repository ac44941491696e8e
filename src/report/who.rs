//! `who`'s answer rendered: a person's promises with their outcomes, asks both ways, decisions
//! and meetings, as titled tables, one JSON object, or one CSV sheet.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::model::outcome::{self, Outcome};
use crate::model::{Ask, Commitment, Decision, People, Person, Record};
use crate::query::resolve::Abbrev;
use crate::query::who::Who;

use super::{csv, json as rjson, table, text};

/// A titled table of `who`'s answer: title, column names, rows.
type Section<'a> = (String, Vec<&'a str>, Vec<Vec<String>>);

use super::outcome::{moved_late, word};

/// The outcome of one promise in a table: its word, and every reschedule made after the due
/// date had passed, so a late move shows even while the promise is still open.
fn outcome_cell(c: &Commitment, o: Outcome) -> String {
    let mut s = word(o).to_string();
    for m in outcome::late_moves(c) {
        s.push_str("; ");
        s.push_str(&moved_late(m.days_after_due));
    }
    s
}

fn rate_text(w: &Who<'_>) -> String {
    let came_due = w.promised.iter().filter(|(_, o)| o.came_due()).count();
    let kept = w.promised.iter().filter(|(_, o)| o.kept_on_time()).count();
    match w.on_time_rate() {
        Some(r) => format!(
            "{:.0}% ({kept} of the {came_due} that came due kept on time)",
            r * 100.0
        ),
        None => "no on-time rate yet (nothing came due)".into(),
    }
}

/// The answer as one JSON object (the shape is documented in docs/commands.md).
pub fn to_json(handle: &str, person: Option<&Person>, day: NaiveDate, w: &Who<'_>) -> Value {
    let counts = w.counts();
    let count = |o: Outcome| counts.get(&o).copied().unwrap_or(0);
    let com = |list: &[(&Commitment, Outcome)]| -> Vec<Value> {
        list.iter()
            .map(|(c, o)| {
                let mut v = rjson::record(&Record::Commitment((*c).clone()));
                let a = outcome::assess(c, day);
                v["outcome"] = json!(o);
                v["days_late"] = json!(a.closed_days_late);
                v["late_reschedules"] = json!(a.late_moves);
                v
            })
            .collect()
    };
    let asks = |list: &[&Ask]| -> Vec<Value> {
        list.iter()
            .map(|a| rjson::record(&Record::Ask((*a).clone())))
            .collect()
    };
    let decs: Vec<Value> = w
        .decisions
        .iter()
        .map(|d| rjson::record(&Record::Decision((*d).clone())))
        .collect();
    let v = json!({
        "handle": handle,
        "name": person.and_then(|p| p.name.clone()),
        "team": person.and_then(|p| p.team.clone()),
        "reports_to": person.and_then(|p| p.reports_to.clone()),
        "as_of": day.to_string(),
        "on_time_rate": w.on_time_rate(),
        "counts": {
            "open": count(Outcome::Open),
            "overdue": count(Outcome::Overdue),
            "on_time": count(Outcome::OnTime),
            "renegotiated": count(Outcome::Renegotiated),
            "late": count(Outcome::Late),
            "cancelled": count(Outcome::Cancelled),
            "cancelled_late": count(Outcome::CancelledLate),
            "broken": count(Outcome::Overdue) + count(Outcome::CancelledLate),
        },
        "promised": com(&w.promised),
        "promised_to": com(&w.promised_to),
        "asks_made": asks(&w.asked),
        "asks_received": asks(&w.asked_of),
        "decisions": decs,
        "meetings_attended": w.attended.iter().map(|m| json!({
            "id": m.id, "date": m.date.to_string(), "title": m.title,
        })).collect::<Vec<_>>(),
    });
    v
}

/// The answer as an introduction, the counts and one titled table per relation.
pub fn write_table(
    out: &mut dyn Write,
    handle: &str,
    people: &People,
    day: NaiveDate,
    w: &Who<'_>,
    abbrev: &Abbrev,
) -> std::io::Result<()> {
    let person = people.get(handle);
    let counts = w.counts();
    let count = |o: Outcome| counts.get(&o).copied().unwrap_or(0);
    let mut intro = text::safe(&people.display(handle), false);
    if let Some(t) = person.and_then(|p| p.team.as_deref()) {
        intro.push_str(&format!(", team {}", text::line(t, 40)));
    }
    if let Some(r) = person.and_then(|p| p.reports_to.as_deref()) {
        intro.push_str(&format!(", reports to {}", text::line(r, 40)));
    }
    // The prose above the tables wraps at spaces to the width the tables are fitted to.
    let width = super::style::width().unwrap_or(usize::MAX);
    let mut para = |text: String| -> std::io::Result<()> {
        for l in super::style::wrap(&text, width) {
            writeln!(out, "{l}")?;
        }
        Ok(())
    };
    para(format!("{intro}; as of {day}"))?;
    para(format!(
        "On-time rate: {}. Promises: {} open, {} overdue, {} done on time, {} renegotiated in time, {} done late, {} cancelled ({} after due).",
        rate_text(w),
        count(Outcome::Open),
        count(Outcome::Overdue),
        count(Outcome::OnTime),
        count(Outcome::Renegotiated),
        count(Outcome::Late),
        count(Outcome::Cancelled) + count(Outcome::CancelledLate),
        count(Outcome::CancelledLate),
    ))?;
    let com_rows = |list: &[(&Commitment, Outcome)], by_side: bool| -> Vec<Vec<String>> {
        list.iter()
            .map(|(c, o)| {
                vec![
                    abbrev.short(&c.id).to_string(),
                    outcome_cell(c, *o),
                    c.date.to_string(),
                    c.due.to_string(),
                    c.closed.map(|d| d.to_string()).unwrap_or_default(),
                    text::line(if by_side { &c.to } else { &c.by }, 20),
                    text::line(&c.what, 60),
                ]
            })
            .collect()
    };
    let ask_rows = |list: &[&Ask], made: bool| -> Vec<Vec<String>> {
        list.iter()
            .map(|a| {
                vec![
                    abbrev.short(&a.id).to_string(),
                    a.status.to_string(),
                    a.date.to_string(),
                    a.due.map(|d| d.to_string()).unwrap_or_default(),
                    text::line(if made { &a.to } else { &a.from }, 20),
                    text::line(&a.what, 60),
                ]
            })
            .collect()
    };
    let dec_rows = |list: &[&Decision]| -> Vec<Vec<String>> {
        list.iter()
            .map(|d| {
                vec![
                    abbrev.short(&d.id).to_string(),
                    d.status.to_string(),
                    d.date.to_string(),
                    if d.compliance { "yes" } else { "" }.to_string(),
                    text::line(&d.statement, 70),
                ]
            })
            .collect()
    };
    let h = text::line(handle, 40);
    let mtg_rows: Vec<Vec<String>> = w
        .attended
        .iter()
        .map(|m| {
            vec![
                abbrev.short(&m.id).to_string(),
                m.date.to_string(),
                text::line(&m.title, 70),
            ]
        })
        .collect();
    let sections: [Section<'_>; 6] = [
        (
            format!("Promised by {h}"),
            vec!["ID", "OUTCOME", "DATE", "DUE", "CLOSED", "TO", "WHAT"],
            com_rows(&w.promised, true),
        ),
        (
            format!("Promised to {h}"),
            vec!["ID", "OUTCOME", "DATE", "DUE", "CLOSED", "BY", "WHAT"],
            com_rows(&w.promised_to, false),
        ),
        (
            format!("Asks {h} made"),
            vec!["ID", "STATUS", "DATE", "NEEDED BY", "TO", "WHAT"],
            ask_rows(&w.asked, true),
        ),
        (
            format!("Asks made of {h}"),
            vec!["ID", "STATUS", "DATE", "NEEDED BY", "FROM", "WHAT"],
            ask_rows(&w.asked_of, false),
        ),
        (
            format!("Decisions by {h}"),
            vec!["ID", "STATUS", "DATE", "COMPLIANCE", "STATEMENT"],
            dec_rows(&w.decisions),
        ),
        (
            format!("Meetings {h} attended"),
            vec!["ID", "DATE", "TITLE"],
            mtg_rows,
        ),
    ];
    for (title, header, rows) in sections {
        if rows.is_empty() {
            writeln!(out, "\n{title}: none")?;
        } else {
            writeln!(out, "\n{title}: {}", rows.len())?;
            out.write_all(table::render(&header, rows).as_bytes())?;
        }
    }
    Ok(())
}

/// The answer as CSV, one row per record.
pub fn to_csv(w: &Who<'_>) -> String {
    // Built in the older column order, then laid out as the JSON names and orders its fields.
    let rows = csv_rows(w)
        .into_iter()
        .map(|o| {
            let (by, from) = if o[2] == "ask" {
                (String::new(), o[8].clone())
            } else {
                (o[8].clone(), String::new())
            };
            vec![
                o[0].clone(),
                o[1].clone(),
                o[2].clone(),
                o[3].clone(),
                o[5].clone(),
                o[10].clone(),
                by,
                from,
                o[9].clone(),
                o[6].clone(),
                o[7].clone(),
                o[4].clone(),
            ]
        })
        .collect();
    csv::render(&CSV_HEADER, rows)
}

/// The CSV columns: `relation` names the JSON list a row comes from, the others are the JSON
/// field names of its items, in their order (`by` a commitment's or decision's owner, `from`
/// an ask's asker, `what` a decision's statement too).
const CSV_HEADER: [&str; 12] = [
    "relation", "id", "kind", "status", "date", "what", "by", "from", "to", "due", "closed",
    "outcome",
];

fn csv_rows(w: &Who<'_>) -> Vec<Vec<String>> {
    let t = |s: &str| text::line(s, usize::MAX);
    let opt = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let mut rows = Vec::new();
    for (rel, list) in [("promised", &w.promised), ("promised_to", &w.promised_to)] {
        for (c, o) in list {
            rows.push(vec![
                rel.into(),
                c.id.to_string(),
                "commitment".into(),
                c.status.to_string(),
                json!(o).as_str().unwrap_or("").to_string(),
                c.date.to_string(),
                c.due.to_string(),
                opt(c.closed),
                t(&c.by),
                t(&c.to),
                t(&c.what),
            ]);
        }
    }
    for (rel, list) in [("asks_made", &w.asked), ("asks_received", &w.asked_of)] {
        for a in list {
            rows.push(vec![
                rel.into(),
                a.id.to_string(),
                "ask".into(),
                a.status.to_string(),
                String::new(),
                a.date.to_string(),
                opt(a.due),
                opt(a.closed),
                t(&a.from),
                t(&a.to),
                t(&a.what),
            ]);
        }
    }
    for d in &w.decisions {
        rows.push(vec![
            "decisions".into(),
            d.id.to_string(),
            "decision".into(),
            d.status.to_string(),
            String::new(),
            d.date.to_string(),
            String::new(),
            opt(d.closed),
            t(&d.by),
            String::new(),
            t(&d.statement),
        ]);
    }
    rows
}
