//! The binary's own parts: the flags, and what it shows on standard error.

pub mod args;
pub mod man;
pub mod terminal;
