//! Command-line interface (clap derive). Only `main` reads it; commands get plain option
//! structs.
//!
//! The doc comments below are for readers of the code; what `--help` prints comes from the
//! message catalogue (`cli.*` entries, in the user's language), laid over the derived command by
//! [`localized`]. `tests/messages.rs` checks that every command and option has its entry.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use tsunagi::messages::{self, Lang};
use tsunagi::t;

/// tsunagi (つなぎ): one body of Markdown on mental health → an accessible, furigana-annotated
/// site for each municipality.
#[derive(Debug, Parser)]
#[command(name = "tsunagi", version, about, long_about = None)]
pub(crate) struct Cli {
    /// Print the licences of the data embedded in tsunagi (IPADIC) and exit.
    #[arg(long)]
    pub licenses: bool,
    /// The language of messages and help: ja or en (default: TSUNAGI_LANG, then the locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["ja", "en"])]
    pub lang: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
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
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Render everything afresh: take nothing from the previous build.
        #[arg(long)]
        no_cache: bool,
        /// Links that work when the site is opened from files (double-click, a shared folder, a
        /// USB stick): every link to a folder ends in index.html.
        #[arg(long)]
        for_files: bool,
    },
    /// Serve the sites from memory, rebuild on every change and reload the open pages.
    Serve(ServeArgs),
    /// Review the content without building: accessibility, readability, safe messaging about
    /// suicide, data, links and publishing.
    Check(CheckArgs),
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

/// Options of `tsunagi serve`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ServeArgs {
    /// The project folder (holding tsunagi.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but loopback is reachable from other machines.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port (0: any free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Serve only this municipality (by slug); repeat for several.
    #[arg(long = "only", value_name = "SLUG")]
    pub only: Vec<String>,
    /// The build date, YYYY-MM-DD (default: today in Japan).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Show draft pages too, marked as drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Mark the automatic readings that may be wrong, for a read-through of the furigana.
    #[arg(long)]
    pub review: bool,
}

/// Options of `tsunagi check`.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct CheckArgs {
    /// The project folder (holding tsunagi.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Check only this municipality (by slug); repeat for several.
    #[arg(long = "only", value_name = "SLUG")]
    pub only: Vec<String>,
    /// `human` (file:line:column: severity[rule]: message) or `json`.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// `warnings`: fail (exit 1) on warnings too.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Option<Deny>,
    /// The site is about to be published: example data is an error.
    #[arg(long)]
    pub production: bool,
    /// The date to check against, YYYY-MM-DD (default: today in Japan).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Explain a rule (or, without RULE, list them all) and exit.
    #[arg(long, value_name = "RULE", num_args = 0..=1, default_missing_value = "")]
    pub explain: Option<String>,
}

/// Output formats of `tsunagi check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CheckFormat {
    /// For people.
    Human,
    /// A JSON array of findings.
    Json,
}

/// What `--deny` makes fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Deny {
    /// Warnings.
    Warnings,
}

/// Options of `tsunagi ruby`.
#[derive(Debug, clap::Args)]
pub(crate) struct RubyArgs {
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
    /// Instead of the text, list the readings that may be wrong, one per line (tab-separated:
    /// line:column, word, reading, other readings, why), for a read-through.
    #[arg(long, conflicts_with = "format")]
    pub review: bool,
}

/// Output format of `tsunagi ruby`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum RubyFormat {
    /// {漢字|かんじ}
    Markup,
    /// <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>
    Html,
}

/// The value of `--lang X` or `--lang=X` in `args`, read before clap parses them, so that clap's
/// own help and errors are already in that language.
fn lang_arg(args: &[OsString]) -> Option<String> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().map(std::borrow::Cow::into_owned);
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

