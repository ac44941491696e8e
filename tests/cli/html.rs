//! `--format html`: every page is one self-contained HTML5 document that an HTML5 parser reads
//! into the sections, rows and charts expected for the story, and record text never becomes
//! markup or a link it should not be.

use scraper::{Html, Selector};

use crate::harness::{story, Env};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Parses a page, checking what every page must be: one HTML5 document with a title, a
/// Content-Security-Policy that forbids fetching, no script, and nothing that loads.
pub fn page(html: &str) -> Html {
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    let csp = doc
        .select(&sel("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .expect("a CSP");
    assert!(csp
        .attr("content")
        .unwrap()
        .starts_with("default-src 'none'"));
    assert_eq!(doc.select(&sel("head > title")).count(), 1);
    for bad in ["script", "link", "img", "iframe", "object", "embed", "base"] {
        assert_eq!(doc.select(&sel(bad)).count(), 0, "a <{bad}> in\n{html}");
    }
    let loads: Vec<_> = doc
        .select(&sel("[src], [srcset], [style*='url(']"))
        .map(|e| e.value().clone())
        .collect();
    assert!(loads.is_empty(), "something loads: {loads:?}");
    for a in doc.select(&sel("a[href]")) {
        let href = a.attr("href").unwrap();
        let ok = href.starts_with("https://")
            || href.starts_with("http://")
            || href.starts_with("mailto:")
            || !href.contains(':');
        assert!(ok, "a link to {href}");
    }
    doc
}

fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn the_report_page_has_the_sections_rows_and_charts_of_the_story() {
    let env = story();
    let html = env.ok(&["report", "--since", "2026-03-01", "--format", "html"]);
    let doc = page(&html);
    assert_eq!(texts(&doc, "h1"), ["Ledger report"]);
    assert_eq!(texts(&doc, "#status .badge"), ["off track"]);
    assert_eq!(doc.select(&sel("#status li")).count(), 3);
    let h2 = texts(&doc, "h2");
    assert_eq!(
        h2,
        [
            "Needs attention (4)",
            "Blocked (1)",
            "Decided (5)",
            "Changed (2)",
            "Slipped (1)",
            "Kept (4)",
            "Next, due by 2026-04-08 (2)",
            "Answered (1)",
            "Waiting on answers (1)",
            "Charts"
        ]
    );
    assert_eq!(doc.select(&sel("#attention > ul > li")).count(), 4);
    assert_eq!(doc.select(&sel("#blocked > ul > li > ul > li")).count(), 2);
    assert_eq!(
        texts(&doc, "#decided blockquote")[0],
        "Payment logs are kept for 13 months, then deleted."
    );
    let first = &texts(&doc, "#attention > ul > li")[0];
    assert!(
        first.starts_with("Integrate the tokenizer client — Alice Martin, 10 days overdue"),
        "{first}"
    );
    // Ids are small links to the records' files.
    let id = doc.select(&sel("#attention a.id")).next().unwrap();
    assert_eq!(
        id.attr("href"),
        Some("commitments/2026/03/com-wtyxj462x5b2.yaml")
    );
    // Four charts, each an SVG with a title, a description and its numbers as a table.
    let charts: Vec<_> = doc.select(&sel("figure.chart")).collect();
    assert_eq!(charts.len(), 4);
    for f in &charts {
        let title = f.select(&sel("svg > title")).next().expect("an svg title");
        assert!(!title.text().collect::<String>().is_empty());
        assert_eq!(f.select(&sel("svg > desc")).count(), 1);
        assert_eq!(f.select(&sel("figcaption")).count(), 1);
        assert_eq!(f.select(&sel("details table")).count(), 1);
    }
    let ages = texts(&doc, "#chart-overdue-age td");
    assert_eq!(
        ages,
        [
            "1–3 days",
            "2",
            "4–7 days",
            "1",
            "8–14 days",
            "1",
            "15–30 days",
            "0",
            "over 30 days",
            "0"
        ]
    );
    assert_eq!(doc.select(&sel("#chart-overdue-age rect.mark")).count(), 5);
    assert_eq!(
        texts(&doc, "#chart-slips td")[..2],
        [
            "Open a VPN tunnel from the payments cluster to the card vault",
            "2"
        ]
    );
    let teams = texts(&doc, "#chart-on-time tbody td:first-child");
    assert_eq!(teams, ["payments", "platform"]);
    assert!(doc.select(&sel("#chart-on-time circle.mark")).count() >= 2);
    assert_eq!(doc.select(&sel("#chart-made-kept rect.mark")).count(), 12);
}

#[test]
fn every_command_with_a_page_prints_one() {
    let env = story();
    let vpn = env.find_of("commitment", "Open a VPN tunnel");
    for (args, h1, rows) in [
        (
            vec!["overdue"],
            "Overdue on 2026-03-20",
            "table.overdue tbody tr",
        ),
        (vec!["who", "bob"], "Bob Chen", "#promised tbody tr"),
        (vec!["decisions"], "Decision register", "article.decision"),
        (
            vec!["escalate", &vpn],
            "Escalation: Open a VPN tunnel from the payments cluster to the card vault",
            "#due-changes tbody tr",
        ),
        (
            vec!["history", &vpn],
            "History of com-42svx316j05y",
            "table.history tbody tr",
        ),
    ] {
        let mut a = args.clone();
        a.extend(["--format", "html"]);
        let html = env.ok(&a);
        let doc = page(&html);
        assert_eq!(texts(&doc, "h1"), [h1], "{args:?}");
        let n = doc.select(&sel(rows)).count();
        let want = match args[0] {
            "overdue" => 4,
            "who" => 2,
            "decisions" => 5,
            "escalate" => 2,
            _ => 4,
        };
        assert_eq!(n, want, "{args:?}\n{html}");
        // The same ledger gives the same bytes.
        assert_eq!(env.ok(&a), html, "{args:?}");
    }
}

#[test]
fn record_text_never_becomes_markup_and_only_web_addresses_become_links() {
    let env = Env::new();
    let what = r#"Ship <script>alert("x")</script> & "quotes" 'too' <b>bold</b>"#;
    env.ok(&[
        "promise",
        what,
        "--by",
        "bob",
        "--to",
        "alice",
        "--due",
        "2026-03-18",
    ]);
    let dec = env.id(&[
        "decide",
        r#"Use <img src=x onerror=alert(1)> "never""#,
        "--by",
        "erin",
        "--compliance",
        "--evidence",
        "javascript:alert(document.cookie)",
        "--evidence",
        "JaVaScRiPt:alert(1)",
        "--evidence",
        "https://wiki.example.com/a?b=1&c=\"2\"",
        "--evidence",
        "mailto:erin@example.com",
    ]);
    for args in [
        vec!["report"],
        vec!["decisions"],
        vec!["overdue"],
        vec!["who", "bob"],
        vec!["history", &dec],
    ] {
        let mut a = args.clone();
        a.extend(["--format", "html"]);
        let html = env.ok(&a);
        let doc = page(&html);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.to_lowercase().contains("href=\"javascript"), "{html}");
        let body: String = doc.root_element().text().collect();
        if args[0] != "history" && args[0] != "decisions" {
            assert!(body.contains(what), "{args:?}: {body}");
        }
    }
    let doc = page(&env.ok(&["decisions", "--format", "html"]));
    let links: Vec<&str> = doc
        .select(&sel(".decision a[href]"))
        .filter_map(|a| a.attr("href"))
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(
        links,
        [
            "https://wiki.example.com/a?b=1&c=\"2\"",
            "mailto:erin@example.com"
        ]
    );
    let unlinked = texts(&doc, ".unlinked");
    assert_eq!(
        unlinked,
        ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)"]
    );
    assert_eq!(
        texts(&doc, "blockquote"),
        [r#"Use <img src=x onerror=alert(1)> "never""#]
    );
}
