//! The four kinds of record, with the id prefix and folder each one uses.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A kind of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Someone asked someone else for something.
    Ask,
    /// Someone promised someone else to do something by a date.
    Commitment,
    /// A meeting that happened.
    Meeting,
    /// A statement of decision, kept word for word.
    Decision,
}

impl Kind {
    /// Every kind, in the order listings show them.
    pub const ALL: [Kind; 4] = [Kind::Commitment, Kind::Ask, Kind::Decision, Kind::Meeting];

    /// The number that stands for the kind in cache files. Explicit, never a position in a
    /// list: reordering `ALL` must not change what a cache file means.
    pub fn code(self) -> u8 {
        match self {
            Kind::Ask => 0,
            Kind::Commitment => 1,
            Kind::Meeting => 2,
            Kind::Decision => 3,
        }
    }

    /// The kind a cache file's code stands for.
    pub fn from_code(code: u8) -> Option<Kind> {
        Some(match code {
            0 => Kind::Ask,
            1 => Kind::Commitment,
            2 => Kind::Meeting,
            3 => Kind::Decision,
            _ => return None,
        })
    }

    /// The word used in files, JSON and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ask => "ask",
            Kind::Commitment => "commitment",
            Kind::Meeting => "meeting",
            Kind::Decision => "decision",
        }
    }

    /// The prefix of every id of this kind (`com-...`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            Kind::Ask => "ask",
            Kind::Commitment => "com",
            Kind::Meeting => "mtg",
            Kind::Decision => "dec",
        }
    }

    /// The top-level folder holding records of this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Ask => "asks",
            Kind::Commitment => "commitments",
            Kind::Meeting => "meetings",
            Kind::Decision => "decisions",
        }
    }

    /// The kind whose id prefix is `prefix`.
    pub fn from_id_prefix(prefix: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id_prefix() == prefix)
    }

    /// The kind whose folder is `folder`.
    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    /// Accepts the kind's name, its plural, its folder or its id prefix.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| s == k.as_str() || s == k.folder() || s == k.id_prefix())
            .or(match s.as_str() {
                "promise" | "promises" => Some(Kind::Commitment),
                _ => None,
            })
            .ok_or_else(|| {
                format!("unknown kind '{s}': expected one of ask, commitment, meeting, decision")
            })
    }
}
