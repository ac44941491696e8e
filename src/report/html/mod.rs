//! HTML pages that stand alone: one file, inline CSS (light and dark, a print style), charts as
//! inline SVG, no script and nothing fetched (a Content-Security-Policy says so to the
//! browser). Built with maud, which escapes every string it inserts, so record text can never
//! become markup; only http, https and mailto addresses ever become links.

pub mod brief;
pub mod chart;
pub mod pages;
pub mod site;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::brief::{Line, Span};
use crate::query::brief::IdRef;

/// The page's style: system fonts, a readable measure, light and dark schemes, a print style,
/// and the Okabe–Ito colours (told apart with the common colour-vision deficiencies).
const CSS: &str = r#"
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#ffffff;--panel:#f6f8fa;--line:#d0d7de;
--link:#0550ae;--ok:#009E73;--risk:#E69F00;--off:#D55E00;--c1:#0072B2;--c2:#E69F00;--c3:#009E73;
--c4:#CC79A7;--c5:#56B4E9;--c6:#D55E00;--c7:#F0E442}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--panel:#161b22;
--line:#30363d;--link:#79c0ff}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1.5rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;
border-bottom:1px solid var(--line);padding-bottom:.2rem}
.meta{color:var(--muted);margin:0 0 1rem}
a{color:var(--link)}a.id{font-size:.75em;text-decoration:none;color:var(--muted);margin-left:.3em}
a.id:hover{text-decoration:underline}code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
.status{border-left:.4rem solid var(--muted);background:var(--panel);padding:.6rem 1rem;margin:1rem 0}
.status p{margin:0;font-size:1.15rem}.status ul{margin:.4rem 0 0;padding-left:1.2rem}
.status.on_track{border-color:var(--ok)}.status.at_risk{border-color:var(--risk)}
.status.off_track{border-color:var(--off)}
.badge{display:inline-block;padding:0 .5rem;border-radius:.25rem;font-weight:700;color:#000}
.on_track .badge{background:var(--ok)}.at_risk .badge{background:var(--risk)}.off_track .badge{background:var(--off)}
li{margin:.35rem 0}li ul{color:var(--muted);margin:.2rem 0;padding-left:1.1rem}
blockquote{margin:.4rem 0;padding:.3rem .8rem;border-left:.25rem solid var(--c1);background:var(--panel)}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--panel)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0;padding:.5rem;border:1px solid var(--line);border-radius:.4rem;break-inside:avoid}
figcaption{font-weight:600}svg{width:100%;height:auto;display:block}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}svg .axis{stroke:var(--line)}
details summary{cursor:pointer;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(26rem,1fr));gap:1rem}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media print{:root{color-scheme:light}body{max-width:none;padding:0;color:#000;background:#fff;font-size:11pt}
a{color:#000}a.id{color:#555}section,figure,li{break-inside:avoid}h2{break-after:avoid}
details{display:block}details>summary{display:none}.charts{display:block}}
"#;

/// A whole page around `body`.
pub fn page(title: &str, body: Markup) -> String {
    page_with_script(title, body, None)
}

/// A whole page around `body`, loading `script` (a file next to it) when given: the page's CSP
/// then allows scripts from its own site and nothing else, never inline ones.
pub fn page_with_script(title: &str, body: Markup, script: Option<&str>) -> String {
    let csp = match script {
        Some(_) => {
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'"
        }
        None => "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    };
    let doc = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta http-equiv="Content-Security-Policy" content=(csp);
                meta name="generator" content="ledger";
                title { (title) }
                style { (PreEscaped(CSS)) }
                @if let Some(src) = script {
                    script src=(src) defer {}
                }
            }
            body { (body) }
        }
    };
    let mut s = doc.into_string();
    s.push('\n');
    s
}

/// `url` when it may become a link: http, https or mailto, and nothing that could be read as
/// another scheme by a browser (no control characters or spaces).
pub fn safe_href(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let clean = !u.chars().any(|c| c.is_control() || c.is_whitespace());
    (scheme_ok && clean && u.len() > 8).then_some(u)
}

/// A link when `url` is safe to follow, else the address as plain text.
pub fn external(url: &str) -> Markup {
    match safe_href(url) {
        Some(u) => html! { a href=(u) rel="noopener noreferrer" { (u) } },
        None => html! { span.unlinked { (url) } },
    }
}

/// Where an id links to (a record file or a page), or nowhere.
pub type IdLink<'a> = &'a dyn Fn(&IdRef) -> Option<String>;

/// Ids link to the record's file, relative to the ledger's root.
pub fn file_link(r: &IdRef) -> Option<String> {
    (!r.path.is_empty()).then(|| r.path.clone())
}

/// A small id, linked where `link` says.
pub fn id(r: &IdRef, link: IdLink<'_>) -> Markup {
    match link(r) {
        Some(href) => html! { " " a.id href=(href) title=(r.headline) { code { (r.short) } } },
        None => html! { " " span.id { code { (r.short) } } },
    }
}

/// One line of the summary's words.
pub fn line(l: &Line, link: IdLink<'_>) -> Markup {
    html! {
        @for s in l {
            @match s {
                Span::Text(t) => (t),
                Span::Strong(t) => {
                    strong { (t.trim_end()) }
                    @if t.ends_with(' ') { " " }
                },
                Span::Id(r) => (id(r, link)),
                Span::Url(u) => (external(u)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert_eq!(
            safe_href("https://x.example/a"),
            Some("https://x.example/a")
        );
        assert_eq!(safe_href("mailto:a@b.example"), Some("mailto:a@b.example"));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href("JavaScript:alert(1)"), None);
        assert_eq!(safe_href(" java\tscript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<b>"), None);
        assert_eq!(safe_href("https://x.example/\u{0}javascript:"), None);
        let m = external("javascript:alert('x')").into_string();
        assert!(!m.contains("href"), "{m}");
        assert!(!external("<script>").into_string().contains("<script>"));
    }
}
