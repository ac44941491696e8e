//! Editor templates for `meeting`, `decide -e` and `ask -e`, the way `git commit` does it: a
//! commented form rendered with what the flags already said, parsed back with line numbers so a
//! problem can be marked where it is, and a loop that never loses what was typed.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How a field is written in the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `Key: value` on one line.
    Line,
    /// `Key:` on its own line, then free text up to the header of a field after it in the form.
    Block,
    /// `Key:` on its own line, then one item a line, each starting with `- `.
    List,
}

/// One field of a template.
#[derive(Clone, Debug)]
pub struct Field {
    pub key: &'static str,
    pub shape: Shape,
    /// A comment shown with the field.
    pub help: &'static str,
    /// The pre-filled values (one for Line and Block fields).
    pub values: Vec<String>,
}

impl Field {
    /// A field pre-filled with `values`.
    pub fn new(key: &'static str, shape: Shape, help: &'static str, values: Vec<String>) -> Field {
        Field {
            key,
            shape,
            help,
            values,
        }
    }
}

/// A template: an introduction (comment lines) and the fields.
#[derive(Clone, Debug)]
pub struct Template {
    pub intro: &'static str,
    pub fields: Vec<Field>,
}

/// A problem found in the edited text, at a line (1-based; 0 when it is about no line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub message: String,
}

impl Mark {
    /// A problem at `line`.
    pub fn at(line: usize, message: impl Into<String>) -> Mark {
        Mark {
            line,
            message: message.into(),
        }
    }
}

/// The values read back: per key, each value with the line it started on.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    values: Vec<(&'static str, usize, String)>,
    /// The line of each key's header.
    headers: Vec<(&'static str, usize)>,
}

impl Parsed {
    /// A Line or Block field's value and its line, when not blank.
    pub fn one(&self, key: &str) -> Option<(usize, String)> {
        self.values
            .iter()
            .find(|(k, _, v)| *k == key && !v.trim().is_empty())
            .map(|(_, l, v)| (*l, v.clone()))
    }

    /// A List field's items with their lines.
    pub fn list(&self, key: &str) -> Vec<(usize, String)> {
        self.values
            .iter()
            .filter(|(k, _, v)| *k == key && !v.trim().is_empty())
            .map(|(_, l, v)| (*l, v.clone()))
            .collect()
    }

    /// The line of a field's header (for problems about a missing value).
    pub fn line_of(&self, key: &str) -> usize {
        self.headers
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, l)| *l)
            .unwrap_or(0)
    }

    /// True when nothing was filled in at all.
    pub fn is_empty(&self) -> bool {
        self.values.iter().all(|(_, _, v)| v.trim().is_empty())
    }
}

/// The marker that starts a problem comment; old ones are dropped before new ones are added.
const MARK: &str = "# >>> ";

fn is_comment(line: &str) -> bool {
    line.starts_with('#')
}

