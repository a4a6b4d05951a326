//! Site search: the index each municipality's site carries, so that a resident finds a page by
//! a word written in kanji or in kana, with no server and no search service seeing what they
//! look for.
//!
//! 1. Each page of a town (its title, description and body as that town shows it: its windows,
//!    its place names) becomes a [`Record`]: the body cut into sections, one before the first
//!    heading and one per heading, which keeps its id so that a result can lead to it.
//! 2. Every kanji word in those texts is marked with its reading in context (`marked`): the
//!    reading written by hand in ruby, else the furigana analyser's (the town's lexicon first,
//!    so that 狭山 reads さやま). This is what lets いぞんしょう find 依存症.
//! 3. A town's records are written as one script, `search/index.js` ([`index_script`]), which the
//!    search page loads with `<script src>`: allowed by the pages' `script-src 'self'`, with no
//!    `fetch` (`connect-src` stays `'none'`), and working from a local folder too.
//! 4. The theme's `js/search.js` matches a query in the reader's browser: it folds width, case
//!    and katakana to hiragana, finds each query word exactly in the text or in its readings,
//!    or else by its character pairs (bigrams, weighted by how rare they are), and ranks a
//!    title above headings above body text, an exact match above scattered pairs.
//! 5. Where a person in crisis lands, the index says what to do besides matching
//!    ([`Guidance`]): a query holding a word of `tsunagi check`'s crisis lists (suicide, acute
//!    distress, self-harm; the project's additions too) shows the search page's help block with
//!    numbers to call before any result, and the town's help page as the first result; a query
//!    that finds nothing offers the help page and a number; a query with a known mis-conversion
//!    or another spelling of a word (`variants.toml`: 依存性 → 依存症) is widened, and says so.
//!
//! Why not Pagefind (the nearest well-kept tool): its search runs as WebAssembly fetched at
//! query time, so every page's policy would need `'wasm-unsafe-eval'` and `connect-src 'self'`,
//! and it does not work from a local folder; it cuts Japanese into words on both sides, so a
//! query that is part of a compound (依存 in 依存症) or cut differently misses; and it cannot
//! know readings. A municipality's site is tens to hundreds of pages, whose whole text (a few
//! tens of KB compressed) is smaller than Pagefind's runtime.

use crate::furigana::{Annotator, kanji};

/// Where a municipality's site keeps its search page (and the index beside it).
pub(crate) const SEARCH_PATH: &str = "search/";

/// The index script, from the site root.
pub(crate) const INDEX_FILE: &str = "search/index.js";

/// Starts a marked word: `MARK surface READING reading END` (private-use characters, which no
/// Japanese text uses; any in the source are dropped).
pub(crate) const MARK: char = '\u{E000}';
/// Between a marked word's surface and its reading.
pub(crate) const READING: char = '\u{E001}';
/// Ends a marked word.
pub(crate) const END: char = '\u{E002}';

/// The bundled spelling variants (see `variants.toml`).
const VARIANTS: &str = include_str!("variants.toml");

/// What the search page does besides matching pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Guidance {
    /// Words that say a reader may be in crisis: a query holding one gets help first.
    pub crisis: Vec<String>,
    /// A word (or part of a query word) → the words it is also searched as.
    pub widen: std::collections::BTreeMap<String, Vec<String>>,
    /// The town's help page, by path from the site root (`consult/`).
    pub help: String,
}

impl Guidance {
    /// The guidance of a town's search: `crisis` words (from `tsunagi check`'s lists), the
    /// bundled variants, and its help page at `help`.
    pub(crate) fn new(crisis: &[&str], help: &str) -> Guidance {
        Guidance {
            crisis: crisis
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            widen: variants(),
            help: help.to_string(),
        }
    }
}

/// The bundled variants table.
pub(crate) fn variants() -> std::collections::BTreeMap<String, Vec<String>> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        widen: std::collections::BTreeMap<String, Vec<String>>,
    }
    // The file is part of tsunagi and tested below: it always parses.
    toml::from_str::<File>(VARIANTS).map_or_else(|_| Default::default(), |f| f.widen)
}

/// One page, as the search index holds it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Record {
    /// Its path from the site root (`stress/sleep/`).
    pub path: String,
    /// Its title, its kanji words marked with their readings ([`MARK`] surface [`READING`]
    /// reading [`END`]).
    pub title: String,
    /// Its description, marked; empty when it has none.
    pub description: String,
    /// Its body, by section.
    pub sections: Vec<Section>,
}

/// A part of a page's body: before the first heading, or from a heading to the next.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Section {
    /// The heading's id (empty before the first heading, or for a heading without one).
    pub id: String,
    /// The heading, marked.
    pub heading: String,
    /// The text, marked; blocks (paragraphs, list items, cells) separated by a line break.
    pub text: String,
}

