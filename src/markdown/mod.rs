//! Markdown → HTML with holes. Pure text in, value out: no file I/O, no templates.
//!
//! [`analyze`] runs once per source file, whatever the number of municipalities:
//! 1. find code (a first parse) so that the next step never looks inside it;
//! 2. replace explicit ruby and shortcodes by placeholders ([`inline_syntax`]);
//! 3. parse CommonMark + tables, footnotes, strikethrough, heading attributes;
//! 4. re-pair emphasis with CJK-friendly rules and join Japanese lines ([`cjk`]);
//! 5. give headings readable, stable ids and collect them for a table of contents;
//! 6. turn `@/path.md#anchor` links into holes, since their URL depends on the municipality;
//! 7. write HTML and cut it into [`Segment`]s at the holes.
//!
//! The render stage fills the holes (links and shortcodes) for each municipality.

pub mod cjk;
pub mod inline_syntax;
pub mod sanitize;

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::error::{Error, LineIndex, Location, Result, line_col};
use crate::msg;
use inline_syntax::{CLOSE, OPEN};
pub use inline_syntax::{Ruby, ShortcodeCall};

/// A piece of rendered body HTML.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// Finished HTML.
    Html(String),
    /// The URL of internal link number `n` in [`Document::links`].
    Link(usize),
    /// The output of shortcode call number `n` in [`Document::shortcodes`].
    Shortcode(usize),
    /// The `<img>` element of image number `n` in [`Document::images`].
    Image(usize),
    /// Running text number `n` in [`Document::texts`] (not yet HTML-escaped), where automatic
    /// furigana may go.
    Text(usize),
}

/// How an internal link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `@/addiction/alcohol.md`: a content path from `content/`.
    Content,
    /// `sleep.md`, `../stress/`, `leaflet.pdf`: relative to the folder of the file it is in, as
    /// an editor's preview reads it.
    Relative,
}

/// An internal link written `@/path.md#anchor`, or relative to its file (`sleep.md`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The target as written, without `@/` and the anchor: `addiction/alcohol.md`, `../stress/`.
    pub path: String,
    /// How the path is to be read.
    pub kind: LinkKind,
    /// Heading id in the target, if any.
    pub anchor: Option<String>,
    /// 1-based line in the body.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An image of the site, written `![alt](path "title")` relative to its file; the render stage
/// checks that the file exists and gives it its width and height.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The path as written, relative to the folder of the Markdown file.
    pub src: String,
    /// The text alternative (plain text).
    pub alt: String,
    /// The title, if any.
    pub title: String,
    /// 1-based line in the body.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// A heading, for ids and the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` attribute.
    pub id: String,
    /// Plain text (ruby bases, no readings, shortcodes left out).
    pub text: String,
    /// The text in pieces, with the shortcode calls it contains, so that a table of contents
    /// can show each municipality's own words (「所沢市の窓口」).
    #[serde(skip)]
    pub parts: Vec<HeadingPart>,
}

/// A piece of a heading's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingPart {
    /// Plain text.
    Text(String),
    /// The output of shortcode call number `n` in [`Document::shortcodes`].
    Shortcode(usize),
}

/// One analysed Markdown body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The body as HTML with holes.
    pub segments: Vec<Segment>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Internal links in order.
    pub links: Vec<InternalLink>,
    /// Images of the site, in order.
    pub images: Vec<Image>,
    /// Shortcode calls in order.
    pub shortcodes: Vec<ShortcodeCall>,
    /// Plain text of the first paragraph, for a description when none is given.
    pub summary: String,
    /// Running text where automatic furigana may go: not code, not alt text, not raw HTML,
    /// not explicit ruby, not inside `<span data-furigana="off">`.
    pub texts: Vec<String>,
    /// What sanitising took out of the author's raw HTML: (line, column, what).
    pub removed: Vec<(usize, usize, crate::messages::Text)>,
    /// Characters that hide or reorder text (`crate::invisible`), left in the body (mixed-
    /// direction text may need them) but reported: (line, column, character).
    pub hidden: Vec<(usize, usize, char)>,
}

/// The CommonMark extensions tsunagi enables.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Analyses a Markdown body with its raw HTML sanitised. Error locations are lines and columns
/// in `source`; the caller adds the file and the front-matter offset.
pub fn analyze(source: &str) -> Result<Document> {
    analyze_with(source, true)
}

