//! Tags: named, coloured labels on friends, and tag expressions (all of / any of /
//! none of) that select friends for the inbox filter and for broadcasts.

pub mod expr;

pub use expr::TagExpr;
