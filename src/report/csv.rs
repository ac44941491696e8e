//! CSV output: a header row and one row per item, quoted where needed (RFC 4180).

/// Renders rows as CSV.
pub fn render(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        let cells: Vec<String> = cells.map(field).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied(), &mut out);
    for row in &rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}

fn field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quotes_and_guards() {
        let s = super::render(&["A", "B"], vec![vec!["x,y".into(), "=1+1".into()]]);
        assert_eq!(s, "A,B\r\n\"x,y\",'=1+1\r\n");
    }
}
