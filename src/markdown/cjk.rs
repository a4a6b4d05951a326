//! CJK-friendly emphasis: a pass over pulldown-cmark's events that re-runs CommonMark's
//! emphasis algorithm with the flanking rules of the markdown-cjk-friendly amendment
//! (<https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md>).
//!
//! Plain CommonMark leaves the asterisks in `日本語の**「強調」**が` because the closing `**`
//! follows punctuation and precedes a letter. The amendment treats CJK punctuation and CJK
//! characters like whitespace for that purpose.
//!
//! How: for each run of inline events, the emphasis events pulldown-cmark produced are turned
//! back into delimiter runs (their source offsets say which characters they were), literal
//! `*`, `_` and `~` characters left in text become delimiter runs too, and the CommonMark
//! "process emphasis" procedure pairs them again. Links and images are processed as separate
//! runs, as in CommonMark; code spans and raw HTML are never touched.
//!
//! Drop this module once a released pulldown-cmark carries the upstream option
//! (pulldown-cmark PR #1059, `Options::ENABLE_CJK_FRIENDLY_EMPHASIS` or similar): enable the
//! option in `markdown::parser_options` and delete the call in `markdown::analyze`.
//!
//! The same module also removes soft line breaks between two CJK characters: a line break in
//! the middle of a Japanese sentence must not become a space.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// An event with its byte range in the source.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Re-pairs emphasis, strong emphasis and strikethrough with CJK-friendly flanking rules.
pub fn fix_emphasis<'a>(events: Vec<Spanned<'a>>, source: &str) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<Spanned<'a>> = Vec::new();
    for (ev, range) in events {
        if is_inline(&ev) {
            run.push((ev, range));
        } else {
            flush_run(&mut run, &mut out, source);
            out.push((ev, range));
        }
    }
    flush_run(&mut run, &mut out, source);
    out
}

/// Removes soft breaks whose neighbours are both CJK characters (not Hangul, which uses spaces).
pub fn join_cjk_lines(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned<'_>> = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    // The last character of the last text so far (kept as we go, not searched for).
    let mut before: Option<char> = None;
    while let Some((ev, range)) = iter.next() {
        if let Some(c) = last_text_char(&ev) {
            before = Some(c);
        }
        if matches!(ev, Event::SoftBreak) {
            let after = iter.peek().and_then(|(e, _)| first_text_char(e));
            if let (Some(b), Some(a)) = (before, after)
                && is_cjk_no_hangul(b)
                && is_cjk_no_hangul(a)
            {
                continue;
            }
        }
        out.push((ev, range));
    }
    out
}

fn last_text_char(e: &Event<'_>) -> Option<char> {
    match e {
        Event::Text(t) => t.chars().last(),
        _ => None,
    }
}

fn first_text_char(e: &Event<'_>) -> Option<char> {
    match e {
        Event::Text(t) => t.chars().next(),
        _ => None,
    }
}

fn is_cjk_no_hangul(c: char) -> bool {
    is_cjk(c)
        && !matches!(c as u32, 0x1100..=0x11ff | 0x3131..=0x318e | 0xa960..=0xa97c | 0xac00..=0xd7fb)
}

