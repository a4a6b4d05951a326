//! Content a screen reader, a magnifier or a colour-blind reader can use (JIS X 8341-3 / WCAG
//! 1.1.1, 1.3.1, 1.4.1, 2.4.4, 2.4.6): what the theme cannot fix for the writer.

use super::page::BlockKind;
use super::rule::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "image-alt-missing",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.image-alt-missing"),
        run: Run::Page(image_alt_missing),
    },
    Rule {
        id: "image-alt-filename",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.image-alt-filename"),
        run: Run::Page(image_alt_filename),
    },
    Rule {
        id: "heading-skip",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.heading-skip"),
        run: Run::Page(heading_skip),
    },
    Rule {
        id: "heading-h1",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.heading-h1"),
        run: Run::Page(heading_h1),
    },
    Rule {
        id: "vague-link-text",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.vague-link-text"),
        run: Run::Page(vague_link_text),
    },
    Rule {
        id: "url-link-text",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.url-link-text"),
        run: Run::Page(url_link_text),
    },
    Rule {
        id: "table-no-header",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.table-no-header"),
        run: Run::Page(table_no_header),
    },
    Rule {
        id: "colour-only",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.colour-only"),
        run: Run::Page(colour_only),
    },
    Rule {
        id: "long-paragraph",
        family: Family::Accessibility,
        level: Level::Warning,
        explain: || t!("explain.long-paragraph"),
        run: Run::Page(long_paragraph),
    },
];

fn image_alt_missing(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for image in &cx.text.images {
        if image.alt.trim().is_empty() {
            out.at(
                image.at,
                msg!("warning.check-image-alt-missing", src = image.src),
            );
        }
    }
}

/// Image formats whose names are not a text alternative.
const IMAGE_EXTENSIONS: &[&str] = &[".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"];

/// Alternatives that only say that there is an image.
const NOT_ALTERNATIVES: &[&str] = &[
    "画像",
    "写真",
    "イラスト",
    "図",
    "image",
    "photo",
    "picture",
];

fn image_alt_filename(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for image in &cx.text.images {
        let alt = image.alt.trim();
        if alt.is_empty() {
            continue;
        }
        let file = image.src.rsplit('/').next().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let lower = alt.to_lowercase();
        if alt == file
            || alt == stem
            || IMAGE_EXTENSIONS.iter().any(|e| lower.ends_with(e))
            || NOT_ALTERNATIVES.contains(&lower.as_str())
        {
            out.at(
                image.at,
                msg!("warning.check-image-alt-filename", alt = alt),
            );
        }
    }
}

fn heading_skip(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    // The page title is the h1.
    let mut previous = 1;
    for b in &cx.text.blocks {
        if let BlockKind::Heading(level) = b.kind {
            if level > previous + 1 {
                out.at(
                    b.start,
                    msg!(
                        "warning.check-heading-skip",
                        from = previous,
                        to = level,
                        expected = previous + 1
                    ),
                );
            }
            previous = level;
        }
    }
}

fn heading_h1(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if b.kind == BlockKind::Heading(1) {
            out.at(
                b.start,
                msg!("warning.check-heading-h1", text = b.text.trim()),
            );
        }
    }
}

/// Link text without brackets, quotes and end punctuation, in lower case.
fn bare(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| "「」『』【】（）()[]。、.,!！→▶>".contains(c) || c.is_whitespace())
        .to_lowercase()
}

fn vague_link_text(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for link in &cx.text.links {
        let text = bare(&link.text);
        if cx
            .words
            .vague_links
            .iter()
            .any(|w| w.to_lowercase() == text)
        {
            out.at(
                link.at,
                msg!("warning.check-vague-link-text", text = link.text.trim()),
            );
        }
    }
}

fn url_link_text(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for link in &cx.text.links {
        let text = link.text.trim();
        if text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.") {
            out.at(link.at, msg!("warning.check-url-link-text", text = text));
        }
    }
}