/// A piece of text read from HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// Text as shown (entities decoded).
    Text(String),
    /// A base written with its reading in ruby.
    Ruby { base: String, reading: String },
    /// The end of a block: paragraph, list item, cell, line break.
    Break,
}

/// A section as read from HTML, before its words are marked.
#[derive(Debug, Default)]
struct RawSection {
    id: String,
    heading: Vec<Piece>,
    text: Vec<Piece>,
}

/// Elements whose content is not text a reader reads as the page's.
const SKIP: &[&str] = &[
    "script", "style", "svg", "template", "noscript", "textarea", "select", "rp", "button",
];

/// Elements that end a run of text besides the block-level ones: a line break, a table's rows
/// and cells, a figure's caption, a summary.
const BREAKS: &[&str] = &["br", "figcaption", "summary", "td", "th", "tr"];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The record of a page: `body` is its body's HTML as the town shows it (rendered without
/// automatic furigana; ruby written by hand is read as a reading). With `annotator`, every
/// kanji word gets its reading.
pub(crate) fn record(
    path: &str,
    title: &str,
    description: &str,
    body: &str,
    annotator: Option<&Annotator>,
) -> Record {
    let text = |s: &str| marked(&[Piece::Text(s.to_string())], annotator);
    Record {
        path: path.to_string(),
        title: text(title),
        description: text(description),
        sections: sections_of(body)
            .into_iter()
            .map(|s| Section {
                id: s.id,
                heading: marked(&s.heading, annotator),
                text: marked(&s.text, annotator),
            })
            .filter(|s| !s.heading.is_empty() || !s.text.is_empty())
            .collect(),
    }
}

