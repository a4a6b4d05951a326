//! Writing about suicide after the WHO media guidelines (2023) and the Japanese
//! 自殺報道ガイドライン: help information on the page itself, a number to call beside words of
//! acute distress, no methods or places, no sensational or normalising wording, no single
//! cause. The words are lists in `words.toml` that a project can extend.

use super::page::{Block, BlockKind};
use super::rule::{Family, Findings, Level, PageCtx, Rule, Run};
use crate::words::find;
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "suicide-help-missing",
        family: Family::SafeMessaging,
        level: Level::Error,
        explain: || t!("explain.suicide-help-missing"),
        run: Run::Page(help_missing),
    },
    Rule {
        id: "crisis-line-near",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.crisis-line-near"),
        run: Run::Page(crisis_line_near),
    },
    Rule {
        id: "suicide-method",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.suicide-method"),
        run: Run::Page(method),
    },
    Rule {
        id: "suicide-location",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.suicide-location"),
        run: Run::Page(location),
    },
    Rule {
        id: "suicide-sensational",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.suicide-sensational"),
        run: Run::Page(sensational),
    },
    Rule {
        id: "suicide-success-failure",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.suicide-success-failure"),
        run: Run::Page(success_failure),
    },
    Rule {
        id: "suicide-single-cause",
        family: Family::SafeMessaging,
        level: Level::Warning,
        explain: || t!("explain.suicide-single-cause"),
        run: Run::Page(single_cause),
    },
];

/// Shortcodes that put help on the page.
const HELP_SHORTCODES: &[&str] = &["windows", "national_lines", "crisis_line", "help_guide"];

/// Shortcodes that show numbers to call.
const NUMBER_SHORTCODES: &[&str] = &["crisis_line", "national_lines", "windows"];

/// The first mention of suicide on the page: (block index, offset in its text, word).
fn first_mention<'w>(cx: &PageCtx<'w>) -> Option<(usize, usize, &'w str)> {
    first_of(cx, &cx.words.suicide)
}

/// The first word of `list` on the page: (block index, offset in its text, word).
fn first_of<'w>(cx: &PageCtx<'w>, list: &'w [String]) -> Option<(usize, usize, &'w str)> {
    cx.text
        .blocks
        .iter()
        .enumerate()
        .find_map(|(n, b)| find(&b.text, list).map(|(i, w)| (n, i, w)))
}

fn help_missing(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    // Suicide, or self-harm: either way the page shows where to get help.
    let Some((n, i, word)) = first_mention(cx).or_else(|| first_of(cx, &cx.words.self_harm)) else {
        return;
    };
    let help_page = cx.site.config.help_page.as_str();
    let help_dir = help_page.trim_end_matches(crate::content::SECTION_FILE);
    let has_help = cx
        .text
        .shortcodes
        .iter()
        .any(|(name, _)| HELP_SHORTCODES.contains(&name.as_str()))
        || cx.page.key == help_page
        || cx.page.doc.links.iter().any(|l| {
            let path = l.path.trim_start_matches("./");
            path == help_page
                || (!help_dir.is_empty()
                    && path.trim_end_matches('/') == help_dir.trim_end_matches('/'))
                || path.ends_with(&format!("/{help_page}"))
        })
        // A national portal of help lines (まもろうよ こころ) is help on the page too.
        || cx
            .text
            .links
            .iter()
            .any(|l| cx.site.help_lines.is_portal_link(&l.dest));
    if !has_help {
        let b = &cx.text.blocks[n];
        out.at(
            b.source_offset(i),
            msg!("error.check-suicide-help-missing", word = word),
        );
    }
}

fn crisis_line_near(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let blocks = &cx.text.blocks;
    let crisis_at: Vec<usize> = cx
        .text
        .shortcodes
        .iter()
        .filter(|(name, _)| NUMBER_SHORTCODES.contains(&name.as_str()))
        .map(|(_, at)| *at)
        .collect();
    for (n, b) in blocks.iter().enumerate() {
        let Some((i, word)) = find(&b.text, &cx.words.crisis) else {
            continue;
        };
        // Near: in this block, the one before or the two after (a heading, its paragraph,
        // then the list of lines).
        let from = n.checked_sub(1).map_or(0, |p| blocks[p].start);
        let to = blocks.get(n + 3).map_or(usize::MAX, |next| next.start);
        if !crisis_at.iter().any(|at| (from..to).contains(at)) {
            out.at(
                b.source_offset(i),
                msg!("warning.check-crisis-line-near", word = word),
            );
        }
    }
}