/// The index of the first argument that is not an option or the value of `--lang`.
fn first_word(args: &[OsString]) -> Option<usize> {
    let mut i = 1;
    while let Some(a) = args.get(i) {
        let a = a.to_string_lossy();
        if a == "--lang" {
            i += 2;
        } else if a.starts_with('-') {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}

/// Chooses the language (`--lang`, `TSUNAGI_LANG`, the locale), then parses the command line
/// with help texts in that language. Exits, as clap does, on `--help`, `--version` and a wrong
/// command line (exit code 2).
pub(crate) fn parse() -> Cli {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    messages::set_lang(messages::detect(lang_arg(&args).as_deref()));
    // `tsunagi help [COMMAND]` is `tsunagi [COMMAND] --help` (clap's own `help` command would
    // speak English only).
    if let Some(i) = first_word(&args)
        && args[i] == "help"
    {
        args.remove(i);
        args.push("--help".into());
    }
    let parsed = localized(Cli::command())
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => exit_with(e),
    }
}

/// Prints a command-line error and exits 2 (help and version exit 0). In English clap's own
/// words (with its suggestions); in Japanese the catalogue's, with the same facts.
fn exit_with(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if messages::lang() == Lang::En || !e.use_stderr() {
        e.exit()
    }
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    // clap's own suggestion (`biuld` → `build`), in the catalogue's words.
    let suggest = |kind| {
        let word = get(kind);
        if word.is_empty() {
            tsunagi::messages::Text::default()
        } else {
            t!("part.did-you-mean", word = word)
        }
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => tsunagi::msg!(
            "error.cli-unknown-argument",
            arg = arg,
            suggest = suggest(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidSubcommand => {
            tsunagi::msg!(
                "error.cli-unknown-command",
                command = get(ContextKind::InvalidSubcommand),
                suggest = suggest(ContextKind::SuggestedSubcommand)
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => tsunagi::msg!(
            "error.cli-invalid-value",
            value = get(ContextKind::InvalidValue),
            arg = arg,
            valid = valid_values(&e, get(ContextKind::ValidValue))
        ),
        ErrorKind::MissingRequiredArgument => tsunagi::msg!("error.cli-missing", arg = arg),
        ErrorKind::ArgumentConflict => tsunagi::msg!(
            "error.cli-conflict",
            arg = arg,
            other = get(ContextKind::PriorArg)
        ),
        _ => {
            let detail = e.kind().as_str().unwrap_or_default();
            tsunagi::msg!("error.cli-other", detail = detail)
        }
    };
    let e = tsunagi::error::Error::usage(message);
    eprintln!("{} {e}", t!("ui.label-error"));
    std::process::exit(2)
}

/// What a value may be: clap's list of values, or, for a number in a range (`--grade`), the
/// range as `1〜6` from the parser's own words (`9 is not in 1..=6`).
fn valid_values(e: &clap::Error, listed: String) -> String {
    if !listed.is_empty() {
        return listed;
    }
    let why = std::error::Error::source(e)
        .map(ToString::to_string)
        .unwrap_or_default();
    let range = why.split_once(" is not in ");
    match range.and_then(|(_, r)| r.split_once("..=")) {
        Some((low, high)) => format!("{low}〜{}", high.trim()),
        None => why,
    }
}

/// The command with its about and help texts, headings, and the help and version flags taken
/// from the catalogue of the current language.
pub(crate) fn localized(cmd: clap::Command) -> clap::Command {
    let template = format!(
        "{{about}}\n\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t!("cli.usage-heading")
    );
    let cmd = cmd
        .about(t!("cli.about").into_string())
        .disable_help_subcommand(true)
        .help_template(template.clone())
        .subcommand_help_heading(t!("cli.commands-heading").into_string())
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli.version").into_string()),
        )
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            localize_args(
                sub.about(cli_text(&name)).help_template(template.clone()),
                &name,
            )
        });
    localize_args(cmd, "")
}

/// Help text and heading of every argument of `cmd` (`prefix` names the subcommand), and the help
/// flag in the current language.
fn localize_args(cmd: clap::Command, prefix: &str) -> clap::Command {
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let mut cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t!("cli.help").into_string())
            .help_heading(t!("cli.options-heading").into_string()),
    );
    for (id, positional) in ids {
        let key = if prefix.is_empty() || id == "lang" {
            id.clone()
        } else {
            format!("{prefix}.{id}")
        };
        let heading = if positional {
            t!("cli.arguments-heading")
        } else {
            t!("cli.options-heading")
        };
        let text = cli_text(&key);
        cmd = cmd.mut_arg(id, |a| {
            // Defaults and possible values are written in the catalogue's text, in its language.
            let a = a.help(text).help_heading(heading.into_string());
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd
}

/// The catalogue text `cli.<key>` (a subcommand, or `subcommand.argument`).
fn cli_text(key: &str) -> String {
    let id = format!("cli.{key}");
    let catalogue = messages::catalogue(messages::lang());
    catalogue
        .get(&id)
        .or_else(|| messages::catalogue(Lang::En).get(&id))
        .map_or(id.clone(), |e| e.message.clone())
}