/// Analyses a Markdown body; `sanitize` false publishes raw HTML as written (a project's
/// explicit `[markdown] unsafe_html = true`).
pub fn analyze_with(source: &str, sanitize: bool) -> Result<Document> {
    // Placeholders use two private-use characters; an author's own are replaced, and so is NUL
    // (CommonMark: U+0000 is replaced by U+FFFD).
    let cleaned;
    let source = if source.contains([OPEN, CLOSE, '\0']) {
        cleaned = source.replace([OPEN, CLOSE, '\0'], "\u{FFFD}");
        cleaned.as_str()
    } else {
        source
    };
    let code = code_ranges(source);
    let ex = inline_syntax::extract(source, &code)?;
    let text = ex.text.as_str();
    let events: Vec<_> = Parser::new_ext(text, parser_options())
        .into_offset_iter()
        .collect();
    check_nesting(&events, &ex, source)?;
    let mut removed = Vec::new();
    if sanitize {
        let lines = LineIndex::new(source);
        for (ev, r) in &events {
            if let Event::Html(h) | Event::InlineHtml(h) = ev {
                let (line, column) = lines.line_col(ex.original_offset(r.start));
                removed.extend(
                    sanitize::removed(h)
                        .into_iter()
                        .map(|what| (line, column, what)),
                );
            }
        }
    }
    let has_raw_html = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let events = cjk::join_cjk_lines(cjk::fix_emphasis(events, text));

    let hidden = {
        let lines = LineIndex::new(source);
        crate::invisible::find(source)
            .into_iter()
            .map(|(at, c)| {
                let (line, column) = lines.line_col(at);
                (line, column, c)
            })
            .collect()
    };
    let mut doc = Document {
        shortcodes: ex.shortcodes.clone(),
        removed,
        hidden,
        ..Default::default()
    };
    let events = mark_block_shortcodes(events, &mut doc.shortcodes);
    let events = assign_heading_ids(events, &ex.rubies, &mut doc.headings);
    let events = hole_links_and_images(events, &ex, source, &mut doc)?;
    doc.summary = first_paragraph_text(&events, &ex.rubies);
    let events = hole_texts(events, &mut doc.texts);

    let mut out = String::with_capacity(text.len() * 2);
    html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
    let out = table_alignment_as_classes(&out);
    // Only a page with raw HTML of its own needs the sanitiser (the rest is pulldown-cmark's
    // and tsunagi's own output).
    let out = if sanitize && has_raw_html {
        sanitize::clean(&out)
    } else {
        out
    };
    doc.segments = cut_segments(&out, &ex.rubies);
    Ok(doc)
}

/// How deep elements may nest in a page body: block quotes, lists, emphasis, links and raw HTML
/// elements inside each other. Real pages stay far below it; thousands of levels would exhaust
/// the stack of the passes that walk the tree (the HTML minifier among them) and abort the build.
pub const MAX_NESTING: usize = 100;

/// HTML elements that have no end tag.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Refuses a body nested more than [`MAX_NESTING`] levels deep, at the place where it goes over.
fn check_nesting(
    events: &[Spanned<'_>],
    ex: &inline_syntax::Extracted,
    source: &str,
) -> Result<()> {
    let mut depth = 0usize;
    for (ev, r) in events {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => {
                for tag in crate::html::tags(h) {
                    if tag.closing {
                        depth = depth.saturating_sub(1);
                    } else if !tag.self_closing
                        && !VOID_ELEMENTS
                            .iter()
                            .any(|v| v.eq_ignore_ascii_case(tag.name))
                    {
                        depth += 1;
                        if depth > MAX_NESTING {
                            break;
                        }
                    }
                }
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            let (line, column) = line_col(source, ex.original_offset(r.start));
            return Err(Error::input(
                Location {
                    path: None,
                    line: Some(line),
                    column: Some(column),
                },
                msg!("error.nesting-too-deep", max = MAX_NESTING),
            )
            .with_rule("nesting-too-deep"));
        }
    }
    Ok(())
}

/// pulldown-cmark writes a table column's alignment as `style="text-align: …"`; a class does
/// the same under a strict Content-Security-Policy (`style-src 'self'`, no inline styles).
fn table_alignment_as_classes(html: &str) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html.to_string();
    }
    let mut out = html.to_string();
    for align in ["left", "center", "right"] {
        out = out.replace(
            &format!(" style=\"text-align: {align}\""),
            &format!(" class=\"align-{align}\""),
        );
    }
    out
}

