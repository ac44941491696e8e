//! The executive summary as one HTML page: the same words as the Markdown and text forms
//! (`report::brief`), then the charts.

use maud::{html, Markup};

use super::{chart, line, page, IdLink};
use crate::query::charts::Charts;
use crate::report::brief::Doc;

fn status_class(h: crate::query::brief::Health) -> &'static str {
    match h {
        crate::query::brief::Health::OnTrack => "on_track",
        crate::query::brief::Health::AtRisk => "at_risk",
        crate::query::brief::Health::OffTrack => "off_track",
    }
}

/// The charts of a summary.
pub fn charts(c: &Charts) -> Markup {
    html! {
        section id="charts" {
            h2 { "Charts" }
            div.charts {
                (chart::rates("chart-on-time", "On-time rate per team, by week", &c.weeks, &c.on_time))
                (chart::bars("chart-overdue-age", "Overdue items by age",
                    "How many open commitments and asks are overdue, by how many days.",
                    "Items", &c.overdue_by_age))
                (chart::bars("chart-slips", "Slips per commitment",
                    "How many times the due date of each commitment still in play moved.",
                    "Slips", &c.slips))
                (chart::made_kept("chart-made-kept", "Commitments made and kept, by week", &c.made_kept))
            }
        }
    }
}

/// The summary's body (also the web site's index).
pub fn body(d: &Doc, c: &Charts, link: IdLink<'_>) -> Markup {
    html! {
        (words(d, link))
        (charts(c))
    }
}

/// A document's words: heading, status when it has one, and its sections.
pub fn words(d: &Doc, link: IdLink<'_>) -> Markup {
    html! {
        header {
            h1 { (d.title) }
            p.meta {
                @if let Some(a) = &d.audience { "For " (a) ". " }
                (d.period) "."
            }
        }
        @if let Some(status) = d.status {
            section.status.(status_class(status)) id="status" {
                p { "Status: " span.badge { (status.words()) } }
                ul { @for r in &d.reasons { li { (line(r, link)) } } }
            }
        }
        @for s in &d.sections {
            section id=(s.key) {
                h2 { (s.title) }
                ul {
                    @for it in &s.items {
                        li {
                            (line(&it.line, link))
                            @if let Some(q) = &it.quote { blockquote { (q) } }
                            @if !it.sub.is_empty() {
                                ul { @for l in &it.sub { li { (line(l, link)) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The whole page.
pub fn render(d: &Doc, c: &Charts, link: IdLink<'_>) -> String {
    page(&format!("{}: {}", d.title, d.period), body(d, c, link))
}

/// A document without charts (minutes, a weeknote) as a whole page.
pub fn render_words(d: &Doc, link: IdLink<'_>) -> String {
    page(&format!("{}: {}", d.title, d.period), words(d, link))
}
