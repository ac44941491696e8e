//! Colour and terminal width: statuses and overdue days coloured on a terminal only (never in a
//! pipe, never under `NO_COLOR`), and the width that long text is wrapped to.
//!
//! Tables are coloured through comfy-table's own cell colours, so column widths stay right;
//! plain lines (`show`) use anstyle's escape codes (a small crate the command line's
//! argument parser brings in anyway).

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style};
use comfy_table::Color;

/// True when colour may be written to standard output: a terminal, and `NO_COLOR` unset.
pub fn enabled() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// The width to wrap plain text to: `COLUMNS` when set, else the terminal's, else none.
pub fn width() -> Option<usize> {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        return Some(c.max(20));
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    comfy_table::Table::new().width().map(|w| w as usize)
}

/// The colour of a status word (the first word of a status cell such as "open (blocked)").
pub fn status_color(status: &str) -> Option<AnsiColor> {
    if status.contains("blocked") {
        return Some(AnsiColor::Magenta);
    }
    Some(match status.split_whitespace().next().unwrap_or("") {
        "open" => AnsiColor::Yellow,
        "accepted" | "done" => AnsiColor::Green,
        "active" => AnsiColor::Cyan,
        "held" => AnsiColor::Blue,
        "declined" | "withdrawn" | "cancelled" | "superseded" | "revoked" => AnsiColor::BrightBlack,
        _ => return None,
    })
}

/// The colour of a number of days overdue: red, bold from two weeks.
pub fn overdue_color(days: &str) -> Option<AnsiColor> {
    let n: i64 = days.trim().trim_end_matches('d').parse().ok()?;
    (n > 0).then_some(if n >= 14 {
        AnsiColor::BrightRed
    } else {
        AnsiColor::Red
    })
}

/// The colour for a cell of a column, chosen by the column's header.
pub fn cell_color(header: &str, value: &str) -> Option<Color> {
    let h = header.to_ascii_uppercase();
    let c = if h == "STATUS" {
        status_color(value)?
    } else if h.contains("OVERDUE") || h == "LATE" || h == "DAYS" {
        overdue_color(value)?
    } else {
        return None;
    };
    Some(match c {
        AnsiColor::Yellow => Color::DarkYellow,
        AnsiColor::Green => Color::DarkGreen,
        AnsiColor::Cyan => Color::DarkCyan,
        AnsiColor::Blue => Color::Blue,
        AnsiColor::Magenta => Color::Magenta,
        AnsiColor::Red => Color::DarkRed,
        AnsiColor::BrightRed => Color::Red,
        _ => Color::DarkGrey,
    })
}

/// `text` in `color` when colour is enabled.
pub fn paint(text: &str, color: Option<AnsiColor>) -> String {
    match color {
        Some(c) if enabled() => {
            let s = Style::new().fg_color(Some(c.into()));
            format!("{s}{text}{s:#}")
        }
        _ => text.to_string(),
    }
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let need = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
            if !line.is_empty() && need > width {
                out.push(std::mem::take(&mut line));
            } else if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            vec!["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn colours_by_column() {
        assert_eq!(cell_color("STATUS", "open (blocked)"), Some(Color::Magenta));
        assert_eq!(cell_color("STATUS", "done"), Some(Color::DarkGreen));
        assert_eq!(cell_color("DAYS OVERDUE", "20"), Some(Color::Red));
        assert_eq!(cell_color("DAYS OVERDUE", "0"), None);
        assert_eq!(cell_color("WHAT", "open"), None);
    }
}
