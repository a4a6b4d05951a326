//! Text its readers can read: sentence length and kanji for the page's audience (defaults after
//! the やさしい日本語 guidance — short sentences, limited kanji — stricter for pupils), and for
//! pupils, kanji above their grade that will get no ruby; on pages with furigana, the readings a
//! person should confirm.

use super::page::BlockKind;
use super::rule::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::furigana::{Level as Furigana, kanji};
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "sentence-too-long",
        family: Family::Readability,
        level: Level::Warning,
        explain: || t!("explain.sentence-too-long"),
        run: Run::Page(sentence_too_long),
    },
    Rule {
        id: "sentence-average",
        family: Family::Readability,
        level: Level::Warning,
        explain: || t!("explain.sentence-average"),
        run: Run::Page(sentence_average),
    },
    Rule {
        id: "kanji-ratio",
        family: Family::Readability,
        level: Level::Warning,
        explain: || t!("explain.kanji-ratio"),
        run: Run::Page(kanji_ratio),
    },
    Rule {
        id: "kanji-above-grade",
        family: Family::Readability,
        level: Level::Warning,
        explain: || t!("explain.kanji-above-grade"),
        run: Run::Page(kanji_above_grade),
    },
    Rule {
        id: "furigana-uncertain",
        family: Family::Readability,
        level: Level::Note,
        explain: || t!("explain.furigana-uncertain"),
        run: Run::Page(furigana_uncertain),
    },
];

/// The limits for one audience.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Limits {
    pub longest_sentence: usize,
    pub average_sentence: usize,
    pub kanji_ratio: f64,
    pub paragraph: usize,
}

/// Defaults: general readers (and families) — sentences up to 100 characters, 50 on average,
/// kanji at most 40 % of the letters, paragraphs up to 300 characters; pupils — 60, 35, 30 %,
/// 200; professionals — 150, 70, 50 %, 500.
fn default_limits(audience: &str) -> Limits {
    match audience {
        "school" => Limits {
            longest_sentence: 60,
            average_sentence: 35,
            kanji_ratio: 0.30,
            paragraph: 200,
        },
        "professional" => Limits {
            longest_sentence: 150,
            average_sentence: 70,
            kanji_ratio: 0.50,
            paragraph: 500,
        },
        _ => Limits {
            longest_sentence: 100,
            average_sentence: 50,
            kanji_ratio: 0.40,
            paragraph: 300,
        },
    }
}

/// The limits for the page's audience, with `[check.audience.<name>]` over the defaults.
pub(super) fn limits(cx: &PageCtx<'_>) -> Limits {
    let audience = cx
        .page
        .front
        .audience
        .map(crate::data::audience::PageAudience::key)
        .unwrap_or("general");
    let mut l = default_limits(audience);
    if let Some(set) = cx.site.config.check.audience.get(audience) {
        l.longest_sentence = set.longest_sentence.unwrap_or(l.longest_sentence);
        l.average_sentence = set.average_sentence.unwrap_or(l.average_sentence);
        l.kanji_ratio = set.kanji_ratio.unwrap_or(l.kanji_ratio);
        l.paragraph = set.paragraph.unwrap_or(l.paragraph);
    }
    l
}

/// Characters a reader reads (not spaces, not where a shortcode was).
pub(super) fn letters(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != super::page::MARK)
        .count()
}

/// The sentences of the page's paragraphs and list items: (block, byte range in its text).
fn sentences<'a>(cx: &'a PageCtx<'_>) -> Vec<(&'a super::page::Block, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for b in &cx.text.blocks {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Item) {
            continue;
        }
        let mut start = 0;
        for (i, c) in b.text.char_indices() {
            if matches!(c, '。' | '！' | '？' | '!' | '?') {
                out.push((b, start..i + c.len_utf8()));
                start = i + c.len_utf8();
            }
        }
        if letters(&b.text[start..]) > 0 {
            out.push((b, start..b.text.len()));
        }
    }
    out
}

fn sentence_too_long(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let limit = limits(cx).longest_sentence;
    for (block, range) in sentences(cx) {
        let length = letters(&block.text[range.clone()]);
        if length > limit {
            let skip =
                block.text[range.clone()].len() - block.text[range.clone()].trim_start().len();
            out.at(
                block.source_offset(range.start + skip),
                msg!(
                    "warning.check-sentence-too-long",
                    length = length,
                    limit = limit
                ),
            );
        }
    }
}

