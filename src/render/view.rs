//! The view model templates see: small serializable structs borrowed from the analysed site.
//! Templates never see the pipeline's own types, so those can change without breaking themes.

use serde::Serialize;

use crate::labels::Labels;

/// `site` in templates.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site title from tsunagi.toml.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Content language, `ja`.
    pub language: &'a str,
}

impl<'a> SiteView<'a> {
    /// The view of the site configuration.
    pub fn of(cfg: &'a crate::config::Config) -> Self {
        SiteView {
            title: &cfg.title,
            description: &cfg.description,
            language: &cfg.language,
        }
    }

    /// The view of the site in `language`: its title and description there, when it has them.
    pub fn in_language(
        cfg: &'a crate::config::Config,
        language: &'a crate::language::Language,
    ) -> Self {
        SiteView {
            title: language.title.as_deref().unwrap_or(&cfg.title),
            description: language.description.as_deref().unwrap_or(&cfg.description),
            language: &language.code,
        }
    }
}

/// A link to a page in listings, navigation and breadcrumbs.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Page title.
    pub title: String,
    /// URL relative to the current page.
    pub url: String,
    /// Description, when the page has one (or the first paragraph).
    pub description: String,
    /// Whether this is the current page or one of its ancestors (navigation only).
    pub current: bool,
}

/// A page in the site map, with the pages of its section below it.
#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    /// The page.
    pub link: LinkView,
    /// Its section's subsections, then its pages (for a section).
    pub children: Vec<TreeView>,
}

/// A topic (taxonomy term).
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// Slug, e.g. `alcohol`.
    pub slug: String,
    /// Japanese label.
    pub label: String,
    /// URL of its listing page, relative to the current page.
    pub url: String,
    /// Number of pages with this topic (listing pages only).
    pub count: usize,
}

/// `page` in templates.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// A draft, shown only by `tsunagi serve --drafts`.
    pub draft: bool,
    /// Title.
    pub title: &'a str,
    /// Description (front matter, or the first paragraph).
    pub description: String,
    /// Body HTML, ready to insert with `| safe`.
    pub content: String,
    /// The title as HTML with automatic furigana (for the `h1`; never for `<title>`).
    pub title_html: String,
    /// Whether the page shows any ruby (so the theme offers the ふりがな button).
    pub has_ruby: bool,
    /// The furigana setting in force (`none`, `grade-3`…).
    pub furigana: String,
    /// Headings of level 2 and 3, when the page asks for a table of contents.
    pub toc: Vec<TocEntry>,
    /// Dates, `YYYY-MM-DD`.
    pub date: Option<crate::date::Date>,
    /// Last update.
    pub updated: Option<crate::date::Date>,
    /// Who last checked the content, and when.
    pub review: Option<&'a crate::content::Review>,
    /// Starter text nobody has checked: a page on a topic with no review record. The page says
    /// so under its title.
    pub unreviewed: bool,
    /// The public sources the page is written from (参考資料).
    pub sources: &'a [crate::content::Source],
    /// schema.org JSON-LD of the page with its sources as `citation`, ready for a
    /// `<script type="application/ld+json">` (empty without sources).
    pub jsonld: String,
    /// Audience.
    pub audience: Option<&'a str>,
    /// Topics.
    pub topics: Vec<TopicView>,
    /// Path from the site root, e.g. `stress/coping/` (empty for the home page).
    pub path: String,
    /// Absolute URL.
    pub permalink: String,
    /// A QR code of `permalink` as inline SVG, for the printed page (`| safe`).
    pub qr_svg: String,
    /// Whether this is a section.
    pub is_section: bool,
    /// Ancestors from the home page down to the parent.
    pub breadcrumbs: Vec<LinkView>,
    /// Previous page in the section.
    pub previous: Option<LinkView>,
    /// Next page in the section.
    pub next: Option<LinkView>,
    /// Sections only: pages, by weight then title.
    pub pages: Vec<LinkView>,
    /// Sections only: subsections, by weight then title.
    pub subsections: Vec<LinkView>,
}

/// An entry of a page's table of contents.
#[derive(Debug, Serialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text as this municipality's page shows it (shortcodes filled in).
    pub text: String,
}

/// schema.org JSON-LD of a page (`WebPage`) that cites `sources`, ready for a script element;
/// empty when it cites none.
pub fn page_jsonld(title: &str, url: &str, sources: &[crate::content::Source]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let citation: Vec<serde_json::Value> = sources
        .iter()
        .map(|s| {
            serde_json::json!({
                "@type": "CreativeWork",
                "name": s.title,
                "url": s.url,
                "publisher": { "@type": "Organization", "name": s.publisher },
            })
        })
        .collect();
    crate::html::json_in_script(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "url": url,
        "citation": citation,
    }))
}

