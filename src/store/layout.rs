//! Where files live inside a ledger: `KIND-FOLDER/YYYY/MM/ID.yaml`, fixed when a record is made.

use chrono::Datelike;

use crate::model::{Kind, Record, RecordId};

/// The ledger's configuration file; its presence marks a ledger's root.
pub const CONFIG_FILE: &str = "ledger.yaml";
/// The people file.
pub const PEOPLE_FILE: &str = "people.yaml";

/// The path of a new record, relative to the ledger root. Chosen once, at creation, from the
/// kind and the record's date, and never changed: `git log -- PATH` is the record's whole life.
pub fn record_path(record: &Record) -> String {
    let date = record.date();
    format!(
        "{}/{:04}/{:02}/{}.yaml",
        record.kind().folder(),
        date.year(),
        date.month(),
        record.id()
    )
}

/// What a path inside the ledger holds.
#[derive(Debug, PartialEq, Eq)]
pub enum PathRole {
    /// The configuration file.
    Config,
    /// The people file.
    People,
    /// A record file, with the kind its folder says and the id its name says.
    Record(Kind, RecordId),
    /// A `.yaml` file inside a record folder that does not fit the layout, with why.
    Misplaced(String),
    /// Anything else (a README, a .gitattributes): not the ledger's business.
    Other,
}

/// Classifies a path relative to the ledger root.
pub fn classify(path: &str) -> PathRole {
    if path == CONFIG_FILE {
        return PathRole::Config;
    }
    if path == PEOPLE_FILE {
        return PathRole::People;
    }
    let parts: Vec<&str> = path.split('/').collect();
    let Some(kind) = Kind::from_folder(parts[0]) else {
        return PathRole::Other;
    };
    if !path.ends_with(".yaml") && !path.ends_with(".yml") {
        return PathRole::Other;
    }
    let file = parts[parts.len() - 1];
    let stem = file.trim_end_matches(".yaml").trim_end_matches(".yml");
    let id = match RecordId::parse(stem) {
        Ok(id) => id,
        Err(e) => return PathRole::Misplaced(format!("the file name is not a record id: {e}")),
    };
    if id.kind() != kind {
        return PathRole::Misplaced(format!(
            "{id} is a {} id but the file is in {}/",
            id.kind(),
            kind.folder()
        ));
    }
    let shape_ok = parts.len() == 4
        && parts[1].len() == 4
        && parts[1].bytes().all(|b| b.is_ascii_digit())
        && parts[2].len() == 2
        && parts[2].bytes().all(|b| b.is_ascii_digit())
        && file.ends_with(".yaml");
    if !shape_ok {
        return PathRole::Misplaced(format!(
            "records live at {}/YYYY/MM/{id}.yaml",
            kind.folder()
        ));
    }
    PathRole::Record(kind, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        let id = RecordId::from_random(Kind::Ask, [7; 8]);
        assert_eq!(
            classify(&format!("asks/2026/11/{id}.yaml")),
            PathRole::Record(Kind::Ask, id.clone())
        );
        assert!(matches!(
            classify(&format!("commitments/2026/11/{id}.yaml")),
            PathRole::Misplaced(_)
        ));
        assert!(matches!(
            classify(&format!("asks/{id}.yaml")),
            PathRole::Misplaced(_)
        ));
        assert_eq!(classify("README.md"), PathRole::Other);
        assert_eq!(classify("ledger.yaml"), PathRole::Config);
    }
}
