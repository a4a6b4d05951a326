//! The national help lines every site shows — telephone lines, and chat and SNS consultation —
//! as data: bundled in `help-lines.toml` beside this file, each entry with the page it was
//! checked against (`source`) and when (`checked`), and overridden or extended by a project's
//! own `help-lines.toml` beside its `tsunagi.toml`, so that a health center can correct a line
//! the day it changes, without a new release of tsunagi.
//!
//! In: the two TOML texts. Out: a validated [`HelpLines`] (every mistake at its file, line and
//! column). The badge (受付中) evaluates the same [`Hours`] as a window's; the view in words
//! (charges, audiences) is `render::view`'s business. No file I/O.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::audience::{HelpAudience, PageAudience};
use super::hours::{Hours, RawHours};
use super::language::{EASY, JAPANESE};
use super::phone;
use crate::date::Date;
use crate::error::{Diagnostic, Diagnostics, Error, Location, Result, did_you_mean};
use crate::messages::{Message, Text};
use crate::toml_input::{self, check_entries, locate};
use crate::{msg, t};

/// The file a project writes its own lines in, beside `tsunagi.toml`.
pub const HELP_LINES_FILE: &str = "help-lines.toml";

/// The bundled lines.
const BUNDLED: &str = include_str!("help-lines.toml");

/// How a person reaches a line.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A telephone line: numbers to dial.
    #[default]
    Phone,
    /// Consultation by chat on the operator's web page.
    Chat,
    /// Consultation through a social network (LINE, X…).
    Sns,
}

/// What a call costs the caller.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Charge {
    /// Free to the caller (フリーダイヤル 0120, 0800).
    Free,
    /// The caller pays for the call (ナビダイヤル 0570, ordinary numbers).
    Charged,
}

/// A number of a line, and who should call it.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Number {
    /// The number as printed, e.g. `0120-279-338`.
    pub number: String,
    /// Who calls this number, in words (岩手県・宮城県・福島県から); empty for everyone.
    #[serde(default)]
    pub who: String,
    /// What a call to this number costs, when it differs from the line's `charge` (a line's
    /// number for IP phones).
    #[serde(default)]
    pub charge: Option<Charge>,
}

impl Number {
    /// The `tel:` URI of the number (empty for a number that does not check).
    pub fn tel(&self) -> String {
        phone::normalize(&self.number).map_or_else(|_| String::new(), |d| phone::tel_uri(&d))
    }
}

/// A line as written in `[[lines]]`: its audiences and date as text, not yet checked.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawHelpLine {
    /// Stable identifier (`yorisoi`); a project's entry with the same id replaces this one.
    pub id: String,
    /// `phone` (the default), `chat` or `sns`.
    #[serde(default)]
    pub kind: Kind,
    /// The name as the operator writes it.
    pub name: String,
    /// Who runs it.
    #[serde(default)]
    pub organisation: String,
    /// The numbers to dial (phone lines only), the main one first.
    #[serde(default)]
    pub numbers: Vec<Number>,
    /// Where a chat or SNS consultation starts (required for those); for a phone line, the
    /// operator's page about it.
    #[serde(default)]
    pub url: String,
    /// For a chat or SNS consultation: where it happens, in words (LINE, ウェブのチャット).
    #[serde(default)]
    pub channel: String,
    /// When it answers; none written (with a `note`) when the hours vary, as for a line that
    /// connects to each prefecture's own service.
    #[serde(default)]
    pub hours: RawHours,
    /// What a call costs (phone lines only, required for them).
    #[serde(default)]
    pub charge: Option<Charge>,
    /// Who it is for: the audiences of windows (`anyone`, `children`, `young-people`…).
    #[serde(default)]
    pub audience: Vec<String>,
    /// Who it is for, more exactly, in words (18歳まで).
    #[serde(default)]
    pub audience_note: String,
    /// Topic slugs: which needs of the help page it answers.
    #[serde(default)]
    pub topics: Vec<String>,
    /// The languages it answers in besides Japanese, as language codes (`en`, `zh`, `pt-BR`;
    /// `easy` for やさしい日本語); empty for a line in Japanese only.
    #[serde(default)]
    pub languages: Vec<String>,
    /// The page the entry was checked against (the operator's or a ministry's).
    #[serde(default)]
    pub source: String,
    /// When the entry was last checked against its `source`, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "toml_input::de_opt_date")]
    pub checked: Option<String>,
    /// Anything else a reader must know, in words.
    #[serde(default)]
    pub note: String,
    /// Where the entry is written, for messages.
    #[serde(skip)]
    pub origin: Option<Location>,
}

/// A national line: a telephone line, or a chat or SNS consultation.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpLine {
    /// Stable identifier (`yorisoi`); a project's entry with the same id replaces this one.
    pub id: String,
    /// `phone` (the default), `chat` or `sns`.
    pub kind: Kind,
    /// The name as the operator writes it.
    pub name: String,
    /// Who runs it.
    pub organisation: String,
    /// The numbers to dial (phone lines only), the main one first.
    pub numbers: Vec<Number>,
    /// Where a chat or SNS consultation starts (required for those); for a phone line, the
    /// operator's page about it.
    pub url: String,
    /// For a chat or SNS consultation: where it happens, in words (LINE, ウェブのチャット).
    pub channel: String,
    /// When it answers; none written (with a `note`) when the hours vary, as for a line that
    /// connects to each prefecture's own service.
    pub hours: Hours,
    /// What a call costs (phone lines only, required for them).
    pub charge: Option<Charge>,
    /// Who it is for: the audiences of windows (`anyone`, `children`, `young-people`…).
    pub audience: Vec<HelpAudience>,
    /// Who it is for, more exactly, in words (18歳まで).
    pub audience_note: String,
    /// Topic slugs: which needs of the help page it answers.
    pub topics: Vec<String>,
    /// The languages it answers in besides Japanese, as language codes (`en`, `zh`, `pt-BR`;
    /// `easy` for やさしい日本語); empty for a line in Japanese only.
    pub languages: Vec<String>,
    /// The page the entry was checked against (the operator's or a ministry's).
    pub source: String,
    /// When the entry was last checked against its `source`.
    pub checked: Date,
    /// Anything else a reader must know, in words.
    pub note: String,
    /// Where the entry is written, for messages.
    pub origin: Option<Location>,
}

