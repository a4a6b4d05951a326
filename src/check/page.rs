//! A page as the rules read it: the Markdown body parsed once more, keeping where everything is
//! (the analyze stage keeps HTML, not positions of words). Blocks of running text (headings,
//! paragraphs, list items, table cells) with a map back to the source, links, images, tables,
//! raw HTML, explicit ruby and shortcode calls, and the lines a comment exempts from a rule.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown::{heading_level, parser_options};

/// What kind of block a piece of running text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `#`…`######` (1 to 6).
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// A list item written without blank lines (no paragraph of its own).
    Item,
    /// A table cell; `true` in the header row.
    Cell(bool),
}

/// Running text of one block, as a reader sees it (no markup, no code, no shortcodes).
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// The text.
    pub text: String,
    /// Where it starts in the body (byte offset).
    pub start: usize,
    /// (offset in `text`, offset in the body) at the start of each piece of text.
    map: Vec<(usize, usize)>,
}

impl Block {
    /// The body offset of byte `i` of `text`.
    pub fn source_offset(&self, i: usize) -> usize {
        let at = self.map.partition_point(|(t, _)| *t <= i);
        match at.checked_sub(1).map(|j| self.map[j]) {
            Some((t, s)) => s + (i - t),
            None => self.start,
        }
    }
}

/// A link.
#[derive(Debug, Clone)]
pub struct Link {
    /// Its text, as read.
    pub text: String,
    /// Where it goes, as written.
    pub dest: String,
    /// Body offset.
    pub at: usize,
    /// Body offset of its end.
    pub end: usize,
}

/// An image.
#[derive(Debug, Clone)]
pub struct Image {
    /// Its text alternative.
    pub alt: String,
    /// The file, as written.
    pub src: String,
    /// Body offset.
    pub at: usize,
}

/// The body of a page, read for the rules.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    /// Running text, in order.
    pub blocks: Vec<Block>,
    /// Links (Markdown and autolinks), in order.
    pub links: Vec<Link>,
    /// Images, in order.
    pub images: Vec<Image>,
    /// Markdown tables: body offset and whether the header row has any text.
    pub tables: Vec<(usize, bool)>,
    /// Raw HTML, with its body offset.
    pub html: Vec<(String, usize)>,
    /// Shortcode calls: name and body offset.
    pub shortcodes: Vec<(String, usize)>,
    /// Text given explicit ruby by the author (body byte ranges of the base).
    pub ruby: Vec<Range<usize>>,
    /// Exemptions: (1-based body line, rule ids) for each `<!-- tsunagi:allow rule … reason -->`;
    /// a comment exempts its own line and the next, and the page as a whole from findings about
    /// the whole page.
    pub allow: Vec<(usize, Vec<String>)>,
}

/// Stands where a shortcode call was, in [`Block::text`]: not a letter a reader reads.
pub const MARK: char = '\u{E000}';
const MARK_BYTES: &[u8] = "\u{E000}".as_bytes();

/// The comment that exempts a line from rules: `<!-- tsunagi:allow rule-id other-id -->`.
pub const ALLOW: &str = "tsunagi:allow";

impl PageText {
    /// Reads a Markdown body.
    pub fn read(body: &str) -> PageText {
        let mut page = PageText::default();
        let masked = page.mask_syntax(body);
        page.allow = allow_comments(body);
        let mut r = Reading {
            page,
            open: None,
            link: None,
            image: None,
            table: None,
            in_head: false,
            in_code: 0,
            items: Vec::new(),
        };
        for (event, range) in Parser::new_ext(&masked, parser_options()).into_offset_iter() {
            match event {
                Event::Start(tag) => r.start(tag, range),
                Event::End(tag) => r.end(tag),
                Event::Text(text) if r.in_code == 0 => r.text(&text, range.start),
                Event::SoftBreak | Event::HardBreak => {
                    // Japanese lines are joined without a space.
                    if let Some(b) = &mut r.open {
                        b.map.push((b.text.len(), range.end));
                    }
                }
                Event::Code(code) => {
                    if let Some(l) = &mut r.link {
                        l.text.push_str(&code);
                    }
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    r.page.html.push((html.to_string(), range.start));
                }
                _ => {}
            }
        }
        r.page.close(&mut r.open);
        r.page
    }

    fn close(&mut self, open: &mut Option<Block>) {
        if let Some(b) = open.take()
            && !b.text.trim().is_empty()
        {
            self.blocks.push(b);
        }
    }