fn table_no_header(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for (at, has_header) in &cx.text.tables {
        if !has_header {
            out.at(*at, msg!("warning.check-table-no-header"));
        }
    }
    for (html, at) in &cx.text.html {
        let lower = html.to_lowercase();
        if lower.contains("<table") && !lower.contains("<th") {
            out.at(*at, msg!("warning.check-table-no-header"));
        }
    }
}

fn colour_only(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if let Some((i, word)) = crate::words::find(&b.text, &cx.words.colours) {
            out.at(
                b.source_offset(i),
                msg!("warning.check-colour-only", word = word),
            );
        }
    }
}

fn long_paragraph(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let limit = super::readability::limits(cx).paragraph;
    for b in &cx.text.blocks {
        if b.kind != BlockKind::Paragraph {
            continue;
        }
        let length = super::readability::letters(&b.text);
        if length > limit {
            out.at(
                b.start,
                msg!(
                    "warning.check-long-paragraph",
                    length = length,
                    limit = limit
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn lines(id: &str, body: &str) -> Vec<usize> {
        super::super::testing::lines(id, "title = \"ページ\"\ndescription = \"d\"", body)
    }

    #[test]
    fn images_need_a_text_alternative_that_is_not_a_file_name() {
        let body = "本文\n\n![](a.png)\n\n![a.png](a.png)\n\n![相談の流れを示す図](a.png)\n";
        assert_eq!(lines("image-alt-missing", body), [7]);
        assert_eq!(lines("image-alt-filename", body), [9]);
        // 「図」 inside a real description is fine.
        assert!(lines("image-alt-filename", "![相談の流れの図](flow.png)\n").is_empty());
    }

    #[test]
    fn headings_go_down_one_level_at_a_time_and_the_title_is_the_only_h1() {
        assert_eq!(lines("heading-skip", "## 二\n\n#### 四\n\n### 三\n"), [7]);
        assert!(lines("heading-skip", "## 二\n\n### 三\n\n## 二\n").is_empty());
        assert_eq!(lines("heading-h1", "# 大見出し\n\n## 二\n"), [5]);
        assert!(lines("heading-h1", "## 二\n").is_empty());
    }

    #[test]
    fn link_texts_say_where_they_go() {
        assert_eq!(
            lines(
                "vague-link-text",
                "詳しくは[こちら](@/consult/_index.md)。\n"
            ),
            [5]
        );
        assert_eq!(
            lines(
                "vague-link-text",
                "[詳しくはこちら。](@/consult/_index.md)\n"
            ),
            [5]
        );
        // A text that names the place, even with こちら in it, is fine.
        assert!(
            lines(
                "vague-link-text",
                "[こちらの相談窓口の一覧](@/consult/_index.md)\n"
            )
            .is_empty()
        );
        assert_eq!(
            lines(
                "url-link-text",
                "[https://www.mhlw.go.jp/](https://www.mhlw.go.jp/)\n"
            ),
            [5]
        );
        assert!(
            lines(
                "url-link-text",
                "[厚生労働省のページ](https://www.mhlw.go.jp/)\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn tables_have_headers_and_colour_is_not_the_only_sign() {
        assert_eq!(
            lines("table-no-header", "| | |\n|---|---|\n| a | b |\n"),
            [5]
        );
        assert!(lines("table-no-header", "| 名前 | 電話 |\n|---|---|\n| a | b |\n").is_empty());
        assert_eq!(
            lines("colour-only", "本文\n\n赤字の部分を読んでください。\n"),
            [7]
        );
        // A colour named for itself is fine.
        assert!(lines("colour-only", "赤い羽根共同募金のお知らせです。\n").is_empty());
    }

    #[test]
    fn paragraphs_stay_short_enough_to_read() {
        let long = "これは長い段落の文です。".repeat(40);
        assert_eq!(lines("long-paragraph", &format!("{long}\n")), [5]);
        assert!(
            lines(
                "long-paragraph",
                "短い段落です。\n\nもう一つの短い段落です。\n"
            )
            .is_empty()
        );
    }
}
