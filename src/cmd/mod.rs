//! One file per subcommand, each exposing `run`, and the HTTP transport of `serve` (`http`).

pub mod build;
pub mod check;
pub mod http;
pub mod import_windows;
pub mod licenses;
pub mod new;
pub mod ruby;
pub mod serve;
