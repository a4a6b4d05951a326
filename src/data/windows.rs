//! Consultation windows (相談窓口) of a municipality, as written in `municipality.toml`.

use serde::{Deserialize, Serialize};

use super::holidays::Date;
use super::hours::Hours;
use super::phone;
use crate::messages::{Message, Text};
use crate::{msg, t};

/// Japanese names of common language codes (others are shown as the code).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("ja", "日本語"),
    ("en", "英語"),
    ("zh", "中国語"),
    ("ko", "韓国語"),
    ("pt", "ポルトガル語"),
    ("es", "スペイン語"),
    ("vi", "ベトナム語"),
    ("tl", "タガログ語"),
    ("ne", "ネパール語"),
    ("id", "インドネシア語"),
    ("th", "タイ語"),
    ("my", "ミャンマー語"),
];

/// Who a window is for.
pub const AUDIENCES: &[(&str, &str)] = &[
    ("anyone", "どなたでも"),
    ("children", "子ども"),
    ("young-people", "若者"),
    ("families", "家族"),
    ("workers", "働く人"),
    ("elderly", "高齢の方"),
    ("foreign-residents", "外国にルーツのある方"),
    ("women", "女性"),
    ("professionals", "支援者・専門職"),
];

/// Accessibility options a window can offer.
pub const ACCESS_OPTIONS: &[(&str, &str)] = &[
    ("fax", "FAXで相談できます"),
    ("email", "メールで相談できます"),
    ("sign-language", "手話で相談できます"),
    ("text-chat", "チャット（文字）で相談できます"),
    ("interpreter", "通訳を頼めます"),
    ("wheelchair", "車いすで来所できます"),
];

/// A phone number of a window.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// What the number is for: 相談専用, 予約, FAX…
    #[serde(default)]
    pub label: String,
    /// The number as printed, e.g. `04-2998-9111`.
    pub number: String,
}

impl Phone {
    /// The `tel:` URI of the number (empty for a number that does not check).
    pub fn tel(&self) -> String {
        phone::normalize(&self.number).map_or_else(|_| String::new(), |d| phone::tel_uri(&d))
    }
}

/// A consultation window.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Stable identifier, unique within the municipality.
    pub id: String,
    /// Name, e.g. こころの健康相談.
    pub name: String,
    /// Reading of the name in hiragana (used for furigana and listings).
    #[serde(default)]
    pub kana: String,
    /// Who runs it.
    #[serde(default)]
    pub organisation: String,
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<Phone>,
    /// When it answers.
    #[serde(default)]
    pub hours: Hours,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// A web form for consultations.
    #[serde(default)]
    pub form_url: String,
    /// Street address (for visits).
    #[serde(default)]
    pub address: String,
    /// Who it is for: see [`AUDIENCES`].
    #[serde(default)]
    pub audience: Vec<String>,
    /// Languages answered in (BCP 47: `ja`, `en`, `zh`, `pt`, `vi`…).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Accessibility options: see [`ACCESS_OPTIONS`].
    #[serde(default)]
    pub accessibility: Vec<String>,
    /// What it costs, in words (無料, 通話料のみ…).
    #[serde(default)]
    pub cost: String,
    /// Whether one can consult without giving a name.
    #[serde(default)]
    pub anonymous: Option<bool>,
    /// When staff last checked this entry, `YYYY-MM-DD` (a TOML date or a string).
    #[serde(default, deserialize_with = "crate::toml_input::de_opt_date")]
    pub verified: Option<String>,
    /// Where the entry was checked.
    #[serde(default)]
    pub source: String,
    /// Topic slugs.
    #[serde(default)]
    pub topics: Vec<String>,
    /// A web page about the window.
    #[serde(default)]
    pub url: String,
    /// Anything else a reader must know.
    #[serde(default)]
    pub note: String,
    /// Access for people with disabilities, in words (バリアフリー情報: 段差なし、多目的トイレあり…).
    #[serde(default)]
    pub barrier_free: String,
    /// Remarks (備考), shown after the note.
    #[serde(default)]
    pub remarks: String,
    /// True for invented example data: shown with a clear 「例」 mark and never with a number
    /// that could be dialled.
    #[serde(default)]
    pub example: bool,
}

impl Window {
    /// Checks the window and writes its times as `HH:MM`; returns `(field, message)` for each
    /// field that is wrong (every one at once, the first mistake of each field). What is derived
    /// for reading (hours in words, labels, `tel:` links) is the view's business
    /// (`render::view::WindowView`).
    pub fn validate(&mut self, topics: &[&str]) -> Result<(), Vec<(String, Text)>> {
        let mut wrong: Vec<(String, Text)> = Vec::new();
        if self.id.trim().is_empty() {
            wrong.push(("id".into(), t!("part.window-no-id")));
        }
        if self.name.trim().is_empty() {
            wrong.push(("name".into(), t!("part.window-no-name")));
        }
        if self.example && !self.phones.is_empty() {
            wrong.push(("phones".into(), t!("part.window-example-phone")));
        } else if let Some((i, why)) = self
            .phones
            .iter()
            .enumerate()
            .find_map(|(i, p)| phone::normalize(&p.number).err().map(|why| (i, why)))
        {
            wrong.push((format!("phones[{i}].number"), why));
        }
        if let Some(why) = self
            .topics
            .iter()
            .find_map(|t| super::topic::check_topic(t, topics).err())
        {
            wrong.push(("topics".to_string(), why));
        }
        if let Some(u) = super::list::first_unknown(&self.audience, AUDIENCES) {
            let why = t!(
                "part.window-audience",
                value = u.value,
                suggest = u.suggest,
                list = u.list
            );
            wrong.push(("audience".into(), why));
        }
        if let Some(u) = super::list::first_unknown(&self.accessibility, ACCESS_OPTIONS) {
            wrong.push(("accessibility".into(), u.as_option()));
        }
        for (field, value) in [("url", &self.url), ("form_url", &self.form_url)] {
            if !value.is_empty()
                && let Err(why) = super::web::web_url(value)
            {
                wrong.push((field.to_string(), why));
            }
        }
        if !self.email.is_empty()
            && let Err(why) = super::web::email(&self.email)
        {
            wrong.push(("email".to_string(), why));
        }
        // `source` may be words (電話で確認); an address in it must be a web page.
        if super::web::has_scheme(&self.source)
            && let Err(why) = super::web::web_url(&self.source)
        {
            wrong.push(("source".to_string(), why));
        }
        if let Some(v) = &self.verified
            && let Err(why) = Date::parse_explained(v)
        {
            wrong.push(("verified".to_string(), why));
        }
        if let Err(field_why) = self.hours.validate() {
            wrong.push(field_why);
        }
        if wrong.is_empty() { Ok(()) } else { Err(wrong) }
    }

