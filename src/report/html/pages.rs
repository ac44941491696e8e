//! The other commands' HTML pages: overdue, who, decisions, escalate and history, each one
//! self-contained page with the report's style. Record text goes in as text (maud escapes
//! it); addresses become links only through `external`.

use chrono::NaiveDate;
use maud::{html, Markup};

use super::{chart, external, page};
use crate::history::events::Event;
use crate::model::outcome::{on_time_rate, Outcome};
use crate::model::verdict::word;
use crate::model::{People, Person, Record, RecordId, Status};
use crate::query::charts::by_age;
use crate::query::escalation::{Memo, PersonRef, Receipt};
use crate::query::overdue::{owes, Overdue};
use crate::query::register::Entry;
use crate::query::resolve::Abbrev;
use crate::query::who::Who;
use crate::report::history::change_lines;
use crate::report::memo::SHORT_COMMIT;

fn name(people: &People, handle: &str) -> String {
    people
        .get(handle)
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| handle.to_string())
}

fn days(n: i64) -> String {
    format!("{n} day{}", if n == 1 { "" } else { "s" })
}

/// `overdue` as a page: both groups, most overdue first, and the ages as a chart.
pub fn overdue(day: NaiveDate, items: &[Overdue<'_>], people: &People, abbrev: &Abbrev) -> String {
    let group = |ask: bool| -> Vec<&Overdue<'_>> {
        items
            .iter()
            .filter(|i| matches!(i.entry.record, Record::Ask(_)) == ask)
            .collect()
    };
    let table = |rows: Vec<&Overdue<'_>>, ask: bool| {
        html! {
            table.overdue {
                thead { tr {
                    th { "ID" } th.num { "Late" } th { "Due" }
                    th { @if ask { "Asked of" } @else { "Promised by" } }
                    th { @if ask { "Asked by" } @else { "To" } }
                    th { "What" } th.num { "Slips" } th { "Escalate to" } th { "Blocked" }
                } }
                tbody { @for i in rows {
                    @let r = &i.entry.record;
                    @let other = match r { Record::Ask(a) => a.from.clone(), _ => r.counterpart().unwrap_or("").to_string() };
                    tr id=(r.id().as_str()) {
                        td { code { (abbrev.short(r.id())) } }
                        td.num { (days(i.days_overdue)) }
                        td { (r.due().map(|d| d.to_string()).unwrap_or_default()) }
                        td { (name(people, owes(r))) }
                        td { (name(people, &other)) }
                        td { (r.headline()) }
                        td.num { (i.slips) }
                        td { (name(people, &i.escalate_to)) }
                        td { @if i.blocked { "blocked" } }
                    }
                } }
            }
        }
    };
    let (coms, asks) = (group(false), group(true));
    let ages = by_age(items.iter().map(|i| i.days_overdue));
    let body = html! {
        header { h1 { "Overdue on " (day) } p.meta { (items.len()) " overdue: " (coms.len()) " commitments, " (asks.len()) " asks." } }
        @if items.is_empty() { p { "Nothing is overdue on " (day) "." } }
        @if !coms.is_empty() { section id="commitments" { h2 { "Overdue commitments (" (coms.len()) ")" } (table(coms, false)) } }
        @if !asks.is_empty() { section id="asks" { h2 { "Overdue asks (" (asks.len()) ")" } (table(asks, true)) } }
        section id="charts" {
            h2 { "Charts" }
            (chart::bars("chart-overdue-age", "Overdue items by age",
                "How many open commitments and asks are overdue, by how many days.", "Items", &ages))
        }
    };
    page(&format!("Overdue on {day}"), body)
}

/// Where a record's id links to (a page of the web site), or nowhere.
pub type RecordLink<'a> = &'a dyn Fn(&RecordId) -> Option<String>;

fn no_link(_: &RecordId) -> Option<String> {
    None
}

