//! One file per subcommand, each exposing `run`.

pub mod build;
pub mod check;
pub mod import_windows;
pub mod licenses;
pub mod new;
pub mod ruby;
pub mod serve;
