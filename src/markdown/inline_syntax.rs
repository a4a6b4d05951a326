//! tsunagi's two additions to Markdown syntax, found before CommonMark parsing so that their
//! `|` never meets a table and their braces never meet emphasis:
//!
//! - explicit ruby: `{漢字|かんじ}` (one reading for the word) and `{漢字|かん|じ}` (one per
//!   character);
//! - shortcodes: `{{ name(key="value", n=3, flag=true) }}`, expanded per municipality.
//!
//! Each one found is replaced by a placeholder `U+E000 kind index U+E001` that survives
//! Markdown parsing as plain text. Code spans and code blocks are never scanned, and a
//! backslash before `{` keeps it literal.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::error::{Error, LineIndex, Location, Result, line_col};
use crate::messages::Message;
use crate::msg;

/// Opens a placeholder.
pub const OPEN: char = '\u{E000}';
/// Closes a placeholder.
pub const CLOSE: char = '\u{E001}';

/// Explicit ruby written by the author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ruby {
    /// The base text, e.g. `漢字`.
    pub base: String,
    /// One reading for the whole base, or one per character of the base.
    pub readings: Vec<String>,
}

impl Ruby {
    /// `<ruby>` markup with `<rp>` fallbacks.
    pub fn to_html(&self) -> String {
        let mut s = String::from("<ruby>");
        if self.readings.len() == 1 {
            push_pair(&mut s, &self.base, &self.readings[0]);
        } else {
            for (c, r) in self.base.chars().zip(&self.readings) {
                push_pair(&mut s, &c.to_string(), r);
            }
        }
        s.push_str("</ruby>");
        s
    }
}

fn push_pair(s: &mut String, base: &str, reading: &str) {
    s.push_str(&escape(base));
    s.push_str("<rp>(</rp><rt>");
    s.push_str(&escape(reading));
    s.push_str("</rt><rp>)</rp>");
}

/// Minimal HTML text escaping.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A shortcode call as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ShortcodeCall {
    /// The shortcode's name.
    pub name: String,
    /// Arguments by name.
    pub args: BTreeMap<String, serde_json::Value>,
    /// 1-based line in the Markdown body.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Whether the call stands alone in its paragraph (so it may produce block HTML).
    pub block: bool,
}

/// What the pre-pass found.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The source with placeholders.
    pub text: String,
    /// Ruby items, by placeholder index (`R`).
    pub rubies: Vec<Ruby>,
    /// Shortcode calls, by placeholder index (`S`).
    pub shortcodes: Vec<ShortcodeCall>,
    /// `(offset in text, offset in original)` at each replacement, for mapping positions back.
    shifts: Vec<(usize, usize)>,
}

impl Extracted {
    /// Maps a byte offset in the rewritten text back to the original source.
    pub fn original_offset(&self, offset: usize) -> usize {
        // `shifts` is sorted by offset in the rewritten text: the last one at or before `offset`.
        match self.shifts.partition_point(|(new, _)| *new <= offset) {
            0 => offset,
            i => {
                let (new, orig) = self.shifts[i - 1];
                orig + (offset - new)
            }
        }
    }
}

