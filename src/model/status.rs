//! Record statuses and which of them each kind may take.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::Kind;

/// Where a record is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// An ask waiting for an answer, or a commitment not yet kept.
    Open,
    /// An ask that became a commitment.
    Accepted,
    /// An ask that was turned down.
    Declined,
    /// An ask taken back by the one who asked.
    Withdrawn,
    /// A commitment kept.
    Done,
    /// A commitment called off.
    Cancelled,
    /// A meeting (meetings only ever have this status).
    Held,
    /// A decision in force.
    Active,
    /// A decision replaced by a later one.
    Superseded,
    /// A decision withdrawn without a successor.
    Revoked,
    /// An ask answered in writing: by a decision (named in `decision`) or by a reply that is not
    /// a decision (its text in `reason`).
    Answered,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 11] = [
        Status::Open,
        Status::Accepted,
        Status::Declined,
        Status::Withdrawn,
        Status::Done,
        Status::Cancelled,
        Status::Held,
        Status::Active,
        Status::Superseded,
        Status::Revoked,
        Status::Answered,
    ];

    /// The number that stands for the status in cache files. Explicit, never a position in a
    /// list: a new status takes a new number, and none is ever reused.
    pub fn code(self) -> u8 {
        match self {
            Status::Open => 0,
            Status::Accepted => 1,
            Status::Declined => 2,
            Status::Withdrawn => 3,
            Status::Done => 4,
            Status::Cancelled => 5,
            Status::Held => 6,
            Status::Active => 7,
            Status::Superseded => 8,
            Status::Revoked => 9,
            Status::Answered => 10,
        }
    }

    /// The status a cache file's code stands for.
    pub fn from_code(code: u8) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The word used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
            Status::Held => "held",
            Status::Active => "active",
            Status::Superseded => "superseded",
            Status::Revoked => "revoked",
            Status::Answered => "answered",
        }
    }

    /// The statuses a record of `kind` may have.
    pub fn allowed(kind: Kind) -> &'static [Status] {
        match kind {
            Kind::Ask => &[
                Status::Open,
                Status::Accepted,
                Status::Declined,
                Status::Withdrawn,
                Status::Answered,
            ],
            Kind::Commitment => &[Status::Open, Status::Done, Status::Cancelled],
            Kind::Meeting => &[Status::Held],
            Kind::Decision => &[Status::Active, Status::Superseded, Status::Revoked],
        }
    }

    /// True while the record is still in play (open asks and commitments, active decisions).
    pub fn in_play(self) -> bool {
        matches!(self, Status::Open | Status::Active | Status::Held)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown status '{s}': expected one of {}",
                    Status::ALL.map(|s| s.as_str()).join(", ")
                )
            })
    }
}
