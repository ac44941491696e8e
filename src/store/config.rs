//! The ledger's own settings, kept in `ledger.yaml` at its root.

use serde::{Deserialize, Serialize};

/// Contents of `ledger.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Version of the file layout.
    pub version: u32,
    /// When true, `ledger verify` requires every commit to carry a valid signature.
    #[serde(default)]
    pub require_signatures: bool,
    /// When true (the default), a handle the people file does not list is refused in a new
    /// record, as long as the people file lists anyone; false for ledgers that do not keep a
    /// people file up to date.
    /// Written only when turned off, so a ledger's first commit (and every id the seeded
    /// tests and the demo derive from it) stays as it was before the setting existed.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub strict_people: bool,
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
            strict_people: true,
        }
    }
}