/// Labels of a window's codes, for reading.
#[derive(Debug, Serialize)]
pub struct WindowLabels {
    /// 対象 labels.
    pub audience: Vec<String>,
    /// Accessibility options in words.
    pub accessibility: Vec<String>,
    /// Language names in Japanese.
    pub languages: Vec<String>,
}

/// A phone number with its `tel:` link.
#[derive(Debug, Serialize)]
pub struct PhoneView<'a> {
    /// What the number is for.
    pub label: &'a str,
    /// The number as printed.
    pub number: &'a str,
    /// Its `tel:` URI.
    pub tel: String,
}

/// A consultation window as templates and the open data see it: the window's own fields and
/// what is derived from them for reading (hours in words, the 受付中 badge's hours, labels,
/// `tel:` links). The model itself holds none of these.
#[derive(Debug, Serialize)]
pub struct WindowView<'a> {
    /// Stable identifier.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// Reading of the name.
    pub kana: &'a str,
    /// Who runs it.
    pub organisation: &'a str,
    /// Phone numbers with `tel:` links.
    pub phones: Vec<PhoneView<'a>>,
    /// The structured hours.
    pub hours: &'a crate::data::hours::Hours,
    /// The hours in plain Japanese.
    pub hours_text: String,
    /// The hours for the browser's 受付中 badge.
    pub badge: Option<String>,
    /// Labels of audience, accessibility options and languages.
    pub labels: WindowLabels,
    /// E-mail address.
    pub email: &'a str,
    /// A web form.
    pub form_url: &'a str,
    /// Street address.
    pub address: &'a str,
    /// Audience codes.
    pub audience: &'a [crate::data::audience::HelpAudience],
    /// Language codes.
    pub languages: &'a [String],
    /// Accessibility option codes.
    pub accessibility: &'a [crate::data::windows::WindowAccess],
    /// What it costs.
    pub cost: &'a str,
    /// Whether one can consult without a name.
    pub anonymous: Option<bool>,
    /// When staff last checked it.
    pub verified: Option<crate::date::Date>,
    /// Where it was checked.
    pub source: &'a str,
    /// Topic slugs.
    pub topics: &'a [String],
    /// A page about it.
    pub url: &'a str,
    /// A note for readers.
    pub note: &'a str,
    /// Access for people with disabilities, in words.
    pub barrier_free: &'a str,
    /// Remarks.
    pub remarks: &'a str,
    /// Invented example data.
    pub example: bool,
}

impl<'a> WindowView<'a> {
    /// The view of `w`, in the language of `labels`.
    pub fn of(w: &'a crate::data::Window, labels: &Labels) -> Self {
        WindowView {
            id: &w.id,
            name: &w.name,
            kana: &w.kana,
            organisation: &w.organisation,
            phones: w
                .phones
                .iter()
                .map(|p| PhoneView {
                    label: &p.label,
                    number: &p.number,
                    tel: p.tel(),
                })
                .collect(),
            hours: &w.hours,
            hours_text: w.hours.in_words(labels),
            badge: w.hours.badge_json(),
            labels: WindowLabels {
                audience: w
                    .audience
                    .iter()
                    .map(|a| a.label_in(labels).to_string())
                    .collect(),
                accessibility: w
                    .accessibility
                    .iter()
                    .map(|a| a.label_in(labels).to_string())
                    .collect(),
                languages: w
                    .languages
                    .iter()
                    .map(|l| labels.item("language_name", l).to_string())
                    .collect(),
            },
            email: &w.email,
            form_url: &w.form_url,
            address: &w.address,
            audience: &w.audience,
            languages: &w.languages,
            accessibility: &w.accessibility,
            cost: &w.cost,
            anonymous: w.anonymous,
            verified: w.verified,
            source: &w.source,
            topics: &w.topics,
            url: &w.url,
            note: &w.note,
            barrier_free: &w.barrier_free,
            remarks: &w.remarks,
            example: w.example,
        }
    }
}