/// The sections of a body: text before the first heading, then each heading with its text.
/// Text inside elements a reader does not read as the page's ([`SKIP`]), hidden ones
/// (`hidden`, `aria-hidden="true"`) and comments is left out; an image counts by its `alt`.
fn sections_of(html: &str) -> Vec<RawSection> {
    let mut reader = Reader {
        sections: vec![RawSection::default()],
        skip: None,
        heading: None,
        ruby: None,
    };
    let mut rest = html;
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        if lt > 0 {
            reader.text(|| crate::html::decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(tag) = crate::html::tags(rest).next().filter(|t| t.span.start == 0) else {
            // A `<` that starts no tag is text.
            reader.text(|| "<".into());
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag.span.end..];
        let name = tag.name.to_ascii_lowercase();
        if !reader.skips(&tag, &name) {
            reader.tag(&tag, name);
        }
    }
    reader.sections
}

/// What [`sections_of`] knows while it reads a body from start to end.
struct Reader {
    /// The sections read so far; the last is the one being read.
    sections: Vec<RawSection>,
    /// The element being skipped and how deep inside elements of its name we are.
    skip: Option<(String, usize)>,
    /// The heading being read (its name), whose text goes to the section's heading.
    heading: Option<String>,
    /// Inside <ruby>: the base read so far, and the reading when inside <rt>.
    ruby: Option<(String, Option<String>)>,
}

impl Reader {
    /// Adds the text read between tags, unless it is inside a skipped element.
    fn text(&mut self, text: impl FnOnce() -> String) {
        if self.skip.is_none() {
            add_text(
                &mut self.sections,
                self.heading.is_some(),
                &mut self.ruby,
                text(),
            );
        }
    }

    /// Whether `tag` (its `name` in lowercase) is left out: it is inside a skipped element
    /// (counting the nested elements of that element's name, to find its end), or it opens one
    /// ([`SKIP`], or hidden).
    fn skips(&mut self, tag: &crate::html::Tag<'_>, name: &str) -> bool {
        let is_void = VOID.contains(&name) || tag.self_closing;
        if let Some((open, depth)) = &mut self.skip {
            if open == name && !is_void {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            return true;
        }
        if !tag.closing {
            let hidden = tag.attr("hidden").is_some() || tag.attr("aria-hidden") == Some("true");
            if (SKIP.contains(&name) || hidden) && !is_void {
                self.skip = Some((name.to_string(), 1));
                return true;
            }
        }
        false
    }

    /// What a tag that is read (its `name` in lowercase) does: ruby and its reading, an image's
    /// alt text, a heading that starts a section, the end of a block.
    fn tag(&mut self, tag: &crate::html::Tag<'_>, name: String) {
        let target = current(&mut self.sections).pieces(self.heading.is_some());
        match (name.as_str(), tag.closing) {
            ("ruby", false) => self.ruby = Some((String::new(), None)),
            ("rt", false) => {
                if let Some((_, reading)) = &mut self.ruby {
                    *reading = Some(String::new());
                }
            }
            ("rt", true) => {
                if let Some((base, reading)) = &mut self.ruby
                    && let Some(r) = reading.take()
                {
                    target.push(Piece::Ruby {
                        base: std::mem::take(base),
                        reading: r,
                    });
                }
            }
            ("ruby", true) => {
                if let Some((base, _)) = self.ruby.take()
                    && !base.is_empty()
                {
                    target.push(Piece::Text(base));
                }
            }
            ("img", _) => {
                if let Some(alt) = tag.attr("alt").filter(|a| !a.trim().is_empty()) {
                    target.push(Piece::Text(crate::html::decode_entities(alt)));
                }
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                self.sections.push(RawSection {
                    id: tag
                        .attr("id")
                        .map(crate::html::decode_entities)
                        .unwrap_or_default(),
                    ..RawSection::default()
                });
                self.heading = Some(name);
            }
            (n, true) if self.heading.as_deref() == Some(n) => self.heading = None,
            (n, _) if crate::html::BLOCK_ELEMENTS.contains(&n) || BREAKS.contains(&n) => {
                target.push(Piece::Break);
            }
            _ => {}
        }
    }
}

impl RawSection {
    /// Where text read now goes: the heading while one is read, else the text.
    fn pieces(&mut self, in_heading: bool) -> &mut Vec<Piece> {
        if in_heading {
            &mut self.heading
        } else {
            &mut self.text
        }
    }
}

/// The section being read (there is always one).
fn current(sections: &mut [RawSection]) -> &mut RawSection {
    sections
        .last_mut()
        .expect("sections_of starts with a section")
}

/// Adds `text` to what is being read: a ruby's reading or base inside `<ruby>`, else the current
/// section's heading or text.
fn add_text(
    sections: &mut [RawSection],
    in_heading: bool,
    ruby: &mut Option<(String, Option<String>)>,
    text: String,
) {
    match ruby {
        Some((_, Some(reading))) => reading.push_str(&text),
        Some((base, None)) => base.push_str(&text),
        None => current(sections).pieces(in_heading).push(Piece::Text(text)),
    }
}

/// The pieces as one string in which every word with a kanji is marked with its reading:
/// `MARK 依存症 READING いぞんしょう END` (adjacent words as one mark). Ruby written by hand gives
/// its reading; the annotator (when given) reads the rest. Runs of white space become one
/// space, blocks are separated by a line break, and the ends are trimmed.
fn marked(pieces: &[Piece], annotator: Option<&Annotator>) -> String {
    let mut out = String::new();
    // Consecutive text pieces are read as one, so that the analyser sees whole sentences.
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let text = clean(run);
        run.clear();
        if text.is_empty() {
            return;
        }
        match annotator.filter(|_| text.chars().any(kanji::is_kanji)) {
            Some(a) => mark_words(&a.words(&text), out),
            None => out.push_str(&text),
        }
    };
    for piece in pieces {
        match piece {
            Piece::Text(t) => run.push_str(t),
            Piece::Ruby { base, reading } => {
                flush(&mut run, &mut out);
                let (base, reading) = (clean(base), clean(reading));
                if reading.is_empty() || !base.chars().any(kanji::is_kanji) {
                    out.push_str(&base);
                } else {
                    out.extend([MARK]);
                    out.push_str(&base);
                    out.push(READING);
                    out.push_str(&reading);
                    out.push(END);
                }
            }
            Piece::Break => {
                flush(&mut run, &mut out);
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    flush(&mut run, &mut out);
    // Spaces around breaks, and breaks at the ends, say nothing.
    let lines: Vec<&str> = out
        .split('\n')
        .map(|l| l.trim_matches(' '))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// `text` with the marks' characters dropped and every run of white space made one space.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(c, MARK | READING | END) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Writes `words` to `out`, each stretch of words with a kanji and a known reading as one mark.
fn mark_words(words: &[crate::furigana::Word], out: &mut String) {
    let mut surface = String::new();
    let mut reading = String::new();
    let close = |surface: &mut String, reading: &mut String, out: &mut String| {
        if !surface.is_empty() {
            out.push(MARK);
            out.push_str(surface);
            out.push(READING);
            out.push_str(reading);
            out.push(END);
            surface.clear();
            reading.clear();
        }
    };
    for w in words {
        match &w.reading {
            Some(r) if w.surface.chars().any(kanji::is_kanji) && !r.is_empty() => {
                surface.push_str(&w.surface);
                reading.push_str(r);
            }
            _ => {
                close(&mut surface, &mut reading, out);
                out.push_str(&w.surface);
            }
        }
    }
    close(&mut surface, &mut reading, out);
}

/// The index script of a town: its records, set as `self.tsunagiSearchIndex` for the theme's
/// `js/search.js`, with the `guidance`. Sorted as given; each record is `[path, title,
/// description, [[id, heading, text], …]]`; `crisis` lists the crisis words, `widen` the
/// variants, `help` the help page's path.
pub(crate) fn index_script(records: &[Record], guidance: &Guidance) -> String {
    let pages: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            serde_json::json!([
                r.path,
                r.title,
                r.description,
                r.sections
                    .iter()
                    .map(|s| serde_json::json!([s.id, s.heading, s.text]))
                    .collect::<Vec<_>>()
            ])
        })
        .collect();
    let data = serde_json::json!({
        "v": 1,
        "pages": pages,
        "crisis": guidance.crisis,
        "widen": guidance.widen,
        "help": guidance.help,
    });
    format!("self.tsunagiSearchIndex={data};\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::furigana::Lexicon;

    fn texts(html: &str) -> Vec<(String, String, String)> {
        record("p/", "", "", html, None)
            .sections
            .into_iter()
            .map(|s| (s.id, s.heading, s.text))
            .collect()
    }

    #[test]
    fn a_body_is_read_by_section_with_its_headings_ids() {
        let html = "<p>はじめに &amp; 前書き</p><h2 id=\"sign\">サインに<em>気づく</em></h2><p>眠れない。</p><ul><li>一つ</li><li>二つ</li></ul><h3>見出しだけ</h3>";
        assert_eq!(
            texts(html),
            [
                (String::new(), String::new(), "はじめに & 前書き".into()),
                (
                    "sign".into(),
                    "サインに気づく".into(),
                    "眠れない。\n一つ\n二つ".into()
                ),
                (String::new(), "見出しだけ".into(), String::new()),
            ]
        );
    }

    #[test]
    fn what_a_reader_does_not_read_is_left_out() {
        let html = "<p>本文<script>var x = \"<p>no</p>\";</script></p><svg><text>図</text></svg><p hidden>隠し<span>も</span></p><span aria-hidden=\"true\">★</span><!-- メモ --><button>押す</button><img src=a.png alt=\"相談の流れ\"><p>a < b</p>";
        assert_eq!(
            texts(html),
            [(
                String::new(),
                String::new(),
                "本文\n相談の流れ\na < b".into()
            )]
        );
    }

    #[test]
    fn ruby_written_by_hand_is_a_reading() {
        let html = "<p><ruby>狭山<rp>(</rp><rt>さやま</rt><rp>)</rp></ruby>市の<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby></p>";
        assert_eq!(
            texts(html)[0].2,
            "\u{E000}狭山\u{E001}さやま\u{E002}市の\u{E000}漢\u{E001}かん\u{E002}\u{E000}字\u{E001}じ\u{E002}"
        );
    }

    #[test]
    fn kanji_words_get_their_readings_in_context_and_the_lexicon_wins() {
        let mut lexicon = Lexicon::new();
        lexicon.insert("狭山", "さやま");
        let annotator = Annotator::new(lexicon);
        let r = record(
            "a/",
            "依存症",
            "",
            "<p>狭山市の窓口です。ギャンブル</p>",
            Some(&annotator),
        );
        assert_eq!(r.title, "\u{E000}依存症\u{E001}いぞんしょう\u{E002}");
        let text = &r.sections[0].text;
        // Adjacent kanji words are one mark.
        assert!(
            text.starts_with("\u{E000}狭山市\u{E001}さやまし\u{E002}の"),
            "{text}"
        );
        assert!(
            text.contains("\u{E000}窓口\u{E001}まどぐち\u{E002}"),
            "{text}"
        );
        assert!(text.ends_with("です。ギャンブル"), "{text}");
    }

    #[test]
    fn white_space_is_one_space_and_the_marks_characters_of_the_source_are_dropped() {
        let html = "<p>  一つ目\n\n  二つ目 \u{E000} </p>\n<p> </p><p>三</p>";
        assert_eq!(texts(html)[0].2, "一つ目 二つ目\n三");
    }

    #[test]
    fn the_index_is_a_script_that_sets_one_global() {
        let r = record("stress/", "ストレス", "説明", "<p>本文</p>", None);
        let guidance = Guidance {
            crisis: vec!["死にたい".into()],
            widen: [("依存性".to_string(), vec!["依存症".to_string()])].into(),
            help: "consult/".into(),
        };
        let script = index_script(&[r], &guidance);
        assert_eq!(
            script,
            "self.tsunagiSearchIndex={\"crisis\":[\"死にたい\"],\"help\":\"consult/\",\"pages\":[[\"stress/\",\"ストレス\",\"説明\",[[\"\",\"\",\"本文\"]]]],\"v\":1,\"widen\":{\"依存性\":[\"依存症\"]}};\n"
        );
    }

    #[test]
    fn the_bundled_variants_parse_and_widen_the_known_mis_conversion() {
        let v = variants();
        assert_eq!(v["依存性"], ["依存症"]);
        for (from, to) in &v {
            assert!(!to.is_empty() && !to.contains(from), "{from}");
        }
    }
}