fn is_inline(ev: &Event<'_>) -> bool {
    match ev {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak => true,
        Event::Start(t) => matches!(
            t,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// A piece of an inline run.
enum Node<'a> {
    /// Events passed through unchanged (text without delimiters, code, links…).
    Opaque(Vec<Spanned<'a>>),
    /// A delimiter run of `*`, `_` or `~`.
    Delim(Delim),
}

struct Delim {
    ch: char,
    /// Source offset of the first character of the run.
    start: usize,
    /// Characters still unmatched.
    len: usize,
    orig_len: usize,
    can_open: bool,
    can_close: bool,
    /// Tags opened right after this run's remaining characters (outermost first).
    opens: Vec<Kind>,
    /// Tags closed right before this run's remaining characters (innermost first).
    closes: Vec<Kind>,
    /// How many characters matched as a closer (taken from the start of the run).
    closed_chars: usize,
}

#[derive(Clone, Copy)]
enum Kind {
    Em,
    Strong,
    Strike,
}

fn flush_run<'a>(run: &mut Vec<Spanned<'a>>, out: &mut Vec<Spanned<'a>>, source: &str) {
    if run.is_empty() {
        return;
    }
    let events = std::mem::take(run);
    let has_candidates = events.iter().any(|(e, _)| match e {
        Event::Text(t) => t.contains(['*', '_', '~']),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => true,
        _ => false,
    });
    if !has_candidates {
        out.extend(events);
        return;
    }
    let nodes = tokenize(events, source);
    let nodes = process_emphasis(nodes);
    emit(nodes, out, source);
}

/// Splits an inline run into opaque pieces and delimiter runs; links and images are processed
/// recursively as their own runs.
fn tokenize<'a>(events: Vec<Spanned<'a>>, source: &str) -> Vec<Node<'a>> {
    let mut nodes: Vec<Node<'a>> = Vec::new();
    let mut iter = events.into_iter();
    while let Some((ev, range)) = iter.next() {
        match ev {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                // Collect up to the matching end and process the inside separately.
                let mut depth = 1;
                let mut inner = Vec::new();
                let mut end = None;
                for (e, r) in iter.by_ref() {
                    match &e {
                        Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Link | TagEnd::Image) => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = Some((e, r));
                        break;
                    }
                    inner.push((e, r));
                }
                let mut piece = vec![(ev, range)];
                let mut fixed = Vec::new();
                flush_run(&mut inner, &mut fixed, source);
                piece.extend(fixed);
                piece.extend(end);
                push_opaque(&mut nodes, piece);
            }
            Event::Start(Tag::Emphasis) => push_delim(&mut nodes, source, range.start, 1),
            Event::End(TagEnd::Emphasis) => push_delim(&mut nodes, source, range.end - 1, 1),
            Event::Start(Tag::Strong) => push_delim(&mut nodes, source, range.start, 2),
            Event::End(TagEnd::Strong) => push_delim(&mut nodes, source, range.end - 2, 2),
            Event::Start(Tag::Strikethrough) => {
                let n = tilde_count(source, range.start);
                push_delim(&mut nodes, source, range.start, n);
            }
            Event::End(TagEnd::Strikethrough) => {
                let n = tilde_count_back(source, range.end);
                push_delim(&mut nodes, source, range.end - n, n);
            }
            Event::Text(ref t) if source.get(range.clone()) == Some(t.as_ref()) => {
                // Literal text straight from the source: its delimiter characters are real.
                let text = t.to_string();
                let mut last = 0;
                for (i, c) in text.char_indices() {
                    if matches!(c, '*' | '_' | '~') && !is_escaped(source, range.start + i) {
                        if i > last {
                            let piece = text[last..i].to_string();
                            let r = range.start + last..range.start + i;
                            push_opaque(&mut nodes, vec![(Event::Text(CowStr::from(piece)), r)]);
                        }
                        push_delim(&mut nodes, source, range.start + i, 1);
                        last = i + 1;
                    }
                }
                if last < text.len() {
                    let piece = text[last..].to_string();
                    let r = range.start + last..range.end;
                    push_opaque(&mut nodes, vec![(Event::Text(CowStr::from(piece)), r)]);
                }
            }
            other => push_opaque(&mut nodes, vec![(other, range)]),
        }
    }
    for node in &mut nodes {
        if let Node::Delim(d) = node {
            classify(d, source);
        }
    }
    nodes
}

/// Whether the character at `at` follows an odd number of backslashes.
fn is_escaped(source: &str, at: usize) -> bool {
    source[..at]
        .bytes()
        .rev()
        .take_while(|&b| b == b'\\')
        .count()
        % 2
        == 1
}