fn sentence_average(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let list = sentences(cx);
    // A page of one or two sentences has no meaningful average.
    if list.len() < 3 {
        return;
    }
    let total: usize = list.iter().map(|(b, r)| letters(&b.text[r.clone()])).sum();
    let average = total / list.len();
    let limit = limits(cx).average_sentence;
    if average > limit {
        out.page(msg!(
            "warning.check-sentence-average",
            average = average,
            count = list.len(),
            limit = limit
        ));
    }
}

fn kanji_ratio(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let (mut kanji, mut all) = (0usize, 0usize);
    for b in &cx.text.blocks {
        for c in b.text.chars().filter(|c| is_japanese_letter(*c)) {
            all += 1;
            kanji += usize::from(kanji::is_kanji(c));
        }
    }
    // Too little text for a ratio to mean anything.
    if all < 200 {
        return;
    }
    let ratio = kanji as f64 / all as f64;
    let limit = limits(cx).kanji_ratio;
    if ratio > limit {
        out.page(msg!(
            "warning.check-kanji-ratio",
            percent = format!("{:.0}", ratio * 100.0),
            limit = format!("{:.0}", limit * 100.0)
        ));
    }
}

/// Kanji, kana and the long-vowel mark: the letters a kanji ratio is taken over.
fn is_japanese_letter(c: char) -> bool {
    kanji::is_kanji(c) || crate::kana::in_kana_blocks(c)
}

/// The furigana a page gets, as the render stage decides it: its own setting, else pupils'
/// grade, else its sections', else the site's (a municipality may differ; the site's is taken).
pub(super) fn furigana_of(cx: &PageCtx<'_>) -> Furigana {
    let own = |p: &crate::analyze::Page| {
        p.front.furigana.or_else(|| {
            (p.front.audience == Some(crate::data::audience::PageAudience::School))
                .then_some(Furigana::Grade(cx.site.config.school_grade))
        })
    };
    if let Some(l) = own(cx.page) {
        return l;
    }
    let languages = &cx.site.config.languages;
    let mut parent = languages.parent_section(&cx.page.key);
    while let Some(p) = parent {
        if let Some(l) = cx.site.shared.get(&p).and_then(own) {
            return l;
        }
        parent = languages.parent_section(&p);
    }
    languages
        .of_key(&cx.page.key)
        .furigana
        .unwrap_or(cx.site.config.furigana)
}

fn kanji_above_grade(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if cx.page.front.audience != Some(crate::data::audience::PageAudience::School) {
        return;
    }
    let grade = cx.site.config.school_grade;
    let level = furigana_of(cx);
    // Whether automatic ruby covers a kanji of `g` (None: not taught in primary school).
    let covered = |g: Option<u8>| match level {
        Furigana::All => true,
        Furigana::None => false,
        Furigana::Grade(n) | Furigana::GradeWords(n) => g.is_none_or(|g| g > n),
        Furigana::Joyo => g.is_none(),
    };
    // Each kanji once, where it first appears.
    let mut seen = std::collections::BTreeSet::new();
    for b in &cx.text.blocks {
        for (i, c) in b.text.char_indices() {
            if !kanji::is_kanji(c) || seen.contains(&c) {
                continue;
            }
            let g = kanji::grade(c);
            if g.is_some_and(|g| g <= grade) || covered(g) {
                continue;
            }
            let at = b.source_offset(i);
            if cx.text.ruby.iter().any(|r| r.contains(&at)) {
                continue;
            }
            seen.insert(c);
            out.at(
                at,
                msg!(
                    "warning.check-kanji-above-grade",
                    kanji = c,
                    grade = grade,
                    setting = level.to_string()
                ),
            );
        }
    }
}

