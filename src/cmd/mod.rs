//! One file per subcommand, each exposing `run`.

pub mod build;
pub mod new;