/// A portal as written in `[[portals]]`, its date as text. A national portal that lists help (厚生労働省's まもろうよ こころ): a page linking to it
/// counts as help on the page for `tsunagi check`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawPortal {
    /// Stable identifier.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who runs it.
    #[serde(default)]
    pub organisation: String,
    /// Its address (`https://…`); any page below it counts.
    pub url: String,
    /// When it was last checked, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "toml_input::de_opt_date")]
    pub checked: Option<String>,
    /// Where the entry is written, for messages.
    #[serde(skip)]
    pub origin: Option<Location>,
}

/// A national portal that lists help (厚生労働省's まもろうよ こころ): a page linking to it
/// counts as help on the page for `tsunagi check`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Portal {
    /// Stable identifier.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Who runs it.
    pub organisation: String,
    /// Its address (`https://…`); any page below it counts.
    pub url: String,
    /// When it was last checked.
    pub checked: Date,
    /// Where the entry is written, for messages.
    #[serde(skip)]
    pub origin: Option<Location>,
}

/// A `help-lines.toml`, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    /// Which lines the 「今すぐ相談したい方へ」 box offers the readers of a page (the page's
    /// `audience`: general, school, family, professional).
    #[serde(default)]
    help_box: BTreeMap<String, Vec<String>>,
    /// Bundled lines a project does not want shown (ids).
    #[serde(default)]
    withdraw: Vec<String>,
    #[serde(default)]
    portals: Vec<RawPortal>,
    #[serde(default)]
    lines: Vec<RawHelpLine>,
}

/// Every national line and portal a project's sites show, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpLines {
    /// The lines, bundled first (a project's replacements in their place), then the project's
    /// new ones.
    pub lines: Vec<HelpLine>,
    /// National portals.
    pub portals: Vec<Portal>,
    /// Page audience → ids of the phone lines the help box offers (always has `general`).
    pub help_box: BTreeMap<String, Vec<String>>,
}

impl HelpLine {
    /// The main number (phone lines).
    pub fn number(&self) -> Option<&Number> {
        self.numbers.first()
    }

    /// What a call to `number` (one of its numbers) costs.
    pub fn charge_of(&self, number: &Number) -> Option<Charge> {
        number.charge.or(self.charge)
    }

    /// Whether it is a telephone line.
    pub fn is_phone(&self) -> bool {
        self.kind == Kind::Phone
    }

    /// Whether it answers in the language `lang` (a page's language code): every line answers
    /// in Japanese (`ja`); another language when `languages` names it, a code with a region
    /// (`pt-BR`) matching its language (`pt`) either way round.
    pub fn serves(&self, lang: &str) -> bool {
        let primary = super::language::primary;
        lang == JAPANESE
            || self
                .languages
                .iter()
                .any(|code| code == lang || primary(code) == primary(lang))
    }

    /// Whether it is meant for foreign residents: it answers in other languages, or its
    /// audience says so.
    pub fn for_foreign_residents(&self) -> bool {
        !self.languages.is_empty() || self.audience.contains(&HelpAudience::ForeignResidents)
    }

    /// Whether it is only for foreign residents (its one audience): a line in other languages
    /// that Japanese pages leave to the help page's group for foreign residents.
    pub fn only_for_foreign_residents(&self) -> bool {
        self.audience == [HelpAudience::ForeignResidents]
    }

    /// Whether it is a line for someone in distress (its topics include suicide, depression or
    /// stress).
    fn for_distress(&self) -> bool {
        self.topics
            .iter()
            .any(|t| matches!(t.as_str(), "suicide" | "depression" | "stress"))
    }
}

/// Appends to `lines` those of `more` it does not have yet.
fn append_new<'a>(lines: &mut Vec<&'a HelpLine>, more: Vec<&'a HelpLine>) {
    for line in more {
        if !lines.iter().any(|l| l.id == line.id) {
            lines.push(line);
        }
    }
}

/// Where `line` goes in a list for a page in the language `lang`: 0 first, 2 last (see
/// [`HelpLines::in_language`]).
fn language_rank(line: &HelpLine, lang: &str) -> u8 {
    match lang {
        JAPANESE => u8::from(line.only_for_foreign_residents()),
        _ if line.serves(lang) => 0,
        _ if line.for_foreign_residents() => 1,
        _ => 2,
    }
}

/// Whether `line` comes before a page's usual lines on a page in `lang`: it answers in that
/// language or, on a page in やさしい日本語, it is for foreign residents.
fn first_for(line: &HelpLine, lang: &str) -> bool {
    let rank = language_rank(line, lang);
    rank == 0 || (lang == EASY && rank == 1)
}