/// An id, shortened, linked where `link` says.
fn id_cell(id: &RecordId, abbrev: &Abbrev, link: RecordLink<'_>) -> Markup {
    match link(id) {
        Some(h) => html! { a href=(h) { code { (abbrev.short(id)) } } },
        None => html! { code { (abbrev.short(id)) } },
    }
}

/// `who PERSON` as a page.
pub fn who(
    handle: &str,
    person: Option<&Person>,
    day: NaiveDate,
    w: &Who<'_>,
    people: &People,
    abbrev: &Abbrev,
) -> String {
    let display = person
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| handle.to_string());
    let body = who_body(handle, person, day, w, people, abbrev, &no_link);
    page(&format!("{display}: who"), body)
}

/// The body of a person's page (also the web site's page of that person).
pub fn who_body(
    handle: &str,
    person: Option<&Person>,
    day: NaiveDate,
    w: &Who<'_>,
    people: &People,
    abbrev: &Abbrev,
    link: RecordLink<'_>,
) -> Markup {
    let display = person
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| handle.to_string());
    let rate = on_time_rate(w.promised.iter().map(|(_, o)| *o));
    let promises = |list: &[(&crate::model::Commitment, Outcome)], to: bool| {
        html! {
            table { thead { tr { th { "ID" } th { "Outcome" } th { "Made" } th { "Due" } th { "Closed" }
                th { @if to { "By" } @else { "To" } } th { "What" } } }
            tbody { @for (c, o) in list { tr {
                td { (id_cell(&c.id, abbrev, link)) } td { (word(*o)) } td { (c.date) } td { (c.due) }
                td { (c.closed.map(|d| d.to_string()).unwrap_or_default()) }
                td { (name(people, if to { &c.by } else { &c.to })) } td { (c.what) }
            } } } }
        }
    };
    let asks = |list: &[&crate::model::Ask], made: bool| {
        html! {
            table { thead { tr { th { "ID" } th { "Status" } th { "Asked" } th { "Needed by" }
                th { @if made { "Asked of" } @else { "From" } } th { "What" } } }
            tbody { @for a in list { tr {
                td { (id_cell(&a.id, abbrev, link)) } td { (a.status) } td { (a.date) }
                td { (a.due.map(|d| d.to_string()).unwrap_or_default()) }
                td { (name(people, if made { &a.to } else { &a.from })) } td { (a.what) }
            } } } }
        }
    };
    html! {
        header {
            h1 { (display) }
            p.meta {
                (handle)
                @if let Some(t) = person.and_then(|p| p.team.as_deref()) { ", team " (t) }
                @if let Some(r) = person.and_then(|p| p.reports_to.as_deref()) { ", reports to " (name(people, r)) }
                "; as of " (day) "."
            }
        }
        section.status id="status" { p { "On-time rate: "
            strong { (rate.map(|r| format!("{:.0}%", r * 100.0)).unwrap_or_else(|| "nothing came due yet".into())) } } }
        section id="promised" { h2 { "Promised by " (display) " (" (w.promised.len()) ")" } (promises(&w.promised, false)) }
        section id="promised-to" { h2 { "Promised to " (display) " (" (w.promised_to.len()) ")" } (promises(&w.promised_to, true)) }
        section id="asks-made" { h2 { "Asks " (display) " made (" (w.asked.len()) ")" } (asks(&w.asked, true)) }
        section id="asks-received" { h2 { "Asks made of " (display) " (" (w.asked_of.len()) ")" } (asks(&w.asked_of, false)) }
        section id="decisions" { h2 { "Decisions by " (display) " (" (w.decisions.len()) ")" }
            ul { @for d in &w.decisions { li { (d.date) ", " (d.status) ": " q { (d.statement) } " " (id_cell(&d.id, abbrev, link)) } } } }
        section id="meetings" { h2 { "Meetings attended (" (w.attended.len()) ")" }
            ul { @for m in &w.attended { li { (m.date) ": " (m.title) " " (id_cell(&m.id, abbrev, link)) } } } }
    }
}

