//! The engines: they build the context once, loop over the one list of rules, run each rule of
//! the kind they apply, and turn what the rules report into findings. Above the rules; the
//! boundary (`crate::wasm`) and the public API (`crate`) call in here.

pub mod approvals;
pub mod folder;
pub mod lint;
pub mod schema;
pub mod status;
pub mod verify;