/// Finds ruby and shortcodes in `source` outside `code` ranges (byte ranges of code spans and
/// blocks, sorted). Errors carry line and column in `source`.
pub fn extract(source: &str, code: &[Range<usize>]) -> Result<Extracted> {
    let mut ex = Extracted {
        text: String::with_capacity(source.len()),
        ..Default::default()
    };
    let bytes = source.as_bytes();
    let lines = LineIndex::new(source);
    let mut i = 0;
    let mut copied = 0;
    let mut code_iter = code.iter().peekable();
    while i < bytes.len() {
        while code_iter.peek().is_some_and(|r| r.end <= i) {
            code_iter.next();
        }
        if let Some(r) = code_iter.peek()
            && r.start <= i
        {
            i = r.end;
            continue;
        }
        if bytes[i] != b'{' || (i > 0 && bytes[i - 1] == b'\\') {
            i += 1;
            continue;
        }
        let found = if source[i..].starts_with("{{") {
            parse_shortcode(source, i, &lines)?.map(|(call, end)| ('S', Item::Shortcode(call), end))
        } else {
            parse_ruby(source, i)?.map(|(ruby, end)| ('R', Item::Ruby(ruby), end))
        };
        match found {
            Some((kind, item, end)) => {
                ex.text.push_str(&source[copied..i]);
                let index = match item {
                    Item::Ruby(r) => {
                        ex.rubies.push(r);
                        ex.rubies.len() - 1
                    }
                    Item::Shortcode(s) => {
                        ex.shortcodes.push(s);
                        ex.shortcodes.len() - 1
                    }
                };
                ex.text.push(OPEN);
                ex.text.push(kind);
                ex.text.push_str(&index.to_string());
                ex.text.push(CLOSE);
                ex.shifts.push((ex.text.len(), end));
                i = end;
                copied = end;
            }
            None if source[i..].starts_with("{{") => {
                // `{{漢字|かんじ}|かんじ}` (ruby put on ruby, e.g. by running `tsunagi ruby` twice)
                // and `{{漢字|かんじ}}` would be published as they are: refuse them.
                if parse_ruby(source, i + 1)?.is_some() {
                    return Err(err_at(source, i, msg!("error.ruby-in-ruby")));
                }
                i += 2;
            }
            None => {
                unclosed_ruby(source, i)?;
                i += 1;
            }
        }
    }
    ex.text.push_str(&source[copied..]);
    Ok(ex)
}

enum Item {
    Ruby(Ruby),
    Shortcode(ShortcodeCall),
}

fn err_at(source: &str, offset: usize, message: Message) -> Error {
    let (line, col) = line_col(source, offset);
    Error::input(
        Location {
            path: None,
            line: Some(line),
            column: Some(col),
        },
        message,
    )
}

/// `{base|reading}` or `{base|r1|r2…}` at `start`. `None` when the braces are not ruby at all.
fn parse_ruby(source: &str, start: usize) -> Result<Option<(Ruby, usize)>> {
    let rest = &source[start + 1..];
    let Some(close) = rest.find(['}', '\n', '{']) else {
        return Ok(None);
    };
    if !rest[close..].starts_with('}') {
        return Ok(None);
    }
    let inner = &rest[..close];
    if !inner.contains('|') {
        return Ok(None);
    }
    let mut parts = inner.split('|');
    let base = parts.next().unwrap_or_default().to_string();
    let readings: Vec<String> = parts.map(str::to_string).collect();
    if base.trim().is_empty() || readings.iter().any(|r| r.trim().is_empty()) {
        return Err(err_at(
            source,
            start,
            msg!("error.ruby-empty", ruby = inner),
        ));
    }
    let n = base.chars().count();
    if readings.len() > 1 && readings.len() != n {
        return Err(err_at(
            source,
            start,
            msg!(
                "error.ruby-reading-count",
                ruby = inner,
                readings = readings.len(),
                chars = n
            ),
        ));
    }
    Ok(Some((Ruby { base, readings }, start + 1 + close + 1)))
}

/// Refuses `{漢字|かんじ` that is not closed on its line (or holds another `{`): it looks like
/// ruby, its base has a kanji and its reading is kana, but it would be published as braces.
fn unclosed_ruby(source: &str, start: usize) -> Result<()> {
    // Only up to the next brace or line end: a long line with many braces stays linear.
    let rest = &source[start + 1..];
    let end = rest.find(['}', '{', '\n']).unwrap_or(rest.len());
    if rest[end..].starts_with('}') {
        return Ok(());
    }
    let inner = &rest[..end];
    let Some((base, reading)) = inner.split_once('|') else {
        return Ok(());
    };
    // The reading may itself be wrapped in braces by mistake: `{漢字|{かんじ}}`.
    let reading = if reading.trim().is_empty() && rest[end..].starts_with('{') {
        &rest[end + 1..]
    } else {
        reading.trim_start()
    };
    let kanji = base
        .chars()
        .any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々'));
    let kana = reading
        .chars()
        .next()
        .is_some_and(crate::kana::in_kana_blocks);
    if kanji && kana {
        return Err(err_at(
            source,
            start,
            msg!("error.ruby-unclosed", ruby = inner),
        ));
    }
    Ok(())
}

