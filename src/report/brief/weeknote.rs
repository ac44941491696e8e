//! The weeknote: the executive summary's facts in the plain, first-person-plural form teams
//! publish each week (three things to know, what happened, what is blocked and what waits on
//! it, what we decided, what we changed, what's next). Laid out by the same Markdown, text and
//! HTML forms as the summary.

use super::{section, t, Doc, Item, Words};
use crate::query::brief::{Brief, Health};

/// "3 of our 12 open commitments (25%)".
fn share(n: usize, open: usize) -> String {
    let pct = (n * 100).checked_div(open).unwrap_or(0);
    format!("{n} of our {open} open commitments ({pct}%)")
}

/// The weeknote as a document.
pub fn doc(b: &Brief) -> Doc {
    let w = Words { b };
    let summary = super::doc(b);
    // The three things: why we are not on track (when we are not), then what we decided, what
    // we changed and what we kept, in that order, three at most.
    let mut three: Vec<Item> = Vec::new();
    if b.status != Health::OnTrack {
        three.extend(summary.reasons.iter().map(|r| Item {
            line: r.clone(),
            ..Item::default()
        }));
    }
    for more in [w.decided(), w.changed(), w.kept(), w.next()] {
        three.extend(more.into_iter().map(|mut it| {
            it.sub.clear();
            it
        }));
    }
    three.truncate(3);
    if three.is_empty() {
        three.push(Item {
            line: vec![t(
                "A quiet week: nothing was decided, changed, kept or due.",
            )],
            ..Item::default()
        });
    }
    let mut happened = w.attention();
    happened.extend(w.slipped());
    happened.extend(w.kept());
    let blocked: Vec<Item> = w
        .blocked()
        .into_iter()
        .zip(&b.blocked)
        .map(|(mut it, g)| {
            it.sub.push(vec![t(format!(
                "This holds up {}.",
                share(g.waiting.len(), b.open_commitments)
            ))]);
            it
        })
        .collect();
    let mut next = w.next();
    next.extend(w.waiting());
    let sections = [
        section("three", "Three things to know this week".into(), three),
        section("happened", "What happened".into(), happened),
        section(
            "blocked",
            "What is blocked, and what waits on it".into(),
            blocked,
        ),
        section("decided", "What we decided".into(), w.decided()),
        section("changed", "What we changed".into(), w.changed()),
        section("next", "What's next".into(), next),
    ]
    .into_iter()
    .flatten()
    .collect();
    Doc {
        title: format!("{}: weeknote", b.title),
        audience: b.audience.clone(),
        period: summary.period,
        status: None,
        reasons: Vec::new(),
        sections,
    }
}
