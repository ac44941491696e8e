//! Rendering answers: tables, JSON, CSV, Markdown; never deciding what to show, only how.

pub mod csv;
pub mod format;
pub mod json;
pub mod markdown;
pub mod memo;
pub mod record;
pub mod register;
pub mod summary;
pub mod table;
pub mod text;

pub use format::Format;
