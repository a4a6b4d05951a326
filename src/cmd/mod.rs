//! One file per subcommand, each exposing `run`, and the HTTP transport of `serve` (`http`).

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod http;
pub(crate) mod import_windows;
pub(crate) mod licenses;
pub(crate) mod new;
pub(crate) mod ruby;
pub(crate) mod serve;
