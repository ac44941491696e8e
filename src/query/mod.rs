//! Questions asked of the ledger: dates, id resolution, filters.

pub mod dates;
pub mod filter;
pub mod overdue;
pub mod resolve;
pub mod who;
