//! One file per subcommand, each exposing `run`.

pub mod build;
pub mod licenses;
pub mod new;
pub mod ruby;
