//! Record kinds, ids, statuses and validation: the ledger's vocabulary, pure and free of I/O.

pub mod actions;
pub mod concurrent;
pub mod cycles;
pub mod facts;
pub mod id;
pub mod immutable;
pub mod kind;
pub mod merge;
pub mod outcome;
pub mod people;
pub mod record;
pub mod recur;
pub mod resolve;
pub mod slips;
pub mod stamp;
pub mod status;
pub mod validate;
pub mod verdict;

pub use facts::Facts;
pub use id::RecordId;
pub use kind::Kind;
pub use people::{People, Person};
pub use record::{Ask, Blocker, Commitment, Decision, Meeting, Note, Record, Reschedule};
pub use stamp::Stamp;
pub use status::Status;
