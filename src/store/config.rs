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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            version: 1,
            require_signatures: false,
        }
    }
}
