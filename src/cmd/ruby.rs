//! `tsunagi ruby`: furigana for plain text, line by line, for teachers and for measuring.
//! The text itself is never changed: removing the annotations gives back the input, and readings
//! the input already has are kept as they are (a second run changes nothing). With `--review`,
//! the readings that may be wrong are listed instead, for a teacher's read-through.

use std::io::{BufRead, BufWriter, Write};

use tsunagi::error::{Error, Location, Result};
use tsunagi::furigana::{self, Annotator, Level, Lexicon};
use tsunagi::markdown::inline_syntax::split_annotated;
use tsunagi::{msg, t};

use crate::cli::{RubyArgs, RubyFormat};

/// Reads stdin, writes one annotated line per input line.
pub(crate) fn run(args: &RubyArgs) -> Result<()> {
    let level = match (args.grade, args.joyo) {
        (Some(g), _) => Level::Grade(g),
        (None, true) => Level::Joyo,
        _ => Level::All,
    };
    let mut lexicon = Lexicon::new();
    for path in &args.lexicon {
        let text = tsunagi::files::read_text(path)?;
        lexicon.extend(&Lexicon::parse(&text, path)?);
    }
    let annotator = Annotator::new(lexicon);
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    let io_err = |e| Error::io(std::path::Path::new("<stdout>"), e);
    if args.review {
        writeln!(out, "{}", t!("ui.review-header")).map_err(io_err)?;
    }
    for (n, line) in stdin.split(b'\n').enumerate() {
        let line = line.map_err(|e| Error::io(std::path::Path::new("<stdin>"), e))?;
        let had_cr = line.ends_with(b"\r");
        let body = if had_cr {
            &line[..line.len() - 1]
        } else {
            &line[..]
        };
        // Invalid UTF-8 is refused with its place, as `build` does, rather than turned into U+FFFD.
        let text = std::str::from_utf8(body).map_err(|e| {
            let valid = &body[..e.valid_up_to()];
            let column = String::from_utf8_lossy(valid).chars().count() + 1;
            Error::input(
                Location::at("<stdin>", n + 1, Some(column)),
                msg!("error.stdin-not-utf8"),
            )
        })?;
        if args.review {
            review_line(&annotator, level, text, n + 1, &mut out).map_err(io_err)?;
            continue;
        }
        // Readings already in the line ({漢字|かんじ}, <ruby>…</ruby>) pass through unchanged, so
        // that a second run changes nothing.
        for (annotated, piece) in split_annotated(text) {
            if annotated {
                out.write_all(piece.as_bytes()).map_err(io_err)?;
                continue;
            }
            // A long line is annotated and written piece by piece: memory stays flat.
            for part in furigana::bounded_pieces(piece, furigana::MAX_PIECE) {
                let pieces = annotator.annotate(part, level);
                let annotated = match args.format {
                    RubyFormat::Markup => furigana::to_markup(&pieces),
                    RubyFormat::Html => furigana::to_html(&pieces),
                };
                out.write_all(annotated.as_bytes()).map_err(io_err)?;
            }
        }
        if had_cr {
            out.write_all(b"\r").map_err(io_err)?;
        }
        out.write_all(b"\n").map_err(io_err)?;
    }
    out.flush().map_err(io_err)
}

/// Writes a line for each word of `text` (line `line` of the input) that gets ruby at `level`
/// with a reading that may be wrong: `line:column`, the word, its reading, the other readings,
/// why. Readings the line already has are the writer's and are not listed.
fn review_line(
    annotator: &Annotator,
    level: Level,
    text: &str,
    line: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut column = 1;
    for (annotated, piece) in split_annotated(text) {
        if annotated {
            column += piece.chars().count();
            continue;
        }
        for part in furigana::bounded_pieces(piece, furigana::MAX_PIECE) {
            for (at, word) in annotator.uncertain(part, level) {
                if let (Some(reading), Some(doubt)) = (&word.reading, &word.doubt) {
                    writeln!(
                        out,
                        "{line}:{}\t{}\t{reading}\t{}\t{}",
                        column + part[..at].chars().count(),
                        word.surface,
                        doubt.others.join("・"),
                        doubt.reason.explain()
                    )?;
                }
            }
            column += part.chars().count();
        }
    }
    Ok(())
}
