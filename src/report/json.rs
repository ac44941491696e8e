//! JSON output: records as they are in their files, plus computed fields where a query adds them.

use serde::Serialize;
use serde_json::Value;

use crate::model::Record;

/// A record as a JSON object, fields in file order.
pub fn record(record: &Record) -> Value {
    serde_json::to_value(record).expect("records always serialise")
}

/// Pretty JSON text with a final newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("values always serialise");
    s.push('\n');
    s
}
