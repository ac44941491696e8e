//! Rendering answers: tables, JSON, CSV, Markdown; never deciding what to show, only how.

pub mod brief;
pub mod csv;
pub mod eml;
pub mod format;
pub mod history;
pub mod html;
pub mod ics;
pub mod json;
pub mod log;
pub mod markdown;
pub mod memo;
pub mod minutes;
/// The outcome wording lives in `model::verdict` (ops writes it into commit messages too).
pub use crate::model::verdict as outcome;
pub mod overdue;
pub mod receipt;
pub mod record;
pub mod register;
pub mod style;
pub mod summary;
pub mod table;
pub mod text;
pub mod who;

pub use format::Format;
