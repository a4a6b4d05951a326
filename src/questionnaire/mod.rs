//! Self-check questionnaires (セルフチェック): items, answer choices with points, scales, bands
//! with what each result says, and where the wording, cut-offs and licence come from — written
//! as TOML and validated here. Readers' answers are scored on the page by `js/questionnaire.js`,
//! from the points and bands this module works out; [`Questionnaire::score`] and
//! [`Questionnaire::bands_for`] are the same scoring in Rust, which the tests hold to the
//! published cut-offs (and the browser tests hold the script to).
//!
//! tsunagi ships the instruments whose use on a public site is clearly allowed ([`BUNDLED`]); a
//! project adds its own as `questionnaires/<id>.toml` (read by `load`, checked here). A page shows one with the shortcode
//! `{{ questionnaire(id="k6") }}`.
//!
//! Scoring: every scored item adds the points of the chosen answer to the scale `total` and to
//! the scales it names (`scales = ["…"]`); a `reverse` item counts its choices the other way
//! round (highest points for the lowest). A band covers `min..=max` of one scale, optionally only
//! when an unscored item has a given answer (`when`, e.g. cut-offs that differ by sex); the bands
//! of a scale must cover every score it can reach exactly once.
//!
//! Languages: the file is written in Japanese; `[lang.<code>]` (`[lang.easy]`, `[lang.en]`) gives
//! the texts for a page in another language — title, period, intro, the source's sentences,
//! items, choices, scales, and each band's title and text — and whatever it leaves out stays
//! the Japanese. A language's bands name the file's own bands by scale, range and condition:
//! they carry texts, never cut-offs. [`Questionnaire::texts`] picks the texts for a page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostics, Error, Result};
use crate::messages::Text;
use crate::toml_input::{self, locate};
use crate::{msg, t};

/// The folder, under the project root, of the project's own questionnaires.
pub(crate) const QUESTIONNAIRES_DIR: &str = "questionnaires";

/// The scale every scored item counts towards.
pub(crate) const TOTAL: &str = "total";

/// The instruments shipped with tsunagi: (id, TOML).
pub(crate) const BUNDLED: &[(&str, &str)] = &[("k6", include_str!("k6.toml"))];

/// Where the wording, the cut-offs and the right to use them come from; shown on the page.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The instrument's publications.
    pub citation: String,
    /// Where the Japanese wording comes from.
    pub wording: String,
    /// Where the cut-offs of the bands come from.
    pub cutoffs: String,
    /// A page where the wording or cut-offs can be checked again.
    #[serde(default)]
    pub url: String,
    /// On what terms the instrument may be published.
    pub licence: String,
    /// A copyright line the licence asks to show.
    #[serde(default)]
    pub copyright: String,
}

/// An answer choice of an item.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Identifier, unique within the item.
    pub id: String,
    /// What the reader sees.
    pub label: String,
    /// Points as the instrument gives them (before `reverse`).
    #[serde(default)]
    pub points: u32,
}

/// A question.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique within the questionnaire.
    pub id: String,
    /// The question as the source words it.
    pub text: String,
    /// A note under the question (what a unit means…).
    #[serde(default)]
    pub note: String,
    /// Its own choices; empty means the questionnaire's `choices`.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Whether its answer adds points (false for a question that only picks cut-offs).
    #[serde(default = "yes")]
    pub scored: bool,
    /// Whether its choices count the other way round.
    #[serde(default)]
    pub reverse: bool,
    /// Subscales it also counts towards, besides `total`.
    #[serde(default)]
    pub scales: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A subscale.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Identifier, referred to by items and bands.
    pub id: String,
    /// Its name on the page.
    pub title: String,
}

/// A condition of a band: an unscored item's answer.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// The item.
    pub item: String,
    /// Its answer.
    pub choice: String,
}

/// A range of scores of one scale, and what the reader is told for it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The scale it reads.
    #[serde(default = "total")]
    pub scale: String,
    /// Lowest score in the band.
    pub min: u32,
    /// Highest score in the band.
    pub max: u32,
    /// The result in a few words.
    pub title: String,
    /// What the result means and what to do.
    pub text: String,
    /// High distress: the result shows the crisis lines first.
    #[serde(default)]
    pub crisis: bool,
    /// Topics whose windows of the town the result itself lists (the questionnaire's help at
    /// the end lists those of its own topics either way).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Only when an unscored item has this answer.
    #[serde(default)]
    pub when: Option<When>,
}

fn total() -> String {
    TOTAL.to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    #[serde(default)]
    topics: Vec<String>,
    period: String,
    #[serde(default)]
    intro: String,
    source: Source,
    #[serde(default)]
    choices: Vec<Choice>,
    #[serde(default)]
    scales: Vec<Scale>,
    #[serde(default)]
    items: Vec<Item>,
    #[serde(default)]
    bands: Vec<Band>,
    #[serde(default)]
    lang: BTreeMap<String, Translation>,
}

