//! The executive summary as GitHub-flavoured Markdown: ids as small links to the records'
//! files (they resolve when the report sits at the ledger's root on a git host).

use super::{Doc, Item, Line, Span};
use crate::report::html::safe_href as safe_url;
use crate::report::markdown::{block, code, inline, link};

fn line(l: &Line) -> String {
    let mut out = String::new();
    for s in l {
        match s {
            Span::Text(x) => {
                // `inline` collapses whitespace; the spaces between spans must survive.
                if x.starts_with(' ') {
                    out.push(' ');
                }
                out.push_str(&inline(x));
                if x.ends_with(' ') && x.trim() != "" {
                    out.push(' ');
                }
            }
            Span::Strong(x) => {
                // Emphasis may not end in a space, so the space goes after it.
                out.push_str(&format!("**{}**", inline(x).trim_end()));
                if x.ends_with(' ') {
                    out.push(' ');
                }
            }
            Span::Url(u) => out.push_str(&link(&inline(u), safe_url(u))),
            Span::Id(r) => {
                let url = (!r.path.is_empty()).then_some(r.path.as_str());
                out.push(' ');
                out.push_str(&link(&code(&r.short), url));
            }
        }
    }
    out
}

fn item(out: &mut String, it: &Item) {
    out.push_str(&format!("- {}\n", line(&it.line)));
    if let Some(q) = &it.quote {
        out.push_str(&format!("\n  > {}\n\n", block(q)));
    }
    for s in &it.sub {
        out.push_str(&format!("  - {}\n", line(s)));
    }
}

/// The summary as Markdown.
pub fn render(d: &Doc) -> String {
    let mut out = format!("# {}\n\n", inline(&d.title));
    match &d.audience {
        Some(a) => out.push_str(&format!("For {}. {}.\n\n", inline(a), inline(&d.period))),
        None => out.push_str(&format!("{}.\n\n", inline(&d.period))),
    }
    if let Some(status) = d.status {
        out.push_str(&format!("**Status: {}.**\n\n", status.words()));
    }
    for r in &d.reasons {
        out.push_str(&format!("- {}\n", line(r)));
    }
    for s in &d.sections {
        out.push_str(&format!("\n## {}\n\n", inline(&s.title)));
        for it in &s.items {
            item(&mut out, it);
        }
    }
    out
}
