//! A municipality (市区町村): its identity from `municipality.toml` and its data.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{Config, is_valid_slug};
use crate::data::Window;
use crate::error::{Diagnostics, Error, Location, Result};
use crate::furigana;
use crate::kana::is_hiragana_or_mark;
use crate::toml_input::{self, check_entries, locate};
use crate::{msg, t};

/// The file that makes a folder under `content/municipalities/` a municipality.
pub(crate) const MUNICIPALITY_FILE: &str = "municipality.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMunicipality {
    name: String,
    kana: String,
    code: String,
    prefecture: String,
    health_center: String,
    base_url: Option<String>,
    furigana: Option<String>,
    lexicon: Option<String>,
    #[serde(default)]
    description: String,
    contact: Option<Contact>,
    #[serde(default)]
    windows: Vec<crate::data::windows::RawWindow>,
    #[serde(default)]
    events: Vec<crate::data::events::RawEvent>,
    #[serde(default)]
    languages: std::collections::BTreeMap<String, TownLanguage>,
}

/// `[languages.<code>]` of `municipality.toml`: the town's own words in one of the site's other
/// languages. What it leaves out stays as written in Japanese (a name is still a name).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TownLanguage {
    /// The municipality's name (`Sayama City`).
    pub name: Option<String>,
    /// The sentence about its site.
    pub description: Option<String>,
    /// Window id → the window's words.
    #[serde(default)]
    pub windows: std::collections::BTreeMap<String, WindowWords>,
}

/// A window's words in another language (`[languages.en.windows.<id>]`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct WindowWords {
    /// Its name.
    pub name: Option<String>,
    /// Who runs it.
    pub organisation: Option<String>,
    /// Its note.
    pub note: Option<String>,
}

/// Who publishes the site and answers questions about it (the accessibility policy's お問い合わせ):
/// `[contact]` in `municipality.toml`. At least one of phone, email or form is expected.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The office, e.g. 所沢市 保健センター 健康管理課.
    pub name: String,
    /// Its phone number (checked; shown as a `tel:` link).
    #[serde(default)]
    pub phone: String,
    /// `tel:` URI of `phone`, filled in by validation.
    #[serde(default, skip_deserializing)]
    pub tel: String,
    /// Its e-mail address.
    #[serde(default)]
    pub email: String,
    /// A web form for questions.
    #[serde(default)]
    pub form_url: String,
    /// True for an invented contact (an example project): shown with a 例示用 mark and never
    /// with a phone, e-mail or form; `tsunagi check --production` reports it.
    #[serde(default)]
    pub example: bool,
}

impl Contact {
    /// Whether a reader can reach anyone through it.
    pub fn is_reachable(&self) -> bool {
        !self.phone.is_empty() || !self.email.is_empty() || !self.form_url.is_empty()
    }
}

/// A validated municipality.
#[derive(Debug, Clone, Serialize)]
pub struct Municipality {
    /// Folder name and first URL segment of its site, e.g. `tokorozawa`.
    pub slug: String,
    /// Name, e.g. 所沢市.
    pub name: String,
    /// Reading in hiragana, e.g. ところざわし.
    pub kana: String,
    /// 6-digit local-government code (全国地方公共団体コード) with its check digit.
    pub code: String,
    /// Prefecture, e.g. 埼玉県.
    pub prefecture: String,
    /// The health center (保健所) that serves it.
    pub health_center: String,
    /// Absolute base URL of its site, ending in `/`.
    pub base_url: String,
    /// The URL path part of `base_url` (`/kokoro/` for `https://city.example.jp/kokoro/`).
    pub base_path: String,
    /// Furigana setting for the whole site of this town, if it differs from the project's.
    #[serde(skip)]
    pub furigana: Option<furigana::Level>,
    /// A reading lexicon file of this municipality (relative to its folder), if any.
    #[serde(skip)]
    pub lexicon_file: Option<String>,
    /// A sentence about this site.
    pub description: String,
    /// Who publishes the site, if given.
    pub contact: Option<Contact>,
    /// Consultation windows (templates see them through the `windows` shortcode's views).
    #[serde(skip)]
    pub windows: Vec<Window>,
    /// Events, sorted by start (templates see them through views).
    #[serde(skip)]
    pub events: Vec<crate::data::events::Event>,
    /// Its `municipality.toml`, relative to the project root (for messages).
    #[serde(skip)]
    pub source: std::path::PathBuf,
    /// Where each field is written in that file (see [`toml_input::field_positions`]).
    #[serde(skip)]
    pub positions: std::collections::BTreeMap<String, (usize, usize)>,
    /// Its words in the site's other languages, by language code.
    #[serde(skip)]
    pub languages: std::collections::BTreeMap<String, TownLanguage>,
}