impl RawHelpLine {
    /// Checks the entry, writes its times as `HH:MM` and types its audiences and date; else the
    /// field and what is wrong.
    fn check(mut self, topics: &[&str]) -> std::result::Result<HelpLine, (String, Text)> {
        if self.id.trim().is_empty() {
            return Err(("id".into(), t!("part.window-no-id")));
        }
        if self.name.trim().is_empty() {
            return Err(("name".into(), t!("part.window-no-name")));
        }
        self.check_kind()?;
        if !self.url.is_empty() {
            super::web::web_url(&self.url).map_err(|m| ("url".to_string(), m))?;
        }
        let hours = std::mem::take(&mut self.hours).check()?;
        if !hours.is_known() && hours.note.trim().is_empty() {
            return Err(("hours".into(), t!("part.line-no-hours")));
        }
        let audience = super::list::parse_all::<HelpAudience>(&self.audience)
            .map_err(|u| ("audience".to_string(), super::windows::audience_unknown(&u)))?;
        for topic in &self.topics {
            super::topic::check_topic(topic, topics).map_err(|m| ("topics".to_string(), m))?;
        }
        for (i, code) in self.languages.iter().enumerate() {
            if !super::language::is_code(code) {
                return Err((
                    format!("languages[{i}]"),
                    t!("part.line-language", value = code),
                ));
            }
        }
        let checked = checked_and_source(&self.source, self.checked.as_deref())?;
        Ok(HelpLine {
            id: self.id,
            kind: self.kind,
            name: self.name,
            organisation: self.organisation,
            numbers: self.numbers,
            url: self.url,
            channel: self.channel,
            hours,
            charge: self.charge,
            audience,
            audience_note: self.audience_note,
            topics: self.topics,
            languages: self.languages,
            source: self.source,
            checked,
            note: self.note,
            origin: self.origin,
        })
    }

    /// Numbers and a charge for a phone line; an address and neither for a chat or SNS one.
    fn check_kind(&self) -> std::result::Result<(), (String, Text)> {
        match self.kind {
            Kind::Phone => {
                if self.numbers.is_empty() {
                    return Err(("numbers".into(), t!("part.line-no-number")));
                }
                let charge = self
                    .charge
                    .ok_or_else(|| ("charge".to_string(), t!("part.line-no-charge")))?;
                for (i, n) in self.numbers.iter().enumerate() {
                    let digits =
                        phone::normalize(&n.number).map_err(|m| (format!("numbers[{i}]"), m))?;
                    if let Some(wrong) = charge_mismatch(&digits, n.charge.unwrap_or(charge)) {
                        return Err((format!("numbers[{i}]"), wrong));
                    }
                }
            }
            Kind::Chat | Kind::Sns => {
                if !self.numbers.is_empty() {
                    return Err(("numbers".into(), t!("part.line-chat-number")));
                }
                if self.charge.is_some() {
                    return Err(("charge".into(), t!("part.line-chat-charge")));
                }
                if self.url.is_empty() {
                    return Err(("url".into(), t!("part.line-chat-no-url")));
                }
            }
        }
        Ok(())
    }
}

/// The warning for an entry (a line or a portal: its `id`, `name`, `checked` date and the page to
/// check it on) whose `checked` date is older than `max_age_months` on `today`.
fn stale(
    (id, name, checked, source): (&str, &str, Date, &str),
    today: Date,
    max_age_months: u32,
) -> Option<Message> {
    older_than(checked, today, max_age_months).then(|| {
        msg!(
            "warning.help-line-checked-old",
            id = id,
            name = name,
            date = checked,
            months = max_age_months,
            source = source
        )
    })
}

/// What is wrong when a number's kind and the stated charge disagree: a ナビダイヤル (0570) is
/// never free to the caller, a フリーダイヤル (0120, 0800) never charged.
fn charge_mismatch(digits: &str, charge: Charge) -> Option<Text> {
    let navi = digits.starts_with("0570");
    let free_dial = digits.starts_with("0120") || digits.starts_with("0800");
    match charge {
        Charge::Free if navi => Some(t!("part.line-navi-dial-free")),
        Charge::Charged if free_dial => Some(t!("part.line-free-dial-charged")),
        _ => None,
    }
}

/// A `source` that is a web page and a `checked` date that is a date, both required.
fn checked_and_source(
    source: &str,
    checked: Option<&str>,
) -> std::result::Result<Date, (String, Text)> {
    if source.trim().is_empty() {
        return Err(("source".into(), t!("part.line-no-source")));
    }
    super::web::web_url(source).map_err(|m| ("source".to_string(), m))?;
    let Some(checked) = checked else {
        return Err(("checked".into(), t!("part.line-no-checked")));
    };
    Date::parse_explained(checked).map_err(|why| ("checked".to_string(), why))
}

/// Whether `date` is more than `months` whole months before `today`.
fn older_than(date: Date, today: Date, months: u32) -> bool {
    let age = (today.year - date.year) * 12 + today.month as i32 - date.month as i32;
    age > months as i32
}

impl HelpLines {
    /// The bundled lines alone.
    pub fn bundled(topics: &[&str]) -> Result<HelpLines> {
        HelpLines::with_project(None, topics)
    }

