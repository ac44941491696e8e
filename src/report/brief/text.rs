//! The executive summary as plain text for an email body: wrapped at 72 columns, no markup,
//! no ids (a reader of an email cannot use them; the Markdown and HTML forms carry them).

use super::{Doc, Line, Span};
use crate::report::style::wrap;
use crate::text::safe;

/// The width of the plain-text form.
pub const WIDTH: usize = 72;

fn flat(s: &str) -> String {
    safe(s, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(l: &Line) -> String {
    let mut out = String::new();
    for s in l {
        match s {
            Span::Text(x) | Span::Strong(x) => out.push_str(&flat_keep_edges(x)),
            Span::Id(_) => {}
            Span::Url(u) => out.push_str(&flat(u)),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Like `flat`, but a leading or trailing space (between spans) survives.
fn flat_keep_edges(s: &str) -> String {
    let mut f = flat(s);
    if s.starts_with(char::is_whitespace) {
        f.insert(0, ' ');
    }
    if s.ends_with(char::is_whitespace) && !f.is_empty() {
        f.push(' ');
    }
    f
}

/// `text` wrapped to the width, the first line after `first`, the rest after `rest`.
fn para(out: &mut String, text: &str, first: &str, rest: &str) {
    for (i, l) in wrap(text, WIDTH - first.chars().count()).iter().enumerate() {
        let lead = if i == 0 { first } else { rest };
        out.push_str(lead);
        out.push_str(l);
        out.push('\n');
    }
}

fn heading(out: &mut String, text: &str, under: char) {
    let text = flat(text);
    out.push_str(&text);
    out.push('\n');
    out.push_str(&under.to_string().repeat(text.chars().count().min(WIDTH)));
    out.push('\n');
}

/// The summary as plain text.
pub fn render(d: &Doc) -> String {
    let mut out = String::new();
    heading(&mut out, &d.title, '=');
    if let Some(a) = &d.audience {
        para(&mut out, &format!("For {}.", flat(a)), "", "");
    }
    para(&mut out, &format!("{}.", flat(&d.period)), "", "");
    if let Some(status) = d.status {
        out.push('\n');
        para(
            &mut out,
            &format!("Status: {}.", status.words().to_uppercase()),
            "",
            "",
        );
    }
    for r in &d.reasons {
        para(&mut out, &words(r), "- ", "  ");
    }
    for s in &d.sections {
        out.push('\n');
        heading(&mut out, &s.title, '-');
        for (n, it) in s.items.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            para(&mut out, &words(&it.line), "- ", "  ");
            if let Some(q) = &it.quote {
                para(&mut out, &format!("“{}”", flat(q)), "    ", "     ");
            }
            for sub in &it.sub {
                para(&mut out, &words(sub), "  * ", "    ");
            }
        }
    }
    out
}
