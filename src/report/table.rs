//! Tables: fitted to the terminal on a terminal, plain aligned columns in a pipe.

use std::io::IsTerminal;

use comfy_table::presets::{NOTHING, UTF8_HORIZONTAL_ONLY};
use comfy_table::{Cell, ContentArrangement, Table};

use super::style;

/// True when standard output is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// The columns whose text may wrap or be cut to fit a width. Every other column (ids, dates,
/// numbers, handles, statuses) is always shown whole, on one line.
const FREE: [&str; 8] = [
    "WHAT",
    "TITLE",
    "STATEMENT",
    "MADE",
    "WHERE",
    "SUBJECT",
    "REASON",
    "BLOCKED",
];

/// A free column is never made narrower than this (or than its own widest cell).
const MIN_FREE: usize = 12;

fn cell_width(s: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    if s.is_ascii() {
        s.len()
    } else {
        s.width()
    }
}

/// Renders rows under a header. Cells are expected to be safe text already.
///
/// In a pipe with no `COLUMNS`, plain aligned columns, one record a line. Given a width (the
/// terminal's, or `COLUMNS`), only the free-text columns give way: they wrap on a terminal and
/// are cut with an ellipsis in a pipe; when even the whole columns do not fit, each record is
/// printed as a block of `field  value` lines instead, as `show` prints one.
pub fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let terminal = stdout_is_terminal();
    let width = match style::width() {
        Some(w) if !terminal || w >= 40 => Some(w),
        _ if terminal => Some(100),
        _ => None,
    };
    let Some(width) = width else {
        return plain(header, &rows);
    };
    let Some(free_widths) = fit(header, &rows, width) else {
        return stacked(header, &rows);
    };
    if terminal {
        return comfy_fitted(header, rows, width);
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(|(i, c)| match free_widths.get(&i) {
                    Some(w) if cell_width(&c) > *w => cut(&c, *w),
                    _ => c,
                })
                .collect()
        })
        .collect();
    plain(header, &rows)
}

/// `text` cut to `max` display columns, ending in an ellipsis.
fn cut(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = cell_width(ch.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(ch);
    }
    out.push('…');
    out
}

/// The width each free column gets so the table fits `width`, or None when the whole columns
/// alone (and the narrowest free ones) do not fit.
fn fit(
    header: &[&str],
    rows: &[Vec<String>],
    width: usize,
) -> Option<std::collections::HashMap<usize, usize>> {
    let natural: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| cell_width(c))
                .chain([cell_width(h)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let free: Vec<usize> = (0..header.len())
        .filter(|i| FREE.contains(&header[*i]))
        .collect();
    let fixed: usize = (0..header.len())
        .filter(|i| !free.contains(i))
        .map(|i| natural[i])
        .sum();
    let gaps = 2 * header.len().saturating_sub(1);
    let least = |i: usize| natural[i].min(MIN_FREE.max(cell_width(header[i])));
    let need = fixed + gaps + free.iter().map(|i| least(*i)).sum::<usize>();
    if need > width {
        return None;
    }
    // Share what is left, narrowest first, so a short column never takes more than it needs.
    let mut avail = width - fixed - gaps;
    let mut order = free.clone();
    order.sort_by_key(|i| natural[*i]);
    let mut out = std::collections::HashMap::new();
    for (n, i) in order.iter().enumerate() {
        let share = avail / (order.len() - n);
        let w = natural[*i].min(share.max(least(*i)));
        avail = avail.saturating_sub(w);
        out.insert(*i, w);
    }
    Some(out)
}

/// One block of `field  value` lines per record, for widths the columns cannot fit.
fn stacked(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (n, row) in rows.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let pairs: Vec<(String, String)> = header
            .iter()
            .zip(row)
            .filter(|(_, v)| !v.is_empty())
            .map(|(h, v)| (h.to_lowercase(), v.clone()))
            .collect();
        out.push_str(&fields(&pairs));
    }
    out
}

/// comfy-table on a terminal of `width` columns, with only the free-text columns wrapping.
fn comfy_fitted(header: &[&str], rows: Vec<Vec<String>>, width: usize) -> String {
    let mut out = comfy_with(header, rows, Some(width));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
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
    // A terminal that reports no size (some pseudo-terminals say 0) gets a usable width
    // instead of one-letter columns.
    let width = match style::width() {
        Some(w) if w >= 40 => w,
        _ => 100,
    };
    comfy_with(header, rows, Some(width))
}

fn comfy_with(header: &[&str], rows: Vec<Vec<String>>, width: Option<usize>) -> String {
    let mut table = Table::new();
    if stdout_is_terminal() {
        table
            .load_preset(UTF8_HORIZONTAL_ONLY)
            .set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width.unwrap_or(100).min(u16::MAX as usize) as u16);
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
    // On a terminal every column given up to padding is taken from the text that wraps, and
    // only the free-text columns wrap: an id, a date or a handle is never split.
    let gap = if stdout_is_terminal() { 1 } else { 2 };
    for (i, column) in table.column_iter_mut().enumerate() {
        column.set_padding((0, gap));
        if !FREE.contains(&header.get(i).copied().unwrap_or("")) {
            column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
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