/// Byte ranges of code spans and code blocks, sorted.
fn code_ranges(source: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (ev, r) in Parser::new_ext(source, parser_options()).into_offset_iter() {
        match ev {
            Event::Code(_) => ranges.push(r),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(r),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(s) = block_start.take() {
                    ranges.push(s.start..r.end.max(s.end));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => ranges.push(r),
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// A paragraph that holds nothing but one shortcode loses its `<p>`, so the shortcode may
/// produce block HTML.
fn mark_block_shortcodes<'a>(
    events: Vec<Spanned<'a>>,
    calls: &mut [ShortcodeCall],
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let (
            Event::Start(Tag::Paragraph),
            Some((Event::Text(t), _)),
            Some((Event::End(TagEnd::Paragraph), _)),
        ) = (&events[i].0, events.get(i + 1), events.get(i + 2))
            && let Some(n) = sole_placeholder(t.trim(), 'S')
            && let Some(call) = calls.get_mut(n)
        {
            call.block = true;
            out.push((
                Event::Html(CowStr::from(t.trim().to_string())),
                events[i + 1].1.clone(),
            ));
            i += 3;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    out
}

fn sole_placeholder(t: &str, kind: char) -> Option<usize> {
    let inner = t.strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    let digits = inner.strip_prefix(kind)?;
    digits.parse().ok()
}

/// Replaces placeholders in plain text by what a reader sees (ruby bases; shortcodes dropped).
fn plain(text: &str, rubies: &[Ruby]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            out.push_str(after);
            return out;
        };
        let token = &after[..end];
        if let Some(n) = token
            .strip_prefix('R')
            .and_then(|d| d.parse::<usize>().ok())
            && let Some(r) = rubies.get(n)
        {
            out.push_str(&r.base);
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// A heading id a person can read: the heading's own words (Japanese kept), spaces as `-`,
/// punctuation dropped, ASCII lowercased.
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '\u{3000}') && !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
        // Other characters (punctuation, symbols) are dropped.
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "section".to_string()
    } else {
        id
    }
}

fn assign_heading_ids<'a>(
    mut events: Vec<Spanned<'a>>,
    rubies: &[Ruby],
    headings: &mut Vec<Heading>,
) -> Vec<Spanned<'a>> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    // Explicit ids are reserved first so that generated ones never take them.
    for (ev, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = ev {
            used.insert(id.to_string());
        }
    }
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let (level, explicit) = (heading_level(*level), id.clone());
            let mut text = String::new();
            let mut parts = Vec::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    text.push_str(&plain(t, rubies));
                    for piece in split_placeholders(t) {
                        match sole_placeholder(piece, 'S') {
                            Some(n) => parts.push(HeadingPart::Shortcode(n)),
                            None => parts.push(HeadingPart::Text(plain(piece, rubies))),
                        }
                    }
                }
                j += 1;
            }
            let id = match explicit {
                Some(id) => id.to_string(),
                None => {
                    let base = heading_id(&text);
                    let mut candidate = base.clone();
                    let mut n = 1;
                    while used.contains(&candidate) {
                        candidate = format!("{base}-{n}");
                        n += 1;
                    }
                    used.insert(candidate.clone());
                    candidate
                }
            };
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id.clone()));
            }
            headings.push(Heading {
                level,
                id,
                text: text.trim().to_string(),
                parts,
            });
            i = j;
        }
        i += 1;
    }
    events
}

/// 1 to 6.
pub(crate) fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// What a link or image destination is.
#[derive(Debug, PartialEq, Eq)]
enum Destination<'a> {
    /// `@/path.md#anchor`.
    Content(&'a str),
    /// A path relative to the file, e.g. `sleep.md#x`, `../stress/`, `zu.png`.
    Relative(&'a str),
    /// `/consult/`: breaks under a sub-path base URL.
    RootAbsolute,
    /// `https://…`, `//host/…`: another site.
    Remote,
    /// `#anchor`, `mailto:`, `tel:`, `data:` and other schemes: left as written.
    Other,
}

fn destination(url: &str) -> Destination<'_> {
    if let Some(rest) = url.strip_prefix("@/") {
        return Destination::Content(rest);
    }
    if url.starts_with("//") || url.starts_with("http://") || url.starts_with("https://") {
        return Destination::Remote;
    }
    if url.starts_with('/') {
        return Destination::RootAbsolute;
    }
    let scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if url.is_empty() || url.starts_with('#') || url.starts_with('?') || scheme {
        return Destination::Other;
    }
    Destination::Relative(url)
}

