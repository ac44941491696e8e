//! The ledger as a static web site (`ledger site DIR`): an index with the summary and its
//! charts, the decision register, a page per person, per team and per record. Every link is
//! relative, so the folder works from any static host or straight from disk, and every page
//! is built from the same parts as the single pages.

use std::path::Path;

use maud::{html, Markup};

use super::{brief as hbrief, chart, external, page, page_with_script, pages, safe_href};
use crate::history::events::Event;
use crate::model::{People, Record, RecordId};
use crate::query::brief::IdRef;
use crate::query::charts::{Charts, TeamRates};
use crate::query::register::Entry;
use crate::query::resolve::Abbrev;
use crate::query::who::Who;
use crate::report::brief::Doc;
use crate::report::history::change_lines;

/// One page of the site: its path inside the folder, and its bytes.
pub type Page = (String, String);

/// The page of a record, from the site's root.
pub fn record_path(id: &RecordId) -> String {
    format!("records/{id}.html")
}

/// The page of a person, from the site's root.
pub fn person_path(handle: &str) -> String {
    format!("people/{}.html", slug(handle))
}

/// The page of a team, from the site's root.
pub fn team_path(team: &str) -> String {
    format!("teams/{}.html", slug(team))
}

/// A file name for any text: lowercase letters, digits, `.`, `_`, `-` and `@` kept, anything
/// else a `-`; never empty, never starting with a dot.
pub fn slug(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '@' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with('.') {
        out.insert(0, '_');
    }
    out
}

fn shell(root: &str, title: &str, body: Markup) -> String {
    page(title, framed(root, body))
}

/// The navigation, `body` and the footer every page of the site shares.
fn framed(root: &str, body: Markup) -> Markup {
    html! {
        nav.site {
            a href=(format!("{root}index.html")) { "Summary" } " · "
            a href=(format!("{root}decisions.html")) { "Decisions" } " · "
            a href=(format!("{root}people.html")) { "People and teams" } " · "
            a href=(format!("{root}search.html")) { "Search" }
        }
        (body)
        footer { "Made by ledger from the git history of the ledger." }
    }
}

/// The script of the search page: it hides the entries that do not contain every word typed.
/// Without it the page is the whole index, to read or search with the browser's find.
const SEARCH_JS: &str = r##"// ledger site search: filters the index on search.html as you type.
(function () {
  var input = document.getElementById("q");
  var items = document.querySelectorAll("#index li");
  var count = document.getElementById("count");
  if (!input) { return; }
  input.hidden = false;
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute("data-text");
      var hit = words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !hit;
      if (hit) { shown += 1; }
    });
    count.textContent = shown + " of " + items.length;
  }
  input.addEventListener("input", run);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; }
  run();
})();
"##;

/// The search page and its script: every record's title or statement with its id, kind and
/// status, linked to its page; the script (a file of the site, so the CSP allows no inline
/// script) filters the list as one types.
pub fn search(records: &[&Record]) -> Vec<Page> {
    let body = html! {
        header { h1 { "Search" } }
        p { "Titles and statements of every record. Type to filter (with JavaScript), or use the browser's find." }
        p { input #q type="search" name="q" placeholder="Search titles and statements" aria-label="Search titles and statements" autocomplete="off" hidden; " " span #count { (records.len()) " records" } }
        ul #index {
            @for r in records {
                li data-text=(format!("{} {} {} {}", r.id(), r.kind(), r.status(), r.headline()).to_lowercase()) {
                    a href=(record_path(r.id())) { code { (r.id()) } } " "
                    (r.kind()) ", " (r.status()) ": " (r.headline())
                }
            }
        }
    };
    vec![
        (
            "search.html".into(),
            page_with_script("Search", framed("", body), Some("search.js")),
        ),
        ("search.js".into(), SEARCH_JS.into()),
    ]
}

/// The index: the summary with its charts, ids linking to the records' pages.
pub fn index(doc: &Doc, charts: &Charts) -> Page {
    let link = |r: &IdRef| {
        Path::new(&r.path)
            .file_stem()
            .map(|s| format!("records/{}.html", s.to_string_lossy()))
    };
    (
        "index.html".into(),
        shell("", &doc.title, hbrief::body(doc, charts, &link)),
    )
}

/// The decision register, compliance first, with its chains.
pub fn decisions(entries: &[Entry]) -> Page {
    let link = |id: &RecordId| Some(record_path(id));
    (
        "decisions.html".into(),
        shell(
            "",
            "Decision register",
            pages::decisions_body(entries, "", &link),
        ),
    )
}

