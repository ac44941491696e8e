//! The output formats every command takes through `--format` (the command line maps its
//! argument onto this type, so the library needs no clap).

/// How a command prints its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Human-readable tables and text (plain when not on a terminal).
    Table,
    /// One JSON document, for scripts.
    Json,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// Markdown, for reports that are pasted or committed.
    Md,
    /// Plain text wrapped for an email body (`report` only).
    Text,
    /// One self-contained HTML page (`report`, `overdue`, `who`, `decisions`, `escalate`,
    /// `history`).
    Html,
}
