//! The HTML pages in a real browser: headless Chromium (Debian's `chromium`) renders them, and
//! the tests read the DOM it produced, check that the page asked the network for nothing, and
//! save a screenshot of the report under `target/` for a person to look at. Without Chromium
//! these tests fail in CI (`CI=true`; `.ci/run` installs it) and are skipped elsewhere.

use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

use crate::harness::story;

/// Chromium on PATH, or None after saying why the test is skipped (a failure in CI).
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("chromium is not installed; the browser tests need it in CI (.ci/run installs it)");
    }
    eprintln!(
        "notice: chromium is not installed; skipping the browser test (apt-get install chromium)"
    );
    None
}

/// Runs headless Chromium on `page` with `extra` flags in a profile of its own; returns stdout.
fn browse(chromium: &Path, profile: &Path, page: &Path, extra: &[String]) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .env("HOME", profile)
        .output()
        .expect("run chromium");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 DOM")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Where the screenshots go: `target/screenshots/`.
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_report_renders_in_chromium_with_its_sections_rows_and_charts() {
    let Some(chromium) = chromium() else { return };
    let env = story();
    let page = env.root().join("report.html");
    let html = env.ok(&["report", "--since", "2026-03-01", "--format", "html"]);
    std::fs::write(&page, &html).unwrap();
    let profile = env.root().join("chromium");
    let netlog = env.root().join("net.json");
    let dom = browse(
        &chromium,
        &profile,
        &page,
        &[
            format!("--log-net-log={}", netlog.display()),
            "--dump-dom".into(),
        ],
    );
    let doc = Html::parse_document(&dom);
    let h2: Vec<String> = doc.select(&sel("h2")).map(|e| e.text().collect()).collect();
    assert_eq!(h2[0], "Needs attention (4)", "{dom}");
    assert_eq!(h2.len(), 10, "{h2:?}");
    assert_eq!(doc.select(&sel("#attention > ul > li")).count(), 4);
    assert_eq!(doc.select(&sel("#waiting > ul > li")).count(), 1);
    assert_eq!(doc.select(&sel("svg")).count(), 4);
    assert_eq!(doc.select(&sel("#chart-overdue-age rect.mark")).count(), 5);
    assert_eq!(doc.select(&sel("#chart-made-kept rect.mark")).count(), 12);
    assert!(doc.select(&sel("#chart-on-time circle.mark")).count() >= 2);
    // Nothing the page names was fetched: the evidence link and every other address stay
    // unrequested (Chromium's own update checks go to its vendor's hosts and are ignored).
    let log = std::fs::read_to_string(&netlog).unwrap_or_default();
    for line in log.split("\"url\":\"").skip(1) {
        let url = line.split('"').next().unwrap_or("");
        let own = ["google.com", "gvt1.com", "googleapis.com", "gstatic.com"]
            .iter()
            .any(|h| url.contains(h));
        assert!(
            url.starts_with("file://") || url.starts_with("data:") || own,
            "the page made a request: {url}"
        );
    }
    assert!(
        !log.contains("example.com"),
        "the evidence link was fetched"
    );
    let shot = screenshots().join("report.png");
    let _ = std::fs::remove_file(&shot);
    browse(
        &chromium,
        &profile,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600".into(),
            "--hide-scrollbars".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    eprintln!("screenshot of the report: {}", shot.display());
}

#[test]
fn the_other_pages_render_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let env = story();
    let profile = env.root().join("chromium");
    for (args, rows, n) in [
        (vec!["overdue"], "table.overdue tbody tr", 4),
        (vec!["decisions"], "article.decision blockquote", 5),
    ] {
        let mut a = args.clone();
        a.extend(["--format", "html"]);
        let page = env.root().join(format!("{}.html", args[0]));
        std::fs::write(&page, env.ok(&a)).unwrap();
        let dom = browse(&chromium, &profile, &page, &["--dump-dom".into()]);
        let doc = Html::parse_document(&dom);
        assert_eq!(doc.select(&sel(rows)).count(), n, "{args:?}\n{dom}");
    }
}

#[test]
fn the_site_index_renders_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let env = story();
    let dir = env.root().join("site");
    env.ok(&["site", dir.to_str().unwrap()]);
    let profile = env.root().join("chromium");
    let index = dir.join("index.html");
    let dom = browse(&chromium, &profile, &index, &["--dump-dom".into()]);
    let doc = Html::parse_document(&dom);
    assert_eq!(doc.select(&sel("nav.site a")).count(), 4, "{dom}");
    assert_eq!(doc.select(&sel("figure.chart svg")).count(), 4);
    // Every internal link of the rendered index names a page that exists.
    for a in doc.select(&sel("a[href]")) {
        let href = a.attr("href").unwrap();
        if !href.contains(':') {
            let file = href.split('#').next().unwrap();
            assert!(dir.join(file).is_file(), "{href} does not resolve");
        }
    }
    let shot = screenshots().join("site-index.png");
    let _ = std::fs::remove_file(&shot);
    browse(
        &chromium,
        &profile,
        &index,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,2600".into(),
            "--hide-scrollbars".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    eprintln!("screenshot of the site's index: {}", shot.display());
}

#[test]
fn the_site_search_filters_in_chromium() {
    let Some(chromium) = chromium() else { return };
    let env = story();
    let dir = env.root().join("site");
    env.ok(&["site", dir.to_str().unwrap()]);
    let profile = env.root().join("chromium");
    // `?q=` fills the box, as a search engine's form or a bookmark would.
    let search = dir.join("search.html?q=VPN+tunnel");
    let dom = browse(&chromium, &profile, &search, &["--dump-dom".into()]);
    let doc = Html::parse_document(&dom);
    let all = doc.select(&sel("#index li")).count();
    let shown: Vec<String> = doc
        .select(&sel("#index li:not([hidden])"))
        .map(|li| li.attr("data-text").unwrap().to_string())
        .collect();
    assert!(all > 10, "{dom}");
    assert_eq!(
        shown.len(),
        2,
        "the ask and the commitment of the VPN tunnel: {shown:?}"
    );
    assert!(shown.iter().all(|t| t.contains("vpn tunnel")));
    let input = doc.select(&sel("input#q")).next().expect("the search box");
    assert!(
        input.attr("hidden").is_none(),
        "the script shows the box: {dom}"
    );
    let count: String = doc.select(&sel("#count")).next().unwrap().text().collect();
    assert_eq!(count, format!("2 of {all}"));
}
