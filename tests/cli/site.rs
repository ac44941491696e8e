//! `ledger site DIR`: the pages of the story's site, that every internal link resolves, that
//! the same ledger gives the same bytes, and `--as-of`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::harness::story;
use crate::html::page;

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

#[test]
fn the_story_site_has_every_page_and_every_link_resolves() {
    let env = story();
    let dir = env.root().join("site");
    let said = env.ok(&["site", dir.to_str().unwrap()]);
    // Five more records than before the story had the weekly summary, the answer and bob's decision.
    assert!(said.starts_with("35 pages in "), "{said}");
    let pages = files(&dir);
    for p in [
        "index.html",
        "decisions.html",
        "people.html",
        "people/bob.html",
        "teams/payments.html",
        "records/com-42svx316j05y.html",
        "records/dec-mpxx2pvhs8by.html",
    ] {
        assert!(
            pages.contains_key(Path::new(p)),
            "no {p}: {:?}",
            pages.keys()
        );
    }
    let a = Selector::parse("a[href]").unwrap();
    let mut internal = 0;
    for (rel, bytes) in &pages {
        if rel.extension().is_some_and(|e| e == "js") {
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        // The search page's one script is checked in `search_lists_every_record_...`.
        let html = html.replace(r#"<script src="search.js" defer></script>"#, "");
        let doc: Html = page(&html);
        for link in doc.select(&a) {
            let href = link.attr("href").unwrap();
            if href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            assert!(!href.starts_with('/'), "{rel:?}: an absolute link {href}");
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                dir.join(rel)
            } else {
                dir.join(rel).parent().unwrap().join(file)
            };
            assert!(target.is_file(), "{rel:?}: {href} does not resolve");
            if !anchor.is_empty() {
                let t = std::fs::read_to_string(&target).unwrap();
                assert!(
                    t.contains(&format!("id=\"{anchor}\"")),
                    "{rel:?}: no anchor {href}"
                );
            }
            internal += 1;
        }
    }
    assert!(internal > 100, "{internal} internal links");
    // The index is the summary, overdue and blocked first, with its charts.
    let index = String::from_utf8(pages[Path::new("index.html")].clone()).unwrap();
    let doc = Html::parse_document(&index);
    let h2: Vec<String> = doc
        .select(&Selector::parse("h2").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(&h2[..2], ["Needs attention (4)", "Blocked (1)"]);
    assert_eq!(
        doc.select(&Selector::parse("figure.chart svg").unwrap())
            .count(),
        4
    );
    // A record's page has its history from git, each change with author and commit.
    let vpn = String::from_utf8(pages[Path::new("records/com-42svx316j05y.html")].clone()).unwrap();
    let doc = Html::parse_document(&vpn);
    assert_eq!(
        doc.select(&Selector::parse("table.history tbody tr").unwrap())
            .count(),
        4
    );
    assert!(vpn.contains("Vendor appliance firmware bug"), "{vpn}");
    // The decision register puts the compliance decisions first.
    let reg = String::from_utf8(pages[Path::new("decisions.html")].clone()).unwrap();
    let doc = Html::parse_document(&reg);
    let kinds: Vec<String> = doc
        .select(&Selector::parse("article h2").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert!(
        kinds[0].starts_with("Compliance decision") && kinds[2].starts_with("Decision"),
        "{kinds:?}"
    );
    // The same ledger gives the same bytes.
    let again = env.root().join("again");
    env.ok(&["site", again.to_str().unwrap()]);
    assert!(files(&again) == pages, "two runs of site differ");
}

#[test]
fn as_of_builds_the_site_the_ledger_had_then() {
    let env = story();
    let dir = env.root().join("early");
    env.ok(&["site", dir.to_str().unwrap(), "--as-of", "2026-03-12"]);
    assert!(dir.join("records/com-42svx316j05y.html").is_file());
    // The roadmap was promised on 2026-03-19.
    assert!(!dir.join("records/com-3cdspfzrq93m.html").exists());
}

#[test]
fn search_lists_every_record_without_script_and_loads_only_its_own_file() {
    let env = story();
    let dir = env.root().join("site");
    env.ok(&["site", dir.to_str().unwrap()]);
    let html = std::fs::read_to_string(dir.join("search.html")).unwrap();
    let js = std::fs::read_to_string(dir.join("search.js")).unwrap();
    // Without JavaScript the page is the whole index: every record, linked to its page.
    let stripped = html.replace(r#"<script src="search.js" defer></script>"#, "");
    assert_ne!(stripped, html, "the page loads search.js");
    let doc = page(&stripped);
    let items: Vec<_> = doc.select(&Selector::parse("#index li").unwrap()).collect();
    let records = std::fs::read_dir(dir.join("records")).unwrap().count();
    assert_eq!(items.len(), records, "one entry per record page");
    let vpn = items
        .iter()
        .find(|li| li.text().collect::<String>().contains("Open a VPN tunnel"))
        .expect("the VPN commitment is listed");
    let a = vpn
        .select(&Selector::parse("a[href]").unwrap())
        .next()
        .unwrap();
    assert!(dir.join(a.attr("href").unwrap()).is_file());
    assert!(vpn
        .attr("data-text")
        .unwrap()
        .contains("open a vpn tunnel from the payments cluster"));
    // The statement of a decision is searchable too.
    assert!(stripped.contains("data-text=\"dec-mpxx2pvhs8by decision active payment logs are kept"));
    // The box is hidden until the script shows it, so no dead control shows without it.
    let q = doc
        .select(&Selector::parse("input#q").unwrap())
        .next()
        .unwrap();
    assert!(q.attr("hidden").is_some());
    // The CSP allows scripts from the site only: no inline script, nothing fetched.
    let csp = doc
        .select(&Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap())
        .next()
        .unwrap();
    assert!(csp
        .attr("content")
        .unwrap()
        .ends_with("; script-src 'self'"));
    assert_eq!(html.matches("<script").count(), 1);
    for bad in ["fetch(", "XMLHttpRequest", "http", "eval(", "innerHTML"] {
        assert!(!js.contains(bad), "search.js uses {bad}");
    }
    // Every other page links to the search and allows no script at all.
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains(r#"href="search.html""#));
    assert!(!index.contains("script-src"));
    let rec = std::fs::read_to_string(dir.join("records/com-42svx316j05y.html")).unwrap();
    assert!(rec.contains(r#"href="../search.html""#));
}