    /// The bundled lines with a project's `help-lines.toml` (its text and its path from the
    /// project root) applied: an entry with a bundled id replaces it, a new id is added,
    /// `withdraw` removes bundled lines, `[help_box]` replaces the lists it names. Every mistake
    /// of the project's file is reported, each at its line.
    pub fn with_project(project: Option<(&str, &Path)>, topics: &[&str]) -> Result<HelpLines> {
        let bundled_path = PathBuf::from(format!("<tsunagi>/{HELP_LINES_FILE}"));
        let mut diags = Diagnostics::new();
        let mut all: HelpLines = diags
            .take(read(BUNDLED, &bundled_path, topics))
            .map(HelpLines::from)
            .unwrap_or_default();
        // Where the help box's lists are written: the project's file when it has one.
        let mut lists_in = (toml_input::field_positions(BUNDLED), bundled_path);
        if let Some((text, path)) = project
            && let Some(own) = diags.take(read(text, path, topics))
        {
            let positions = toml_input::field_positions(text);
            for (i, id) in own.withdraw.iter().enumerate() {
                let before = all.lines.len();
                all.lines.retain(|l| &l.id != id);
                if all.lines.len() == before {
                    let field = format!("withdraw[{i}]");
                    diags.record(unknown_id(&positions, path, &field, id, &all));
                }
            }
            for line in own.lines {
                match all.lines.iter_mut().find(|l| l.id == line.id) {
                    Some(old) => *old = line,
                    None => all.lines.push(line),
                }
            }
            for portal in own.portals {
                match all.portals.iter_mut().find(|p| p.id == portal.id) {
                    Some(old) => *old = portal,
                    None => all.portals.push(portal),
                }
            }
            for (audience, ids) in own.help_box {
                all.help_box.insert(audience, ids);
            }
            lists_in = (positions, path.to_path_buf());
        }
        // What the help box names must be there, after the project's changes, and be a number
        // to call.
        let (positions, path) = &lists_in;
        for (audience, ids) in &all.help_box {
            for (i, id) in ids.iter().enumerate() {
                let field = format!("help_box.{audience}[{i}]");
                match all.get(id) {
                    None => diags.record(unknown_id(positions, path, &field, id, &all)),
                    Some(l) if !l.is_phone() => diags.record(Error::input(
                        locate(positions, path, &field),
                        msg!("error.help-box-not-phone", id = id),
                    )),
                    Some(_) => {}
                }
            }
        }
        if !all.help_box.contains_key("general") {
            diags.record(Error::input(
                Location::file(path),
                msg!("error.help-box-no-general"),
            ));
        }
        diags.finish(all)
    }

    /// The phone lines the 「今すぐ相談したい方へ」 box offers the readers of a page with
    /// `audience` (front matter): the list for that audience, else the general one.
    pub fn help_box(&self, audience: Option<&str>) -> Vec<&HelpLine> {
        let ids = audience
            .and_then(|a| self.help_box.get(a))
            .or_else(|| self.help_box.get("general"))
            .map_or(&[][..], Vec::as_slice);
        ids.iter()
            .filter_map(|id| self.lines.iter().find(|l| &l.id == id))
            .filter(|l| l.is_phone())
            .collect()
    }

    /// The lines for someone thinking of suicide, for the readers of a page with `audience`:
    /// the help box's first, then every other phone line on suicide — those for anyone (or,
    /// for pupils, for children) before those for others, then those open 24 hours, then the
    /// free ones — except the lines only for foreign residents, which
    /// [`HelpLines::crisis_in`] offers on pages in other languages.
    pub fn crisis(&self, audience: Option<&str>) -> Vec<&HelpLine> {
        let mut lines = self.help_box(audience);
        let readers: &[HelpAudience] = match audience {
            Some("school") => &[HelpAudience::Children, HelpAudience::YoungPeople],
            _ => &[HelpAudience::Anyone],
        };
        // A line only for foreign residents is the Japanese reader's own line in another
        // language (よりそいホットライン's foreign-language line): offered on the pages in
        // other languages (`crisis_in`), not here.
        let mut rest: Vec<&HelpLine> = self
            .lines
            .iter()
            .filter(|l| l.is_phone() && l.topics.iter().any(|t| t == "suicide"))
            .filter(|l| !l.only_for_foreign_residents())
            .filter(|l| !lines.iter().any(|first| first.id == l.id))
            .collect();
        rest.sort_by_key(|l| {
            (
                !l.audience.iter().any(|a| readers.contains(a)),
                !l.hours.always_open,
                l.charge != Some(Charge::Free),
            )
        });
        lines.extend(rest);
        lines
    }

    /// The chat and SNS consultations, those for the page's readers first: for pupils
    /// (`school`), those for children and young people.
    pub fn chats(&self, audience: Option<&str>) -> Vec<&HelpLine> {
        let mut chats: Vec<&HelpLine> = self.lines.iter().filter(|l| !l.is_phone()).collect();
        if audience == Some("school") {
            chats.sort_by_key(|l| {
                !l.audience
                    .iter()
                    .any(|a| matches!(a, HelpAudience::Children | HelpAudience::YoungPeople))
            });
        }
        chats
    }

