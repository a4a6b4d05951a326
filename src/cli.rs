//! Command-line interface (clap derive). Only `main` reads it; commands get plain option
//! structs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// tsunagi (つなぎ): one body of Markdown on mental health → an accessible, furigana-annotated
/// site for each municipality.
#[derive(Debug, Parser)]
#[command(name = "tsunagi", version, about, long_about = None)]
pub struct Cli {
    /// Print the licences of the data embedded in tsunagi (IPADIC) and exit.
    #[arg(long)]
    pub licenses: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
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
        /// The build date, YYYY-MM-DD (default: today in Japan). Fix it for reproducible output.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// Add furigana to plain text: one line in (stdin), one line out (stdout).
    Ruby(RubyArgs),
    /// Read consultation windows from a CSV laid out like 自治体標準オープンデータセット「公共施設一覧」
    /// and print them as `[[windows]]` entries for municipality.toml.
    ImportWindows {
        /// The CSV file (UTF-8).
        file: PathBuf,
    },
    /// Read events from a CSV laid out like 自治体標準オープンデータセット「イベント一覧」 and print
    /// them as `[[events]]` entries for municipality.toml.
    ImportEvents {
        /// The CSV file (UTF-8).
        file: PathBuf,
    },
}

/// Options of `tsunagi ruby`.
#[derive(Debug, clap::Args)]
pub struct RubyArgs {
    /// Ruby on words with a kanji not taught up to this school grade (1–6).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=6), conflicts_with_all = ["all", "joyo"])]
    pub grade: Option<u8>,
    /// Ruby on every word with a kanji (the default).
    #[arg(long)]
    pub all: bool,
    /// Ruby only on kanji outside the 常用漢字.
    #[arg(long, conflicts_with = "all")]
    pub joyo: bool,
    /// `markup` writes {漢字|かんじ} (paste-able into Markdown); `html` writes <ruby>.
    #[arg(long, value_enum, default_value = "markup")]
    pub format: RubyFormat,
    /// A reading lexicon (`surface,reading` lines, or a .toml table) that wins over the
    /// dictionary; repeat for several.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
}

/// Output format of `tsunagi ruby`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RubyFormat {
    /// {漢字|かんじ}
    Markup,
    /// <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>
    Html,
}