fn tilde_count(source: &str, at: usize) -> usize {
    source[at..]
        .bytes()
        .take_while(|&b| b == b'~')
        .count()
        .clamp(1, 2)
}

fn tilde_count_back(source: &str, end: usize) -> usize {
    source[..end]
        .bytes()
        .rev()
        .take_while(|&b| b == b'~')
        .count()
        .clamp(1, 2)
}

fn push_opaque<'a>(nodes: &mut Vec<Node<'a>>, events: Vec<Spanned<'a>>) {
    if let Some(Node::Opaque(prev)) = nodes.last_mut() {
        prev.extend(events);
    } else {
        nodes.push(Node::Opaque(events));
    }
}

/// Adds `n` delimiter characters at `start`, merging with the previous run when the source
/// characters are adjacent and the same.
fn push_delim(nodes: &mut Vec<Node<'_>>, source: &str, start: usize, n: usize) {
    let ch = source[start..].chars().next().unwrap_or('*');
    if let Some(Node::Delim(prev)) = nodes.last_mut()
        && prev.ch == ch
        && prev.start + prev.orig_len == start
    {
        prev.len += n;
        prev.orig_len += n;
        return;
    }
    nodes.push(Node::Delim(Delim {
        ch,
        start,
        len: n,
        orig_len: n,
        can_open: false,
        can_close: false,
        opens: Vec::new(),
        closes: Vec::new(),
        closed_chars: 0,
    }));
}

/// Sets `can_open` / `can_close` from the characters around the run in the source.
fn classify(d: &mut Delim, source: &str) {
    let before_text = &source[..d.start];
    let after_text = &source[d.start + d.orig_len..];
    // The character before, skipping one non-emoji variation selector (a "sequence").
    let mut rev = before_text.chars().rev();
    let mut before = rev.next();
    let before_was_vs = before.is_some_and(is_svs);
    if before_was_vs {
        before = rev.next();
    }
    let after = after_text.chars().next();
    let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let non_cjk_punct = |c: Option<char>| c.is_some_and(|c| is_punctuation(c) && !is_cjk(c));
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    let ivs = |c: Option<char>| c.is_some_and(|c| matches!(c as u32, 0xE0100..=0xE01EF));

    let left = !ws(after)
        && (!non_cjk_punct(after)
            || ws(before)
            || non_cjk_punct(before)
            || cjk(before)
            || ivs(before));
    let right =
        !ws(before) && (!non_cjk_punct(before) || ws(after) || non_cjk_punct(after) || cjk(after));
    let punct_before = before.is_some_and(is_punctuation);
    let punct_after = after.is_some_and(is_punctuation);
    if d.ch == '_' {
        d.can_open = left && (!right || punct_before);
        d.can_close = right && (!left || punct_after);
    } else {
        d.can_open = left;
        d.can_close = right;
    }
}

fn is_svs(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0E)
}

/// CommonMark's Unicode punctuation: general category P or S.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol
        )
}

