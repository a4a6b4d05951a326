//! Consultation windows (相談窓口) of a municipality, as written in `municipality.toml`.

use serde::{Deserialize, Serialize};

use super::audience::HelpAudience;
use super::hours::{Hours, RawHours, Weekday};
use super::list::closed_list;
use super::phone;
use crate::date::Date;
use crate::messages::{Message, Text};
use crate::{msg, t};

closed_list! {
    /// Accessibility options a window can offer.
    WindowAccess in "window_access" {
        /// FAX.
        Fax = "fax", "FAXで相談できます";
        /// E-mail.
        Email = "email", "メールで相談できます";
        /// Sign language.
        SignLanguage = "sign-language", "手話で相談できます";
        /// Text chat.
        TextChat = "text-chat", "チャット（文字）で相談できます";
        /// An interpreter.
        Interpreter = "interpreter", "通訳を頼めます";
        /// Step-free access.
        Wheelchair = "wheelchair", "車いすで来所できます";
    }
}

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

/// A consultation window as written in `[[windows]]` (or read from a CSV): its lists and dates
/// as text, not yet checked. [`RawWindow::check`] makes it a [`Window`].
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawWindow {
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
    pub hours: RawHours,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
    /// A web form for consultations.
    #[serde(default)]
    pub form_url: String,
    /// Street address (for visits).
    #[serde(default)]
    pub address: String,
    /// Who it is for: keys of [`HelpAudience`].
    #[serde(default)]
    pub audience: Vec<String>,
    /// Languages answered in (BCP 47: `ja`, `en`, `zh`, `pt`, `vi`…).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Accessibility options: keys of [`WindowAccess`].
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

/// A checked consultation window.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Window {
    /// Stable identifier, unique within the municipality.
    pub id: String,
    /// Name, e.g. こころの健康相談.
    pub name: String,
    /// Reading of the name in hiragana (used for furigana and listings).
    pub kana: String,
    /// Who runs it.
    pub organisation: String,
    /// Phone numbers.
    pub phones: Vec<Phone>,
    /// When it answers.
    pub hours: Hours,
    /// E-mail address.
    pub email: String,
    /// A web form for consultations.
    pub form_url: String,
    /// Street address (for visits).
    pub address: String,
    /// Who it is for.
    pub audience: Vec<HelpAudience>,
    /// Languages answered in (BCP 47: `ja`, `en`, `zh`, `pt`, `vi`…).
    pub languages: Vec<String>,
    /// Accessibility options it offers.
    pub accessibility: Vec<WindowAccess>,
    /// What it costs, in words (無料, 通話料のみ…).
    pub cost: String,
    /// Whether one can consult without giving a name.
    pub anonymous: Option<bool>,
    /// When staff last checked this entry.
    pub verified: Option<Date>,
    /// Where the entry was checked.
    pub source: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// A web page about the window.
    pub url: String,
    /// Anything else a reader must know.
    pub note: String,
    /// Access for people with disabilities, in words (バリアフリー情報: 段差なし、多目的トイレあり…).
    pub barrier_free: String,
    /// Remarks (備考), shown after the note.
    pub remarks: String,
    /// True for invented example data: shown with a clear 「例」 mark and never with a number
    /// that could be dialled.
    pub example: bool,
}

impl RawWindow {
    /// Checks the window, writes its times as `HH:MM` and types its lists and date; else
    /// `(field, message)` for each field that is wrong (every one at once, the first mistake of
    /// each field). What is derived for reading (hours in words, labels, `tel:` links) is the
    /// view's business (`render::view::WindowView`).
    pub fn check(mut self, topics: &[&str]) -> Result<Window, Vec<(String, Text)>> {
        let mut wrong: Vec<(String, Text)> = Vec::new();
        if self.id.trim().is_empty() {
            wrong.push(("id".into(), t!("part.window-no-id")));
        }
        if self.name.trim().is_empty() {
            wrong.push(("name".into(), t!("part.window-no-name")));
        }
        self.check_phones(&mut wrong);
        if let Some(why) = self
            .topics
            .iter()
            .find_map(|t| super::topic::check_topic(t, topics).err())
        {
            wrong.push(("topics".to_string(), why));
        }
        let audience = super::list::parse_all::<HelpAudience>(&self.audience)
            .map_err(|u| wrong.push(("audience".into(), audience_unknown(&u))))
            .ok();
        let accessibility = super::list::parse_all::<WindowAccess>(&self.accessibility)
            .map_err(|u| wrong.push(("accessibility".into(), u.as_option())))
            .ok();
        self.check_addresses(&mut wrong);
        let verified = match self.verified.as_deref().map(Date::parse_explained) {
            None => None,
            Some(Ok(date)) => Some(date),
            Some(Err(why)) => {
                wrong.push(("verified".to_string(), why));
                None
            }
        };
        let hours = std::mem::take(&mut self.hours)
            .check()
            .map_err(|field_why| wrong.push(field_why))
            .ok();
        match (audience, accessibility, hours) {
            (Some(audience), Some(accessibility), Some(hours)) if wrong.is_empty() => Ok(self
                .typed(Typed {
                    hours,
                    audience,
                    accessibility,
                    verified,
                })),
            _ => Err(wrong),
        }
    }