/// The sentences of [`Source`] in another language; an empty one stays the Japanese.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceText {
    /// Where the wording comes from.
    #[serde(default)]
    pub wording: String,
    /// Where the cut-offs of the bands come from.
    #[serde(default)]
    pub cutoffs: String,
    /// On what terms the instrument may be published.
    #[serde(default)]
    pub licence: String,
}

/// The texts of one band in another language: the band is named by its scale, range and
/// condition, which must be those of a band of the file.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BandText {
    /// The scale of the band.
    #[serde(default = "total")]
    pub scale: String,
    /// Its lowest score.
    pub min: u32,
    /// Its highest score.
    pub max: u32,
    /// Its condition, if it has one.
    #[serde(default)]
    pub when: Option<When>,
    /// The result in a few words.
    #[serde(default)]
    pub title: String,
    /// What the result means and what to do.
    #[serde(default)]
    pub text: String,
}

/// A questionnaire's texts in another language (`[lang.<code>]`): what it gives replaces the
/// Japanese, what it leaves out (or leaves empty) stays the Japanese.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// Title on the page.
    #[serde(default)]
    pub title: String,
    /// The period asked about.
    #[serde(default)]
    pub period: String,
    /// A sentence before the questions.
    #[serde(default)]
    pub intro: String,
    /// The source's sentences (the citation, address and copyright line stay as they are).
    #[serde(default)]
    pub source: SourceText,
    /// Questions: item id → text.
    #[serde(default)]
    pub items: BTreeMap<String, String>,
    /// Notes under questions: item id → note.
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// Answer choices: choice id → label, for every item with a choice of that id.
    #[serde(default)]
    pub choices: BTreeMap<String, String>,
    /// Subscales: scale id → name.
    #[serde(default)]
    pub scales: BTreeMap<String, String>,
    /// The bands' texts.
    #[serde(default)]
    pub bands: Vec<BandText>,
}

/// A validated questionnaire.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Questionnaire {
    /// Identifier: the file name without `.toml`.
    pub id: String,
    /// Title on the page.
    pub title: String,
    /// Topics whose windows and national lines the page ends with.
    pub topics: Vec<String>,
    /// The period asked about (過去1か月間, この1年間…).
    pub period: String,
    /// A sentence before the questions.
    pub intro: String,
    /// Questions, each with its choices filled in.
    pub items: Vec<Item>,
    /// Scales: `total` first, then the subscales.
    pub scales: Vec<Scale>,
    /// Bands, sorted by scale, condition and score.
    pub bands: Vec<Band>,
    /// Where it comes from.
    pub source: Source,
    /// Its texts in other languages: language code → texts.
    pub languages: BTreeMap<String, Translation>,
    /// The file it was read from (a bundled one: `<tsunagi>/<id>.toml`), for messages.
    #[serde(skip)]
    pub path: PathBuf,
}

/// Scores by scale, for a full set of answers.
pub(crate) type Scores = BTreeMap<String, u32>;

impl Item {
    /// The points `choice` adds, `reverse` applied.
    pub fn points(&self, choice: &Choice) -> u32 {
        if !self.scored {
            return 0;
        }
        if self.reverse {
            let (lo, hi) = self.range();
            lo + hi - choice.points
        } else {
            choice.points
        }
    }

    /// Lowest and highest points of its choices.
    fn range(&self) -> (u32, u32) {
        let points = self.choices.iter().map(|c| c.points);
        (points.clone().min().unwrap_or(0), points.max().unwrap_or(0))
    }

    /// Whether it counts towards `scale`.
    pub fn counts_towards(&self, scale: &str) -> bool {
        self.scored && (scale == TOTAL || self.scales.iter().any(|s| s == scale))
    }
}

impl Questionnaire {
    /// Parses and checks `text`, the questionnaire `id` read from `path`; every problem is
    /// reported at its field. `topics` are the project's topic slugs.
    pub fn parse(id: &str, text: &str, path: &Path, topics: &[&str]) -> Result<Questionnaire> {
        let raw: Raw = toml_input::parse(text, path, 1)?;
        let positions = toml_input::field_positions(text);
        let at = |field: &str| locate(&positions, path, field);
        // Every mistake is collected, in the order of the file, and reported at its field.
        let mut wrong = Problems::default();
        check_header(id, &raw, topics, &mut wrong);
        let scales = scales_of(&raw, &mut wrong);
        let items = items_of(&raw, &scales, &mut wrong);
        check_bands(&raw, &items, &scales, topics, &mut wrong);
        check_languages(&raw, &items, &scales, &mut wrong);
        let mut diags = Diagnostics::new();
        for (field, message) in wrong.0 {
            diags.record(Error::input(
                at(&field),
                msg!("error.questionnaire-field", field = field, why = message),
            ));
        }
        diags.finish(())?;
        let mut bands = raw.bands.clone();
        if let Some((field, problem)) = coverage_problem(&items, &scales, &bands) {
            return Err(Error::input(
                at(&field),
                msg!("error.questionnaire-field", field = field, why = problem),
            ));
        }
        bands.sort_by(|a, b| {
            let rank = |s: &str| scales.iter().position(|k| k.id == s);
            (rank(&a.scale), &a.when, a.min).cmp(&(rank(&b.scale), &b.when, b.min))
        });
        Ok(Questionnaire {
            id: id.to_string(),
            title: raw.title,
            topics: raw.topics,
            period: raw.period,
            intro: raw.intro,
            items,
            scales,
            bands,
            source: raw.source,
            languages: raw.lang,
            path: path.to_path_buf(),
        })
    }