/// A CJK character as defined by the amendment (Unicode 16 ranges from its `ranges.md`).
/// The placeholders tsunagi uses for ruby and shortcodes (U+E000, U+E001) count as CJK,
/// since they stand for Japanese text.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x11ff
            | 0x20a9
            | 0x2329..=0x232a
            | 0x2630..=0x2637
            | 0x268a..=0x268f
            | 0x2e80..=0x2e99
            | 0x2e9b..=0x2ef3
            | 0x2f00..=0x2fd5
            | 0x2ff0..=0x303e
            | 0x3041..=0x3096
            | 0x3099..=0x30ff
            | 0x3105..=0x312f
            | 0x3131..=0x318e
            | 0x3190..=0x31e5
            | 0x31ef..=0x321e
            | 0x3220..=0x3247
            | 0x3250..=0xa48c
            | 0xa490..=0xa4c6
            | 0xa960..=0xa97c
            | 0xac00..=0xd7a3
            | 0xd7b0..=0xd7c6
            | 0xd7cb..=0xd7fb
            | 0xe000..=0xe001
            | 0xf900..=0xfaff
            | 0xfe10..=0xfe19
            | 0xfe30..=0xfe52
            | 0xfe54..=0xfe66
            | 0xfe68..=0xfe6b
            | 0xff01..=0xffbe
            | 0xffc2..=0xffc7
            | 0xffca..=0xffcf
            | 0xffd2..=0xffd7
            | 0xffda..=0xffdc
            | 0xffe0..=0xffe6
            | 0xffe8..=0xffee
            | 0x16fe0..=0x16fe4
            | 0x16ff0..=0x16ff6
            | 0x17000..=0x18cd5
            | 0x18cff..=0x18d1e
            | 0x18d80..=0x18df2
            | 0x1aff0..=0x1aff3
            | 0x1aff5..=0x1affb
            | 0x1affd..=0x1affe
            | 0x1b000..=0x1b122
            | 0x1b132
            | 0x1b150..=0x1b152
            | 0x1b155
            | 0x1b164..=0x1b167
            | 0x1b170..=0x1b2fb
            | 0x1d300..=0x1d356
            | 0x1d360..=0x1d376
            | 0x1f200
            | 0x1f202
            | 0x1f210..=0x1f219
            | 0x1f21b..=0x1f22e
            | 0x1f230..=0x1f231
            | 0x1f237
            | 0x1f23b
            | 0x1f240..=0x1f248
            | 0x1f260..=0x1f265
            | 0x20000..=0x3fffd
    )
}

