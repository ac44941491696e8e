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
    /// The published web site's address (`ledger site`): minutes and receipts link there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Handles the report's email draft goes to (`report --eml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stakeholders: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: 1,
            require_signatures: false,
            title: None,
            audience: None,
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