/// `name` without a trailing note in brackets that `kana` does not read (`相談（例）` with
/// `そうだん` → `相談`).
fn without_bracketed_note<'a>(name: &'a str, kana: &str) -> &'a str {
    let trimmed = name.trim_end();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if trimmed.ends_with(close)
            && !kana.trim_end().ends_with(close)
            && let Some(at) = trimmed.rfind(open)
        {
            return trimmed[..at].trim_end();
        }
    }
    trimmed
}

/// Checks `[languages]`: each a language of the site, each window one of the town's.
fn check_languages(
    languages: &std::collections::BTreeMap<String, TownLanguage>,
    windows: &[Window],
    config: &Config,
    at: &dyn Fn(&str) -> Location,
    diags: &mut Diagnostics,
) {
    for (code, words) in languages {
        if config.languages.variant(code).is_none() {
            diags.record(Error::input(
                at(&format!("languages.{code}")),
                msg!("error.town-language-unknown", code = code),
            ));
        }
        for id in words.windows.keys() {
            if !windows.iter().any(|w| &w.id == id) {
                diags.record(Error::input(
                    at(&format!("languages.{code}.windows.{id}")),
                    msg!("error.town-language-window", id = id),
                ));
            }
        }
    }
}

impl Municipality {
    /// This municipality as a page in the language `code` shows it: its name, description and
    /// windows' words replaced by those of its `[languages.<code>]`; `None` without one.
    pub fn in_language(&self, code: &str) -> Option<Municipality> {
        let words = self.languages.get(code)?;
        let mut m = self.clone();
        if let Some(name) = &words.name {
            m.name.clone_from(name);
        }
        if let Some(d) = &words.description {
            m.description.clone_from(d);
        }
        for w in &mut m.windows {
            let Some(own) = words.windows.get(&w.id) else {
                continue;
            };
            for (field, value) in [
                (&mut w.name, &own.name),
                (&mut w.organisation, &own.organisation),
                (&mut w.note, &own.note),
            ] {
                if let Some(v) = value {
                    field.clone_from(v);
                }
            }
        }
        Some(m)
    }

    /// Readings this municipality's data already states: its own name and the names of its
    /// windows. They join the site's furigana lexicon.
    ///
    /// A name's kana often leaves out a note in brackets (こころの相談（予約制）,
    /// 公民館（例）): the note is dropped from the word. A name whose kana does not fit it piece
    /// by piece is left to the dictionary rather than given a reading over the wrong characters.
    pub fn own_readings(&self) -> crate::furigana::Lexicon {
        let mut lex = crate::furigana::Lexicon::new();
        let names = std::iter::once((&self.name, &self.kana))
            .chain(self.windows.iter().map(|w| (&w.name, &w.kana)))
            .chain(self.events.iter().map(|e| (&e.venue.name, &e.venue.kana)));
        for (name, kana) in names {
            let name = without_bracketed_note(name, kana);
            if !kana.is_empty() && crate::furigana::fits(name, kana) {
                lex.insert(name, kana);
            }
        }
        lex
    }

    /// Parses and validates `municipality.toml` of the municipality `slug`.
    pub fn parse(text: &str, path: &Path, slug: &str, config: &Config) -> Result<Municipality> {
        if !is_valid_slug(slug) {
            return Err(Error::input(
                Location::file(path),
                msg!("error.municipality-folder-name", slug = slug),
            ));
        }
        let raw: RawMunicipality = toml_input::parse(text, path, 1)?;
        let positions = toml_input::field_positions(text);
        let at = |field: &str| locate(&positions, path, field);
        // Every field and entry is checked, and every problem reported at once at its field.
        let mut diags = Diagnostics::new();
        check_identity(&raw, &at, &mut diags);
        let furigana = match &raw.furigana {
            None => None,
            Some(s) => diags.take(furigana::Level::parse_setting(s, at("furigana"))),
        };
        let base_url = base_url_of(raw.base_url, config, slug, &at, &mut diags);
        let base_path = base_path_of(&base_url);
        let topics: Vec<&str> = config.topics.keys().map(String::as_str).collect();
        let mut contact = raw.contact;
        if let Some(c) = &mut contact {
            check_contact(c, &at, &mut diags);
        }
        let what = t!("part.what-window");
        let windows = check_entries(raw.windows, "windows", &what, &mut diags, &at, |w| {
            (w.id.clone(), w.check(&topics))
        });
        let what = t!("part.what-event");
        let mut events = check_entries(raw.events, "events", &what, &mut diags, &at, |e| {
            (e.id.clone(), e.check())
        });
        check_languages(&raw.languages, &windows, config, &at, &mut diags);
        diags.finish(())?;
        events.sort_by(|a, b| (a.start, a.id.as_str()).cmp(&(b.start, b.id.as_str())));
        Ok(Municipality {
            slug: slug.to_string(),
            name: raw.name,
            kana: raw.kana,
            code: raw.code,
            prefecture: raw.prefecture,
            health_center: raw.health_center,
            base_url,
            base_path,
            furigana,
            lexicon_file: raw.lexicon,
            description: raw.description,
            contact,
            windows,
            events,
            source: path.to_path_buf(),
            positions,
            languages: raw.languages,
        })
    }

