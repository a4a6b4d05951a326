//! Audiences, two lists of them: who a consultation window or a national help line is for
//! ([`HelpAudience`]: children, workers, the elderly…), and who a page is written for
//! ([`PageAudience`]: the general public, schools, families, professionals), which picks the
//! lines a page's help box offers. Both are read from their keys when the data is read.

use super::list::{ClosedList, closed_list};

closed_list! {
    /// Who a window or a help line is for.
    HelpAudience in "audience" {
        /// どなたでも.
        Anyone = "anyone", "どなたでも";
        /// 子ども.
        Children = "children", "子ども";
        /// 若者.
        YoungPeople = "young-people", "若者";
        /// 家族.
        Families = "families", "家族";
        /// 働く人.
        Workers = "workers", "働く人";
        /// 高齢の方.
        Elderly = "elderly", "高齢の方";
        /// 外国にルーツのある方.
        ForeignResidents = "foreign-residents", "外国にルーツのある方";
        /// 女性.
        Women = "women", "女性";
        /// 支援者・専門職.
        Professionals = "professionals", "支援者・専門職";
    }
}

/// Who a page is written for (its front matter's `audience`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageAudience {
    /// Anyone (the default).
    General,
    /// Pupils and teachers.
    School,
    /// Families of someone in difficulty.
    Family,
    /// Professionals who support others.
    Professional,
}

impl ClosedList for PageAudience {
    const KEYS: &'static [(&'static str, Self)] = &[
        ("general", PageAudience::General),
        ("school", PageAudience::School),
        ("family", PageAudience::Family),
        ("professional", PageAudience::Professional),
    ];

    fn key(self) -> &'static str {
        PageAudience::key(self)
    }
}

impl PageAudience {
    /// The key a page writes.
    pub fn key(self) -> &'static str {
        match self {
            PageAudience::General => "general",
            PageAudience::School => "school",
            PageAudience::Family => "family",
            PageAudience::Professional => "professional",
        }
    }

    /// The audience whose key is `key`.
    pub fn from_key(key: &str) -> Option<PageAudience> {
        super::list::from_key(key)
    }

    /// The keys, comma-separated, for messages.
    pub fn list() -> String {
        super::list::keys::<PageAudience>().join(", ")
    }
}

impl serde::Serialize for PageAudience {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::{HelpAudience, PageAudience};
    use crate::data::list::{from_key, keys};

    #[test]
    fn keys_read_back_as_their_values() {
        for key in keys::<HelpAudience>() {
            assert_eq!(from_key::<HelpAudience>(key).unwrap().key(), key);
        }
        assert_eq!(
            PageAudience::list(),
            "general, school, family, professional"
        );
        assert_eq!(PageAudience::from_key("school"), Some(PageAudience::School));
        assert_eq!(PageAudience::from_key("teachers"), None);
    }
}
