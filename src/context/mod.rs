//! What rules read, built once per run: the inputs as handed in, one migration's SQL, a folder
//! name, the folder as a whole, and what Prisma itself decides (order, checksums). Below the rules:
//! nothing here knows a rule or makes a finding.

pub mod deployed;
pub mod folder;
pub mod input;
pub mod name;
pub mod prisma;
pub mod script;
pub mod texts;