    /// Reminders that do not stop a build: a missing or old `verified` date.
    pub fn warnings(&self, today: Date, max_age_months: u32) -> Vec<(String, Message)> {
        if self.example {
            return Vec::new();
        }
        match self.verified.as_deref().and_then(Date::parse) {
            None => vec![(
                "verified".into(),
                msg!("warning.window-not-verified", id = self.id),
            )],
            Some(v) => {
                let months = (today.year - v.year) * 12 + today.month as i32 - v.month as i32;
                if months > max_age_months as i32 {
                    vec![(
                        "verified".into(),
                        msg!(
                            "warning.window-verified-old",
                            id = self.id,
                            date = v,
                            months = max_age_months
                        ),
                    )]
                } else {
                    Vec::new()
                }
            }
        }
    }

    /// Labels of the audiences, for display.
    pub fn audience_labels(&self) -> Vec<&'static str> {
        self.audience
            .iter()
            .filter_map(|a| AUDIENCES.iter().find(|(k, _)| k == a).map(|(_, l)| *l))
            .collect()
    }
}

/// schema.org JSON-LD for a municipality's windows: one `GovernmentService` each, with its
/// phone channels as `ContactPoint`s and its hours as `OpeningHoursSpecification`s.
pub fn json_ld(windows: &[&Window], area: &str) -> serde_json::Value {
    use serde_json::json;
    let day_url = |d: &str| {
        let name = match d {
            "mon" => "Monday",
            "tue" => "Tuesday",
            "wed" => "Wednesday",
            "thu" => "Thursday",
            "fri" => "Friday",
            "sat" => "Saturday",
            _ => "Sunday",
        };
        format!("https://schema.org/{name}")
    };
    let services: Vec<serde_json::Value> = windows
        .iter()
        .map(|w| {
            let hours: Vec<serde_json::Value> = if w.hours.always_open {
                vec![json!({"@type": "OpeningHoursSpecification",
                    "dayOfWeek": super::hours::DAYS.iter().map(|d| day_url(d)).collect::<Vec<_>>(),
                    "opens": "00:00", "closes": "23:59"})]
            } else {
                w.hours
                    .periods
                    .iter()
                    .map(|p| json!({"@type": "OpeningHoursSpecification",
                        "dayOfWeek": p.days.iter().map(|d| day_url(d)).collect::<Vec<_>>(),
                        "opens": p.open, "closes": p.close}))
                    .collect()
            };
            let contact_points: Vec<serde_json::Value> = w
                .phones
                .iter()
                .map(|p| json!({"@type": "ContactPoint", "telephone": p.number, "contactType": if p.label.is_empty() { "相談" } else { p.label.as_str() },
                    "hoursAvailable": hours, "availableLanguage": if w.languages.is_empty() { vec!["ja".to_string()] } else { w.languages.clone() }}))
                .collect();
            let mut service = json!({
                "@type": "GovernmentService",
                "name": w.name,
                "areaServed": area,
                "availableChannel": {"@type": "ServiceChannel", "name": w.name, "servicePhone": contact_points},
                "hoursAvailable": hours,
            });
            if !w.organisation.is_empty() {
                service["provider"] = json!({"@type": "GovernmentOrganization", "name": w.organisation});
            }
            if !w.url.is_empty() {
                service["url"] = json!(w.url);
            }
            service
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": services})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(toml_text: &str) -> Window {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn validation_fills_tel_and_rejects_bad_data() {
        let mut w = window(
            "id = \"a\"\nname = \"相談\"\nphones = [{ label = \"相談専用\", number = \"0570-064-556\" }]\n",
        );
        w.validate(&["stress"]).unwrap();
        assert_eq!(w.phones[0].tel(), "tel:0570064556");

        let mut bad = window("id = \"a\"\nname = \"相談\"\nphones = [{ number = \"12-34\" }]\n");
        assert_eq!(bad.validate(&[]).unwrap_err()[0].0, "phones[0].number");

        let mut ex = window(
            "id = \"a\"\nname = \"相談\"\nexample = true\nphones = [{ number = \"0570-064-556\" }]\n",
        );
        assert_eq!(ex.validate(&[]).unwrap_err()[0].0, "phones");

        let mut topic = window("id = \"a\"\nname = \"相談\"\ntopics = [\"beer\"]\n");
        assert_eq!(topic.validate(&["stress"]).unwrap_err()[0].0, "topics");
    }
}
