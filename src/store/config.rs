//! The ledger's own settings, kept in `ledger.yaml` at its root.

use serde::{Deserialize, Serialize};

use super::{codec, layout, Ledger};

/// Contents of `ledger.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Version of the file layout.
    pub version: u32,
    /// When true, `ledger verify` requires every commit to carry a valid signature.
    #[serde(default)]
    pub require_signatures: bool,
    /// The programme's name, the title of `report` and of the web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whom the report is written for ("Payments steering group").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// When true (the default), a handle the people file does not list is refused in a new
    /// record, as long as the people file lists anyone; false for ledgers that do not keep a
    /// people file up to date.
    /// Written only when turned off, so a ledger's first commit (and every id the seeded
    /// tests and the demo derive from it) stays as it was before the setting existed.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub strict_people: bool,
    /// The published web site's address (`ledger site`): minutes and receipts link there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Handles the report's email draft goes to (`report --eml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: 1,
            require_signatures: false,
            title: None,
            audience: None,
            strict_people: true,
            site: None,
            stakeholders: Vec::new(),
        }
    }
}

/// The settings as committed in `commit` (the defaults when the file is missing or does not
/// parse: a query reports a broken `ledger.yaml` through the snapshot's problems already).
pub fn at(ledger: &Ledger, commit: Option<git2::Oid>) -> Config {
    let read = || -> Option<Config> {
        let tree = ledger.repo.find_commit(commit?).ok()?.tree().ok()?;
        let path = ledger.repo_path(layout::CONFIG_FILE);
        let entry = tree.get_path(std::path::Path::new(&path)).ok()?;
        let blob = ledger.repo.find_blob(entry.id()).ok()?;
        codec::parse::<Config>(blob.content()).ok()
    };
    read().unwrap_or_default()
}