/// A national line as templates see it: its numbers with their `tel:` links and what a call
/// costs in words, its hours in words and for the 受付中 badge, who it is for in words.
#[derive(Debug, Serialize)]
pub struct HelpLineView<'a> {
    /// Stable identifier.
    pub id: &'a str,
    /// `phone`, `chat` or `sns`.
    pub kind: &'static str,
    /// Name.
    pub name: &'a str,
    /// Who runs it.
    pub organisation: &'a str,
    /// The main number (phone lines).
    pub number: Option<NumberView<'a>>,
    /// The other numbers, each with who calls it.
    pub other_numbers: Vec<NumberView<'a>>,
    /// Where a chat starts, or the operator's page about the line.
    pub url: &'a str,
    /// Where a chat or SNS consultation happens, in words.
    pub channel: &'a str,
    /// The hours in words.
    pub hours_text: String,
    /// The hours for the 受付中 badge (absent when they vary).
    pub badge: Option<String>,
    /// Whether it answers 24 hours a day.
    pub always_open: bool,
    /// What a call to the main number costs, in words: 通話無料 or 通話料がかかります (phone
    /// lines only).
    pub charge_text: String,
    /// Who it is for, in words.
    pub audience_text: String,
    /// A note for readers.
    pub note: &'a str,
    /// The languages it answers in besides Japanese, as language codes (a national line's
    /// `languages`; empty for Japanese only).
    pub languages: &'a [String],
    /// Where the entry was checked.
    pub source: &'a str,
    /// When it was checked, `YYYY-MM-DD`.
    pub checked: Option<crate::date::Date>,
}

/// A number of a national line.
#[derive(Debug, Serialize)]
pub struct NumberView<'a> {
    /// The number as printed.
    pub number: &'a str,
    /// Its `tel:` URI.
    pub tel: String,
    /// Who calls it, in words (empty: everyone).
    pub who: &'a str,
    /// What a call costs, in words.
    pub charge_text: String,
}

impl<'a> HelpLineView<'a> {
    /// The view of `l`, in the language of `labels`.
    pub fn of(l: &'a crate::data::help_lines::HelpLine, labels: &Labels) -> Self {
        use crate::data::help_lines::{Charge, Kind};
        let charge_text = |c: Option<Charge>| {
            match c {
                Some(Charge::Free) => labels.text("charge.free"),
                Some(Charge::Charged) => labels.text("charge.charged"),
                None => "",
            }
            .to_string()
        };
        let number = |n: &'a crate::data::help_lines::Number| NumberView {
            number: &n.number,
            tel: n.tel(),
            who: &n.who,
            charge_text: charge_text(l.charge_of(n)),
        };
        HelpLineView {
            id: &l.id,
            kind: match l.kind {
                Kind::Phone => "phone",
                Kind::Chat => "chat",
                Kind::Sns => "sns",
            },
            name: &l.name,
            organisation: &l.organisation,
            number: l.numbers.first().map(number),
            other_numbers: l.numbers.iter().skip(1).map(number).collect(),
            url: &l.url,
            channel: &l.channel,
            hours_text: l.hours.in_words(labels),
            badge: l.hours.badge_json(),
            always_open: l.hours.always_open,
            charge_text: charge_text(l.charge),
            audience_text: if l.audience_note.is_empty() {
                l.audience
                    .iter()
                    .map(|a| a.label_in(labels))
                    .collect::<Vec<_>>()
                    .join(labels.text("list.dot"))
            } else {
                l.audience_note.clone()
            },
            note: &l.note,
            languages: &l.languages,
            source: &l.source,
            checked: Some(l.checked),
        }
    }

    /// The views of `lines`, in the language of `labels`.
    pub fn all(lines: &[&'a crate::data::help_lines::HelpLine], labels: &Labels) -> Vec<Self> {
        lines.iter().map(|l| HelpLineView::of(l, labels)).collect()
    }
}

/// An event as templates and the open data see it: its own fields and, derived for reading,
/// the kind's name, the accessibility options in words, the date in words and the `tel:` link.
#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    /// The event's own fields.
    #[serde(flatten)]
    pub event: &'a crate::data::events::Event,
    /// `tel:` URI of the contact phone.
    pub contact_tel: String,
    /// Name of the kind.
    pub kind_label: String,
    /// Labels of the accessibility options.
    pub accessibility_labels: Vec<String>,
    /// Start and end in words.
    pub when: String,
}

impl<'a> EventView<'a> {
    /// The view of `e`, in the language of `labels`.
    pub fn of(e: &'a crate::data::events::Event, labels: &Labels) -> Self {
        EventView {
            event: e,
            contact_tel: e.contact_tel(),
            kind_label: e.kind.label_in(labels).to_string(),
            accessibility_labels: e
                .accessibility
                .iter()
                .map(|a| a.label_in(labels).to_string())
                .collect(),
            when: e.when(labels),
        }
    }
}