/// Splits one line of text into pieces that already carry readings — explicit ruby
/// `{漢字|かんじ}` and `<ruby>…</ruby>` — and plain pieces, in order: `(annotated, piece)`.
/// Joining the pieces gives back the line.
pub fn split_annotated(line: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let end = if rest.starts_with('{') && !line[..i].ends_with('\\') {
            parse_ruby(line, i).ok().flatten().map(|(_, end)| end)
        } else if rest.starts_with("<ruby") {
            rest.find("</ruby>").map(|e| i + e + "</ruby>".len())
        } else {
            None
        };
        match end {
            Some(end) => {
                if plain_from < i {
                    out.push((false, &line[plain_from..i]));
                }
                out.push((true, &line[i..end]));
                i = end;
                plain_from = end;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < line.len() {
        out.push((false, &line[plain_from..]));
    }
    out
}

/// `{{ name(args) }}` at `start`. `None` when `{{` is not followed by `name(`.
fn parse_shortcode(
    source: &str,
    start: usize,
    lines: &LineIndex<'_>,
) -> Result<Option<(ShortcodeCall, usize)>> {
    let mut p = Cursor {
        s: source,
        i: start + 2,
    };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() || !p.eat('(') {
        return Ok(None);
    }
    let args = shortcode_args(&mut p, &name)?;
    p.skip_ws();
    if !source[p.i..].starts_with("}}") {
        return Err(err_at(
            source,
            p.i,
            msg!("error.shortcode-unclosed", name = name),
        ));
    }
    let (line, column) = lines.line_col(start);
    Ok(Some((
        ShortcodeCall {
            name,
            args,
            line,
            column,
            block: false,
        },
        p.i + 2,
    )))
}

/// The arguments of a call of `name`, read from after its `(` up to and with its `)`: `key =
/// value` pairs separated by commas, each key once.
fn shortcode_args(p: &mut Cursor<'_>, name: &str) -> Result<BTreeMap<String, serde_json::Value>> {
    let mut args = BTreeMap::new();
    loop {
        p.skip_ws();
        if p.eat(')') {
            break;
        }
        let key_at = p.i;
        let (key, value) = shortcode_arg(p, name)?;
        if args.insert(key.clone(), value).is_some() {
            return Err(err_at(
                p.s,
                key_at,
                msg!("error.shortcode-argument-twice", name = name, key = key),
            ));
        }
        p.skip_ws();
        if p.eat(',') {
            continue;
        }
        if p.eat(')') {
            break;
        }
        return Err(err_at(
            p.s,
            p.i,
            msg!("error.shortcode-expected-comma", name = name),
        ));
    }
    Ok(args)
}

/// One `key = value` argument of a call of `name`, at the cursor.
fn shortcode_arg(p: &mut Cursor<'_>, name: &str) -> Result<(String, serde_json::Value)> {
    let key = p.ident();
    if key.is_empty() {
        return Err(err_at(
            p.s,
            p.i,
            msg!("error.shortcode-expected-name", name = name),
        ));
    }
    p.skip_ws();
    if !p.eat('=') {
        return Err(err_at(
            p.s,
            p.i,
            msg!("error.shortcode-expected-equals", name = name, key = key),
        ));
    }
    p.skip_ws();
    let value = p.value().ok_or_else(|| {
        err_at(
            p.s,
            p.i,
            msg!("error.shortcode-value-invalid", name = name, key = key),
        )
    })?;
    Ok((key, value))
}

struct Cursor<'s> {
    s: &'s str,
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.i += 1;
        }
    }
    fn ident(&mut self) -> String {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.i += 1;
        }
        let id = &self.s[start..self.i];
        if id.starts_with(|c: char| c.is_ascii_digit()) {
            self.i = start;
            return String::new();
        }
        id.to_string()
    }
    fn value(&mut self) -> Option<serde_json::Value> {
        if self.eat('"') {
            let mut out = String::new();
            loop {
                let c = self.peek()?;
                self.i += c.len_utf8();
                match c {
                    '"' => return Some(serde_json::Value::String(out)),
                    '\\' => {
                        let e = self.peek()?;
                        self.i += e.len_utf8();
                        out.push(e);
                    }
                    '\n' => return None,
                    c => out.push(c),
                }
            }
        }
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            self.i += 1;
        }
        let word = &self.s[start..self.i];
        match word {
            "true" => Some(true.into()),
            "false" => Some(false.into()),
            _ => word.parse::<i64>().ok().map(Into::into),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_per_word_and_per_character() {
        let ex = extract("{漢字|かんじ}と{東京|とう|きょう}", &[]).unwrap();
        assert_eq!(ex.rubies.len(), 2);
        assert_eq!(
            ex.rubies[0].to_html(),
            "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>"
        );
        assert_eq!(
            ex.rubies[1].to_html(),
            "<ruby>東<rp>(</rp><rt>とう</rt><rp>)</rp>京<rp>(</rp><rt>きょう</rt><rp>)</rp></ruby>"
        );
        assert_eq!(ex.text, "\u{E000}R0\u{E001}と\u{E000}R1\u{E001}");
    }

    #[test]
    fn ruby_errors_and_non_ruby_braces() {
        let e = extract("あ\n{東京|と|う|きょう}", &[]).unwrap_err();
        let d = e.diagnostic().unwrap();
        assert_eq!((d.location.line, d.location.column), (Some(2), Some(1)));
        assert!(d.message.contains("3 readings for 2 characters"));
        assert!(extract("{漢字|}", &[]).is_err());
        // Not ruby: no bar, escaped, or inside code.
        let src = "{a} \\{漢字|かんじ} `{漢字|かんじ}`";
        let code = src.find('`').unwrap()..src.len();
        let ex = extract(src, &[code]).unwrap();
        assert!(ex.rubies.is_empty(), "{:?}", ex.rubies);
    }

    #[test]
    fn nested_and_unclosed_ruby_are_errors() {
        for bad in [
            "前の{{漢字|かんじ}|かんじ}",
            "前の{{漢字|かんじ}}",
            "{漢字|かんじ と続く",
            "{漢字|{かんじ}}",
        ] {
            let e = extract(bad, &[]).unwrap_err();
            let d = e.diagnostic().unwrap();
            assert_eq!(d.location.line, Some(1), "{bad}");
            assert!(d.hint.is_some(), "{bad}");
        }
        // Braces and bars that are not ruby stay text.
        for ok in ["{a|b", "選択肢 {A|B} は", "{{ not a call }}", "{x|y"] {
            assert!(extract(ok, &[]).is_ok(), "{ok}");
        }
    }

    #[test]
    fn annotated_pieces_are_kept_apart() {
        let line = "{漢字|かんじ}を<ruby>読<rt>よ</rt></ruby>む \\{字|じ}";
        let pieces = split_annotated(line);
        assert_eq!(
            pieces,
            [
                (true, "{漢字|かんじ}"),
                (false, "を"),
                (true, "<ruby>読<rt>よ</rt></ruby>"),
                (false, "む \\{字|じ}")
            ]
        );
        assert_eq!(pieces.iter().map(|p| p.1).collect::<String>(), line);
    }

    #[test]
    fn shortcodes_parse_arguments() {
        let ex = extract(
            "前 {{ windows(topic=\"alcohol\", limit=3, all=true) }} 後",
            &[],
        )
        .unwrap();
        let call = &ex.shortcodes[0];
        assert_eq!(call.name, "windows");
        assert_eq!(call.args["topic"], "alcohol");
        assert_eq!(call.args["limit"], 3);
        assert_eq!(call.args["all"], true);
        assert_eq!((call.line, call.column), (1, 3));
        assert_eq!(ex.text, "前 \u{E000}S0\u{E001} 後");
        assert_eq!(
            ex.original_offset(ex.text.len() - 4),
            "前 {{ windows(topic=\"alcohol\", limit=3, all=true) }} 後".len() - 4
        );
    }

    #[test]
    fn shortcode_errors_have_positions() {
        for bad in [
            "{{ x(a=) }}",
            "{{ x(a=\"b\" c=1) }}",
            "{{ x(a=1, a=2) }}",
            "{{ x(a=1) }",
            "{{ x(=1) }}",
        ] {
            let e = extract(bad, &[]).unwrap_err();
            assert!(e.diagnostic().unwrap().location.line == Some(1), "{bad}");
        }
        // Braces that are not a call are left alone.
        let ex = extract("{{ not a call }}", &[]).unwrap();
        assert!(ex.shortcodes.is_empty());
    }
}