/// Whether a block speaks of suicide (or is a heading of a page that does).
fn about_suicide(cx: &PageCtx<'_>, b: &Block) -> bool {
    find(&b.text, &cx.words.suicide).is_some()
        || (matches!(b.kind, BlockKind::Heading(_)) && first_mention(cx).is_some())
}

fn method(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if about_suicide(cx, b)
            && let Some((i, word)) = find(&b.text, &cx.words.methods)
        {
            out.at(
                b.source_offset(i),
                msg!("warning.check-suicide-method", word = word),
            );
        }
        // An overdose with a drug amount, in one sentence, whatever the page is about.
        for sentence in b.text.split_inclusive(['。', '！', '？']) {
            if let Some((i, word)) = find(sentence, &cx.words.overdose)
                && has_dose(sentence, &cx.words.doses)
            {
                let start = sentence.as_ptr() as usize - b.text.as_ptr() as usize;
                out.at(
                    b.source_offset(start + i),
                    msg!("warning.check-suicide-method", word = word),
                );
            }
        }
    }
}

/// Whether `sentence` gives an amount: a number followed by a unit of `doses`.
fn has_dose(sentence: &str, doses: &[String]) -> bool {
    doses.iter().any(|unit| {
        sentence.match_indices(unit.as_str()).any(|(i, _)| {
            sentence[..i].chars().next_back().is_some_and(|c| {
                c.is_ascii_digit() || ('０'..='９').contains(&c) || "十百千".contains(c)
            })
        })
    })
}

fn location(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if about_suicide(cx, b)
            && let Some((i, word)) = find(&b.text, &cx.words.locations)
        {
            out.at(
                b.source_offset(i),
                msg!("warning.check-suicide-location", word = word),
            );
        }
    }
}

fn sensational(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if first_mention(cx).is_none() && find(&cx.page.front.title, &cx.words.suicide).is_none() {
        return;
    }
    if let Some((_, word)) = find(&cx.page.front.title, &cx.words.sensational) {
        out.page(msg!("warning.check-suicide-sensational", word = word));
    }
    for b in &cx.text.blocks {
        if let BlockKind::Heading(_) = b.kind
            && let Some((i, word)) = find(&b.text, &cx.words.sensational)
        {
            out.at(
                b.source_offset(i),
                msg!("warning.check-suicide-sensational", word = word),
            );
        }
    }
}

fn success_failure(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if let Some((i, word)) = find(&b.text, &cx.words.success_failure) {
            out.at(
                b.source_offset(i),
                msg!("warning.check-suicide-success-failure", word = word),
            );
        }
    }
}

