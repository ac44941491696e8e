//! A receipt laid out: plain text for an email body (72 columns), Markdown and one HTML page.

use maud::html;

use crate::query::minutes::PersonRef;
use crate::query::receipt::Receipt;
use crate::report::brief::text::WIDTH;
use crate::report::html::{external, page};
use crate::report::markdown::{block, inline, link};
use crate::report::style::wrap;
use crate::text::safe;

/// "Bob," or "Erin, Dave and Carol,".
fn greeting(to: &[PersonRef]) -> String {
    let first = |p: &PersonRef| {
        p.name
            .as_deref()
            .and_then(|n| n.split_whitespace().next())
            .unwrap_or(&p.handle)
            .to_string()
    };
    let names: Vec<String> = to.iter().map(first).collect();
    match names.split_last() {
        None => "Hello,".into(),
        Some((last, [])) => format!("{last},"),
        Some((last, rest)) => format!("{} and {last},", rest.join(", ")),
    }
}

fn flat(s: &str) -> String {
    safe(s, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The receipt as plain text.
pub fn text(r: &Receipt) -> String {
    let mut out = String::new();
    let mut para = |s: &str, lead: &str| {
        let indent = " ".repeat(lead.chars().count());
        for (i, l) in wrap(&flat(s), WIDTH - lead.chars().count())
            .iter()
            .enumerate()
        {
            out.push_str(if i == 0 { lead } else { &indent });
            out.push_str(l);
            out.push('\n');
        }
        out.push('\n');
    };
    para(&greeting(&r.to), "");
    for p in &r.paragraphs {
        para(p, "");
    }
    if let Some(q) = &r.quote {
        para(&format!("“{}”", q.trim()), "    ");
    }
    para(&r.closing, "");
    match &r.link {
        Some(u) => para(&format!("The record: {u}"), ""),
        None => para(&format!("The record: {} in the ledger", r.id), ""),
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The receipt as Markdown.
pub fn markdown(r: &Receipt) -> String {
    let mut out = format!("{}\n\n", inline(&greeting(&r.to)));
    for p in &r.paragraphs {
        out.push_str(&format!("{}\n\n", inline(p)));
    }
    if let Some(q) = &r.quote {
        out.push_str(&format!("> {}\n\n", block(q)));
    }
    out.push_str(&format!("{}\n\n", inline(&r.closing)));
    let url = r.link.as_deref().and_then(crate::report::html::safe_href);
    out.push_str(&format!(
        "The record: {}\n",
        link(&format!("`{}`", r.id), url)
    ));
    out
}

/// The receipt as one HTML page.
pub fn html(r: &Receipt) -> String {
    let body = html! {
        header { h1 { (r.subject) } }
        p { (greeting(&r.to)) }
        @for p in &r.paragraphs { p { (p) } }
        @if let Some(q) = &r.quote { blockquote { (q) } }
        p { (r.closing) }
        p.meta {
            "The record: "
            @match &r.link {
                Some(u) => (external(u)),
                None => code { (r.id.to_string()) },
            }
        }
    };
    page(&r.subject, body)
}
