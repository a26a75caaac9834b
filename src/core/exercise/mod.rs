//! The exercise format of EXERCISE_FORMAT.md: model, parsing with locations, validation,
//! catalogue and packs.

pub mod diagnostic;
pub mod model;
pub mod pack;
pub mod parse;
pub mod skeleton;

pub use diagnostic::{Diagnostic, Severity};
pub use model::*;
pub use pack::{assemble, check_solutions, parse_catalog, Catalog, Pack};