fn single_cause(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        if let Some((i, word)) = find(&b.text, &cx.words.single_cause) {
            out.at(
                b.source_offset(i),
                msg!("warning.check-suicide-single-cause", word = word),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn lines(id: &str, title: &str, body: &str) -> Vec<usize> {
        let front = format!("title = \"{title}\"\ndescription = \"d\"");
        super::super::testing::lines(id, &front, body)
    }

    #[test]
    fn a_page_about_suicide_shows_where_to_get_help() {
        assert_eq!(
            lines(
                "suicide-help-missing",
                "ページ",
                "本文\n\n自殺を考えるほどつらいときは。\n"
            ),
            [7]
        );
        assert!(
            lines(
                "suicide-help-missing",
                "ページ",
                "自殺を考えるほどつらいときは。\n\n{{ national_lines(topic=\"suicide\") }}\n"
            )
            .is_empty()
        );
        assert!(
            lines(
                "suicide-help-missing",
                "ページ",
                "自死について。[相談できるところ](@/consult/_index.md)\n"
            )
            .is_empty()
        );
        // Not about suicide: nothing to ask.
        assert!(lines("suicide-help-missing", "ページ", "眠れない夜の過ごし方。\n").is_empty());
        // Self-harm, and the kana forms of the words, ask for help as well.
        assert_eq!(
            lines(
                "suicide-help-missing",
                "ページ",
                "本文\n\nリストカットをしてしまう。\n"
            ),
            [7]
        );
        assert_eq!(
            lines(
                "suicide-help-missing",
                "ページ",
                "「しにたい」と言われたら。\n"
            ),
            [5]
        );
        assert!(lines("suicide-help-missing", "ページ", "GOOD な一日。\n").is_empty());
    }

    #[test]
    fn a_link_to_the_national_portal_of_help_is_help_on_the_page() {
        for link in [
            "https://www.mhlw.go.jp/mamorouyokokoro/",
            "https://www.mhlw.go.jp/mamorouyokokoro/soudan/sns/",
            "http://mhlw.go.jp/mamorouyokokoro",
        ] {
            let body = format!("自殺を考えるほどつらいときは。[まもろうよ こころ]({link})\n");
            assert!(
                lines("suicide-help-missing", "ページ", &body).is_empty(),
                "{link}"
            );
        }
        // Another page of the same ministry is not the portal.
        let other = "自殺を考えるほどつらいときは。[厚生労働省](https://www.mhlw.go.jp/mamorouyokokoro-old/)\n";
        assert_eq!(lines("suicide-help-missing", "ページ", other), [5]);
    }

    #[test]
    fn words_of_acute_distress_have_a_number_beside_them() {
        let far = "「死にたい」と打ち明けられたら。\n\n二段落目。\n\n三段落目。\n\n四段落目。\n\n{{ crisis_line() }}\n";
        assert_eq!(lines("crisis-line-near", "ページ", far), [5]);
        let near = "「死にたい」と打ち明けられたら、{{ crisis_line() }}を伝えます。\n";
        assert!(lines("crisis-line-near", "ページ", near).is_empty());
        let next = "## 「消えたい」と言われたら\n\n話を聴きます。\n\n{{ national_lines(topic=\"suicide\") }}\n";
        assert!(lines("crisis-line-near", "ページ", next).is_empty());
    }

    #[test]
    fn methods_and_places_are_not_described() {
        let body = "自殺の手段として練炭が使われることがあります。{{ crisis_line() }}\n";
        assert_eq!(lines("suicide-method", "ページ", body), [5]);
        // 「方法」 in 「相談方法」 is not a method; 練炭 on a page about fire safety is not either.
        assert!(
            lines(
                "suicide-method",
                "ページ",
                "自殺予防の相談方法を紹介します。{{ crisis_line() }}\n"
            )
            .is_empty()
        );
        assert!(
            lines(
                "suicide-method",
                "ページ",
                "練炭を使うときは換気をしてください。\n"
            )
            .is_empty()
        );
        // An overdose with an amount, on any page.
        assert_eq!(
            lines(
                "suicide-method",
                "ページ",
                "睡眠薬を100錠のむ過量服薬は危険です。\n"
            ),
            [5]
        );
        assert!(
            lines(
                "suicide-method",
                "ページ",
                "市販薬のオーバードーズが若者に広がっています。\n"
            )
            .is_empty()
        );
        assert_eq!(
            lines(
                "suicide-location",
                "ページ",
                "自殺の名所と呼ばれる場所。{{ crisis_line() }}\n"
            ),
            [5]
        );
        assert!(lines("suicide-location", "ページ", "駅の屋上からの眺め。\n").is_empty());
    }

    #[test]
    fn headings_are_not_sensational_and_there_is_no_single_cause() {
        assert_eq!(
            lines(
                "suicide-sensational",
                "若者の自殺が急増",
                "{{ crisis_line() }}\n"
            ),
            [1]
        );
        assert_eq!(
            lines(
                "suicide-sensational",
                "ページ",
                "自殺について。\n\n## 衝撃の実態\n"
            ),
            [7]
        );
        // 「自殺対策」 in a heading is fine; 急増 on a page that never mentions suicide is not ours.
        assert!(
            lines(
                "suicide-sensational",
                "ページ",
                "## 自殺対策の取り組み\n\n自殺対策を進めます。\n"
            )
            .is_empty()
        );
        assert!(lines("suicide-sensational", "ゲームの利用時間が急増", "本文。\n").is_empty());
        assert_eq!(
            lines("suicide-success-failure", "ページ", "自殺に失敗した人\n"),
            [5]
        );
        assert!(
            lines(
                "suicide-success-failure",
                "ページ",
                "自殺対策に成功した町\n"
            )
            .is_empty()
        );
        assert_eq!(
            lines("suicide-single-cause", "ページ", "いじめを苦に自殺した。\n"),
            [5]
        );
        assert!(
            lines(
                "suicide-single-cause",
                "ページ",
                "自殺の背景には、いくつもの原因が重なっています。\n"
            )
            .is_empty()
        );
    }
}
