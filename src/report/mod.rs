//! Rendering answers: tables, JSON, CSV; never deciding what to show, only how.

pub mod csv;
pub mod format;
pub mod history;
pub mod json;
pub mod log;
pub mod overdue;
pub mod record;
pub mod table;
pub mod text;
pub mod who;

pub use format::Format;
