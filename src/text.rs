//! Making record text safe to print: control characters and escape sequences never reach the
//! terminal raw.
//!
//! A leaf module (it depends on nothing in the crate) because both the renderers in `report` and
//! the store, which passes git's own error text on to the user, need it.

/// `text` with every control character (other than newline and tab, when `multiline`) shown as
/// a visible `\u{..}` escape.
pub fn safe(text: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && !(multiline && (c == '\n' || c == '\t')) {
            if c == '\n' || c == '\t' {
                out.push(' ');
            } else {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
        } else if is_bidi_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Unicode direction overrides, which can make text display differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` on one line (runs of white space made one space), cut to `max` characters with an
/// ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass() {
        let s = safe("ok\u{1b}[31mred\u{7}\nnext\u{202e}", true);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{202e}'));
        assert!(s.contains("\\u{1b}[31mred") && s.contains('\n'));
        assert_eq!(safe("a\nb", false), "a b");
    }
}
