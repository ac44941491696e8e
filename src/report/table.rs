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