/// The decision register as a page: compliance decisions first, statements word for word.
pub fn decisions(entries: &[Entry], filters: &str) -> String {
    let anchor = |id: &RecordId| Some(format!("#{id}"));
    page(
        "Decision register",
        decisions_body(entries, filters, &anchor),
    )
}

/// The register's body; `link` says where a decision's id points (an anchor on the same page,
/// or the decision's own page on the web site).
pub fn decisions_body(entries: &[Entry], filters: &str, link: RecordLink<'_>) -> Markup {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| {
        b.compliance
            .cmp(&a.compliance)
            .then(a.date.cmp(&b.date))
            .then(a.id.cmp(&b.id))
    });
    let in_force = entries
        .iter()
        .filter(|e| e.status == Status::Active)
        .count();
    let to = |id: &RecordId| -> Markup {
        match link(id) {
            Some(h) => html! { a href=(h) { code { (id) } } },
            None => html! { code { (id) } },
        }
    };
    html! {
        header { h1 { "Decision register" (filters) }
            p.meta { (entries.len()) " decisions: " (in_force) " in force, "
                (entries.iter().filter(|e| e.compliance).count()) " compliance." } }
        @for e in sorted {
            article.decision id=(e.id.as_str()) {
                h2 { @if e.compliance { "Compliance decision" } @else { "Decision" } " of " (e.date) ", " (e.status) }
                blockquote { (e.statement) }
                table { tbody {
                    tr { th { "Id" } td { code { (e.id) } } }
                    tr { th { "By" } td { (e.by_name.clone().map(|n| format!("{n} ({})", e.by)).unwrap_or_else(|| e.by.clone())) } }
                    @if let Some(m) = &e.meeting { tr { th { "Where" } td { (if m.title.is_empty() { m.id.to_string() } else { m.title.clone() }) } } }
                    @if let Some(p) = &e.place { tr { th { "Where" } td { (p) } } }
                    @if let Some(r) = &e.rationale { tr { th { "Rationale" } td { (r) } } }
                    @if !e.evidence.is_empty() { tr { th { "Evidence" } td { ul { @for u in &e.evidence { li { (external(u)) } } } } } }
                    @if let Some(s) = &e.supersedes { tr { th { "Supersedes" } td { (to(s)) } } }
                    @if let Some(s) = &e.superseded_by { tr { th { "Superseded by" } td { (to(s)) } } }
                    @if let Some(s) = &e.in_force { tr { th { "In force" } td { (to(s)) } } }
                    @if e.chain.len() > 1 { tr { th { "Chain" } td { @for (i, c) in e.chain.iter().enumerate() {
                        @if i > 0 { " → " } (to(c)) } } } }
                    @if let Some(r) = &e.reason { tr { th { "Reason" } td { (r) } } }
                } }
            }
        }
    }
}

fn person(p: &PersonRef) -> String {
    match (&p.name, p.handle.is_empty()) {
        (Some(n), false) => format!("{n} ({})", p.handle),
        (Some(n), true) => n.clone(),
        (None, _) => p.handle.clone(),
    }
}

fn receipt(r: &Option<Receipt>) -> Markup {
    let Some(r) = r else { return html! {} };
    let short = &r.commit[..SHORT_COMMIT.min(r.commit.len())];
    html! {
        " " span.receipt { "(receipt: "
            @match r.link.as_deref().and_then(super::safe_href) {
                Some(u) => a href=(u) { code { (short) } },
                None => code { (short) },
            }
            ", " (r.at.format("%Y-%m-%d %H:%M %z")) " by " (r.author) ")" }
    }
}