    /// The name with its prefecture, as the open-data standard writes 地方公共団体名: 埼玉県所沢市.
    pub fn full_name(&self) -> String {
        if self.name.starts_with(&self.prefecture) {
            self.name.clone()
        } else {
            format!("{}{}", self.prefecture, self.name)
        }
    }

    /// Where `field` (a path such as `windows[2].verified`) is written in this municipality's
    /// `municipality.toml`; the nearest enclosing entry when the field itself is not written.
    pub fn location(&self, field: &str) -> Location {
        locate(&self.positions, &self.source, field)
    }
}

/// Checks the municipality's code (its check digit), that its name, prefecture and health
/// center are written, and that its reading is hiragana.
fn check_identity(raw: &RawMunicipality, at: &dyn Fn(&str) -> Location, diags: &mut Diagnostics) {
    if !check_digit_ok(&raw.code) {
        let message = match expected_check_digit(&raw.code) {
            Some(d) if raw.code.len() == 6 => msg!(
                "error.code-check-digit",
                code = raw.code,
                first = &raw.code[..5],
                digit = d,
                last = &raw.code[5..]
            ),
            _ => msg!("error.code-shape", code = raw.code),
        };
        diags.record(Error::input(at("code"), message));
    }
    for (field, value) in [
        ("name", &raw.name),
        ("prefecture", &raw.prefecture),
        ("health_center", &raw.health_center),
    ] {
        if value.trim().is_empty() {
            diags.record(Error::input(
                at(field),
                msg!("error.municipality-field-empty", field = field),
            ));
        }
    }
    if raw.kana.chars().any(|c| !is_hiragana_or_mark(c)) {
        diags.record(Error::input(
            at("kana"),
            msg!("error.municipality-kana", value = raw.kana),
        ));
    }
}

/// The site's address: the municipality's own `base_url`, else the one `tsunagi.toml` gives it;
/// an invalid one is recorded and replaced by a placeholder so that checking goes on.
fn base_url_of(
    own: Option<String>,
    config: &Config,
    slug: &str,
    at: &dyn Fn(&str) -> Location,
    diags: &mut Diagnostics,
) -> String {
    let own_base_url = own.is_some();
    let base_url = own.unwrap_or_else(|| config.base_url_for(slug));
    match crate::data::web::base_url(&base_url) {
        Ok(url) => url,
        Err(why) => {
            let location = if own_base_url {
                at("base_url")
            } else {
                Location::file(crate::config::CONFIG_FILE)
            };
            diags.record(Error::input(
                location,
                msg!("error.base-url-invalid", why = why),
            ));
            String::from("https://invalid.invalid/")
        }
    }
}

/// Checks `[contact]`: an example contact reaches no one; its phone (whose `tel:` URI it
/// fills in), e-mail and form are valid.
fn check_contact(c: &mut Contact, at: &dyn Fn(&str) -> Location, diags: &mut Diagnostics) {
    if c.example && c.is_reachable() {
        diags.record(Error::input(
            at("contact.example"),
            msg!("error.contact-example-reachable"),
        ));
    }
    if !c.phone.is_empty() {
        match crate::data::phone::normalize(&c.phone) {
            Ok(digits) => c.tel = crate::data::phone::tel_uri(&digits),
            Err(why) => diags.record(Error::input(
                at("contact.phone"),
                msg!("error.contact-phone", why = why),
            )),
        }
    }
    if !c.email.is_empty()
        && let Err(why) = crate::data::web::email(&c.email)
    {
        diags.record(Error::input(
            at("contact.email"),
            msg!("error.contact-email", why = why),
        ));
    }
    if !c.form_url.is_empty()
        && let Err(why) = crate::data::web::web_url(&c.form_url)
    {
        diags.record(Error::input(
            at("contact.form_url"),
            msg!("error.contact-form-url", why = why),
        ));
    }
}

