//! Reading and writing the YAML files: the only module that names the YAML crate.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::model::{Ask, Commitment, Decision, Kind, Meeting, People, Record};

/// Files larger than this are refused before parsing (records are a few hundred bytes).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// The message for a file over [`MAX_FILE_BYTES`].
pub fn too_large(len: usize) -> String {
    format!("file is {len} bytes, more than the {MAX_FILE_BYTES} a ledger file may have; it is not a record")
}

/// Why a file could not be read as what it should hold, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeError {
            line: None,
            column: None,
            message: too_large(bytes.len()),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(&bytes[..e.valid_up_to()]);
        DecodeError {
            line: Some(line),
            column: Some(column),
            message: "is not valid UTF-8 text; save the file as UTF-8".to_string(),
        }
    })?;
    if let Some(line) = conflict_marker_line(text) {
        return Err(DecodeError {
            line: Some(line),
            column: Some(1),
            message: "contains a git conflict marker; resolve the conflict (keep one version of each field) and run `ledger check`".into(),
        });
    }
    if let Some(line) = too_deep(text) {
        return Err(DecodeError {
            line: Some(line),
            column: None,
            message: format!("nests more than {MAX_FLOW_DEPTH} levels of [ ] or {{ }}; ledger files never nest that deep"),
        });
    }
    serde_yaml::from_str(text).map_err(|e| {
        let loc = e.location();
        let error = DecodeError {
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: clean_message(&e.to_string()),
        };
        point_at_value(text, error)
    })
}

/// A bad value inside a list item (`notes[0]: '…' is not a time`) is reported by the YAML
/// crate at the item's first line and under the item's name; when the message quotes the value,
/// point at the line that holds it and name its field (`notes[0].at`), so the fix is one look.
fn point_at_value(text: &str, mut e: DecodeError) -> DecodeError {
    let Some((path, rest)) = e.message.split_once(": '") else {
        return e;
    };
    let Some((value, _)) = rest.split_once('\'') else {
        return e;
    };
    let from = e.line.unwrap_or(1).saturating_sub(1);
    let found = text.lines().enumerate().skip(from).find_map(|(i, line)| {
        let (key, v) = line.trim_start_matches([' ', '-']).split_once(':')?;
        let v = v.trim().trim_matches(['\'', '"']);
        (v == value && !key.contains(' ')).then(|| (i, key.to_string(), line))
    });
    if let Some((i, key, line)) = found {
        let field = if path == key || path.ends_with(&format!(".{key}")) {
            path.to_string()
        } else {
            format!("{path}.{key}")
        };
        e.message = format!("{field}: '{rest}");
        e.line = Some(i + 1);
        e.column = Some(line.len() - line.trim_start_matches([' ', '-']).len() + 1);
    }
    e
}

/// The YAML crate appends " at line X column Y" to its messages; the location is reported apart.
fn clean_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    // Date fields fail with the date library's terse words ("due: input is out of range" for
    // 2026-02-30); say what is wrong and what is expected instead.
    for (terse, plain) in [
        (
            "input is out of range",
            "is not a day that exists; write YYYY-MM-DD",
        ),
        (
            "input contains invalid characters",
            "is not a date; write YYYY-MM-DD",
        ),
        (
            "premature end of input",
            "is not a complete date; write YYYY-MM-DD",
        ),
        (
            "trailing input",
            "has text after the date; write YYYY-MM-DD",
        ),
    ] {
        if let Some(field) = msg.strip_suffix(terse) {
            return format!("{field}{plain}");
        }
    }
    msg.to_string()
}

fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// How deep `[`/`{` may nest. Records nest two or three levels; the YAML parser slows down
/// quadratically with flow nesting (100,000 levels take a minute), so deeper files are refused
/// before parsing. Brackets inside quoted text count too: real text never opens 64 in a row.
pub const MAX_FLOW_DEPTH: usize = 64;

/// The line where flow nesting first goes deeper than [`MAX_FLOW_DEPTH`], if it does.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut line) = (0usize, 1usize);
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => line += 1,
            _ => {}
        }
    }
    None
}

fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.starts_with("<<<<<<< ")
                || l == "======="
                || l.starts_with(">>>>>>> ")
                || l == "<<<<<<<"
        })
        .map(|i| i + 1)
}

fn encode<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("ledger types always serialise")
}

/// Parses a record file of the given kind (the kind comes from the file's folder).
pub fn parse_record(kind: Kind, bytes: &[u8]) -> Result<Record, DecodeError> {
    Ok(match kind {
        Kind::Ask => Record::Ask(decode::<Ask>(bytes)?),
        Kind::Commitment => Record::Commitment(decode::<Commitment>(bytes)?),
        Kind::Meeting => Record::Meeting(decode::<Meeting>(bytes)?),
        Kind::Decision => Record::Decision(decode::<Decision>(bytes)?),
    })
}

/// Writes a record as the text of its file.
pub fn render_record(record: &Record) -> String {
    match record {
        Record::Ask(r) => encode(r),
        Record::Commitment(r) => encode(r),
        Record::Meeting(r) => encode(r),
        Record::Decision(r) => encode(r),
    }
}

/// Parses the people file.
pub fn parse_people(bytes: &[u8]) -> Result<People, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(People::default());
    }
    decode(bytes)
}

/// Writes the people file.
pub fn render_people(people: &People) -> String {
    format!(
        "# People the ledger knows: handle -> name, email, team, reports_to.\n{}",
        encode(people)
    )
}

/// Parses any YAML document that maps onto `T` (the config file).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, DecodeError> {
    decode(bytes)
}

/// Writes any serialisable value as YAML.
pub fn render<T: Serialize>(value: &T) -> String {
    encode(value)
}

/// The line and column of a top-level field (`due:`) in a record's text, for pointing at it.
/// A dotted name (`blocked.on`) finds the first part.
pub fn field_position(text: &str, field: &str) -> Option<(usize, usize)> {
    let mut parts = field.split('.');
    let top = parts.next().unwrap_or(field);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|line| {
        line.strip_prefix(top)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })?;
    // A nested field (`blocked.on`): look inside the top field's indented block, so the
    // position is the line to fix rather than the block's first line.
    if let Some(sub) = parts.next() {
        for (j, line) in lines.iter().enumerate().skip(at + 1) {
            if !line.starts_with([' ', '-']) {
                break;
            }
            let inner = line.trim_start_matches([' ', '-']);
            if inner
                .strip_prefix(sub)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
            {
                return Some((j + 1, line.len() - inner.len() + 1));
            }
        }
    }
    Some((at + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_line_of_syntax_error() {
        let err = parse_people(b"people:\n  alice: {name: [\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
    }

    #[test]
    fn refuses_conflict_markers_and_bad_utf8() {
        let err = parse_people(b"people:\n<<<<<<< HEAD\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        let err = parse_people(b"people:\n  a\xff: {}\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn finds_field_positions() {
        let text = "id: x\nkind: commitment\ndue: 2026-02-30\n";
        assert_eq!(field_position(text, "due"), Some((3, 1)));
        assert_eq!(field_position(text, "dueness"), None);
        let nested = "id: x\nblocked:\n  since: 2026-03-04\n  on: com-zzzz\nnotes: []\n";
        assert_eq!(field_position(nested, "blocked.on"), Some((4, 3)));
        assert_eq!(field_position(nested, "blocked.reason"), Some((2, 1)));
    }
}
