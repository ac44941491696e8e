//! Reconstructing records and their changes from the git history.

pub mod audit;
pub mod events;
pub mod load;
pub mod origin;
pub mod verify;
