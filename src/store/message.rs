//! The commit-message format, in one place: the subject grammar, the `Ledger-*` trailer keys,
//! the writer every recording command uses and the parser `history` (events, log, verify) reads
//! commits back with. A front end records and reads through this module, so the format can only
//! change here.

use crate::model::RecordId;

/// The `Ledger-*` trailer keys (listed in docs/format.md, "Commit messages").
pub mod key {
    /// Every key starts with this; a `commit-msg` hook must keep such lines.
    pub const PREFIX: &str = "Ledger-";
    /// What the commit did: one of [`super::ACTIONS`].
    pub const ACTION: &str = "Ledger-Action";
    /// A record the commit made or changed (one trailer each; the main record first).
    pub const ID: &str = "Ledger-Id";
    /// The kind of the main record.
    pub const KIND: &str = "Ledger-Kind";
    /// Why: reschedule, cancel, revoke, decline, withdraw, block and `edit --reason`.
    pub const REASON: &str = "Ledger-Reason";
    /// A reschedule's `OLD -> NEW` due date.
    pub const DUE: &str = "Ledger-Due";
    /// A done commitment's outcome, as its JSON name.
    pub const OUTCOME: &str = "Ledger-Outcome";
    /// The ask a promise or an accept answers.
    pub const ASK: &str = "Ledger-Ask";
    /// The decision a decision supersedes.
    pub const SUPERSEDES: &str = "Ledger-Supersedes";
    /// The record a blocked commitment waits on.
    pub const BLOCKED_ON: &str = "Ledger-Blocked-On";
    /// `yes` on a compliance decision.
    pub const COMPLIANCE: &str = "Ledger-Compliance";
    /// The fields an edit changed.
    pub const FIELDS: &str = "Ledger-Fields";
    /// The handle a people change added or updated.
    pub const PERSON: &str = "Ledger-Person";
    /// The remote a sync merged from.
    pub const REMOTE: &str = "Ledger-Remote";
    /// The new handle of a person `people rename` renamed (`Ledger-Person` is the old one).
    pub const RENAMED_TO: &str = "Ledger-Renamed-To";
    /// The commit an undo reverts (its full id).
    pub const UNDOES: &str = "Ledger-Undoes";
}

/// Every `Ledger-Action` value ledger writes.
pub const ACTIONS: &[&str] = &[
    "init",
    "ask",
    "promise",
    "accept",
    "answer",
    "decline",
    "withdraw",
    "meeting",
    "decide",
    "revoke",
    "done",
    "cancel",
    "reschedule",
    "block",
    "unblock",
    "note",
    "edit",
    "people-add",
    "people-set",
    "people-rename",
    "people-retire",
    "import",
    "sync",
    "restore",
    "undo",
    "recur",
];

/// The fields of an existing record that a commit with this `Ledger-Action` may change; `None`
/// for actions that make records or may change any field (edit, merge, import). `verify` reports
/// a commit that changed others, and `history` shows it as a hand edit that claims the action.
pub fn fields_of(action: &str) -> Option<&'static [&'static str]> {
    Some(match action {
        "note" => &["notes"],
        "reschedule" => &["reschedules", "due"],
        "done" => &[
            "status",
            "closed",
            "closed_at",
            "blocked",
            "notes",
            "evidence",
        ],
        "cancel" => &[
            "status",
            "closed",
            "closed_at",
            "reason",
            "blocked",
            "notes",
            "evidence",
            "series_ended",
        ],
        "decline" => &[
            "status",
            "closed",
            "closed_at",
            "reason",
            "notes",
            "evidence",
        ],
        "revoke" | "withdraw" => &["status", "closed", "closed_at", "reason"],
        "accept" => &["status", "closed", "closed_at", "commitment"],
        "answer" => &["status", "closed", "closed_at", "reason", "decision"],
        "block" | "unblock" => &["blocked"],
        "decide" => &["status", "closed", "closed_at", "superseded_by"],
        "people-retire" => &["by", "notes"],
        _ => return None,
    })
}

/// The longest subject a commit gets: what `git log --oneline` and git hosts show whole.
pub const SUBJECT_MAX: usize = 72;

/// A commit subject in the one grammar every command uses, `<who> <verb> <id>: "<what>"`, at most
/// [`SUBJECT_MAX`] characters: the what is cut with an ellipsis to fit (the full text belongs in
/// the body), and so is the who when a very long handle leaves no room. An empty `what` leaves
/// out the colon and the quotes.
pub fn subject(who: &str, verb: &str, id: &str, what: &str) -> String {
    let who = one_line(who, 24);
    let head = format!("{who} {verb} {id}");
    let what = one_line(what, usize::MAX);
    if what.is_empty() {
        return one_line(&head, SUBJECT_MAX);
    }
    // `: "` and `"` around the what, and room for at least a few of its characters.
    let room = SUBJECT_MAX.saturating_sub(head.chars().count() + 4);
    if room < 8 {
        return one_line(&head, SUBJECT_MAX);
    }
    format!("{head}: \"{}\"", one_line(&what, room))
}

/// A commit message: a subject a reviewer reads in `git log --oneline`, an optional body, and
/// the machine-readable trailers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The first line, in the grammar of [`subject`].
    pub subject: String,
    /// Paragraphs between the subject and the trailers.
    pub body: Vec<String>,
    /// `Ledger-*` keys and their one-line values, in order.
    pub trailers: Vec<(String, String)>,
}

impl Message {
    /// A message with a subject and a `Ledger-Action` trailer.
    pub fn new(subject: impl Into<String>, action: &str) -> Message {
        Message {
            subject: subject.into(),
            body: Vec::new(),
            trailers: vec![(key::ACTION.into(), action.into())],
        }
    }

