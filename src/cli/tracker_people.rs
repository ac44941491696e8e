//! Matching the people a tracker's export names (assignees, reporters: a handle, a display
//! name or an email) to the people file's handles: who is known, who is not (with the lines
//! that name them and the nearest known handles), and the handles `--add-people` gives the rest.

use std::collections::HashMap;

use crate::model::people::Person;
use crate::model::People;

/// Someone the export names whom the people file does not know.
pub struct Stranger {
    /// As the export spells it (trimmed).
    pub value: String,
    /// The fields (`by`, `to`, ...) it is found in, each once, in order of first use.
    pub fields: Vec<&'static str>,
    /// The file lines of the rows that name it.
    pub lines: Vec<u64>,
    /// The known handles nearest to it.
    pub near: Vec<String>,
    /// The handle `--add-people` gives it.
    pub handle: String,
}

/// The export's people matched: every value to a handle (a stranger to its new one).
#[derive(Default)]
pub struct Matched {
    /// Value as spelled in the export -> handle.
    pub who: HashMap<String, String>,
    /// The ones the people file does not know, in order of first appearance.
    pub strangers: Vec<Stranger>,
}

/// Matches each `(line, field, value)` against `people`.
pub fn match_people<'r>(
    people: &People,
    named: impl IntoIterator<Item = (u64, &'static str, &'r str)>,
) -> Matched {
    let mut m = Matched::default();
    for (line, field, value) in named {
        let value = value.trim();
        if let Some(i) = m.strangers.iter().position(|s| s.value == value) {
            let s = &mut m.strangers[i];
            if s.lines.last() != Some(&line) {
                s.lines.push(line);
            }
            if !s.fields.contains(&field) {
                s.fields.push(field);
            }
            continue;
        }
        // Text with control characters (a line break, a terminal escape) names nobody: it is
        // left to the row, which refuses it as a handle.
        if m.who.contains_key(value) || value.chars().any(char::is_control) {
            continue;
        }
        if let Some(h) = people.find(value) {
            m.who.insert(value.to_string(), h.to_string());
            continue;
        }
        let taken: Vec<String> = m.strangers.iter().map(|s| s.handle.clone()).collect();
        let handle = people.new_handle(value, &taken);
        m.who.insert(value.to_string(), handle.clone());
        m.strangers.push(Stranger {
            value: value.to_string(),
            fields: vec![field],
            lines: vec![line],
            near: people
                .nearest_person(value)
                .into_iter()
                .map(str::to_string)
                .collect(),
            handle,
        });
    }
    m
}

/// The people file with the strangers added: an email-looking value as the email, anything
/// else as the name.
pub fn with_strangers(people: &People, strangers: &[&Stranger]) -> People {
    let mut out = people.clone();
    for s in strangers {
        let is_email = s.value.contains('@') && !s.value.contains(char::is_whitespace);
        let person = Person {
            name: (!is_email).then(|| s.value.clone()),
            email: is_email.then(|| s.value.clone()),
            ..Person::default()
        };
        out.people.insert(s.handle.clone(), person);
    }
    out
}

/// One stranger as a line for the refusal: `'Frank Ocean' (by) is not in the people file;
/// nearest known: frank` (the caller puts the file and lines in front).
pub fn describe(s: &Stranger) -> String {
    let near = match s.near.as_slice() {
        [] => "no known handle is close".to_string(),
        n => format!("nearest known: {}", n.join(", ")),
    };
    format!(
        "'{}' ({}) is not in the people file; {near}; --add-people would add them as {}",
        s.value,
        s.fields.join(", "),
        s.handle
    )
}