/// The path of an absolute URL: `https://a.jp/kokoro/` → `/kokoro/`.
fn base_path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Whether `code` is a 6-digit local-government code with the right check digit.
pub(crate) fn check_digit_ok(code: &str) -> bool {
    code.len() == 6
        && expected_check_digit(code)
            .is_some_and(|d| code[5..].parse::<u32>().is_ok_and(|last| last == d))
}

/// The check digit that the first five digits of `code` call for: weights 6,5,4,3,2 over the
/// first five digits; check = (11 − sum mod 11) mod 10. `None` unless they are five ASCII digits.
pub(crate) fn expected_check_digit(code: &str) -> Option<u32> {
    let first = code.get(..5)?;
    if !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| d * w)
        .sum();
    Some((11 - sum % 11) % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title = \"t\"\nbase_url = \"https://kokoro.example.jp/{slug}/\"\n",
            Path::new("tsunagi.toml"),
        )
        .unwrap()
    }

    const GOOD: &str = "name = \"所沢市\"\nkana = \"ところざわし\"\ncode = \"112089\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n";

    #[test]
    fn check_digits_of_real_codes() {
        for code in ["112089", "112097", "112151", "112259", "112429", "131016"] {
            assert!(check_digit_ok(code), "{code}");
        }
        for code in [
            "112088",
            "112090",
            "11208",
            "1120899",
            "11208a",
            "１１２０８９",
        ] {
            assert!(!check_digit_ok(code), "{code}");
        }
        assert_eq!(expected_check_digit("112088"), Some(9));
    }

    #[test]
    fn parses_and_derives_base_url() {
        let m = Municipality::parse(GOOD, Path::new("m.toml"), "tokorozawa", &config()).unwrap();
        assert_eq!(m.base_url, "https://kokoro.example.jp/tokorozawa/");
        assert_eq!(m.base_path, "/tokorozawa/");
        let sub = format!("{GOOD}base_url = \"https://www.city.example.lg.jp/kokoro\"\n");
        let m = Municipality::parse(&sub, Path::new("m.toml"), "tokorozawa", &config()).unwrap();
        assert_eq!(m.base_path, "/kokoro/");
    }

    #[test]
    fn errors_name_the_field() {
        let missing = GOOD.replace("health_center = \"埼玉県狭山保健所\"\n", "");
        let e = Municipality::parse(&missing, Path::new("m.toml"), "x", &config()).unwrap_err();
        assert!(e.to_string().contains("health_center"), "{e}");
        let bad_code = GOOD.replace("112089", "112088");
        let e = Municipality::parse(&bad_code, Path::new("m.toml"), "x", &config()).unwrap_err();
        assert_eq!(e.diagnostic().unwrap().location.line, Some(3));
        let e = Municipality::parse(GOOD, Path::new("m.toml"), "Bad Slug", &config()).unwrap_err();
        assert!(e.to_string().contains("not a valid slug"));
    }

    #[test]
    fn own_readings_drop_unread_notes_and_names_the_kana_does_not_fit() {
        assert_eq!(
            without_bracketed_note("こころの相談（例）", "こころのそうだん"),
            "こころの相談"
        );
        assert_eq!(
            without_bracketed_note("相談室(2階)", "そうだんしつ(にかい)"),
            "相談室(2階)"
        );
        let windows = "[[windows]]\nid = \"a\"\nname = \"こころの相談（例）\"\nkana = \"こころのそうだん\"\norganisation = \"所沢市\"\nexample = true\n\n[[windows]]\nid = \"b\"\nname = \"保健センター\"\nkana = \"ほけんじょ\"\norganisation = \"所沢市\"\nexample = true\n";
        let m = Municipality::parse(
            &format!("{GOOD}{windows}"),
            Path::new("m.toml"),
            "tokorozawa",
            &config(),
        )
        .unwrap();
        let lex = m.own_readings();
        assert_eq!(
            lex.longest_prefix("所沢市の"),
            Some(("所沢市".len(), "ところざわし"))
        );
        assert_eq!(
            lex.longest_prefix("こころの相談（例）"),
            Some(("こころの相談".len(), "こころのそうだん"))
        );
        assert_eq!(
            lex.longest_prefix("保健センター"),
            None,
            "kana does not fit"
        );
    }
}