impl Template {
    /// The text the editor opens on.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for l in self.intro.lines() {
            s.push_str(&format!("# {l}\n").replace("# \n", "#\n"));
        }
        s.push_str("# Lines starting with '#' are ignored; an empty form records nothing.\n");
        let mut prev_line = true;
        for f in &self.fields {
            match f.shape {
                Shape::Line => {
                    if !prev_line {
                        s.push('\n');
                    }
                    let v = f.values.first().map(String::as_str).unwrap_or("");
                    s.push_str(format!("{}: {v}", f.key).trim_end());
                    s.push('\n');
                    if !f.help.is_empty() {
                        s.push_str(&format!("#   {}\n", f.help));
                    }
                    prev_line = true;
                }
                Shape::Block | Shape::List => {
                    s.push_str(&format!("\n{}:\n", f.key));
                    if !f.help.is_empty() {
                        s.push_str(&format!("# {}\n", f.help));
                    }
                    for v in &f.values {
                        if f.shape == Shape::List {
                            s.push_str(&format!("- {v}\n"));
                        } else {
                            s.push_str(v.trim_end());
                            s.push('\n');
                        }
                    }
                    prev_line = false;
                }
            }
        }
        s
    }

    fn position(&self, key: &str) -> usize {
        self.fields.iter().position(|f| f.key == key).unwrap_or(0)
    }

    fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }

    /// Reads an edited form back. Unknown `Key:` lines outside free text are problems.
    pub fn parse(&self, text: &str) -> std::result::Result<Parsed, Mark> {
        let mut p = Parsed::default();
        let mut open: Option<&Field> = None;
        let mut block: Option<(usize, Vec<&str>)> = None;
        let flush =
            |p: &mut Parsed, open: Option<&Field>, block: &mut Option<(usize, Vec<&str>)>| {
                if let (Some(f), Some((line, lines))) = (open, block.take()) {
                    let body = lines.join("\n");
                    p.values
                        .push((f.key, line, body.trim_matches('\n').trim_end().to_string()));
                }
            };
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            if is_comment(raw) {
                continue;
            }
            let header = raw.split_once(':').and_then(|(k, rest)| {
                let f = self.field(k.trim_end()).filter(|_| !k.starts_with(' '))?;
                // Free text runs up to a field that comes after it in the form, so a notes line
                // such as "Date: moved" stays in the notes.
                let inside_block = matches!(open, Some(o) if o.shape == Shape::Block
                    && self.position(f.key) < self.position(o.key));
                match f.shape {
                    Shape::Line if !inside_block => Some((f, rest)),
                    Shape::Block | Shape::List if rest.trim().is_empty() => Some((f, rest)),
                    _ => None,
                }
            });
            if let Some((f, rest)) = header {
                flush(&mut p, open, &mut block);
                p.headers.push((f.key, n));
                if f.shape == Shape::Line {
                    p.values.push((f.key, n, rest.trim().to_string()));
                    open = None;
                } else {
                    open = Some(f);
                    if f.shape == Shape::Block {
                        block = Some((n + 1, Vec::new()));
                    }
                }
                continue;
            }
            match open {
                Some(f) if f.shape == Shape::Block => {
                    let b = block.get_or_insert((n, Vec::new()));
                    if b.1.is_empty() && raw.trim().is_empty() {
                        b.0 = n + 1;
                    } else {
                        b.1.push(raw);
                    }
                }
                Some(f) if f.shape == Shape::List => {
                    let item = raw.trim();
                    let item = item.strip_prefix('-').map(str::trim_start).unwrap_or(item);
                    if !item.is_empty() {
                        p.values.push((f.key, n, item.to_string()));
                    }
                }
                _ if raw.trim().is_empty() => {}
                _ => {
                    let keys: Vec<&str> = self.fields.iter().map(|f| f.key).collect();
                    return Err(Mark::at(n, format!("not part of the form; lines start with one of {}: or belong under a section", keys.join(":, "))));
                }
            }
        }
        flush(&mut p, open, &mut block);
        Ok(p)
    }
}

