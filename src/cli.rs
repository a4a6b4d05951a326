//! Command-line interface (clap derive). Only `main` reads it; commands get plain option
//! structs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// tsunagi (つなぎ): one body of Markdown on mental health → an accessible, furigana-annotated
/// site for each municipality.
#[derive(Debug, Parser)]
#[command(name = "tsunagi", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project in DIR that builds at once.
    New {
        /// The folder to create (must not exist, or be empty).
        dir: PathBuf,
    },
    /// Build the site of every municipality (or only those named with --only).
    Build {
        /// The project folder (holding tsunagi.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The output folder; it is replaced as a whole only when the build succeeds.
        /// Relative paths are taken from the project root.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// Build only this municipality (by slug); repeat for several.
        #[arg(long = "only", value_name = "SLUG")]
        only: Vec<String>,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
}