    /// `lines` for a page in the language `lang` (a language code: `ja`, `easy`, `en`…),
    /// otherwise in the order given. On a Japanese page, without the lines only for foreign
    /// residents (the help page's group for foreign residents lists them); on a page in
    /// やさしい日本語, the lines that answer in it first, then the other lines for foreign
    /// residents; on a page in another language, the lines that answer in it first, then the
    /// other lines for foreign residents.
    pub fn in_language<'a>(lines: Vec<&'a HelpLine>, lang: &str) -> Vec<&'a HelpLine> {
        let mut lines = lines;
        if lang == JAPANESE {
            lines.retain(|l| !l.only_for_foreign_residents());
        } else {
            lines.sort_by_key(|l| language_rank(l, lang));
        }
        lines
    }

    /// The phone lines the 「今すぐ相談したい方へ」 box offers the readers of a page with
    /// `audience` in the language `lang`: on a page in a language other than Japanese, first
    /// the lines for someone in distress that answer in it (for やさしい日本語: those that answer
    /// in it or are for foreign residents), then the box's usual lines.
    pub fn help_box_in(&self, audience: Option<&str>, lang: &str) -> Vec<&HelpLine> {
        let usual = self.help_box(audience);
        if lang == JAPANESE {
            return usual;
        }
        let own: Vec<&HelpLine> = self
            .lines
            .iter()
            .filter(|l| l.is_phone() && l.for_distress() && first_for(l, lang))
            .collect();
        let mut lines = HelpLines::in_language(own, lang);
        append_new(&mut lines, usual);
        lines
    }

    /// The lines for someone thinking of suicide ([`HelpLines::crisis`]) on a page in the
    /// language `lang`: on a page in a language other than Japanese, those of
    /// [`HelpLines::help_box_in`] first.
    pub fn crisis_in(&self, audience: Option<&str>, lang: &str) -> Vec<&HelpLine> {
        let crisis = self.crisis(audience);
        if lang == JAPANESE {
            return crisis;
        }
        let mut lines = self.help_box_in(audience, lang);
        append_new(&mut lines, crisis);
        lines
    }

    /// The chat and SNS consultations ([`HelpLines::chats`]) in the order for a page in the
    /// language `lang` ([`HelpLines::in_language`]).
    pub fn chats_in(&self, audience: Option<&str>, lang: &str) -> Vec<&HelpLine> {
        HelpLines::in_language(self.chats(audience), lang)
    }

    /// The line with `id`.
    pub fn get(&self, id: &str) -> Option<&HelpLine> {
        self.lines.iter().find(|l| l.id == id)
    }

    /// The oldest `checked` date of the lines and portals: what the help page says its
    /// information is as of.
    pub fn checked_as_of(&self) -> Option<Date> {
        self.lines
            .iter()
            .map(|l| l.checked)
            .chain(self.portals.iter().map(|p| p.checked))
            .min()
    }

    /// Whether `url` (a link's destination) leads to a national portal: its address or a page
    /// below it, whatever the scheme and a `www.` before the host.
    pub fn is_portal_link(&self, url: &str) -> bool {
        let norm = |u: &str| {
            let u = u.trim();
            let rest = u
                .strip_prefix("https://")
                .or_else(|| u.strip_prefix("http://"))
                .unwrap_or(u);
            let rest = rest.strip_prefix("www.").unwrap_or(rest);
            rest.trim_end_matches('/').to_ascii_lowercase()
        };
        let link = norm(url);
        self.portals.iter().any(|p| {
            let portal = norm(&p.url);
            !portal.is_empty()
                && (link == portal
                    || link
                        .strip_prefix(&portal)
                        .is_some_and(|rest| rest.starts_with(['/', '?', '#'])))
        })
    }

    /// Warnings for the lines and portals whose `checked` date is older than `max_age_months`
    /// on `today`, each at its entry.
    pub fn warnings(&self, today: Date, max_age_months: u32) -> Vec<Diagnostic> {
        let at = |origin: &Option<Location>| {
            origin
                .clone()
                .unwrap_or_else(|| Location::file(HELP_LINES_FILE))
        };
        let lines = self.lines.iter().map(|l| {
            let entry = (l.id.as_str(), l.name.as_str(), l.checked, l.source.as_str());
            (&l.origin, entry)
        });
        let portals = self.portals.iter().map(|p| {
            let entry = (p.id.as_str(), p.name.as_str(), p.checked, p.url.as_str());
            (&p.origin, entry)
        });
        lines
            .chain(portals)
            .filter_map(|(origin, entry)| Some((at(origin), stale(entry, today, max_age_months)?)))
            .map(|(location, message)| Diagnostic::warning(location, "help-line-checked", message))
            .collect()
    }
}

/// An id the file names that no line has.
fn unknown_id(
    positions: &BTreeMap<String, (usize, usize)>,
    path: &Path,
    field: &str,
    id: &str,
    all: &HelpLines,
) -> Error {
    let ids: Vec<&str> = all.lines.iter().map(|l| l.id.as_str()).collect();
    Error::input(
        locate(positions, path, field),
        msg!(
            "error.help-line-unknown",
            id = id,
            suggest = did_you_mean(id, ids.iter().copied()),
            list = ids.join(", ")
        ),
    )
}