/// `questionnaire` in the `questionnaire` shortcode: the instrument as the form shows it, each
/// choice with the points it adds (`reverse` applied), each scale with its bands in words.
#[derive(Debug, Serialize)]
pub struct QuestionnaireView<'a> {
    /// Identifier: HTML ids on the page start with `q-<id>`.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// The period asked about.
    pub period: &'a str,
    /// A sentence before the questions.
    pub intro: &'a str,
    /// Questions, numbered from 1.
    pub items: Vec<QuestionView<'a>>,
    /// Scales that have bands (`total` first).
    pub scales: Vec<ScaleView<'a>>,
    /// Where the wording, cut-offs and licence come from (its sentences in the page's
    /// language).
    pub source: crate::questionnaire::Source,
}

/// A question of a [`QuestionnaireView`].
#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    /// Identifier.
    pub id: &'a str,
    /// 1, 2, 3…
    pub number: usize,
    /// The question.
    pub text: &'a str,
    /// A note under it.
    pub note: &'a str,
    /// Whether its answer adds points.
    pub scored: bool,
    /// The scales it counts towards, separated by spaces (empty when unscored).
    pub scales: String,
    /// Its choices.
    pub choices: Vec<ChoiceView<'a>>,
}

/// An answer choice, with the points it adds.
#[derive(Debug, Serialize)]
pub struct ChoiceView<'a> {
    /// Identifier (the radio button's value).
    pub id: &'a str,
    /// What the reader sees.
    pub label: &'a str,
    /// Points it adds (`reverse` applied).
    pub points: u32,
}

/// A scale and its bands.
#[derive(Debug, Serialize)]
pub struct ScaleView<'a> {
    /// Identifier.
    pub id: &'a str,
    /// Name (合計 for `total`).
    pub title: &'a str,
    /// Lowest reachable score.
    pub min: u32,
    /// Highest reachable score.
    pub max: u32,
    /// Its bands, lowest first (grouped by condition).
    pub bands: Vec<BandView<'a>>,
}

/// A band in words.
#[derive(Debug, Serialize)]
pub struct BandView<'a> {
    /// Lowest score.
    pub min: u32,
    /// Highest score.
    pub max: u32,
    /// The range in words: 0〜4点, 7点.
    pub range: String,
    /// The result in a few words.
    pub title: &'a str,
    /// What it means and what to do.
    pub text: &'a str,
    /// High distress: crisis lines first.
    pub crisis: bool,
    /// The unscored item it depends on, and that item's answer (empty when none).
    pub when_item: &'a str,
    /// The answer's id.
    pub when_choice: &'a str,
    /// The condition in words: 「性別」が「女性」の場合.
    pub when_label: String,
    /// The town's windows on the band's `topics`, listed in the result itself.
    pub windows: Vec<WindowView<'a>>,
    /// Numbers to call, right under the band's title, for a band that sends the reader to help
    /// (one with `topics`, or a crisis band): for a crisis, the crisis lines for the page's
    /// readers; else the town's windows on the band's topics that have a number, or, when none
    /// has one, the help box's lines. Empty for the other bands.
    pub calls: Vec<CallView<'a>>,
}

/// A number to call, as a result lists it: compact, the number first.
#[derive(Debug, Serialize)]
pub struct CallView<'a> {
    /// Who answers.
    pub name: &'a str,
    /// The number as printed.
    pub number: &'a str,
    /// Its `tel:` URI.
    pub tel: String,
    /// When it answers, in words.
    pub hours_text: String,
    /// What a call costs, in words (national lines only).
    pub charge_text: String,
}

impl<'a> CallView<'a> {
    /// The main number of a national phone line.
    fn line(l: &'a crate::data::help_lines::HelpLine, labels: &Labels) -> Option<Self> {
        let view = HelpLineView::of(l, labels);
        let number = l.number()?;
        Some(CallView {
            name: &l.name,
            number: &number.number,
            tel: number.tel(),
            hours_text: view.hours_text,
            charge_text: view.charge_text,
        })
    }

    /// The first number of a window, if it has one.
    fn window(w: &'a crate::data::Window, labels: &Labels) -> Option<Self> {
        let phone = w.phones.first()?;
        Some(CallView {
            name: &w.name,
            number: &phone.number,
            tel: phone.tel(),
            hours_text: w.hours.in_words(labels),
            charge_text: String::new(),
        })
    }
}

