//! Text for the terminal: the safe-text function (from the leaf module `crate::text`) and one
//! line of it cut to a width.

pub use crate::text::safe;

/// One line of safe text, cut to `max` characters with an ellipsis.
pub fn line(text: &str, max: usize) -> String {
    // Most text is short printable ASCII with single spaces: already what the rest would make.
    let plain = text.len() <= max
        && text.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
        && !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ");
    if plain {
        return text.to_string();
    }
    crate::text::one_line(&safe(text, false), max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_flat_and_cut() {
        assert_eq!(line("a\nb", 10), "a b");
        assert_eq!(line("a  b ", 10), "a b");
        assert_eq!(line("plain text", 10), "plain text");
        assert_eq!(line("plain text!", 10), "plain tex…");
        assert_eq!(line("a\u{1b}b", 10), "a\\u{1b}b");
    }
}