/// CommonMark's "process emphasis" over the whole run (stack bottom = start of the run), in
/// linear time as the spec's reference algorithm is: a stack of the delimiter runs that may still
/// open, from which the runs between a matched opener and closer are removed, and, for each kind
/// of closer, the stack height below which a search already found nothing ("openers_bottom").
fn process_emphasis(mut nodes: Vec<Node<'_>>) -> Vec<Node<'_>> {
    // Indices into `nodes` of the runs that may still open, in order.
    let mut stack: Vec<usize> = Vec::new();
    // (char, closer can open, closer length mod 3) → no opener for it below this stack height.
    let mut bottom: std::collections::HashMap<(char, bool, usize), usize> =
        std::collections::HashMap::new();
    for closer in 0..nodes.len() {
        let Node::Delim(c) = &nodes[closer] else {
            continue;
        };
        let (cch, c_open, c_orig, c_close) = (c.ch, c.can_open, c.orig_len, c.can_close);
        while c_close && delim_len(&nodes[closer]) > 0 {
            let clen = delim_len(&nodes[closer]);
            let key = (cch, c_open, c_orig % 3);
            let floor = bottom.get(&key).copied().unwrap_or(0).min(stack.len());
            let found = (floor..stack.len()).rev().find(|&s| {
                tick();
                match &nodes[stack[s]] {
                    Node::Delim(o) if o.ch == cch && o.len > 0 => {
                        if cch == '~' {
                            o.len == clen && clen <= 2
                        } else {
                            // The "rule of 3".
                            let odd = (o.can_close || c_open)
                                && (o.orig_len + c_orig) % 3 == 0
                                && !(o.orig_len % 3 == 0 && c_orig % 3 == 0);
                            !odd
                        }
                    }
                    _ => false,
                }
            });
            let Some(s) = found else {
                bottom.insert(key, stack.len());
                break;
            };
            let o = stack[s];
            // Runs between opener and closer can no longer match anything.
            stack.truncate(s + 1);
            for b in bottom.values_mut() {
                *b = (*b).min(s + 1);
            }
            let used = if cch == '~' {
                clen
            } else if clen >= 2 && delim_len(&nodes[o]) >= 2 {
                2
            } else {
                1
            };
            let kind = match (cch, used) {
                ('~', _) => Kind::Strike,
                (_, 2) => Kind::Strong,
                _ => Kind::Em,
            };
            if let Node::Delim(od) = &mut nodes[o] {
                od.len -= used;
                od.opens.insert(0, kind);
                if od.len == 0 {
                    stack.pop();
                }
            }
            if let Node::Delim(cd) = &mut nodes[closer] {
                cd.len -= used;
                cd.closed_chars += used;
                cd.closes.push(kind);
            }
        }
        if let Node::Delim(c) = &nodes[closer]
            && c.can_open
            && c.len > 0
        {
            stack.push(closer);
        }
    }
    nodes
}

/// Counts a step of work, so that tests can check that the passes stay linear.
#[cfg(test)]
fn tick() {
    OPS.with(|n| n.set(n.get() + 1));
}

#[cfg(not(test))]
fn tick() {}

#[cfg(test)]
thread_local! {
    static OPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn delim_len(n: &Node<'_>) -> usize {
    match n {
        Node::Delim(d) => d.len,
        Node::Opaque(_) => 0,
    }
}

/// Writes the paired runs back as events at the end of `out`; only this run's texts are joined
/// (what `out` held before ends in a block event, so nothing joins across), which keeps the pass
/// linear over a page of many paragraphs.
fn emit<'a>(nodes: Vec<Node<'a>>, out: &mut Vec<Spanned<'a>>, source: &str) {
    let mut events = Vec::new();
    for node in nodes {
        match node {
            Node::Opaque(pieces) => events.extend(pieces),
            Node::Delim(d) => {
                let r = d.start..d.start + d.orig_len;
                for k in &d.closes {
                    events.push((Event::End(end_of(*k)), r.clone()));
                }
                if d.len > 0 {
                    let lit_start = d.start + d.closed_chars;
                    let lit = source[lit_start..lit_start + d.len].to_string();
                    events.push((Event::Text(CowStr::from(lit)), lit_start..lit_start + d.len));
                }
                for k in &d.opens {
                    events.push((Event::Start(start_of(*k)), r.clone()));
                }
            }
        }
    }
    merge_texts(&mut events);
    out.append(&mut events);
}

/// Joins adjacent text events so later passes see whole words (each run of texts is joined
/// once, so the work stays linear however many pieces a run has).
fn merge_texts(out: &mut Vec<Spanned<'_>>) {
    let mut merged: Vec<Spanned<'_>> = Vec::with_capacity(out.len());
    let mut run: Vec<Spanned<'_>> = Vec::new();
    for (ev, r) in out.drain(..) {
        tick();
        if matches!(ev, Event::Text(_)) {
            run.push((ev, r));
        } else {
            join_run(&mut run, &mut merged);
            merged.push((ev, r));
        }
    }
    join_run(&mut run, &mut merged);
    *out = merged;
}

/// One text event for a run of consecutive text events.
fn join_run<'a>(run: &mut Vec<Spanned<'a>>, merged: &mut Vec<Spanned<'a>>) {
    if run.len() <= 1 {
        merged.append(run);
        return;
    }
    let start = run[0].1.start;
    let end = run.iter().map(|(_, r)| r.end).max().unwrap_or(start);
    let mut text = String::new();
    for (ev, _) in run.drain(..) {
        tick();
        if let Event::Text(t) = ev {
            text.push_str(&t);
        }
    }
    merged.push((Event::Text(CowStr::from(text)), start..end));
}

fn start_of(k: Kind) -> Tag<'static> {
    match k {
        Kind::Em => Tag::Emphasis,
        Kind::Strong => Tag::Strong,
        Kind::Strike => Tag::Strikethrough,
    }
}

