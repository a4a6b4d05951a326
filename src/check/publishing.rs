//! What to finish before publishing: placeholders from `tsunagi new`, a contact for the
//! accessibility policy and invisible characters in a page's text (found by the build), a
//! description for every page, a recent
//! professional review on pages that give medical or legal facts, and titles a reader can tell
//! apart.

use std::collections::BTreeMap;

use super::rule::{Family, Findings, Level, PageCtx, Rule, Run, TownCtx};
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "placeholder-data",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.placeholder-data"),
        run: Run::Build,
    },
    Rule {
        id: "missing-contact",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.missing-contact"),
        run: Run::Build,
    },
    Rule {
        id: "invisible-character",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.invisible-character"),
        run: Run::Build,
    },
    Rule {
        id: "description-missing",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.description-missing"),
        run: Run::Page(description_missing),
    },
    Rule {
        id: "review-missing",
        family: Family::Publishing,
        level: Level::Error,
        explain: || t!("explain.review-missing"),
        run: Run::Page(review_missing),
    },
    Rule {
        id: "review-old",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.review-old"),
        run: Run::Page(review_old),
    },
    Rule {
        id: "duplicate-title",
        family: Family::Publishing,
        level: Level::Warning,
        explain: || t!("explain.duplicate-title"),
        run: Run::Town(duplicate_title),
    },
];

fn description_missing(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if cx
        .page
        .front
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        out.page(msg!("warning.check-description-missing"));
    }
}

/// The topics of the page that call for a review: all of them, or those of
/// `[check] reviewed_topics` when the project lists some.
fn reviewed_topics<'a>(cx: &'a PageCtx<'_>) -> Vec<&'a str> {
    let configured = cx.site.config.check.reviewed_topics.as_ref();
    cx.page
        .front
        .topics
        .iter()
        .map(String::as_str)
        .filter(|t| configured.is_none_or(|list| list.iter().any(|c| c == t)))
        .collect()
}

/// A page on a topic with no review record, with `--production`: no town publishes health text
/// nobody checked by accident. (Without it, the page itself says under its title that its text
/// has not been checked, and `check` stays quiet: the shipped starter text has no review.)
fn review_missing(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    if !cx.production {
        return;
    }
    let topics = reviewed_topics(cx);
    if !topics.is_empty() && cx.page.front.review.is_none() {
        out.page(msg!(
            "warning.check-review-missing",
            topics = topics.join(", ")
        ));
    }
}

fn review_old(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    let Some(review) = &cx.page.front.review else {
        return;
    };
    let date = review.date;
    let max = cx.site.config.check.reviewed_max_age_months.unwrap_or(24);
    let months = (cx.today.year - date.year) * 12 + cx.today.month as i32 - date.month as i32;
    if months > max as i32 {
        out.page(msg!(
            "warning.check-review-old",
            date = date,
            by = review.by,
            months = months,
            max = max
        ));
    }
}

fn duplicate_title(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    // Within one language: a page and its version in another may share a title.
    let mut seen: BTreeMap<(&str, &str), &std::path::Path> = BTreeMap::new();
    for page in cx.town.pages(&cx.site.shared).values() {
        let title = page.front.title.trim();
        match seen.get(&(page.language.as_str(), title)) {
            Some(first) => out.file(
                cx.front_location(page, "title"),
                msg!(
                    "warning.check-duplicate-title",
                    title = title,
                    other = first.display(),
                    slug = cx.town.municipality.slug
                ),
            ),
            None => {
                seen.insert((page.language.as_str(), title), &page.path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings_in, project};
    use super::*;

    fn count(id: &str, front: &str) -> usize {
        let front = format!("title = \"ページ\"\n{front}");
        super::super::testing::lines(id, &front, "本文。\n").len()
    }

    #[test]
    fn pages_have_a_description() {
        assert_eq!(count("description-missing", ""), 1);
        assert_eq!(count("description-missing", "description = \"説明\""), 0);
    }

    #[test]
    fn pages_on_a_topic_have_a_review_for_production_and_not_long_ago() {
        // The testing runs are --production.
        assert_eq!(
            count(
                "review-missing",
                "description = \"d\"\ntopics = [\"alcohol\"]"
            ),
            1
        );
        assert_eq!(
            count(
                "review-missing",
                "description = \"d\"\ntopics = [\"stress\"]\nreview = { date = 2026-04-01, by = \"保健師\" }"
            ),
            0
        );
        // A page on no topic (the home page, a page about the site) is not health text.
        assert_eq!(count("review-missing", "description = \"d\""), 0);
        // Tests run on 2026-11-28: 2024-10-01 is 25 months before.
        let review = |date: &str| {
            format!("description = \"d\"\nreview = {{ date = {date}, by = \"保健師\" }}")
        };
        assert_eq!(count("review-old", &review("2024-10-01")), 1);
        assert_eq!(count("review-old", &review("2025-04-01")), 0);
    }

    #[test]
    fn titles_differ_within_a_town() {
        let rule = RULES.iter().find(|r| r.id == "duplicate-title").unwrap();
        let page = "+++\ntitle = \"同じ題\"\ndescription = \"d\"\n+++\n本文。\n";
        let dir = project(&[("content/topic/a.md", page), ("content/topic/b.md", page)]);
        assert_eq!(findings_in(rule, dir.path()).len(), 1);
        let other = "+++\ntitle = \"別の題\"\ndescription = \"d\"\n+++\n本文。\n";
        let dir = project(&[("content/topic/a.md", page), ("content/topic/b.md", other)]);
        assert!(findings_in(rule, dir.path()).is_empty());
    }
}