fn split_anchor(dest: &str) -> (String, Option<String>) {
    let dest = dest.split_once('?').map_or(dest, |(p, _)| p);
    match dest.split_once('#') {
        Some((p, a)) => (p.to_string(), Some(a.to_string())),
        None => (dest.to_string(), None),
    }
}

/// Internal links (`@/…` and relative ones) and the site's own images become holes, since their
/// URL depends on the municipality and the page; a root-absolute URL (`/consult/`), which breaks
/// under a sub-path base URL, and an image from another site, which tells that site who reads
/// the page, are errors.
fn hole_links_and_images<'a>(
    events: Vec<Spanned<'a>>,
    ex: &inline_syntax::Extracted,
    source: &str,
    doc: &mut Document,
) -> Result<Vec<Spanned<'a>>> {
    let mut out = Vec::with_capacity(events.len());
    let lines = LineIndex::new(source);
    let mut iter = events.into_iter();
    while let Some((ev, r)) = iter.next() {
        let at = || lines.line_col(ex.original_offset(r.start));
        let hole = match &ev {
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => hole_link(dest_url, title, at(), doc)?,
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => hole_image(dest_url, title, at(), &mut iter, &ex.rubies, doc)?,
            _ => None,
        };
        out.push((hole.unwrap_or(ev), r));
    }
    Ok(out)
}

/// An error of the Markdown at `(line, column)` of the source.
fn error_at((line, column): (usize, usize), message: crate::messages::Message) -> Error {
    Error::input(
        Location {
            path: None,
            line: Some(line),
            column: Some(column),
        },
        message,
    )
}

/// The hole that replaces the start of a link to `dest_url` at `at` (an internal link, recorded
/// in `doc.links`), `None` for a link left as written (another site, `#anchor`, `mailto:`…). A
/// link that runs a script or embeds a document is never published, whatever the page's
/// security policy: a copy or a printout of the page does not carry it.
fn hole_link<'a>(
    dest_url: &str,
    title: &str,
    at: (usize, usize),
    doc: &mut Document,
) -> Result<Option<Event<'a>>> {
    crate::data::web::link_destination(dest_url).map_err(|why| {
        error_at(at, msg!("error.link-scheme", why = why)).with_rule("unsafe-link")
    })?;
    let (kind, dest) = match destination(dest_url) {
        Destination::Content(d) => (LinkKind::Content, d),
        Destination::Relative(d) => (LinkKind::Relative, d),
        Destination::RootAbsolute => {
            return Err(
                error_at(at, msg!("error.link-root-absolute", link = dest_url))
                    .with_rule("root-absolute-link"),
            );
        }
        Destination::Remote | Destination::Other => return Ok(None),
    };
    let (path, anchor) = split_anchor(dest);
    let (line, column) = at;
    doc.links.push(InternalLink {
        path,
        kind,
        anchor,
        line,
        column,
    });
    let mut tag = format!("<a href=\"{OPEN}L{}{CLOSE}\"", doc.links.len() - 1);
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", inline_syntax::escape(title)));
    }
    tag.push('>');
    Ok(Some(Event::InlineHtml(CowStr::from(tag))))
}