/// Everyone and every team, with links to their pages.
pub fn people(people: &People, handles: &[String], teams: &[String]) -> Page {
    let body = html! {
        header { h1 { "People and teams" } }
        section id="people" { h2 { "People (" (handles.len()) ")" }
            ul { @for h in handles { li {
                a href=(person_path(h)) { (people.display(h)) }
                @if let Some(t) = people.team(h) { ", " a href=(team_path(t)) { (t) } }
            } } } }
        section id="teams" { h2 { "Teams (" (teams.len()) ")" }
            ul { @for t in teams { li { a href=(team_path(t)) { (t) } } } } }
    };
    ("people.html".into(), shell("", "People and teams", body))
}

/// A person's page: what they promised and to whom, and their keep rate week by week.
#[allow(clippy::too_many_arguments)]
pub fn person(
    handle: &str,
    people: &People,
    day: chrono::NaiveDate,
    w: &Who<'_>,
    abbrev: &Abbrev,
    weeks: &[chrono::NaiveDate],
    rates: &TeamRates,
) -> Page {
    let link = |id: &RecordId| Some(format!("../{}", record_path(id)));
    let body = html! {
        (pages::who_body(handle, people.get(handle), day, w, people, abbrev, &link))
        section id="keep-rate" {
            h2 { "Keep rate over time" }
            (chart::rates("chart-person", "On-time rate, by week", weeks, std::slice::from_ref(rates)))
        }
    };
    (
        person_path(handle),
        shell("../", &people.display(handle), body),
    )
}

/// A team's page: its people and its on-time rate week by week.
pub fn team(
    team: &str,
    people: &People,
    members: &[String],
    weeks: &[chrono::NaiveDate],
    rates: Option<&TeamRates>,
) -> Page {
    let body = html! {
        header { h1 { "Team " (team) } }
        section id="members" { h2 { "People (" (members.len()) ")" }
            ul { @for h in members { li { a href=(format!("../{}", person_path(h))) { (people.display(h)) } } } } }
        @if let Some(r) = rates {
            section id="keep-rate" { h2 { "Keep rate over time" }
                (chart::rates("chart-team", "On-time rate, by week", weeks, std::slice::from_ref(r))) }
        }
    };
    (team_path(team), shell("../", &format!("Team {team}"), body))
}

fn value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        // A note or a reschedule: its parts in their file order.
        serde_json::Value::Object(m) => m
            .values()
            .map(value)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

/// A record's page: every field, its links, and its history from git with each commit linked
/// to the git host when the remote is a known one.
pub fn record(
    r: &Record,
    exists: &dyn Fn(&RecordId) -> bool,
    events: &[Event],
    commit_link: &dyn Fn(&str) -> Option<String>,
) -> Page {
    let fields = match serde_json::to_value(r) {
        Ok(serde_json::Value::Object(m)) => m.into_iter().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let body = html! {
        header { h1 { (r.kind()) " " code { (r.id()) } } p.meta { (r.headline()) } }
        section id="fields" { h2 { "Fields" }
            table { tbody { @for (k, v) in &fields { tr { th { (k) } td {
                @if k == "evidence" { @if let serde_json::Value::Array(a) = v { ul { @for u in a { li { (external(&value(u))) } } } } }
                @else if let serde_json::Value::Array(a) = v { @if a.iter().all(|x| x.is_string()) {
                    (a.iter().map(value).collect::<Vec<_>>().join(", ")) } @else { ul { @for x in a { li { (value(x)) } } } } }
                @else if v.is_object() { (value(v)) }
                @else { (value(v)) }
            } } } } } }
        @let refs = r.references();
        @if !refs.is_empty() { section id="links" { h2 { "Links" }
            ul { @for (field, id) in &refs { li { (field) ": "
                @if exists(id) { a href=(format!("{id}.html")) { code { (id) } } }
                @else { code { (id) } " (not in the ledger)" }
            } } } } }
        section id="history" { h2 { "History (" (events.len()) " changes)" }
            table.history {
                thead { tr { th { "Commit" } th { "When" } th { "Author" } th { "Action" } th { "Changes" } } }
                tbody { @for e in events { tr {
                    @let short = &e.commit.commit[..e.commit.commit.len().min(10)];
                    td { @match commit_link(&e.commit.commit).as_deref().and_then(safe_href) {
                        Some(u) => a href=(u) { code { (short) } },
                        None => code { (short) },
                    } }
                    td { (e.commit.at.format("%Y-%m-%d %H:%M %z")) }
                    td { (e.commit.author) }
                    td { (e.action) @if e.by_hand { " (made with plain git)" } }
                    td { ul { @for c in &e.changes { @for l in change_lines(c) { li { (l) } } } }
                         @if let Some(why) = &e.reason { p { "Reason: " (why) } } }
                } } }
            }
        }
    };
    (
        record_path(r.id()),
        shell("../", &format!("{} {}", r.kind(), r.id()), body),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Payments & Risk"), "payments---risk");
        assert_eq!(slug("../etc"), "_..-etc");
        assert_eq!(slug(""), "_");
        assert_eq!(slug("bob@corp"), "bob@corp");
    }
}
