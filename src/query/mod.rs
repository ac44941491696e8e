//! Questions asked of the ledger: dates, id resolution, filters.

pub mod brief;
pub mod charts;
pub mod dates;
pub mod escalation;
pub mod filter;
pub mod keep;
pub mod links;
pub mod minutes;
pub mod overdue;
pub mod period;
pub mod person;
pub mod receipt;
pub mod register;
pub mod resolve;
pub mod shown;
pub mod team;
pub mod who;
