//! Tables: fitted to the terminal on a terminal, plain aligned columns in a pipe.

use std::io::IsTerminal;

use comfy_table::presets::{NOTHING, UTF8_HORIZONTAL_ONLY};
use comfy_table::{Cell, ContentArrangement, Table};

use super::style;

/// True when standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Renders rows under a header. Cells are expected to be safe text already.
pub fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    if !stdout_is_terminal() {
        return plain(header, &rows);
    }
    comfy(header, rows)
}

/// Aligned columns for a pipe: each as wide as its widest cell, two spaces between, no
/// trailing blanks. The same text comfy-table gives without borders (a test holds them
/// together), written directly because thousands of rows through comfy-table cost more than
/// the query that found them.
fn plain(header: &[&str], rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    // Cells are safe text (no control characters), so ASCII is one column a byte.
    let width = |s: &str| if s.is_ascii() { s.len() } else { s.width() };
    if rows.iter().flatten().any(|c| c.contains('\n')) {
        return comfy(header, rows.to_vec());
    }
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for (i, h) in header.iter().enumerate() {
        widths[i] = width(h);
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let mut out =
        String::with_capacity((rows.len() + 1) * (widths.iter().sum::<usize>() + 2 * columns));
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let start = out.len();
        for w in &widths {
            let cell = cells.next().unwrap_or("");
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', w - width(cell) + 2));
        }
        let kept = out[start..].trim_end().len();
        out.truncate(start + kept);
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// A table through comfy-table: fitted to the terminal there, borderless in a pipe.
fn comfy(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut table = Table::new();
    if stdout_is_terminal() {
        table
            .load_preset(UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
        // A terminal that reports no size (some pseudo-terminals say 0) gets a usable width
        // instead of one-letter columns.
        match style::width() {
            Some(w) if w >= 40 => table.set_width(w as u16),
            _ => table.set_width(100),
        };
    } else {
        table
            .load_preset(NOTHING)
            .set_content_arrangement(ContentArrangement::Disabled);
    }
    table.set_header(header.iter().map(|h| h.to_string()));
    let colour = style::enabled();
    for row in rows {
        table.add_row(row.into_iter().enumerate().map(|(i, v)| {
            let color = colour
                .then(|| style::cell_color(header.get(i).copied().unwrap_or(""), &v))
                .flatten();
            match color {
                Some(c) => Cell::new(v).fg(c),
                None => Cell::new(v),
            }
        }));
    }
    // On a terminal every column given up to padding is taken from the text that wraps.
    let gap = if stdout_is_terminal() { 1 } else { 2 };
    for column in table.column_iter_mut() {
        column.set_padding((0, gap));
    }
    let mut out = table.to_string();
    if !stdout_is_terminal() {
        out = out
            .lines()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n");
    }
    out.push('\n');
    out
}

/// Renders `key: value` lines with the keys aligned; long values wrap to the terminal width
/// (or `COLUMNS`) under their own indent, and the status is coloured on a terminal.
pub fn fields(pairs: &[(String, String)]) -> String {
    let width = pairs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    // Never squeeze a value below 30 columns: past that, wrapping hurts more than it helps.
    let room = style::width().map(|w| w.saturating_sub(width + 2).max(30));
    let mut out = String::new();
    for (k, v) in pairs {
        let lines = match room {
            Some(r) => style::wrap(v, r),
            None => v.lines().map(str::to_string).collect(),
        };
        for (i, l) in lines.iter().enumerate() {
            let label = if i == 0 { k.as_str() } else { "" };
            let l = if k == "status" {
                style::paint(l, style::status_color(l))
            } else {
                l.clone()
            };
            out.push_str(format!("{label:<width$}  {l}").trim_end());
            out.push('\n');
        }
        if lines.is_empty() {
            out.push_str(k);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_columns_are_what_comfy_table_gives_in_a_pipe() {
        let header = ["ID", "WHAT", "DUE", "ESCALATE TO"];
        let rows = vec![
            vec![
                "com-1".into(),
                "Ship the 日本 build".into(),
                "2026-03-01".into(),
                "".into(),
            ],
            vec!["com-22".into(), "x".into(), "".into(), "carol".into()],
            vec![
                "ask-333".into(),
                "  indented ".into(),
                "2026-03-02".into(),
                "".into(),
            ],
            vec!["com-4".into(), "émigré ✓".into()],
        ];
        assert_eq!(plain(&header, &rows), comfy(&header, rows.clone()));
        assert_eq!(plain(&header, &[]), comfy(&header, vec![]));
    }
}
