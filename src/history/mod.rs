//! Reconstructing records and their changes from the git history.

pub mod audit;
pub mod binrec;
pub mod cache;
pub mod clock;
pub mod events;
pub mod index;
pub mod load;
pub mod lookup;
pub mod origin;
pub mod rebased;
pub mod recur_check;
pub mod tamper;
pub mod tips;
pub mod undoable;
pub mod verify;
pub mod view;
pub mod walk;