/// Reads and validates one `help-lines.toml`.
fn read(text: &str, path: &Path, topics: &[&str]) -> Result<ParsedFile> {
    let raw: RawFile = toml_input::parse(text, path, 1)?;
    let positions = toml_input::field_positions(text);
    let at = |field: &str| locate(&positions, path, field);
    let mut diags = Diagnostics::new();
    let mut lines = raw.lines;
    for (i, line) in lines.iter_mut().enumerate() {
        line.origin = Some(at(&format!("lines[{i}]")));
    }
    let what = t!("part.what-help-line");
    let lines = check_entries(lines, "lines", &what, &mut diags, &at, |l| {
        (l.id.clone(), l.check(topics).map_err(|e| vec![e]))
    });
    let mut portals = raw.portals;
    for (i, portal) in portals.iter_mut().enumerate() {
        portal.origin = Some(at(&format!("portals[{i}]")));
    }
    let what = t!("part.what-portal");
    let portals = check_entries(portals, "portals", &what, &mut diags, &at, |p| {
        let result = super::web::web_url(&p.url)
            .map(|_| ())
            .map_err(|m| ("url".to_string(), m))
            .and_then(|()| checked_and_source(&p.url, p.checked.as_deref()));
        let portal = |checked| Portal {
            id: p.id.clone(),
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            url: p.url.clone(),
            checked,
            origin: p.origin.clone(),
        };
        (p.id.clone(), result.map(portal).map_err(|e| vec![e]))
    });
    for audience in raw.help_box.keys() {
        if PageAudience::from_key(audience).is_none() {
            diags.record(Error::input(
                at(&format!("help_box.{audience}")),
                msg!(
                    "error.audience-unknown",
                    value = audience,
                    list = PageAudience::list()
                ),
            ));
        }
    }
    diags.finish(ParsedFile {
        lines,
        portals,
        help_box: raw.help_box,
        withdraw: raw.withdraw,
    })
}

/// One file, read and validated, before it is applied.
#[derive(Debug, Default)]
struct ParsedFile {
    lines: Vec<HelpLine>,
    portals: Vec<Portal>,
    help_box: BTreeMap<String, Vec<String>>,
    withdraw: Vec<String>,
}

