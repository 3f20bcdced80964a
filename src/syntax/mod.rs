//! Reading SQL: tokens, statements, and what each statement does as a list of actions.
//!
//! Everything above this layer reads actions, never raw syntax: the rules, the folder context and
//! (later) the schema model. Nothing here knows about rules or findings.

pub mod actions;
pub mod analysis;
pub mod bulk;
pub mod handoff;
pub mod ident;
pub mod lexer;
pub mod parse;
pub mod scan;

pub use actions::{Action, ActionKind, ConstraintKind, Name, Object, ObjectKind, Source};
pub use analysis::{analyze, analyze_each, analyze_keeping_trees, analyze_with, Analysis, Reader, Reading, Statement};
pub use ident::Ident;