    /// Finds shortcode calls (`{{ name(…) }}`) and explicit ruby (`{漢字|かんじ}`), records them,
    /// and blanks their syntax (each byte a space, so that offsets stay those of the body): a
    /// reader sees neither the call nor the reading.
    fn mask_syntax(&mut self, body: &str) -> String {
        let mut out = body.as_bytes().to_vec();
        let blank = |out: &mut Vec<u8>, r: Range<usize>| out[r].fill(b' ');
        let mut i = 0;
        while let Some(found) = body[i..].find('{') {
            let start = i + found;
            if body[..start].ends_with('\\') {
                i = start + 1;
                continue;
            }
            if body[start..].starts_with("{{") {
                let Some(len) = body[start..].find("}}") else {
                    break;
                };
                let call = body[start + 2..start + len].trim();
                let name: String = call
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                self.shortcodes.push((name, start));
                // One mark where the call was (a space at the start of a line could make an
                // indented code block of what follows), then spaces.
                blank(&mut out, start..start + len + 2);
                out[start..start + MARK.len_utf8()].copy_from_slice(MARK_BYTES);
                i = start + len + 2;
                continue;
            }
            let line_end = body[start..].find('\n').map_or(body.len(), |n| start + n);
            match (
                body[start..line_end].find('|'),
                body[start..line_end].find('}'),
            ) {
                (Some(bar), Some(close)) if bar < close && bar > 1 => {
                    self.ruby.push(start + 1..start + bar);
                    blank(&mut out, start..start + 1);
                    blank(&mut out, start + bar..start + close + 1);
                    i = start + close + 1;
                }
                _ => i = start + 1,
            }
        }
        // Whole characters were replaced by ASCII spaces and the mark: still UTF-8.
        String::from_utf8(out).unwrap_or_else(|_| body.to_string())
    }

    /// Whether the page is exempted from `rule`'s findings about the whole page.
    pub fn allows_page(&self, rule: &str) -> bool {
        self.allow
            .iter()
            .any(|(_, rules)| rules.iter().any(|r| r == rule))
    }

    /// Whether `rule` is exempted at 1-based body `line`.
    pub fn allows(&self, rule: &str, line: usize) -> bool {
        self.allow
            .iter()
            .any(|(l, rules)| (*l == line || *l + 1 == line) && rules.iter().any(|r| r == rule))
    }
}

/// What [`PageText::read`] knows while it reads the events of a body in order: the page so far
/// and what is open.
struct Reading {
    /// What has been read.
    page: PageText,
    /// The block whose text is being read.
    open: Option<Block>,
    /// The link being read (its text).
    link: Option<Link>,
    /// The image being read (its alt text).
    image: Option<Image>,
    /// The table being read: its offset, and whether its header row has text so far.
    table: Option<(usize, bool)>,
    /// Inside a table's header row.
    in_head: bool,
    /// How deep inside code blocks.
    in_code: usize,
    /// The open list items, each with whether it holds a paragraph.
    items: Vec<bool>,
}