    /// Its texts for a page in the language `lang` (a language code: `ja`, `easy`, `en`…):
    /// those of `[lang.<code>]`, the Japanese where it has none.
    pub fn texts(&self, lang: &str) -> Texts<'_> {
        let translation = self.languages.get(lang);
        let pick = |own: &str, theirs: Option<&str>| -> String {
            theirs
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(own)
                .to_string()
        };
        let source = Source {
            wording: pick(
                &self.source.wording,
                translation.map(|t| t.source.wording.as_str()),
            ),
            cutoffs: pick(
                &self.source.cutoffs,
                translation.map(|t| t.source.cutoffs.as_str()),
            ),
            licence: pick(
                &self.source.licence,
                translation.map(|t| t.source.licence.as_str()),
            ),
            ..self.source.clone()
        };
        Texts {
            q: self,
            translation,
            source,
        }
    }

    /// Lowest and highest score `scale` can reach.
    pub fn range(&self, scale: &str) -> (u32, u32) {
        range_of(&self.items, scale)
    }

    /// The scores of a full set of answers (item id → choice id); the items not answered (or
    /// answered with an unknown choice) when some are missing.
    pub fn score(&self, answers: &BTreeMap<&str, &str>) -> std::result::Result<Scores, Vec<&str>> {
        let mut missing = Vec::new();
        let mut scores: Scores = self.scales.iter().map(|s| (s.id.clone(), 0)).collect();
        for item in &self.items {
            let chosen = answers
                .get(item.id.as_str())
                .and_then(|a| item.choices.iter().find(|c| c.id == *a));
            let Some(choice) = chosen else {
                missing.push(item.id.as_str());
                continue;
            };
            for (scale, score) in scores.iter_mut() {
                if item.counts_towards(scale) {
                    *score += item.points(choice);
                }
            }
        }
        if missing.is_empty() {
            Ok(scores)
        } else {
            Err(missing)
        }
    }

    /// The band of each scale that has bands, for a full set of answers.
    pub fn bands_for(
        &self,
        answers: &BTreeMap<&str, &str>,
    ) -> std::result::Result<Vec<(&Band, u32)>, Vec<&str>> {
        let scores = self.score(answers)?;
        Ok(self
            .bands
            .iter()
            .filter(|b| {
                let score = scores.get(&b.scale).copied().unwrap_or(0);
                (b.min..=b.max).contains(&score)
                    && b.when
                        .as_ref()
                        .is_none_or(|w| answers.get(w.item.as_str()) == Some(&w.choice.as_str()))
            })
            .map(|b| (b, scores.get(&b.scale).copied().unwrap_or(0)))
            .collect())
    }
}

/// A questionnaire's texts for a page in one language ([`Questionnaire::texts`]): each the
/// language's own, else the Japanese.
#[derive(Debug, Clone)]
pub struct Texts<'a> {
    q: &'a Questionnaire,
    translation: Option<&'a Translation>,
    source: Source,
}

