//! Rendering answers: tables, JSON, CSV; never deciding what to show, only how.

pub mod csv;
pub mod format;
pub mod ics;
pub mod json;
pub mod record;
pub mod style;
pub mod table;
pub mod text;

pub use format::Format;
