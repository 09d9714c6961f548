//! Tags: named, coloured labels on friends, and tag expressions (all of / any of /
//! none of) that select friends for the inbox filter and for broadcasts. Automatic
//! tags (on follow, keyword, postback, reservation) live in `auto`.

pub mod auto;
pub mod expr;
pub mod api;
pub mod model;
pub mod store;

pub use expr::TagExpr;