impl Reading {
    /// What the start of `tag` (at `range` of the body) opens: a block, a table, code, a link or
    /// an image.
    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.open = Some(block(BlockKind::Heading(heading_level(level)), range.start));
            }
            Tag::Paragraph => {
                if let Some(last) = self.items.last_mut() {
                    *last = true;
                }
                self.page.close(&mut self.open);
                self.open = Some(block(BlockKind::Paragraph, range.start));
            }
            Tag::Item => {
                self.page.close(&mut self.open);
                self.items.push(false);
                self.open = Some(block(BlockKind::Item, range.start));
            }
            Tag::Table(_) => self.table = Some((range.start, false)),
            Tag::TableHead => self.in_head = true,
            Tag::TableCell => self.open = Some(block(BlockKind::Cell(self.in_head), range.start)),
            Tag::CodeBlock(_) => self.in_code += 1,
            Tag::Link { dest_url, .. } => {
                self.link = Some(Link {
                    text: String::new(),
                    dest: dest_url.to_string(),
                    at: range.start,
                    end: range.end,
                });
            }
            Tag::Image { dest_url, .. } => {
                self.image = Some(Image {
                    alt: String::new(),
                    src: dest_url.to_string(),
                    at: range.start,
                });
            }
            _ => {}
        }
    }

    /// What the end of `tag` closes: a block (kept when it has text), a table, a link, an image.
    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::TableCell => {
                self.page.close(&mut self.open);
            }
            TagEnd::Item => {
                self.items.pop();
                self.page.close(&mut self.open);
            }
            TagEnd::TableHead => self.in_head = false,
            TagEnd::Table => self.page.tables.extend(self.table.take()),
            TagEnd::CodeBlock => self.in_code = self.in_code.saturating_sub(1),
            TagEnd::Link => self.page.links.extend(self.link.take()),
            TagEnd::Image => self.page.images.extend(self.image.take()),
            _ => {}
        }
    }

    /// Where text outside code (at `start` of the body) goes: an image's alt text only, else the
    /// open link's text, the table header's, and the open block (a paragraph when none is).
    fn text(&mut self, text: &str, start: usize) {
        if let Some(i) = &mut self.image {
            i.alt.push_str(text);
            return;
        }
        if let Some(l) = &mut self.link {
            l.text.push_str(text);
        }
        if self.in_head
            && let Some(t) = &mut self.table
        {
            t.1 |= !text.trim().is_empty();
        }
        let b = self
            .open
            .get_or_insert_with(|| block(BlockKind::Paragraph, start));
        b.map.push((b.text.len(), start));
        b.text.push_str(text);
    }
}

fn block(kind: BlockKind, start: usize) -> Block {
    Block {
        kind,
        text: String::new(),
        start,
        map: Vec::new(),
    }
}

/// Every `<!-- tsunagi:allow … -->` comment: its 1-based line and the rule ids it names.
fn allow_comments(body: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("<!--") {
            let after = &rest[at + 4..];
            let end = after.find("-->").unwrap_or(after.len());
            let inside = after[..end].trim();
            if let Some(ids) = inside.strip_prefix(ALLOW) {
                // Rule ids, then (after anything else, such as 「：」 or 「—」) the reason.
                let ids = ids
                    .split_whitespace()
                    .map(|w| w.trim_end_matches([':', '：', ',', '、']))
                    .take_while(|w| {
                        !w.is_empty()
                            && w.bytes()
                                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    })
                    .map(str::to_string)
                    .collect();
                out.push((n + 1, ids));
            }
            rest = &after[end..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_place_in_the_body() {
        let body = "# 見出し\n\n本文の一行目\n二行目です。[こちら](a.md)\n\n- 項目\n- {{ crisis_line() }}の番号\n\n{漢字|かんじ}を読む\n";
        let p = PageText::read(body);
        let kinds: Vec<_> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Item,
                BlockKind::Item,
                BlockKind::Paragraph
            ]
        );
        let para = &p.blocks[1];
        assert_eq!(para.text, "本文の一行目二行目です。こちら");
        let i = para.text.find("二行目").unwrap();
        assert_eq!(&body[para.source_offset(i)..][..9], "二行目");
        assert_eq!(p.links[0].text, "こちら");
        assert_eq!(p.shortcodes[0].0, "crisis_line");
        assert_eq!(&body[p.shortcodes[0].1..][..2], "{{");
        assert_eq!(p.blocks[3].text.replace(' ', ""), "\u{E000}の番号");
        assert_eq!(p.blocks[4].text.replace(' ', ""), "漢字を読む");
        assert_eq!(&body[p.ruby[0].clone()], "漢字");
    }

    #[test]
    fn code_is_not_read_and_comments_exempt_lines() {
        let body = "```\n自殺\n```\n\n<!-- tsunagi:allow vague-link-text other: 理由 reason-words -->\n[ここ](a.md)\n";
        let p = PageText::read(body);
        assert!(p.blocks.iter().all(|b| !b.text.contains("自殺")));
        assert!(p.allows("vague-link-text", 5) && p.allows("vague-link-text", 6));
        assert!(!p.allows("vague-link-text", 7) && !p.allows("heading-skip", 6));
        assert!(p.allows_page("other") && !p.allows_page("reason-words"));
    }

    #[test]
    fn tables_know_an_empty_header_row() {
        let p = PageText::read(
            "| | |\n|---|---|\n| a | b |\n\n| 名前 | 電話 |\n|---|---|\n| a | b |\n",
        );
        assert_eq!(
            p.tables.iter().map(|t| t.1).collect::<Vec<_>>(),
            [false, true]
        );
    }
}