/// The hole that replaces an image of the site at `at` (recorded in `doc.images`, its alt text
/// read from its children, which it takes from `rest`), `None` for one left as written (`data:`
/// and other schemes). An image from another site, which tells that site who reads the page,
/// and a root-absolute one are errors.
fn hole_image<'a>(
    dest_url: &str,
    title: &str,
    at: (usize, usize),
    rest: &mut impl Iterator<Item = Spanned<'a>>,
    rubies: &[Ruby],
    doc: &mut Document,
) -> Result<Option<Event<'a>>> {
    if let Err(why) = crate::data::web::link_destination(dest_url) {
        return Err(error_at(at, msg!("error.link-scheme", why = why)).with_rule("unsafe-link"));
    }
    let src = match destination(dest_url) {
        Destination::Relative(src) | Destination::Content(src) => src.to_string(),
        Destination::Remote => {
            return Err(
                error_at(at, msg!("error.image-remote", src = dest_url)).with_rule("remote-image")
            );
        }
        Destination::RootAbsolute => {
            return Err(
                error_at(at, msg!("error.image-root-absolute", src = dest_url))
                    .with_rule("root-absolute-link"),
            );
        }
        Destination::Other => return Ok(None),
    };
    // The alt text is the image's children, as plain text.
    let mut alt = String::new();
    for (child, _) in rest.by_ref() {
        match child {
            Event::End(TagEnd::Image) => break,
            Event::Text(t) | Event::Code(t) => alt.push_str(&plain(&t, rubies)),
            _ => {}
        }
    }
    let (line, column) = at;
    doc.images.push(Image {
        src,
        alt,
        title: title.to_string(),
        line,
        column,
    });
    let hole = format!("{OPEN}I{}{CLOSE}", doc.images.len() - 1);
    Ok(Some(Event::InlineHtml(CowStr::from(hole))))
}

/// Turns running text into holes for automatic furigana. Placeholders inside a text (ruby,
/// shortcodes) split it, so that they stay outside the analysed text.
fn hole_texts<'a>(events: Vec<Spanned<'a>>, texts: &mut Vec<String>) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let (mut in_image, mut in_code, mut off_depth) = (0usize, false, 0usize);
    // Text inside the author's own `<ruby>` already has its reading: never a second one.
    let mut ruby_depth = 0usize;
    for (ev, r) in events {
        match &ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::InlineHtml(h) | Event::Html(h) => {
                if crate::html::furigana_off(h) || (off_depth > 0 && h.starts_with("<span")) {
                    off_depth += 1;
                } else if off_depth > 0 && h.starts_with("</span") {
                    off_depth -= 1;
                }
                ruby_depth += h.matches("<ruby").count();
                ruby_depth = ruby_depth.saturating_sub(h.matches("</ruby").count());
            }
            Event::Text(t) if in_image == 0 && !in_code && off_depth == 0 && ruby_depth == 0 => {
                for piece in split_placeholders(t) {
                    if piece.starts_with(OPEN) {
                        out.push((
                            Event::InlineHtml(CowStr::from(piece.to_string())),
                            r.clone(),
                        ));
                    } else {
                        texts.push(piece.to_string());
                        let hole = format!("{OPEN}T{}{CLOSE}", texts.len() - 1);
                        out.push((Event::InlineHtml(CowStr::from(hole)), r.clone()));
                    }
                }
                continue;
            }
            _ => {}
        }
        out.push((ev, r));
    }
    out
}