impl From<ParsedFile> for HelpLines {
    fn from(f: ParsedFile) -> Self {
        HelpLines {
            lines: f.lines,
            portals: f.portals,
            help_box: f.help_box,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BUILTIN_TOPICS;

    fn topics() -> Vec<&'static str> {
        BUILTIN_TOPICS.iter().map(|(k, _)| *k).collect()
    }

    fn bundled() -> HelpLines {
        HelpLines::bundled(&topics()).unwrap()
    }

    fn with(text: &str) -> Result<HelpLines> {
        HelpLines::with_project(Some((text, Path::new(HELP_LINES_FILE))), &topics())
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// The first error of a project file `text`: (line, message).
    fn error(text: &str) -> (Option<usize>, String) {
        let err = with(text).unwrap_err();
        let d = err.diagnostic().unwrap().clone();
        (d.location.line, d.message)
    }

    #[test]
    fn the_bundled_lines_are_valid_sourced_and_dated() {
        let all = bundled();
        assert!(all.lines.len() >= 8);
        for l in &all.lines {
            assert!(l.source.starts_with("http"), "{}: source", l.id);
            assert!(l.checked >= d("2000-01-01"), "{}", l.id);
            for n in &l.numbers {
                assert!(!n.tel().is_empty(), "{}: {}", l.id, n.number);
            }
        }
        assert_eq!(
            all.portals[0].url, "https://www.mhlw.go.jp/mamorouyokokoro/",
            "まもろうよ こころ"
        );
    }

    #[test]
    fn the_numbers_are_the_published_ones() {
        let all = bundled();
        let number = |id: &str| all.get(id).unwrap().numbers[0].number.as_str();
        assert_eq!(number("kokoro-no-kenko-sodan"), "0570-064-556");
        assert_eq!(number("yorisoi"), "0120-279-338");
        assert_eq!(
            all.get("yorisoi").unwrap().numbers[1].number,
            "0120-279-226"
        );
        assert_eq!(number("inochi-no-denwa-free"), "0120-783-556");
        assert_eq!(number("inochi-no-denwa"), "0570-783-556");
        assert_eq!(number("inochi-sos"), "0120-061-338");
        assert_eq!(number("kodomo-sos"), "0120-0-78310");
        assert_eq!(number("childline"), "0120-99-7777");
    }

    #[test]
    fn the_lines_for_foreign_residents_are_the_published_ones() {
        let all = bundled();
        let line = |id: &str| all.get(id).unwrap();
        assert_eq!(line("yorisoi-foreign").numbers[0].number, "0120-279-338");
        assert_eq!(line("houterasu-tagengo").numbers[0].number, "0570-078377");
        assert_eq!(line("houterasu-tagengo").numbers[1].number, "050-3754-5430");
        assert_eq!(line("jinken-foreign").numbers[0].number, "0570-090911");
        for id in ["yorisoi-foreign", "houterasu-tagengo", "jinken-foreign"] {
            assert!(line(id).serves("en"), "{id}");
            assert!(line(id).for_foreign_residents(), "{id}");
            assert!(line(id).checked >= d("2026-12-08"), "{id}");
        }
        assert!(line("jinken-foreign").serves("ne"));
        assert!(
            !line("yorisoi-foreign").serves("ne"),
            "only what all sources list"
        );
        assert!(line("yorisoi").serves("ja") && !line("yorisoi").serves("en"));
        // Weekdays 9–17: open on a Tuesday morning, closed on Sunday.
        let houterasu = &line("houterasu-tagengo").hours;
        assert!(houterasu.is_open(d("2026-12-08"), 10 * 60));
        assert!(!houterasu.is_open(d("2026-12-13"), 10 * 60));
    }

    fn ids(lines: &[&HelpLine]) -> Vec<String> {
        lines.iter().map(|l| l.id.clone()).collect()
    }

    #[test]
    fn pages_in_other_languages_offer_the_lines_in_their_language_first() {
        let all = bundled();
        // Japanese: unchanged, the foreign-language lines not among the crisis lines.
        assert_eq!(ids(&all.help_box_in(None, "ja")), ["yorisoi"]);
        assert_eq!(all.crisis_in(None, "ja"), all.crisis(None));
        assert!(!ids(&all.crisis(None)).contains(&"yorisoi-foreign".to_string()));
        // English: the foreign-language line for someone in distress first, then the usual.
        assert_eq!(
            ids(&all.help_box_in(None, "en")),
            ["yorisoi-foreign", "yorisoi"]
        );
        assert_eq!(all.crisis_in(None, "en")[0].id, "yorisoi-foreign");
        assert_eq!(all.crisis_in(Some("school"), "en")[1].id, "kodomo-sos");
        // Nepali: only the lines that answer in it come first.
        let phones: Vec<&HelpLine> = all.lines.iter().filter(|l| l.is_phone()).collect();
        let ne = HelpLines::in_language(phones.clone(), "ne");
        assert_eq!(
            ids(&ne[..2]),
            ["houterasu-tagengo", "jinken-foreign"],
            "file order kept among equals"
        );
        assert_eq!(
            ne[2].id, "yorisoi-foreign",
            "then the other lines for foreigners"
        );
        assert_eq!(
            ne[3].id, "kokoro-no-kenko-sodan",
            "then the rest in file order"
        );
        // A region matches its language either way round.
        assert_eq!(
            HelpLines::in_language(phones.clone(), "pt-BR")[0].id,
            "yorisoi-foreign"
        );
        // やさしい日本語: the lines for foreign residents first (none answers in it yet).
        let easy = HelpLines::in_language(phones.clone(), "easy");
        assert_eq!(
            ids(&easy[..3]),
            ["yorisoi-foreign", "houterasu-tagengo", "jinken-foreign"]
        );
        assert_eq!(
            ids(&all.help_box_in(None, "easy")),
            ["yorisoi-foreign", "yorisoi"]
        );
        // Japanese lists: without the lines only for foreign residents.
        let ja = HelpLines::in_language(phones.clone(), "ja");
        assert_eq!(ja.len(), phones.len() - 3);
        assert!(ja.iter().all(|l| !l.for_foreign_residents()));
        assert_eq!(ids(&ja), ids(&phones[..ja.len()]), "in file order");
    }

    #[test]
    fn a_line_in_easy_japanese_comes_first_on_easy_pages() {
        let text = "[[lines]]\nid = \"town-easy\"\nname = \"やさしい日本語の相談\"\nnumbers = [{ number = \"048-723-1447\" }]\ncharge = \"charged\"\nhours = { always_open = true }\ntopics = [\"stress\"]\nlanguages = [\"easy\"]\nsource = \"https://www.pref.saitama.lg.jp/\"\nchecked = 2026-12-01\n";
        let all = with(text).unwrap();
        assert_eq!(
            ids(&all.help_box_in(None, "easy")),
            ["town-easy", "yorisoi-foreign", "yorisoi"]
        );
        assert_eq!(all.help_box_in(None, "en")[0].id, "yorisoi-foreign");
        let (at, message) = error(&text.replace("[\"easy\"]", "[\"English\"]"));
        assert_eq!(at, Some(8), "the languages line: {message}");
        assert!(
            message.contains("languages[0]") && message.contains("English"),
            "{message}"
        );
    }

    #[test]
    fn a_navi_dial_is_never_called_free() {
        for l in bundled().lines.iter().filter(|l| l.is_phone()) {
            for n in &l.numbers {
                let navi = n.number.starts_with("0570");
                assert_eq!(
                    l.charge_of(n) == Some(Charge::Charged),
                    navi || n.number.starts_with("050"),
                    "{}: {}",
                    l.id,
                    n.number
                );
            }
        }
    }

    #[test]
    fn childline_closes_for_the_new_year_and_the_free_line_opens_on_the_tenth() {
        let all = bundled();
        let childline = &all.get("childline").unwrap().hours;
        assert!(childline.is_open(d("2026-12-28"), 16 * 60 + 30));
        assert!(
            !childline.is_open(d("2026-12-30"), 16 * 60 + 30),
            "12/29–1/3"
        );
        assert!(!childline.is_open(d("2027-01-03"), 20 * 60));
        assert!(childline.is_open(d("2027-01-04"), 16 * 60));
        let free = &all.get("inochi-no-denwa-free").unwrap().hours;
        assert!(free.is_open(d("2027-01-10"), 9 * 60), "the 10th from 8:00");
        assert!(
            free.is_open(d("2027-01-11"), 7 * 60 + 30),
            "until 8:00 the next day"
        );
        assert!(
            !free.is_open(d("2027-01-11"), 9 * 60),
            "an ordinary morning"
        );
        assert!(
            free.is_open(d("2027-01-11"), 16 * 60),
            "every day from 16:00"
        );
        assert!(!free.is_open(d("2027-01-11"), 21 * 60), "until 21:00");
        let sos = &all.get("inochi-sos").unwrap().hours;
        assert!(sos.is_open(d("2026-12-07"), 3 * 60), "Monday night");
        assert!(!sos.is_open(d("2026-12-08"), 3 * 60), "Tuesday before 6:00");
        // Hours that vary by prefecture get no badge.
        let unified = &all.get("kokoro-no-kenko-sodan").unwrap().hours;
        assert_eq!(unified.badge_json(), None);
    }

    #[test]
    fn the_help_box_offers_pupils_the_childrens_lines_and_everyone_else_the_general_one() {
        let all = bundled();
        let ids = |a| {
            all.help_box(a)
                .iter()
                .map(|l| l.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Some("school")), ["kodomo-sos", "childline"]);
        assert_eq!(ids(Some("family")), ["yorisoi"]);
        assert_eq!(ids(None), ["yorisoi"]);
        // Crisis: the help box's, then lines for anyone, 24 hours before free before charged.
        let crisis: Vec<&str> = all.crisis(None).iter().map(|l| l.id.as_str()).collect();
        assert_eq!(crisis[0], "yorisoi");
        assert_eq!(&crisis[1..3], ["inochi-no-denwa-free", "inochi-sos"]);
        assert_eq!(
            crisis.last(),
            Some(&"kodomo-sos"),
            "the children's line last"
        );
        // Chats: the children's first for pupils.
        assert_eq!(all.chats(Some("school"))[0].id, "childline-chat");
        assert!(all.chats(None).iter().all(|l| !l.is_phone()));
    }

    #[test]
    fn a_project_corrects_adds_and_withdraws_lines() {
        let text = "withdraw = [\"inochi-no-denwa\"]\n\n[help_box]\ngeneral = [\"yorisoi\", \"town-line\"]\n\n[[lines]]\nid = \"childline\"\nname = \"チャイルドライン\"\nnumbers = [{ number = \"0120-99-7777\" }]\ncharge = \"free\"\nhours = { periods = [{ days = [\"mon\"], open = \"16:00\", close = \"21:00\" }] }\nsource = \"https://childline.or.jp/\"\nchecked = 2026-12-01\n\n[[lines]]\nid = \"town-line\"\nname = \"県のこころの電話\"\nnumbers = [{ number = \"048-723-1447\" }]\ncharge = \"charged\"\nhours = { always_open = true }\nsource = \"https://www.pref.saitama.lg.jp/\"\nchecked = 2026-12-01\n";
        let all = with(text).unwrap();
        assert!(all.get("inochi-no-denwa").is_none(), "withdrawn");
        let childline = all.get("childline").unwrap();
        assert_eq!(
            childline.hours.periods[0].days,
            [super::super::hours::Weekday::Mon],
            "replaced whole"
        );
        let ids: Vec<&str> = all.help_box(None).iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, ["yorisoi", "town-line"]);
        assert_eq!(
            all.help_box(Some("school"))[0].id,
            "kodomo-sos",
            "the bundled pupils' list stays"
        );
    }

    #[test]
    fn mistakes_in_a_project_file_are_reported_at_their_line() {
        let line = "[[lines]]\nid = \"x\"\nname = \"x\"\nnumbers = [{ number = \"0570-064-556\" }]\ncharge = \"free\"\nhours = { always_open = true }\nsource = \"https://www.mhlw.go.jp/\"\nchecked = 2026-12-01\n";
        let (at, message) = error(line);
        assert_eq!(at, Some(4), "{message}");
        assert!(message.contains("numbers[0]"), "{message}");
        let charged = line.replace("\"free\"", "\"charged\"");
        assert!(with(&charged).is_ok());
        let (at, message) = error(&charged.replace("checked = 2026-12-01\n", ""));
        assert_eq!(at, Some(2), "the entry: {message}");
        assert!(message.contains("checked"), "{message}");
        let (at, message) = error("withdraw = [\"yorisio\"]\n");
        assert_eq!(at, Some(1), "{message}");
        assert!(message.contains("yorisoi"), "did you mean: {message}");
        let (at, message) = error("[help_box]\ngeneral = [\"childline-chat\"]\n");
        assert_eq!(at, Some(2), "{message}");
        let chat_with_number = "[[lines]]\nid = \"c\"\nkind = \"chat\"\nname = \"c\"\nurl = \"https://example.jp/\"\nnumbers = [{ number = \"0120-99-7777\" }]\nhours = { always_open = true }\nsource = \"https://example.jp/\"\nchecked = 2026-12-01\n";
        let (at, _) = error(chat_with_number);
        assert_eq!(at, Some(6));
        let (at, _) = error("[[lines]]\nid = \"y\"\nnmae = \"y\"\n");
        assert_eq!(at, Some(3), "an unknown key");
    }

    #[test]
    fn a_line_not_checked_for_a_year_is_warned_about_at_its_entry() {
        let text = "[[lines]]\nid = \"yorisoi\"\nname = \"よりそいホットライン\"\nnumbers = [{ number = \"0120-279-338\" }]\ncharge = \"free\"\nhours = { always_open = true }\nsource = \"https://www.mhlw.go.jp/\"\nchecked = 2025-10-01\n";
        let all = with(text).unwrap();
        let warnings = all.warnings(d("2026-12-07"), 12);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].location.line, Some(2));
        assert_eq!(warnings[0].rule, "help-line-checked");
        assert!(all.warnings(d("2026-10-31"), 12).is_empty(), "12 months");
        assert_eq!(all.checked_as_of(), Some(d("2025-10-01")));
    }

    #[test]
    fn links_to_the_portal_and_below_it_count_as_the_portal() {
        let all = bundled();
        assert!(all.is_portal_link("https://www.mhlw.go.jp/mamorouyokokoro/"));
        assert!(all.is_portal_link("https://www.mhlw.go.jp/mamorouyokokoro"));
        assert!(all.is_portal_link("https://www.mhlw.go.jp/mamorouyokokoro/soudan/tel/"));
        assert!(all.is_portal_link("http://mhlw.go.jp/mamorouyokokoro/#sns"));
        assert!(!all.is_portal_link("https://www.mhlw.go.jp/mamorouyokokoro2/"));
        assert!(!all.is_portal_link("https://www.mhlw.go.jp/"));
    }
}
