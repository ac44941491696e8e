//! JSON output: records as they are in their files, plus computed fields where a query adds them.

use serde::Serialize;
use serde_json::Value;

use crate::model::Record;

/// A record as a JSON object, fields in file order. The files leave out empty optional fields;
/// the JSON contract names some of them for every record of a kind, so those are always
/// present (`null` or `false`), and a script can read `.due` or `.compliance` without guessing.
pub fn record(record: &Record) -> Value {
    let mut v = serde_json::to_value(record).expect("records always serialise");
    let always: &[(&str, Value)] = match record {
        Record::Ask(_) => &[("due", Value::Null)],
        Record::Decision(_) => &[
            ("compliance", Value::Bool(false)),
            ("supersedes", Value::Null),
        ],
        Record::Commitment(_) | Record::Meeting(_) => &[],
    };
    if let Some(map) = v.as_object_mut() {
        for (key, empty) in always {
            if !map.contains_key(*key) {
                map.insert((*key).to_string(), empty.clone());
            }
        }
    }
    v
}

/// Pretty JSON text with a final newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("values always serialise");
    s.push('\n');
    s
}
