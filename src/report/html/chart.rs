//! Charts as inline SVG, each in a figure with a title, a description for screen readers and
//! the numbers as a table (its text equivalent). Series are told apart by colour (Okabe–Ito)
//! and by dash pattern, so they survive colour-blindness and black-and-white printing.

use chrono::NaiveDate;
use maud::{html, Markup};

use crate::query::charts::{Bar, TeamRates, Week};

const COLOURS: [&str; 7] = [
    "var(--c1)",
    "var(--c2)",
    "var(--c3)",
    "var(--c4)",
    "var(--c5)",
    "var(--c6)",
    "var(--c7)",
];
const DASHES: [&str; 4] = ["none", "6 3", "2 3", "8 3 2 3"];

fn short_day(d: NaiveDate) -> String {
    d.format("%m-%d").to_string()
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn figure(key: &str, title: &str, desc: &str, svg: Markup, table: Markup) -> Markup {
    let t = format!("{key}-title");
    let d = format!("{key}-desc");
    html! {
        figure.chart id=(key) {
            figcaption id=(t) { (title) }
            (svg_wrap(&d, title, desc, svg))
            details {
                summary { "The numbers" }
                (table)
            }
        }
    }
}

fn svg_wrap(d: &str, title: &str, desc: &str, inner: Markup) -> Markup {
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 240" role="img"
            aria-labelledby=(d) {
            title { (title) }
            desc id=(d) { (desc) }
            (inner)
        }
    }
}

/// Horizontal bars, one per label.
pub fn bars(key: &str, title: &str, desc: &str, unit: &str, data: &[Bar]) -> Markup {
    let max = data.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let row = 200.0 / (data.len().max(1) as f64).max(5.0);
    let svg = html! {
        line.axis x1="170" y1="10" x2="170" y2="215" {}
        @for (i, b) in data.iter().enumerate() {
            @let y = 12.0 + row * i as f64;
            @let w = 260.0 * b.value as f64 / max as f64;
            text x="164" y=(format!("{:.1}", y + row * 0.6)) text-anchor="end" { (cut(&b.label, 22)) }
            rect.mark x="170" y=(format!("{:.1}", y + row * 0.15)) width=(format!("{w:.1}"))
                height=(format!("{:.1}", row * 0.7)) style="fill:var(--c1)" {
                title { (b.label) ": " (b.value) }
            }
            text x=(format!("{:.1}", 176.0 + w)) y=(format!("{:.1}", y + row * 0.6)) { (b.value) }
        }
    };
    let table = html! {
        table {
            thead { tr { th { "" } th.num { (unit) } } }
            tbody {
                @for b in data { tr { td { (b.label) } td.num { (b.value) } } }
            }
        }
    };
    figure(key, title, desc, svg, table)
}