impl<'a> Texts<'a> {
    /// `theirs` when the language gives it (not empty), else `own`.
    fn or(own: &'a str, theirs: Option<&'a String>) -> &'a str {
        theirs
            .map(String::as_str)
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(own)
    }

    /// The title.
    pub fn title(&self) -> &'a str {
        Texts::or(&self.q.title, self.translation.map(|t| &t.title))
    }

    /// The period asked about.
    pub fn period(&self) -> &'a str {
        Texts::or(&self.q.period, self.translation.map(|t| &t.period))
    }

    /// The sentence before the questions.
    pub fn intro(&self) -> &'a str {
        Texts::or(&self.q.intro, self.translation.map(|t| &t.intro))
    }

    /// The question `item` asks.
    pub fn item(&self, item: &'a Item) -> &'a str {
        Texts::or(
            &item.text,
            self.translation.and_then(|t| t.items.get(&item.id)),
        )
    }

    /// The note under `item`.
    pub fn note(&self, item: &'a Item) -> &'a str {
        Texts::or(
            &item.note,
            self.translation.and_then(|t| t.notes.get(&item.id)),
        )
    }

    /// The label of `choice`.
    pub fn choice(&self, choice: &'a Choice) -> &'a str {
        Texts::or(
            &choice.label,
            self.translation.and_then(|t| t.choices.get(&choice.id)),
        )
    }

    /// The name of `scale`.
    pub fn scale(&self, scale: &'a Scale) -> &'a str {
        Texts::or(
            &scale.title,
            self.translation.and_then(|t| t.scales.get(&scale.id)),
        )
    }

    /// The texts of the language's band that names `band`, if it has one.
    fn band_entry(&self, band: &Band) -> Option<&'a BandText> {
        self.translation?.bands.iter().find(|t| names_band(t, band))
    }

    /// The title of `band`.
    pub fn band_title(&self, band: &'a Band) -> &'a str {
        Texts::or(&band.title, self.band_entry(band).map(|t| &t.title))
    }

    /// What `band` tells the reader.
    pub fn band_text(&self, band: &'a Band) -> &'a str {
        Texts::or(&band.text, self.band_entry(band).map(|t| &t.text))
    }

    /// Where it comes from, its sentences in the language.
    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// Whether the language's `text` names `band`: the same scale, range and condition.
fn names_band(text: &BandText, band: &Band) -> bool {
    text.scale == band.scale
        && text.min == band.min
        && text.max == band.max
        && text.when == band.when
}

/// Lowest and highest score of `scale` over `items`.
fn range_of(items: &[Item], scale: &str) -> (u32, u32) {
    items
        .iter()
        .filter(|i| i.counts_towards(scale))
        .fold((0, 0), |(lo, hi), i| {
            let (a, b) = i.range();
            (lo + a, hi + b)
        })
}

/// The first way `bands` fail to cover each reachable score of their scale exactly once — per
/// scale, and per answer of the item a scale's bands depend on (`when`) — as the field to fix
/// (`bands[2].min`) and what is wrong.
fn coverage_problem(items: &[Item], scales: &[Scale], bands: &[Band]) -> Option<(String, Text)> {
    for scale in scales {
        let mut of_scale: Vec<(usize, &Band)> = bands
            .iter()
            .enumerate()
            .filter(|(_, b)| b.scale == scale.id)
            .collect();
        of_scale.sort_by_key(|(_, b)| b.min);
        let Some(&(first, _)) = of_scale.first() else {
            continue;
        };
        let (lo, hi) = range_of(items, &scale.id);
        // The conditions: none, or each answer of the one item the bands depend on.
        let item = of_scale
            .iter()
            .find_map(|(_, b)| b.when.as_ref())
            .map(|w| &w.item);
        if let Some(&(i, _)) = of_scale
            .iter()
            .find(|(_, b)| b.when.as_ref().map(|w| &w.item) != item)
        {
            return Some((
                format!("bands[{i}]"),
                t!("part.questionnaire-when-mixed", scale = &scale.id),
            ));
        }
        let conditions: Vec<Option<When>> =
            match item.and_then(|id| items.iter().find(|i| &i.id == id)) {
                None => vec![None],
                Some(item) => item
                    .choices
                    .iter()
                    .map(|c| {
                        Some(When {
                            item: item.id.clone(),
                            choice: c.id.clone(),
                        })
                    })
                    .collect(),
            };
        for condition in conditions {
            let gap = |field: String, score: u32| {
                Some((
                    field,
                    t!(
                        "part.questionnaire-band-gap",
                        scale = &scale.id,
                        score = score,
                        when = when_text(condition.as_ref())
                    ),
                ))
            };
            let mut next = lo;
            let mut last = first;
            for &(i, b) in of_scale.iter().filter(|(_, b)| b.when == condition) {
                if b.min != next {
                    return gap(format!("bands[{i}].min"), next.min(b.min));
                }
                next = b.max + 1;
                last = i;
            }
            if next <= hi {
                return gap(format!("bands[{last}].max"), next);
            }
            if next > hi + 1 {
                return Some((
                    format!("bands[{last}].max"),
                    t!(
                        "part.questionnaire-band-beyond",
                        max = next - 1,
                        scale = &scale.id,
                        highest = hi
                    ),
                ));
            }
        }
    }
    None
}

fn scale_list(scales: &[Scale]) -> String {
    scales
        .iter()
        .map(|s| s.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn when_text(when: Option<&When>) -> String {
    when.map_or_else(String::new, |w| format!(" ({} = {})", w.item, w.choice))
}

/// A questionnaire file of the project, as read from disk.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// The file name without `.toml`.
    pub id: String,
    /// The file, relative to the project root (for messages).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// The bundled questionnaires and the project's own `files`, checked, sorted by id. A project
/// file may not take a bundled instrument's id: its wording and cut-offs are the cited ones.
pub(crate) fn with_bundled(files: &[SourceFile], topics: &[&str]) -> Result<Vec<Questionnaire>> {
    let mut diags = Diagnostics::new();
    let mut all: BTreeMap<String, Questionnaire> = BTreeMap::new();
    for (id, text) in BUNDLED {
        let path = PathBuf::from(format!("<tsunagi>/{QUESTIONNAIRES_DIR}/{id}.toml"));
        if let Some(q) = diags.take(Questionnaire::parse(id, text, &path, topics)) {
            all.insert(id.to_string(), q);
        }
    }
    for file in files {
        if all.contains_key(&file.id) {
            diags.record(Error::input(
                crate::error::Location::file(&file.path),
                msg!("error.questionnaire-bundled-id", id = &file.id),
            ));
        } else if let Some(q) = diags.take(Questionnaire::parse(
            &file.id, &file.text, &file.path, topics,
        )) {
            all.insert(file.id.clone(), q);
        }
    }
    diags.finish(all.into_values().collect())
}

/// The problems of a questionnaire file: each field (a path such as `items[2].text`) with what
/// is wrong with it, in the order they are found.
#[derive(Default)]
struct Problems(Vec<(String, Text)>);

impl Problems {
    /// Records that `field` is wrong.
    fn fail(&mut self, field: &str, message: Text) {
        self.0.push((field.to_string(), message));
    }
}

/// The id (from the file name), the fields that must be written, the topics and the source's
/// address.
fn check_header(id: &str, raw: &Raw, topics: &[&str], wrong: &mut Problems) {
    let mut fail = |field: &str, message: Text| wrong.fail(field, message);
    if !crate::config::is_valid_slug(id) {
        fail("", t!("part.questionnaire-id", id = id));
    }
    for (field, value) in [
        ("title", &raw.title),
        ("period", &raw.period),
        ("source.citation", &raw.source.citation),
        ("source.wording", &raw.source.wording),
        ("source.cutoffs", &raw.source.cutoffs),
        ("source.licence", &raw.source.licence),
    ] {
        if value.trim().is_empty() {
            fail(field, t!("part.questionnaire-empty"));
        }
    }
    for (i, topic) in raw.topics.iter().enumerate() {
        if let Err(m) = crate::data::check_topic(topic, topics) {
            fail(&format!("topics[{i}]"), m);
        }
    }
    if !raw.source.url.is_empty()
        && let Err(m) = crate::data::web::web_url(&raw.source.url)
    {
        fail("source.url", m);
    }
}

/// The scales: `total` first, then each declared one with an id of its own.
fn scales_of(raw: &Raw, wrong: &mut Problems) -> Vec<Scale> {
    let mut fail = |field: &str, message: Text| wrong.fail(field, message);
    // `total`'s name on the page is the view's business.
    let mut scales = vec![Scale {
        id: TOTAL.into(),
        title: String::new(),
    }];
    for (i, s) in raw.scales.iter().enumerate() {
        if scales.iter().any(|k| k.id == s.id) || !crate::config::is_valid_slug(&s.id) {
            fail(
                &format!("scales[{i}].id"),
                t!("part.questionnaire-duplicate-id", id = &s.id),
            );
        } else {
            scales.push(s.clone());
        }
    }
    scales
}

/// The questions, each with its choices (the shared ones when it has none of its own), checked
/// for ids, text, choices, scales and scoring.
fn items_of(raw: &Raw, scales: &[Scale], wrong: &mut Problems) -> Vec<Item> {
    let mut fail = |field: &str, message: Text| wrong.fail(field, message);
    let mut items = Vec::with_capacity(raw.items.len());
    if raw.items.is_empty() {
        fail("items", t!("part.questionnaire-no-items"));
    }
    for (i, item) in raw.items.iter().enumerate() {
        let field = |f: &str| format!("items[{i}].{f}");
        let mut item = item.clone();
        if item.choices.is_empty() {
            item.choices = raw.choices.clone();
        }
        if items.iter().any(|x: &Item| x.id == item.id) || !crate::config::is_valid_slug(&item.id) {
            fail(
                &field("id"),
                t!("part.questionnaire-duplicate-id", id = &item.id),
            );
        }
        if item.text.trim().is_empty() {
            fail(&field("text"), t!("part.questionnaire-empty"));
        }
        if item.choices.len() < 2 {
            fail(&field("choices"), t!("part.questionnaire-choices"));
        }
        for (j, c) in item.choices.iter().enumerate() {
            if item.choices[..j].iter().any(|x| x.id == c.id) || c.id.is_empty() {
                fail(
                    &field(&format!("choices[{j}].id")),
                    t!("part.questionnaire-duplicate-id", id = &c.id),
                );
            }
            if c.label.trim().is_empty() {
                fail(
                    &field(&format!("choices[{j}].label")),
                    t!("part.questionnaire-empty"),
                );
            }
        }
        for (j, s) in item.scales.iter().enumerate() {
            if s == TOTAL || !scales.iter().any(|k| &k.id == s) {
                fail(
                    &field(&format!("scales[{j}]")),
                    t!(
                        "part.questionnaire-scale",
                        scale = s,
                        list = scale_list(scales)
                    ),
                );
            }
        }
        if !item.scored && (item.reverse || !item.scales.is_empty()) {
            fail(&field("scored"), t!("part.questionnaire-unscored"));
        }
        items.push(item);
    }
    items
}

/// The bands: each on a known scale, its range in order, its topics known, its title and
/// text written, and a `when` that names an unscored question and one of its choices.
fn check_bands(raw: &Raw, items: &[Item], scales: &[Scale], topics: &[&str], wrong: &mut Problems) {
    let mut fail = |field: &str, message: Text| wrong.fail(field, message);
    if raw.bands.is_empty() {
        fail("bands", t!("part.questionnaire-no-bands"));
    }
    for (i, b) in raw.bands.iter().enumerate() {
        let field = |f: &str| format!("bands[{i}].{f}");
        if !scales.iter().any(|k| k.id == b.scale) {
            fail(
                &field("scale"),
                t!(
                    "part.questionnaire-scale",
                    scale = &b.scale,
                    list = scale_list(scales)
                ),
            );
        }
        if b.min > b.max {
            fail(&field("max"), t!("part.questionnaire-band-order"));
        }
        for (j, topic) in b.topics.iter().enumerate() {
            if let Err(m) = crate::data::check_topic(topic, topics) {
                fail(&field(&format!("topics[{j}]")), m);
            }
        }
        for (f, value) in [("title", &b.title), ("text", &b.text)] {
            if value.trim().is_empty() {
                fail(&field(f), t!("part.questionnaire-empty"));
            }
        }
        if let Some(w) = &b.when {
            match items.iter().find(|x| x.id == w.item) {
                Some(item) if !item.scored => {
                    if !item.choices.iter().any(|c| c.id == w.choice) {
                        fail(
                            &field("when.choice"),
                            t!(
                                "part.questionnaire-choice",
                                choice = &w.choice,
                                list = item
                                    .choices
                                    .iter()
                                    .map(|c| c.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        );
                    }
                }
                _ => fail(
                    &field("when.item"),
                    t!("part.questionnaire-when-item", item = &w.item),
                ),
            }
        }
    }
}

/// The languages' texts: each code a language code other than Japanese, each item, choice and
/// scale one of the file's, each band one of the file's bands (its cut-offs are never a
/// language's to change).
fn check_languages(raw: &Raw, items: &[Item], scales: &[Scale], wrong: &mut Problems) {
    for (code, t) in &raw.lang {
        let field = |f: &str| format!("lang.{code}.{f}");
        if code == crate::data::language::JAPANESE || !crate::data::language::is_code(code) {
            wrong.fail(
                &format!("lang.{code}"),
                t!("part.questionnaire-lang-code", code = code),
            );
        }
        let item_ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let choice_ids: Vec<&str> = items
            .iter()
            .flat_map(|i| i.choices.iter().map(|c| c.id.as_str()))
            .collect();
        let scale_ids: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
        for (list, keys, known) in [
            ("items", &t.items, &item_ids),
            ("notes", &t.notes, &item_ids),
            ("choices", &t.choices, &choice_ids),
            ("scales", &t.scales, &scale_ids),
        ] {
            for key in keys.keys().filter(|k| !known.contains(&k.as_str())) {
                let mut ids = known.clone();
                ids.dedup();
                wrong.fail(
                    &field(&format!("{list}.{key}")),
                    t!(
                        "part.questionnaire-lang-unknown",
                        id = key,
                        list = ids.join(", ")
                    ),
                );
            }
        }
        for (i, b) in t.bands.iter().enumerate() {
            if !raw.bands.iter().any(|band| names_band(b, band)) {
                wrong.fail(
                    &field(&format!("bands[{i}]")),
                    t!(
                        "part.questionnaire-lang-band",
                        scale = &b.scale,
                        min = b.min,
                        max = b.max,
                        when = when_text(b.when.as_ref())
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOPICS: &[&str] = &["stress", "depression", "alcohol"];

    fn k6() -> Questionnaire {
        Questionnaire::parse("k6", BUNDLED[0].1, Path::new("k6.toml"), TOPICS).unwrap()
    }

    /// K6 answers: `n` items answered with `points` each, the rest 0 (まったくない).
    fn k6_answers(points: &[u32]) -> BTreeMap<&'static str, &'static str> {
        const ITEMS: [&str; 6] = [
            "nervous",
            "hopeless",
            "restless",
            "depressed",
            "effort",
            "worthless",
        ];
        const CHOICES: [&str; 5] = ["never", "a-little", "sometimes", "usually", "always"];
        ITEMS
            .iter()
            .enumerate()
            .map(|(i, item)| (*item, CHOICES[points.get(i).copied().unwrap_or(0) as usize]))
            .collect()
    }

    fn k6_band(points: &[u32]) -> (u32, u32, u32, bool) {
        let q = k6();
        let found = q.bands_for(&k6_answers(points)).unwrap();
        assert_eq!(found.len(), 1, "exactly one band for {points:?}");
        let (band, score) = found[0];
        (score, band.min, band.max, band.crisis)
    }

    /// Cut-offs: 厚生労働省「国民生活基礎調査の概況」, こころの状態の点数階級 0〜4点, 5〜9点,
    /// 10〜14点, 15点以上 (e.g. 2022年 概況 図20; 平成22年 概況 図29); 10点以上 is 健康日本21
    /// （第二次）'s 「気分障害・不安障害に相当する心理的苦痛を感じている者」. Points: いつも 4 …
    /// まったくない 0, six items, 0–24 (国民生活基礎調査 用語の説明).
    #[test]
    fn k6_scores_and_bands_at_the_published_cut_offs() {
        assert_eq!(k6().range(TOTAL), (0, 24));
        assert_eq!(k6_band(&[]), (0, 0, 4, false));
        assert_eq!(k6_band(&[4]), (4, 0, 4, false));
        assert_eq!(k6_band(&[4, 1]), (5, 5, 9, false));
        assert_eq!(k6_band(&[3, 3, 3]), (9, 5, 9, false));
        assert_eq!(k6_band(&[2, 2, 2, 2, 2]), (10, 10, 14, false));
        assert_eq!(k6_band(&[4, 4, 4, 2]), (14, 10, 14, false));
        assert_eq!(k6_band(&[3, 3, 3, 3, 3]), (15, 15, 24, true));
        assert_eq!(k6_band(&[4, 4, 4, 4, 4, 4]), (24, 15, 24, true));
    }

    #[test]
    fn k6_wording_is_the_surveys() {
        let q = k6();
        let texts: Vec<&str> = q.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "神経過敏に感じましたか",
                "絶望的だと感じましたか",
                "そわそわ、落ち着かなく感じましたか",
                "気分が沈み込んで、何が起こっても気が晴れないように感じましたか",
                "何をするのも骨折りだと感じましたか",
                "自分は価値のない人間だと感じましたか",
            ]
        );
        let labels: Vec<&str> = q.items[0]
            .choices
            .iter()
            .map(|c| c.label.as_str())
            .collect();
        assert_eq!(
            labels,
            ["いつも", "たいてい", "ときどき", "少しだけ", "まったくない"]
        );
    }

    #[test]
    fn k6_in_easy_japanese_keeps_the_surveys_items_and_words_the_frame_and_results_simply() {
        let q = k6();
        let (ja, easy) = (q.texts("ja"), q.texts("easy"));
        for item in &q.items {
            assert_eq!(easy.item(item), item.text, "the survey's wording");
            for c in &item.choices {
                assert_eq!(easy.choice(c), c.label);
            }
        }
        assert_ne!(easy.title(), ja.title());
        assert_ne!(easy.source().wording, q.source.wording);
        assert_eq!(
            easy.source().citation,
            q.source.citation,
            "the citation stays"
        );
        assert_eq!(q.languages["easy"].bands.len(), q.bands.len(), "every band");
        for b in &q.bands {
            assert_ne!(easy.band_text(b), b.text, "{}–{}", b.min, b.max);
        }
        // A language without texts, and Japanese, read the file's own.
        let vi = q.texts("vi");
        assert_eq!((vi.title(), vi.period()), (ja.title(), ja.period()));
        assert_eq!(vi.band_text(&q.bands[3]), q.bands[3].text);
        assert_eq!(ja.source(), &q.source);
    }

    #[test]
    fn k6_in_english_has_the_original_items_and_the_same_cut_offs() {
        let q = k6();
        let en = q.texts("en");
        let texts: Vec<&str> = q.items.iter().map(|i| en.item(i)).collect();
        for (text, feeling) in texts.iter().zip([
            "nervous?",
            "hopeless?",
            "restless or fidgety?",
            "so depressed that nothing could cheer you up?",
            "that everything was an effort?",
            "worthless?",
        ]) {
            assert_eq!(
                *text,
                format!("During the past 30 days, about how often did you feel {feeling}")
            );
        }
        let labels: Vec<&str> = q.items[0].choices.iter().map(|c| en.choice(c)).collect();
        assert_eq!(
            labels,
            [
                "All of the time",
                "Most of the time",
                "Some of the time",
                "A little of the time",
                "None of the time"
            ]
        );
        // Every band has its English texts; the languages carry no cut-offs of their own.
        for t in q.languages.values() {
            let ranges: Vec<(u32, u32)> = t.bands.iter().map(|b| (b.min, b.max)).collect();
            assert_eq!(ranges, [(0, 4), (5, 9), (10, 14), (15, 24)]);
        }
        assert!(en.band_title(&q.bands[3]).starts_with("You seem"));
        assert!(
            en.source()
                .cutoffs
                .contains("0–4, 5–9, 10–14, and 15 or more"),
            "the cited bands"
        );
    }

    #[test]
    fn a_languages_texts_name_the_files_items_and_bands() {
        let k6 = BUNDLED[0].1;
        let e = error_of(&k6.replacen(
            "[[lang.en.bands]]\nmin = 10\nmax = 14",
            "[[lang.en.bands]]\nmin = 10\nmax = 12",
            1,
        ));
        assert!(e.contains("lang.en.bands[2]") && e.contains("10–12"), "{e}");
        let line = k6[..k6.find("min = 10\nmax = 14\ntitle = \"Your mind").unwrap()]
            .lines()
            .count();
        assert!(
            e.contains(&format!("q/x.toml:{}:", line + 1)),
            "at its min: {e}"
        );
        let e = error_of(&k6.replace("nervous = \"During", "anxious = \"During"));
        assert!(
            e.contains("lang.en.items.anxious") && e.contains("nervous"),
            "{e}"
        );
        let e = error_of(&k6.replace(
            "always = \"All of the time\"",
            "often = \"All of the time\"",
        ));
        assert!(e.contains("lang.en.choices.often"), "{e}");
        let e = error_of(
            &k6.replace("[lang.en]", "[lang.English]")
                .replace("[lang.en.", "[lang.English."),
        );
        assert!(e.contains("lang.English") && e.contains("easy"), "{e}");
        let e = error_of(
            &k6.replace("[lang.easy]", "[lang.ja]")
                .replace("[lang.easy.", "[lang.ja.")
                .replace("[[lang.easy.", "[[lang.ja."),
        );
        assert!(e.contains("lang.ja"), "{e}");
    }

    #[test]
    fn a_missing_answer_is_named() {
        let q = k6();
        let mut a = k6_answers(&[]);
        a.remove("effort");
        a.insert("hopeless", "perhaps");
        assert_eq!(q.score(&a).unwrap_err(), ["hopeless", "effort"]);
    }

    /// A made-up instrument (tests only, shared with tests/questionnaire.rs) with a reversed
    /// item, a subscale and cut-offs that depend on an unscored answer.
    const FIXTURE: &str = include_str!("../../tests/questionnaire/own.toml");

    #[test]
    fn reversed_items_subscales_and_conditional_cut_offs() {
        let q = Questionnaire::parse("x", FIXTURE, Path::new("x.toml"), TOPICS).unwrap();
        let answers = |g, one, two| BTreeMap::from([("group", g), ("one", one), ("two", two)]);
        // `two` is reversed: はい counts 0, いいえ 1.
        let s = q.score(&answers("a", "yes", "no")).unwrap();
        assert_eq!((s["total"], s["mood"]), (2, 1));
        let titles = |g, one, two| {
            q.bands_for(&answers(g, one, two))
                .unwrap()
                .iter()
                .map(|(b, s)| format!("{}:{}={s}", b.scale, b.title))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            titles("a", "no", "yes"),
            ["total:低い（A）=0", "mood:気分=0"]
        );
        assert_eq!(
            titles("a", "yes", "yes"),
            ["total:高い（A）=1", "mood:気分=1"]
        );
        assert_eq!(
            titles("b", "yes", "yes"),
            ["total:低い（B）=1", "mood:気分=1"]
        );
        assert_eq!(
            titles("b", "yes", "no"),
            ["total:高い（B）=2", "mood:気分=1"]
        );
    }

    fn error_of(toml: &str) -> String {
        Questionnaire::parse("x", toml, Path::new("q/x.toml"), TOPICS)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bands_must_cover_every_score_once() {
        let gap = FIXTURE.replacen("min = 1\nmax = 2", "min = 2\nmax = 2", 1);
        let e = error_of(&gap);
        assert!(
            e.contains("q/x.toml") && e.contains("bands") && e.contains('1'),
            "{e}"
        );
        let overlap = FIXTURE.replacen(
            "min = 2\nmax = 2\ntitle = \"高い（B）\"",
            "min = 1\nmax = 2\ntitle = \"高い（B）\"",
            1,
        );
        assert!(error_of(&overlap).contains("bands"));
        let short = FIXTURE.replacen(
            "scale = \"mood\"\nmin = 0\nmax = 1",
            "scale = \"mood\"\nmin = 0\nmax = 0",
            1,
        );
        assert!(error_of(&short).contains("mood"));
        let beyond = FIXTURE.replacen(
            "scale = \"mood\"\nmin = 0\nmax = 1",
            "scale = \"mood\"\nmin = 0\nmax = 2",
            1,
        );
        let e = error_of(&beyond);
        assert!(e.contains("bands[4].max") && e.contains("is 1"), "{e}");
    }

    #[test]
    fn mistakes_are_reported_at_their_field() {
        let e = error_of(&FIXTURE.replace("scales = [\"mood\"]", "scales = [\"mod\"]"));
        assert!(e.contains("q/x.toml:30:11") && e.contains("mod"), "{e}");
        let e = error_of(&FIXTURE.replace("topics = [\"alcohol\"]", "topics = [\"alcohl\"]"));
        assert!(e.contains("q/x.toml:4:") && e.contains("alcohol"), "{e}");
        let e = error_of(&FIXTURE.replace("licence = \"テスト用\"", "licence = \"\""));
        assert!(e.contains("source.licence"), "{e}");
        let e = error_of(
            &FIXTURE
                .replace("choice = \"b\"", "choice = \"c\"")
                .replacen("choice = \"c\"", "choice = \"b\"", 1),
        );
        assert!(e.contains("when.choice"), "{e}");
        let e = error_of(&FIXTURE.replace(
            "item = \"group\", choice = \"a\"",
            "item = \"one\", choice = \"a\"",
        ));
        assert!(e.contains("when.item"), "{e}");
    }
}