/// Splits text into plain runs and whole placeholders.
fn split_placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        if start > 0 {
            out.push(&rest[..start]);
        }
        let end = rest[start..]
            .find(CLOSE)
            .map_or(rest.len(), |e| start + e + CLOSE.len_utf8());
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn first_paragraph_text(events: &[Spanned<'_>], rubies: &[Ruby]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for (ev, _) in events {
        match ev {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&plain(t, rubies)),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Cuts rendered HTML at link and shortcode holes; ruby placeholders become ruby markup.
fn cut_segments(html: &str, rubies: &[Ruby]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut buf = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        buf.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            buf.push_str(after);
            rest = "";
            break;
        };
        let token = &after[..end];
        let (kind, n) = token.split_at(1);
        let n: usize = n.parse().unwrap_or(usize::MAX);
        match kind {
            "R" => {
                if let Some(r) = rubies.get(n) {
                    buf.push_str(&r.to_html());
                }
            }
            "L" | "S" | "T" | "I" => {
                if !buf.is_empty() {
                    segments.push(Segment::Html(std::mem::take(&mut buf)));
                }
                segments.push(match kind {
                    "L" => Segment::Link(n),
                    "S" => Segment::Shortcode(n),
                    "I" => Segment::Image(n),
                    _ => Segment::Text(n),
                });
            }
            _ => {}
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    buf.push_str(rest);
    if !buf.is_empty() {
        segments.push(Segment::Html(buf));
    }
    segments
}

/// Gives a markdown error the file and the line offset of the body in that file.
pub fn locate(err: Error, path: &std::path::Path, body_first_line: usize) -> Error {
    match err {
        Error::Input(mut d) => {
            d.location = Location {
                path: Some(path.to_path_buf()),
                line: d.location.line.map(|l| l + body_first_line - 1),
                column: d.location.column,
            };
            Error::Input(d)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(doc: &Document) -> String {
        doc.segments
            .iter()
            .map(|s| match s {
                Segment::Html(h) => h.clone(),
                Segment::Link(n) => format!("[L{n}]"),
                Segment::Shortcode(n) => format!("[S{n}]"),
                Segment::Image(n) => format!("[I{n}]"),
                Segment::Text(n) => inline_syntax::escape(&doc.texts[*n]),
            })
            .collect()
    }

    #[test]
    fn texts_are_holes_except_code_alt_and_opt_out() {
        let doc = analyze("本文の{漢字|かんじ}と`コード`\n\n![代替テキスト](a.png) <span data-furigana=\"off\">対象外</span>\n").unwrap();
        assert_eq!(doc.texts, ["本文の", "と", " "]);
        let h = html_of(&doc);
        assert_eq!(
            doc.images[0].alt, "代替テキスト",
            "alt text is the image's, not a text hole"
        );
        assert!(h.contains("[I0]"), "{h}");
        assert!(h.contains("対象外"), "{h}");
    }

    #[test]
    fn authors_own_ruby_html_is_not_a_text_hole() {
        let doc = analyze("前の<ruby>漢字<rt>かんじ</rt></ruby>と後\n").unwrap();
        assert_eq!(doc.texts, ["前の", "と後"]);
    }

    #[test]
    fn japanese_heading_ids_are_readable_and_unique() {
        let doc = analyze("## ストレスとの付き合い方\n\n## ストレスとの付き合い方\n\n## Q&A: よくある質問！\n\n## 自分で決める {#own}\n").unwrap();
        let ids: Vec<_> = doc.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "ストレスとの付き合い方",
                "ストレスとの付き合い方-1",
                "qa-よくある質問",
                "own"
            ]
        );
        assert!(html_of(&doc).contains("<h2 id=\"ストレスとの付き合い方\">"));
    }

    #[test]
    fn ruby_in_headings_tables_and_not_in_code() {
        let doc = analyze("## {傾聴|けいちょう}とは\n\n| 語 | 意味 |\n|---|---|\n| {傾聴|けいちょう} | 聴くこと |\n\n`{傾聴|けいちょう}`\n").unwrap();
        assert_eq!(doc.headings[0].id, "傾聴とは");
        assert_eq!(doc.headings[0].text, "傾聴とは");
        let h = html_of(&doc);
        assert!(
            h.contains("<td><ruby>傾聴<rp>(</rp><rt>けいちょう</rt><rp>)</rp></ruby></td>"),
            "{h}"
        );
        assert!(h.contains("<code>{傾聴|けいちょう}</code>"), "{h}");
    }

    #[test]
    fn internal_links_become_holes_with_positions() {
        let doc =
            analyze("前の行\n\n詳しくは[アルコール](@/addiction/alcohol.md#相談先)へ。\n").unwrap();
        assert_eq!(
            doc.links,
            vec![InternalLink {
                path: "addiction/alcohol.md".into(),
                kind: LinkKind::Content,
                anchor: Some("相談先".into()),
                line: 3,
                column: 5
            }]
        );
        assert_eq!(
            html_of(&doc),
            "<p>前の行</p>\n<p>詳しくは<a href=\"[L0]\">アルコール</a>へ。</p>\n"
        );
    }

    #[test]
    fn relative_links_and_images_are_holes_root_absolute_and_remote_are_errors() {
        let doc = analyze("[眠り](sleep.md#コツ) [外](https://example.jp/) [m](mailto:a@b.jp) [#](#x)\n\n![図の{説明|せつめい}](zu.png \"題\")\n").unwrap();
        assert_eq!(doc.links.len(), 1);
        assert_eq!(
            (
                doc.links[0].kind,
                doc.links[0].path.as_str(),
                doc.links[0].anchor.as_deref()
            ),
            (LinkKind::Relative, "sleep.md", Some("コツ"))
        );
        assert_eq!(
            (
                doc.images[0].src.as_str(),
                doc.images[0].alt.as_str(),
                doc.images[0].title.as_str()
            ),
            ("zu.png", "図の説明", "題")
        );
        assert_eq!((doc.images[0].line, doc.images[0].column), (3, 1));
        let h = html_of(&doc);
        assert!(h.contains("<p>[I0]</p>"), "{h}");
        assert!(h.contains("href=\"https://example.jp/\""), "{h}");
        for (bad, rule) in [
            ("前\n\n[相談](/consult/)", "root-absolute-link"),
            ("![図](https://cdn.example.com/a.png)", "remote-image"),
            ("![図](//cdn.example.com/a.png)", "remote-image"),
        ] {
            let e = analyze(bad).unwrap_err();
            assert_eq!(e.diagnostic().unwrap().rule, rule, "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_where_it_goes_over() {
        let deep = [
            format!("一行目\n\n{} 引用", ">".repeat(3000)),
            (0..1500)
                .map(|i| format!("{}- a\n", "  ".repeat(i)))
                .collect(),
            format!("{}a{}", "<div>".repeat(3000), "</div>".repeat(3000)),
            format!("前 {}a{}", "<span>".repeat(3000), "</span>".repeat(3000)),
            format!("{}a{}", "*".repeat(3000), "*".repeat(3000)),
        ];
        for text in &deep {
            let e = analyze(text).unwrap_err();
            let d = e.diagnostic().unwrap();
            assert_eq!(
                d.rule,
                "nesting-too-deep",
                "{}",
                &text[..40.min(text.len())]
            );
            assert!(d.location.line.is_some());
        }
        // Deep but reasonable structures, void elements and comments pass.
        let fine = format!(
            "{} 引用\n\n{}a{}\n\n<br><br/><img src=\"a.png\"><!-- x -->",
            ">".repeat(20),
            "<span>".repeat(50),
            "</span>".repeat(50)
        );
        assert!(analyze(&fine.repeat(5)).is_ok());
    }

    #[test]
    fn raw_html_is_sanitised_and_what_goes_is_reported() {
        let doc = analyze("本文\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a><br>\n").unwrap();
        let h = html_of(&doc);
        assert!(
            !h.contains("script") && !h.contains("javascript:") && !h.contains("onclick"),
            "{h}"
        );
        assert!(h.contains("<br>"), "{h}");
        let what: Vec<_> = doc
            .removed
            .iter()
            .map(|(l, c, w)| format!("{l}:{c} {w}"))
            .collect();
        assert_eq!(
            what,
            [
                "3:1 <script>",
                "5:1 a `javascript:` link",
                "5:1 the `onclick` attribute of <a>"
            ]
        );
        let raw = analyze_with("<span onclick=\"x()\">a</span>\n", false).unwrap();
        assert!(html_of(&raw).contains("onclick"), "opt-out keeps raw HTML");
        assert!(raw.removed.is_empty());
        let table = analyze("| a | b |\n|:-:|--:|\n| 1 | 2 |\n").unwrap();
        assert!(
            html_of(&table).contains("<th class=\"align-center\">"),
            "{}",
            html_of(&table)
        );
    }

    #[test]
    fn shortcodes_inline_and_block() {
        let doc = analyze("{{ municipality_name() }}の窓口\n\n{{ windows(topic=\"alcohol\") }}\n")
            .unwrap();
        assert_eq!(html_of(&doc), "<p>[S0]の窓口</p>\n[S1]");
        assert!(!doc.shortcodes[0].block);
        assert!(doc.shortcodes[1].block);
        assert_eq!(doc.shortcodes[1].line, 3);
    }

    #[test]
    fn cjk_emphasis_and_extensions_work_together() {
        let doc = analyze("日本語の**「強調」**が~~ない~~ある[^1]。\n\n[^1]: 注釈\n").unwrap();
        let h = html_of(&doc);
        assert!(
            h.contains("<strong>「強調」</strong>が<del>ない</del>ある"),
            "{h}"
        );
        assert!(h.contains("footnote-definition"), "{h}");
        assert_eq!(doc.summary, "日本語の「強調」がないある。");
    }

    #[test]
    fn markdown_errors_locate_in_file() {
        let e = analyze("一\n二 {{ x(a=) }}").unwrap_err();
        let e = locate(e, std::path::Path::new("content/a.md"), 5);
        let d = e.diagnostic().unwrap();
        assert_eq!(d.location.to_string(), "content/a.md:6:10");
    }
}
