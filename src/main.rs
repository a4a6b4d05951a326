//! The `tsunagi` binary: parses the command line, runs one command, prints any error with its
//! whole context and picks the exit code (0 success, 1 user or I/O error, 2 usage).

mod cli;
mod cmd;

use std::process::ExitCode;

use tsunagi::error::Error;
use tsunagi::{msg, t};

fn main() -> ExitCode {
    // A panic is a bug in tsunagi, never the user's fault: say so plainly, without a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", t!("ui.panic", why = info));
        eprintln!("{}", t!("ui.panic-report"));
    }));
    let cli = cli::parse();
    if cli.licenses {
        print!("{}", cmd::licenses::text());
        return ExitCode::SUCCESS;
    }
    let Some(command) = cli.command else {
        let e = Error::usage(msg!("error.no-command"));
        eprintln!("{} {e}", t!("ui.label-error"));
        return ExitCode::from(2);
    };
    let result = match command {
        cli::Command::Ruby(args) => cmd::ruby::run(&args),
        cli::Command::ImportWindows { file } => cmd::import_windows::run(&file),
        cli::Command::ImportEvents { file } => cmd::import_windows::run_events(&file),
        cli::Command::New { dir } => cmd::new::run(&dir),
        cli::Command::Serve(args) => cmd::serve::run(&args),
        // Findings are printed by the check itself: 1 says there is something to fix.
        cli::Command::Check(args) => match cmd::check::run(&args) {
            Ok(false) => Ok(()),
            Ok(true) => return ExitCode::from(1),
            Err(e) => Err(e),
        },
        cli::Command::Build {
            root,
            out,
            only,
            quiet,
            today,
            timings,
            no_cache,
            for_files,
        } => cmd::build::run(&cmd::build::BuildOptions {
            root,
            out,
            only,
            quiet,
            today,
            timings,
            cache: !no_cache,
            for_files,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{} {e}", t!("ui.label-error"));
            // One mistake says what several do (a list ends with its count): nothing was written.
            if matches!(e, Error::Input(_)) {
                eprintln!("{}", t!("ui.errors-summary-one"));
            }
            // A wrong command line is 2, as for clap's own errors; a problem in the files is 1.
            let usage = matches!(e, Error::Usage(_));
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