fn end_of(k: Kind) -> TagEnd {
    match k {
        Kind::Em => TagEnd::Emphasis,
        Kind::Strong => TagEnd::Strong,
        Kind::Strike => TagEnd::Strikethrough,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser, html};

    fn render(src: &str) -> String {
        let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
        let events: Vec<_> = Parser::new_ext(src, opts).into_offset_iter().collect();
        let fixed = join_cjk_lines(fix_emphasis(events, src));
        let mut s = String::new();
        html::push_html(&mut s, fixed.into_iter().map(|(e, _)| e));
        s.trim_end().to_string()
    }

    /// Steps of work for `source`, counted by [`tick`].
    fn ops_for(source: &str) -> usize {
        OPS.with(|n| n.set(0));
        render(source);
        OPS.with(std::cell::Cell::get)
    }

    #[test]
    fn work_stays_linear_when_the_input_doubles() {
        let shapes: [fn(usize) -> String; 6] = [
            |n| "これは**強調**です。".repeat(n),
            // Closers that find no opener among many openers of another kind.
            |n| "*a ".repeat(n) + &"b_ ".repeat(n),
            |n| "a **b ".repeat(n),
            |n| "*".repeat(n) + "a",
            |n| "**a* ".repeat(n) + &"*".repeat(n),
            // Many paragraphs, each with emphasis.
            |n| "これは**強調**です。\n\n".repeat(n),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            let (small, large) = (ops_for(&shape(2000)), ops_for(&shape(4000)));
            assert!(
                large <= 2 * small + 100,
                "shape {i}: {small} steps for n, {large} for 2n"
            );
        }
        // The same pairing as before on a large input.
        assert!(
            render(&"これは**強調**です。".repeat(3))
                .contains("<strong>強調</strong>です。これは<strong>")
        );
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &str)] = &[
            // The motivating case from the issue.
            (
                "日本語の**「強調」**が",
                "<p>日本語の<strong>「強調」</strong>が</p>",
            ),
            // Closing after CJK punctuation, followed by a letter.
            (
                "**わ〜い!強調記号ができます!**問題なし!",
                "<p><strong>わ〜い!強調記号ができます!</strong>問題なし!</p>",
            ),
            (
                "これは**「重要」**です。",
                "<p>これは<strong>「重要」</strong>です。</p>",
            ),
            (
                "*「注意」*してください",
                "<p><em>「注意」</em>してください</p>",
            ),
            ("~~「古い情報」~~です", "<p><del>「古い情報」</del>です</p>"),
            // Re-pairing: plain CommonMark would pair the middle runs instead.
            (
                "**「a」**が**b**",
                "<p><strong>「a」</strong>が<strong>b</strong></p>",
            ),
            // Plain CommonMark behaviour is kept for Latin text.
            ("a **b** c", "<p>a <strong>b</strong> c</p>"),
            ("a**\"b\"**c", "<p>a**\"b\"**c</p>"),
            ("snake_case_name", "<p>snake_case_name</p>"),
            ("***both***", "<p><em><strong>both</strong></em></p>"),
            ("2 * 3 * 4", "<p>2 * 3 * 4</p>"),
            // Escapes stay literal.
            ("\\*\\*「x」\\*\\*が", "<p>**「x」**が</p>"),
            // Code spans are untouched.
            ("`**「x」**が`", "<p><code>**「x」**が</code></p>"),
            // Emphasis inside link text is paired inside the link.
            (
                "[**「相談」**窓口](/a)へ",
                "<p><a href=\"/a\"><strong>「相談」</strong>窓口</a>へ</p>",
            ),
            // Soft line breaks between Japanese characters disappear; between Latin words they stay.
            ("一行目の文が\n続きます", "<p>一行目の文が続きます</p>"),
            ("one\ntwo", "<p>one\ntwo</p>"),
        ];
        for (src, want) in cases {
            assert_eq!(&render(src), want, "source: {src}");
        }
    }

    #[test]
    fn cjk_ranges() {
        assert!(is_cjk('漢') && is_cjk('「') && is_cjk('か') && is_cjk('！'));
        assert!(!is_cjk('a') && !is_cjk('"') && !is_cjk('é'));
        assert!(is_punctuation('「') && is_punctuation('。') && is_punctuation('*'));
        assert!(!is_punctuation('漢'));
    }
}