    /// The phone numbers (an example window has none).
    fn check_phones(&self, wrong: &mut Vec<(String, Text)>) {
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
    }

    /// The web pages, the e-mail address and a `source` that is an address.
    fn check_addresses(&self, wrong: &mut Vec<(String, Text)>) {
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
    }

    /// The window with its checked values.
    fn typed(self, typed: Typed) -> Window {
        let Typed {
            hours,
            audience,
            accessibility,
            verified,
        } = typed;
        Window {
            id: self.id,
            name: self.name,
            kana: self.kana,
            organisation: self.organisation,
            phones: self.phones,
            hours,
            email: self.email,
            form_url: self.form_url,
            address: self.address,
            audience,
            languages: self.languages,
            accessibility,
            cost: self.cost,
            anonymous: self.anonymous,
            verified,
            source: self.source,
            topics: self.topics,
            url: self.url,
            note: self.note,
            barrier_free: self.barrier_free,
            remarks: self.remarks,
            example: self.example,
        }
    }
}

/// The values of a window that [`RawWindow::check`] typed.
struct Typed {
    /// When it answers.
    hours: Hours,
    /// Who it is for.
    audience: Vec<HelpAudience>,
    /// Accessibility options it offers.
    accessibility: Vec<WindowAccess>,
    /// When staff last checked this entry.
    verified: Option<Date>,
}

/// The message for an audience that is none of [`HelpAudience`]'s keys (windows and lines).
pub fn audience_unknown(u: &super::list::Unknown<'_>) -> Text {
    t!(
        "part.window-audience",
        value = u.value,
        suggest = u.suggest,
        list = u.list
    )
}

impl Window {
    /// Reminders that do not stop a build: a missing or old `verified` date.
    pub fn warnings(&self, today: Date, max_age_months: u32) -> Vec<(String, Message)> {
        if self.example {
            return Vec::new();
        }
        match self.verified {
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
}

/// schema.org JSON-LD for a municipality's windows: one `GovernmentService` each, with its
/// phone channels as `ContactPoint`s and its hours as `OpeningHoursSpecification`s.
pub fn json_ld(windows: &[&Window], area: &str) -> serde_json::Value {
    use serde_json::json;
    let day_url = |d: &Weekday| format!("https://schema.org/{}", d.english());
    let services: Vec<serde_json::Value> = windows
        .iter()
        .map(|w| {
            let hours: Vec<serde_json::Value> = if w.hours.always_open {
                vec![json!({"@type": "OpeningHoursSpecification",
                    "dayOfWeek": Weekday::ALL.iter().map(day_url).collect::<Vec<_>>(),
                    "opens": "00:00", "closes": "23:59"})]
            } else {
                w.hours
                    .periods
                    .iter()
                    .map(|p| json!({"@type": "OpeningHoursSpecification",
                        "dayOfWeek": p.days.iter().map(day_url).collect::<Vec<_>>(),
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

    fn window(toml_text: &str) -> RawWindow {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn validation_fills_tel_and_rejects_bad_data() {
        let w = window(
            "id = \"a\"\nname = \"相談\"\nphones = [{ label = \"相談専用\", number = \"0570-064-556\" }]\n",
        );
        let w = w.check(&["stress"]).unwrap();
        assert_eq!(w.phones[0].tel(), "tel:0570064556");

        let bad = window("id = \"a\"\nname = \"相談\"\nphones = [{ number = \"12-34\" }]\n");
        assert_eq!(bad.check(&[]).unwrap_err()[0].0, "phones[0].number");

        let ex = window(
            "id = \"a\"\nname = \"相談\"\nexample = true\nphones = [{ number = \"0570-064-556\" }]\n",
        );
        assert_eq!(ex.check(&[]).unwrap_err()[0].0, "phones");

        let topic = window("id = \"a\"\nname = \"相談\"\ntopics = [\"beer\"]\n");
        assert_eq!(topic.check(&["stress"]).unwrap_err()[0].0, "topics");
    }
}