/// The escalation memo as a page.
pub fn escalate(m: &Memo) -> String {
    let to = if m.escalate_to.is_empty() {
        format!(
            "no one on record: the people file names no one {} reports to",
            person(&m.owner)
        )
    } else {
        m.escalate_to
            .iter()
            .map(person)
            .collect::<Vec<_>>()
            .join(", then ")
    };
    let body = html! {
        header { h1 { "Escalation: " (m.what) } }
        ul {
            li { strong { "To: " } (to) }
            li { strong { "About: " } (m.kind) " " code { (m.id) } ", owed by " (person(&m.owner)) }
            li { strong { "Standing: " }
                @if m.standing == "overdue" { strong { (days(m.days_overdue)) " overdue" } " on " (m.day) " (due " (m.due) ")" }
                @else { strong { "at risk" } ": due " (m.due) ", " (days(m.due_in_days)) " after " (m.day) } }
        }
        @if let Some(a) = &m.ask { section id="asked" { h2 { "What was asked" }
            p { "On " (a.date) " " (person(&a.from)) " asked " (person(&a.to)) ": " (a.what)
                @if let Some(d) = a.due { ", needed by " (d) } "." (receipt(&a.receipt)) }
            @if let Some(w) = &a.why { p { "Why it matters: " (w) } } } }
        @if let Some(p) = &m.promise { section id="promised" { h2 { "What was promised" }
            p { "On " (p.date) " " (person(&p.by)) " promised " (person(&p.to)) ": " (p.what) ", due " (p.first_due)
                @if let Some(mt) = &p.meeting { ", in the meeting " (mt.title) } "." (receipt(&p.receipt)) } } }
        @if !m.due_changes.is_empty() { section id="due-changes" { h2 { "Due date changes (" (m.due_changes.len()) ")" }
            table { thead { tr { th { "When" } th { "Who" } th { "From" } th { "To" } th { "Reason" } th { "Receipt" } } }
            tbody { @for c in &m.due_changes { tr {
                td { (c.date) } td { (person(&c.by)) }
                td { (c.from.map(|d| d.to_string()).unwrap_or("–".into())) }
                td { (c.to.map(|d| d.to_string()).unwrap_or("–".into())) }
                td { (c.reason.clone().unwrap_or("(none given)".into()))
                    @if let Some(d) = c.days_after_due { " " strong { "(" (crate::model::verdict::moved_late(d)) ")" } } }
                td { (receipt(&Some(c.receipt.clone()))) }
            } } } } } }
        @if !m.notes.is_empty() { section id="notes" { h2 { "Progress notes (" (m.notes.len()) ")" }
            ul { @for n in &m.notes { li { (n.date) @if let Some(b) = &n.by { ", " (person(b)) } ": " (n.text) (receipt(&n.receipt)) } } } } }
        @if let Some(b) = &m.blocked { section id="blocked" { h2 { "Blocked" }
            p { "Waiting since " (b.since)
                @if let Some(w) = &b.on_what { " on " (w) }
                @if let Some(r) = &b.reason { ": " (r) } "." (receipt(&b.receipt)) } } }
        @if !m.waiting_on_it.is_empty() { section id="waiting" { h2 { "What waits on it (" (m.waiting_on_it.len()) ")" }
            ul { @for d in &m.waiting_on_it { li { code { (d.id) } " " (person(&d.by)) ": " (d.what) ", due " (d.due) (receipt(&d.receipt)) } } } } }
    };
    page(&format!("Escalation: {}", m.what), body)
}

/// A record's history as a page: one row per commit, with the fields it changed.
pub fn history(id: &str, kind: &str, headline: &str, evs: &[Event]) -> String {
    let body = html! {
        header { h1 { "History of " code { (id) } } p.meta { (kind) ": " (headline) ". " (evs.len()) " changes." } }
        table.history {
            thead { tr { th { "Commit" } th { "When" } th { "Author" } th { "Action" } th { "Changes" } } }
            tbody { @for e in evs { tr {
                td { code { (&e.commit.commit[..e.commit.commit.len().min(10)]) } }
                td { (e.commit.at.format("%Y-%m-%d %H:%M %z")) }
                td { (e.commit.author) }
                td { (e.action) @if e.by_hand { " (made with plain git)" } }
                td { ul { @for c in &e.changes { @for l in change_lines(c) { li { (l) } } } }
                     @if let Some(r) = &e.reason { p { "Reason: " (r) } } }
            } } }
        }
    };
    page(&format!("History of {id}"), body)
}