    /// Adds a trailer (newlines folded so it stays one line).
    pub fn trailer(mut self, key: &str, value: impl AsRef<str>) -> Message {
        let v = value
            .as_ref()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.trailers.push((key.to_string(), v));
        self
    }

    /// Adds `Ledger-Id` and `Ledger-Kind` trailers for a record.
    pub fn record(self, id: &RecordId) -> Message {
        let kind = id.kind().as_str();
        self.trailer(key::ID, id.as_str()).trailer(key::KIND, kind)
    }

    /// Adds a body paragraph.
    pub fn body(mut self, text: impl Into<String>) -> Message {
        self.body.push(text.into());
        self
    }

    /// The full text; a subject longer than [`SUBJECT_MAX`] is cut there.
    pub fn render(&self) -> String {
        let mut s = one_line(&self.subject, SUBJECT_MAX);
        s.push_str("\n\n");
        for p in &self.body {
            s.push_str(p.trim_end());
            s.push_str("\n\n");
        }
        for (k, v) in &self.trailers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s
    }
}

pub use crate::text::one_line;

/// The value of the last `key` trailer in a commit message, if any.
pub fn trailer(message: &str, key: &str) -> Option<String> {
    let prefix = format!("{key}:");
    message
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix(&prefix).map(|v| v.trim().to_string()))
}

/// Every distinct value of the `key` trailers in a commit message, in order.
pub fn trailers(message: &str, key: &str) -> Vec<String> {
    let prefix = format!("{key}:");
    let mut out: Vec<String> = Vec::new();
    for v in message.lines().filter_map(|l| l.strip_prefix(&prefix)) {
        let v = v.trim().to_string();
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// True when a message line is one of ledger's trailers.
pub fn is_trailer_line(line: &str) -> bool {
    line.starts_with(key::PREFIX)
}

impl Message {
    /// Reads a message [`Message::render`] wrote: the subject, the body paragraphs and the
    /// trailers (the `Ledger-*` lines of the last paragraph). A body paragraph that holds a blank
    /// line comes back as two, which renders to the same text.
    pub fn parse(text: &str) -> Message {
        let mut paragraphs: Vec<String> = text
            .split("\n\n")
            .map(|p| p.trim_end_matches('\n').to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let subject = if paragraphs.is_empty() {
            String::new()
        } else {
            paragraphs.remove(0)
        };
        let mut trailers = Vec::new();
        let last_is_trailers = paragraphs
            .last()
            .is_some_and(|p| p.lines().all(is_trailer_line));
        if last_is_trailers {
            let block = paragraphs.pop().unwrap_or_default();
            for line in block.lines() {
                if let Some((k, v)) = line.split_once(':') {
                    trailers.push((k.to_string(), v.trim().to_string()));
                }
            }
        }
        Message {
            subject,
            body: paragraphs,
            trailers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_what_is_cut_to_fit_and_a_short_one_is_kept() {
        let long = "Open a VPN tunnel from the payments cluster to the card vault, then test it";
        let s = subject("bob", "reschedules", "com-ktn5pcg8j5cr", long);
        assert_eq!(s.chars().count(), SUBJECT_MAX);
        assert!(s.starts_with("bob reschedules com-ktn5pcg8j5cr: \"Open a VPN"));
        assert!(s.ends_with("…\""));
        assert_eq!(
            subject("al", "asks", "ask-8n0359m8jqen", "Logs"),
            "al asks ask-8n0359m8jqen: \"Logs\""
        );
    }

    #[test]
    fn a_long_handle_never_pushes_the_subject_past_the_limit() {
        let who = "h".repeat(64);
        let s = subject(&who, "reschedules", "com-ktn5pcg8j5cr", &"x".repeat(200));
        assert!(s.chars().count() <= SUBJECT_MAX, "{s}");
        assert!(s.contains("com-ktn5pcg8j5cr"));
    }

    #[test]
    fn every_action_round_trips_through_writer_and_parser() {
        let id = RecordId::parse("com-ktn5pcg8j5cr").unwrap();
        let other = RecordId::parse("ask-8n0359m8jqen").unwrap();
        for action in ACTIONS {
            let m = Message::new(
                subject("bob", action, id.as_str(), "Open a VPN tunnel"),
                action,
            )
            .record(&id)
            .trailer(key::ID, other.as_str())
            .trailer(key::REASON, "the vault\nmoved")
            .trailer(key::DUE, "2026-03-01 -> 2026-03-15")
            .trailer(key::UNDOES, "4b825dc642cb6eb9a060e54bf8d69288fbee4904")
            .trailer(key::RENAMED_TO, "nina")
            .body("Open a VPN tunnel\nto the vault")
            .body("Asked: by al");
            let text = m.render();
            assert_eq!(Message::parse(&text), m, "{action}");
            assert_eq!(trailer(&text, key::ACTION).as_deref(), Some(*action));
            assert_eq!(trailer(&text, key::KIND).as_deref(), Some("commitment"));
            assert_eq!(trailers(&text, key::ID), [id.as_str(), other.as_str()]);
            assert_eq!(
                trailer(&text, key::REASON).as_deref(),
                Some("the vault moved")
            );
            assert_eq!(
                trailer(&text, key::UNDOES).as_deref(),
                Some("4b825dc642cb6eb9a060e54bf8d69288fbee4904")
            );
            assert_eq!(trailer(&text, key::RENAMED_TO).as_deref(), Some("nina"));
        }
        let bare = Message::new("al starts the ledger", "init");
        assert_eq!(Message::parse(&bare.render()), bare);
    }
}