fn pct(r: Option<f64>) -> String {
    r.map(|x| format!("{:.0}%", x * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// On-time rate per team, one line per team over the weeks.
pub fn rates(key: &str, title: &str, weeks: &[NaiveDate], series: &[TeamRates]) -> Markup {
    let n = weeks.len().max(2);
    let x = |i: usize| 50.0 + 410.0 * i as f64 / (n - 1) as f64;
    let y = |r: f64| 180.0 - 160.0 * r;
    let desc = format!(
        "Share of promises kept on time, per team, for the {} weeks ending {}.",
        weeks.len(),
        weeks.last().map(|d| d.to_string()).unwrap_or_default()
    );
    let svg = html! {
        @for g in [0.0, 0.5, 1.0] {
            line.axis x1="50" x2="460" y1=(format!("{:.1}", y(g))) y2=(format!("{:.1}", y(g))) {}
            text x="44" y=(format!("{:.1}", y(g) + 4.0)) text-anchor="end" { (pct(Some(g))) }
        }
        @for (i, w) in weeks.iter().enumerate() {
            text x=(format!("{:.1}", x(i))) y="198" text-anchor="middle" { (short_day(*w)) }
        }
        @for (k, s) in series.iter().enumerate() {
            @let colour = COLOURS[k % COLOURS.len()];
            @let dash = DASHES[k % DASHES.len()];
            @let pts: Vec<String> = s.rates.iter().enumerate()
                .filter_map(|(i, r)| r.map(|r| format!("{:.1},{:.1}", x(i), y(r)))).collect();
            @if pts.len() > 1 {
                polyline points=(pts.join(" "))
                    style=(format!("fill:none;stroke:{colour};stroke-width:2;stroke-dasharray:{dash}")) {}
            }
            @for (i, r) in s.rates.iter().enumerate() {
                @if let Some(r) = r {
                    circle.mark cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(*r))) r="4"
                        style=(format!("fill:{colour}")) {
                        title { (s.team) ", week to " (weeks[i]) ": " (pct(Some(*r))) }
                    }
                }
            }
            rect x=(format!("{}", 50 + 105 * (k % 4))) y=(format!("{}", 212 + 14 * (k / 4)))
                width="10" height="10" style=(format!("fill:{colour}")) {}
            text x=(format!("{}", 64 + 105 * (k % 4))) y=(format!("{}", 221 + 14 * (k / 4))) { (cut(&s.team, 14)) }
        }
    };
    let table = html! {
        table {
            thead { tr { th { "Team" } @for w in weeks { th.num { "Week to " (w) } } } }
            tbody {
                @for s in series {
                    tr { td { (s.team) } @for r in &s.rates { td.num { (pct(*r)) } } }
                }
            }
        }
    };
    figure(key, title, &desc, svg, table)
}

/// Commitments made and kept, two bars per week.
pub fn made_kept(key: &str, title: &str, weeks: &[Week]) -> Markup {
    let max = weeks
        .iter()
        .map(|w| w.made.max(w.kept))
        .max()
        .unwrap_or(0)
        .max(1);
    let slot = 410.0 / weeks.len().max(1) as f64;
    let h = |v: usize| 160.0 * v as f64 / max as f64;
    let desc = format!(
        "Commitments made and commitments kept, week by week, for the {} weeks ending {}.",
        weeks.len(),
        weeks
            .last()
            .map(|w| w.until.to_string())
            .unwrap_or_default()
    );
    let svg = html! {
        line.axis x1="50" x2="460" y1="180" y2="180" {}
        text x="44" y="24" text-anchor="end" { (max) }
        text x="44" y="184" text-anchor="end" { "0" }
        @for (i, w) in weeks.iter().enumerate() {
            @let x0 = 50.0 + slot * i as f64;
            rect.mark x=(format!("{:.1}", x0 + slot * 0.12)) y=(format!("{:.1}", 180.0 - h(w.made)))
                width=(format!("{:.1}", slot * 0.36)) height=(format!("{:.1}", h(w.made)))
                style="fill:var(--c1)" { title { "Made, week to " (w.until) ": " (w.made) } }
            rect.mark x=(format!("{:.1}", x0 + slot * 0.52)) y=(format!("{:.1}", 180.0 - h(w.kept)))
                width=(format!("{:.1}", slot * 0.36)) height=(format!("{:.1}", h(w.kept)))
                style="fill:var(--c2);stroke:var(--fg);stroke-width:.5;stroke-dasharray:3 2"
                { title { "Kept, week to " (w.until) ": " (w.kept) } }
            text x=(format!("{:.1}", x0 + slot * 0.5)) y="198" text-anchor="middle" { (short_day(w.until)) }
        }
        rect x="50" y="212" width="10" height="10" style="fill:var(--c1)" {}
        text x="64" y="221" { "made" }
        rect x="155" y="212" width="10" height="10" style="fill:var(--c2)" {}
        text x="169" y="221" { "kept" }
    };
    let table = html! {
        table {
            thead { tr { th { "Week to" } th.num { "Made" } th.num { "Kept" } } }
            tbody {
                @for w in weeks { tr { td { (w.until) } td.num { (w.made) } td.num { (w.kept) } } }
            }
        }
    };
    figure(key, title, &desc, svg, table)
}
