//! Markdown building blocks: record text escaped so it renders exactly as written, tables, and
//! links. Renders well on git hosts and stays readable when pasted into an email.

use super::text::safe;

/// Record text as one line of inline Markdown: control characters made visible, whitespace
/// collapsed, and every character Markdown would act on escaped.
pub fn inline(text: &str) -> String {
    let flat = safe(text, false);
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len() + 8);
    let chars: Vec<char> = flat.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // `&amp;` and friends would render as the character they name.
            '&' => names_entity(&chars[i + 1..]),
            // `!` only matters before `[`, which is escaped anyway; `#` only at a line start,
            // where record text never is.
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Record text as a paragraph of its own: `inline`, and a start that would read as a heading,
/// list item or rule escaped too.
pub fn block(text: &str) -> String {
    let s = inline(text);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let starts_block = s.starts_with(['#', '-', '+', '=', '>'])
        || (digits > 0 && s[digits..].starts_with(['.', ')']));
    if !starts_block {
        return s;
    }
    if digits > 0 {
        format!("{}\\{}", &s[..digits], &s[digits..])
    } else {
        format!("\\{s}")
    }
}

/// True when `rest` starts like the inside of an HTML entity (`amp;`, `#38;`).
fn names_entity(rest: &[char]) -> bool {
    let run = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    run > 0 && rest.get(run) == Some(&';')
}

/// An id, as inline code.
pub fn code(id: &str) -> String {
    format!("`{id}`")
}

/// `text` linked to `url`, or `text` alone when there is no link.
pub fn link(text: &str, url: Option<&str>) -> String {
    match url {
        Some(u) if !u.contains([')', ' ', '<', '>']) => format!("[{text}]({u})"),
        _ => text.to_string(),
    }
}

/// A pipe table; cells must already be inline Markdown.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!(
        "|{}\n",
        header.iter().map(|_| " --- |").collect::<String>()
    ));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// The rows of a terminal table as a Markdown table: every cell escaped with `inline`, the
/// cells of an `ID` or `COMMIT` column as code, the header as it is in the terminal.
pub fn grid(header: &[&str], rows: &[Vec<String>]) -> String {
    let code_col: Vec<bool> = header
        .iter()
        .map(|h| matches!(*h, "ID" | "COMMIT"))
        .collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| match code_col.get(i) {
                    _ if cell.is_empty() => String::new(),
                    Some(true) if !cell.contains('`') => code(cell),
                    _ => inline(cell),
                })
                .collect()
        })
        .collect();
    let header: Vec<String> = header.iter().map(|h| inline(h)).collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(&header, &rows)
}

/// A heading of `level` (1 to 6) over record text.
pub fn heading(level: usize, text: &str) -> String {
    format!("{} {}\n", "#".repeat(level.clamp(1, 6)), inline(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_would_act_on() {
        assert_eq!(inline("a *b* [c](d) | e_f"), r"a \*b\* \[c\](d) \| e\_f");
        assert_eq!(inline("R&D &amp; x\n y"), r"R&D \&amp; x y");
        assert_eq!(block("# not a heading"), r"\# not a heading");
        assert_eq!(block("1. not a list"), r"1\. not a list");
        assert_eq!(inline("esc \u{1b}[31m"), r"esc \\u{1b}\[31m");
    }

    #[test]
    fn grid_escapes_cells_and_codes_ids() {
        let s = grid(
            &["ID", "WHAT"],
            &[
                vec!["com-1".into(), "a | b".into()],
                vec![String::new(), "*x*".into()],
            ],
        );
        assert_eq!(
            s,
            "| ID | WHAT |\n| --- | --- |\n| `com-1` | a \\| b |\n|  | \\*x\\* |\n"
        );
    }
}