/// Each automatic reading on a page with furigana that may be wrong (see
/// [`crate::furigana::confidence`]), where it is, with the other readings: read as each
/// municipality that publishes the page reads it (its lexicon), once per place. Readings the
/// author wrote ({漢字|かんじ}) and words of a lexicon are certain.
fn furigana_uncertain(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    use crate::furigana::{AnalysisCache, Annotator};
    let level = furigana_of(cx);
    if level == Furigana::None {
        return;
    }
    let own = crate::files::municipality_of(&cx.page.path);
    let cache = std::sync::Arc::new(AnalysisCache::default());
    let annotators: Vec<Annotator> = cx
        .site
        .towns
        .iter()
        .filter(|t| {
            own.as_deref()
                .is_none_or(|slug| t.municipality.slug == slug)
        })
        .map(|t| Annotator::with_cache(t.lexicon.clone(), std::sync::Arc::clone(&cache)))
        .collect();
    for b in &cx.text.blocks {
        // Byte offset in the block → the word, the first town's where they differ.
        let mut found = std::collections::BTreeMap::new();
        for a in &annotators {
            for (at, w) in a.uncertain(&b.text, level) {
                found.entry(at).or_insert(w);
            }
        }
        for (i, w) in found {
            let (Some(reading), Some(doubt)) = (w.reading, w.doubt) else {
                continue;
            };
            let word = w.surface;
            let at = b.source_offset(i);
            if cx.text.ruby.iter().any(|r| r.contains(&at)) {
                continue;
            }
            let others = if doubt.others.is_empty() {
                t!("ui.doubt-no-others").into_string()
            } else {
                doubt.others.join("・")
            };
            out.at(
                at,
                msg!(
                    "note.check-furigana-uncertain",
                    word = word,
                    reading = reading,
                    others = others,
                    markup =
                        crate::furigana::to_markup(&crate::furigana::align::align(&word, &reading)),
                    why = doubt.reason.explain()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn lines(id: &str, front: &str, body: &str) -> Vec<usize> {
        let front = format!("title = \"ページ\"\ndescription = \"d\"\n{front}");
        super::super::testing::lines(id, &front, body)
    }

    #[test]
    fn long_sentences_are_found_where_they_start() {
        let long = format!("{}。", "とても長い文".repeat(20));
        assert_eq!(
            lines("sentence-too-long", "", &format!("短い文です。{long}\n")),
            [6]
        );
        // Pupils' limit is lower: the same 60-letter sentence is fine for adults.
        let sixty = format!("{}。", "あいうえおかきくけこ".repeat(7));
        assert!(lines("sentence-too-long", "", &format!("{sixty}\n")).is_empty());
        assert_eq!(
            lines(
                "sentence-too-long",
                "audience = \"school\"",
                &format!("{sixty}\n")
            ),
            [6]
        );
    }

    #[test]
    fn the_average_and_the_kanji_ratio_are_per_page() {
        let long = format!("{}。", "ながいぶんをかいています".repeat(6));
        assert_eq!(
            lines("sentence-average", "", &format!("{long}{long}{long}\n")),
            [1]
        );
        assert!(lines("sentence-average", "", "短い。文です。三つ目。\n").is_empty());
        let heavy = "精神保健福祉相談窓口案内。".repeat(20);
        assert_eq!(lines("kanji-ratio", "", &format!("{heavy}\n")), [1]);
        let light = "こころがつかれたときは、だれかにはなしてみましょう。".repeat(10);
        assert!(lines("kanji-ratio", "", &format!("{light}\n")).is_empty());
    }

    #[test]
    fn pupils_pages_name_each_kanji_above_their_grade_without_ruby() {
        // Grade 3 (the default school grade); 憂 is not taught in primary school, 相 is grade 3.
        let found = lines(
            "kanji-above-grade",
            "audience = \"school\"\nfurigana = \"none\"",
            "憂うつな時は相談。\n",
        );
        assert_eq!(found, [7]);
        // With the school setting, ruby covers it; explicit ruby covers it too.
        assert!(
            lines(
                "kanji-above-grade",
                "audience = \"school\"",
                "憂うつな時は相談。\n"
            )
            .is_empty()
        );
        assert!(
            lines(
                "kanji-above-grade",
                "audience = \"school\"\nfurigana = \"none\"",
                "{憂|ゆう}うつな時は相談。\n"
            )
            .is_empty()
        );
        // Not a pupils' page: nothing to say.
        assert!(
            lines(
                "kanji-above-grade",
                "furigana = \"none\"",
                "憂うつな時は相談。\n"
            )
            .is_empty()
        );
    }
}