/// `text` with earlier problem marks removed and `mark` written above its line.
pub fn mark(text: &str, m: &Mark) -> String {
    let mut out = String::new();
    let mut n = 0;
    let note = format!(
        "{MARK}{} (fix the line below, or empty the form to record nothing)\n",
        m.message.replace('\n', " ")
    );
    if m.line == 0 {
        out.push_str(&note);
    }
    for l in text.lines() {
        n += 1;
        if l.starts_with(MARK) {
            continue;
        }
        if n == m.line {
            out.push_str(&note);
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// True when an editor is configured ($VISUAL or $EDITOR), so one may be run without a terminal.
pub fn editor_configured() -> bool {
    ["VISUAL", "EDITOR"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|s| !s.trim().is_empty()))
}

/// True when a form should be opened: an editor is configured, or a person is at a terminal.
pub fn can_edit() -> bool {
    editor_configured() || std::io::stdin().is_terminal()
}

fn again(problem: &str) -> bool {
    eprintln!("ledger: {}", crate::report::text::safe(problem, false));
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    eprint!("Edit again? [Y/n] ");
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    !matches!(line.trim().to_ascii_lowercase().as_str(), "n" | "no")
}

/// A form being filled in: where the text is kept until it is recorded.
pub struct Draft {
    path: PathBuf,
}

impl Draft {
    /// Forgets the kept text, once what it said is recorded.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Opens the editor on `template` (or on the text an earlier failed run kept in
/// `.git/ledger/NAME-draft.txt`) until `check` accepts it. An empty form is an error (exit 1,
/// nothing recorded); an invalid one is marked and reopened on a terminal, else kept on disk.
pub fn fill<T>(
    state_dir: &Path,
    name: &str,
    template: &Template,
    mut check: impl FnMut(&Parsed) -> std::result::Result<T, Mark>,
) -> Result<(T, Draft)> {
    std::fs::create_dir_all(state_dir)?;
    let path = state_dir.join(format!("{name}-draft.txt"));
    let mut text = match std::fs::read_to_string(&path) {
        Ok(saved) => {
            eprintln!(
                "ledger: resuming the unfinished form kept in {}",
                path.display()
            );
            saved
        }
        Err(_) => template.render(),
    };
    loop {
        std::fs::write(&path, &text)?;
        edit::edit_file(&path).map_err(|e| {
            Error::user(format!(
                "could not run the editor: {e}; nothing was recorded"
            ))
            .hint("set VISUAL or EDITOR to your editor's command, or give the text with flags")
        })?;
        text = std::fs::read_to_string(&path)?;
        let result = template.parse(&text).and_then(|p| {
            if p.is_empty() {
                Ok(None)
            } else {
                check(&p).map(Some)
            }
        });
        match result {
            Ok(Some(v)) => return Ok((v, Draft { path })),
            Ok(None) => {
                let _ = std::fs::remove_file(&path);
                return Err(
                    Error::user(format!("the {name} form is empty; nothing was recorded"))
                        .hint("fill in the form to record something"),
                );
            }
            Err(m) => {
                text = mark(&text, &m);
                let place = if m.line > 0 {
                    format!("line {}: ", m.line)
                } else {
                    String::new()
                };
                if !again(&format!("{place}{}", m.message)) {
                    std::fs::write(&path, &text)?;
                    return Err(Error::user(format!(
                        "the {name} form is invalid ({place}{}); nothing was recorded",
                        m.message
                    ))
                    .hint(format!(
                        "your text is kept, with the problem marked, in {}; the next `ledger {name}` opens it again",
                        path.display()
                    )));
                }
            }
        }
    }
}

/// Turns a command-line error into a mark at `line`.
pub fn at(line: usize) -> impl Fn(Error) -> Mark {
    move |e| Mark::at(line, e.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Template {
        Template {
            intro: "Record a meeting.",
            fields: vec![
                Field::new("Title", Shape::Line, "", vec!["Sync".into()]),
                Field::new("Date", Shape::Line, "YYYY-MM-DD", vec![]),
                Field::new("Notes", Shape::Block, "Free text.", vec!["a\n\nb".into()]),
                Field::new(
                    "Actions",
                    Shape::List,
                    "OWNER: WHAT due:DATE",
                    vec!["bob: x due:friday".into()],
                ),
            ],
        }
    }

    #[test]
    fn renders_and_reads_back() {
        let t = form();
        let text = t.render();
        assert!(text.starts_with("# Record a meeting.\n"), "{text}");
        let p = t.parse(&text).unwrap();
        assert_eq!(p.one("Title").unwrap().1, "Sync");
        assert_eq!(p.one("Date"), None);
        assert_eq!(p.one("Notes").unwrap().1, "a\n\nb");
        let actions = p.list("Actions");
        assert_eq!(actions.len(), 1);
        assert_eq!(
            text.lines().nth(actions[0].0 - 1),
            Some("- bob: x due:friday")
        );
    }

    #[test]
    fn comments_dropped_and_key_lines_inside_notes_kept() {
        let t = form();
        let text = "Title: T\nNotes:\n# gone\nDate: not a header here\nkept\nActions:\n- a: b due:today\n-\n";
        let p = t.parse(text).unwrap();
        assert_eq!(
            p.one("Notes").unwrap(),
            (3, "Date: not a header here\nkept".to_string())
        );
        assert_eq!(p.one("Date"), None);
        assert_eq!(p.list("Actions"), vec![(7, "a: b due:today".to_string())]);
    }

    #[test]
    fn empty_and_stray_text() {
        let t = form();
        let blank = "# only comments\nTitle:\nNotes:\n\nActions:\n- \n";
        assert!(t.parse(blank).unwrap().is_empty());
        assert!(t.parse("").unwrap().is_empty());
        let err = t.parse("Title: x\nstray words\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn marks_replace_earlier_marks() {
        let once = mark("Title: x\nDate: soon\n", &Mark::at(2, "bad date"));
        assert_eq!(
            once.lines().nth(1).unwrap(),
            "# >>> bad date (fix the line below, or empty the form to record nothing)"
        );
        let twice = mark(&once, &Mark::at(1, "bad title"));
        assert_eq!(twice.matches(MARK).count(), 1);
        assert!(twice.starts_with("# >>> bad title"));
        assert!(form().parse(&twice).is_ok());
    }
}