/// Who a questionnaire's result sends to help: the town's windows, the national lines, and
/// the page's readers (pupils get the children's lines).
pub struct HelpFor<'a> {
    /// The town's windows.
    pub windows: &'a [crate::data::Window],
    /// The national lines.
    pub lines: &'a crate::data::help_lines::HelpLines,
    /// The page's `audience`.
    pub audience: Option<&'a str>,
    /// The labels of the page's language.
    pub labels: &'a Labels,
}

impl<'a> QuestionnaireView<'a> {
    /// The view of `q` in a town for a page in the language `lang` (a language code: `ja`,
    /// `easy`, `en`…; its texts from the questionnaire's `[lang.<code>]`, else the Japanese),
    /// whose results send to `help` (the lines that answer in `lang` first).
    pub fn of(q: &'a crate::questionnaire::Questionnaire, lang: &str, help: &HelpFor<'a>) -> Self {
        let texts = q.texts(lang);
        let items = q
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| QuestionView {
                id: &item.id,
                number: i + 1,
                text: texts.item(item),
                note: texts.note(item),
                scored: item.scored,
                scales: q
                    .scales
                    .iter()
                    .filter(|s| item.counts_towards(&s.id))
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                choices: item
                    .choices
                    .iter()
                    .map(|c| ChoiceView {
                        id: &c.id,
                        label: texts.choice(c),
                        points: item.points(c),
                    })
                    .collect(),
            })
            .collect();
        let scales = q
            .scales
            .iter()
            .map(|s| {
                let (min, max) = q.range(&s.id);
                ScaleView {
                    id: &s.id,
                    title: if s.id == crate::questionnaire::TOTAL {
                        help.labels.text("questionnaire.total")
                    } else {
                        texts.scale(s)
                    },
                    min,
                    max,
                    bands: q
                        .bands
                        .iter()
                        .filter(|b| b.scale == s.id)
                        .map(|b| band_view(q, &texts, b, (lang, help)))
                        .collect(),
                }
            })
            .filter(|s| !s.bands.is_empty())
            .collect();
        QuestionnaireView {
            id: &q.id,
            title: texts.title(),
            period: texts.period(),
            intro: texts.intro(),
            items,
            scales,
            source: texts.source().clone(),
        }
    }
}

/// The view of the band `b` of `q`, in the page's language (`texts`), whose result sends to
/// `help` in the order for the page's language `lang`.
fn band_view<'a>(
    q: &'a crate::questionnaire::Questionnaire,
    texts: &crate::questionnaire::Texts<'a>,
    b: &'a crate::questionnaire::Band,
    (lang, help): (&str, &HelpFor<'a>),
) -> BandView<'a> {
    let windows: Vec<&'a crate::data::Window> = help
        .windows
        .iter()
        .filter(|w| b.topics.iter().any(|t| crate::data::on_topic(&w.topics, t)))
        .collect();
    let calls: Vec<CallView<'a>> = if b.crisis {
        help.lines
            .crisis_in(help.audience, lang)
            .into_iter()
            .filter_map(|l| CallView::line(l, help.labels))
            .take(4)
            .collect()
    } else if b.topics.is_empty() {
        Vec::new()
    } else {
        let own: Vec<CallView<'a>> = windows
            .iter()
            .filter_map(|w| CallView::window(w, help.labels))
            .take(3)
            .collect();
        if own.is_empty() {
            help.lines
                .help_box_in(help.audience, lang)
                .into_iter()
                .filter_map(|l| CallView::line(l, help.labels))
                .collect()
        } else {
            own
        }
    };
    let when = b.when.as_ref().and_then(|w| {
        let item = q.items.iter().find(|i| i.id == w.item)?;
        let choice = item.choices.iter().find(|c| c.id == w.choice)?;
        let label = help.labels.fill(
            "questionnaire.when",
            &[("item", texts.item(item)), ("choice", texts.choice(choice))],
        );
        Some((w, label))
    });
    BandView {
        min: b.min,
        max: b.max,
        range: {
            let (min, max) = (b.min.to_string(), b.max.to_string());
            let key = if b.min == b.max {
                "questionnaire.band_one"
            } else {
                "questionnaire.band_range"
            };
            help.labels.fill(key, &[("min", &min), ("max", &max)])
        },
        title: texts.band_title(b),
        text: texts.band_text(b),
        crisis: b.crisis,
        when_item: when.as_ref().map_or("", |(w, _)| w.item.as_str()),
        when_choice: when.as_ref().map_or("", |(w, _)| w.choice.as_str()),
        when_label: when.map(|(_, l)| l).unwrap_or_default(),
        windows: windows
            .into_iter()
            .map(|w| WindowView::of(w, help.labels))
            .collect(),
        calls,
    }
}
