//! Consultation windows (相談窓口) of a municipality, as written in `municipality.toml`.

use serde::{Deserialize, Serialize};

use super::phone;

/// A phone number of a window.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// What the number is for: 相談専用, 予約, FAX…
    #[serde(default)]
    pub label: String,
    /// The number as printed, e.g. `04-2998-9111`.
    pub number: String,
    /// `tel:` URI, filled in by validation.
    #[serde(default, skip_deserializing)]
    pub tel: String,
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
    /// Hours in plain words.
    #[serde(default)]
    pub hours: String,
    /// Topic slugs.
    #[serde(default)]
    pub topics: Vec<String>,
    /// A web page about the window.
    #[serde(default)]
    pub url: String,
    /// Anything else a reader must know.
    #[serde(default)]
    pub note: String,
    /// True for invented example data: shown with a clear 「例」 mark and never with a number
    /// that could be dialled.
    #[serde(default)]
    pub example: bool,
}

impl Window {
    /// Checks the window; returns `(field, message)` for the first problem.
    pub fn validate(&mut self, topics: &[&str]) -> Result<(), (String, String)> {
        if self.id.trim().is_empty() {
            return Err(("id".into(), "the window has no id".into()));
        }
        if self.name.trim().is_empty() {
            return Err(("name".into(), "the window has no name".into()));
        }
        if self.example && !self.phones.is_empty() {
            return Err((
                "phones".into(),
                "an example window must not carry phone numbers (they could be dialled by mistake)"
                    .into(),
            ));
        }
        for (i, p) in self.phones.iter_mut().enumerate() {
            let digits =
                phone::normalize(&p.number).map_err(|m| (format!("phones[{i}].number"), m))?;
            p.tel = phone::tel_uri(&digits);
        }
        for t in &self.topics {
            if !topics.contains(&t.as_str()) {
                return Err(("topics".into(), format!("unknown topic `{t}`")));
            }
        }
        Ok(())
    }
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
        assert_eq!(w.phones[0].tel, "tel:0570064556");

        let mut bad = window("id = \"a\"\nname = \"相談\"\nphones = [{ number = \"12-34\" }]\n");
        assert_eq!(bad.validate(&[]).unwrap_err().0, "phones[0].number");

        let mut ex = window(
            "id = \"a\"\nname = \"相談\"\nexample = true\nphones = [{ number = \"0570-064-556\" }]\n",
        );
        assert_eq!(ex.validate(&[]).unwrap_err().0, "phones");

        let mut topic = window("id = \"a\"\nname = \"相談\"\ntopics = [\"beer\"]\n");
        assert_eq!(topic.validate(&["stress"]).unwrap_err().0, "topics");
    }
}
