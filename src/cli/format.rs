//! `--format` as clap sees it: the library's `report::Format` knows nothing of clap, so the
//! command line keeps its own copy of the choices and converts once.

use crate::report::Format;

/// How a command prints its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Human-readable tables and text (plain when not on a terminal).
    Table,
    /// One JSON document, for scripts.
    Json,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// Markdown, for reports that are pasted or committed.
    Md,
    /// Plain text wrapped at 72 columns, for an email body (report only).
    Text,
    /// One self-contained HTML page (report, overdue, who, decisions, escalate, history).
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Md => Format::Md,
            FormatArg::Text => Format::Text,
            FormatArg::Html => Format::Html,
        }
    }
}
