//! Closed lists: values that data writes as keys from a fixed list (an event's kind, an
//! accessibility option, an audience), typed as enums when the data is read. An unknown key is
//! reported with the nearest known one and the whole list.

/// An enum whose values data writes as keys (`gatekeeper-training`), each with its Japanese name.
pub trait ClosedList: Copy + 'static {
    /// Every value with its key, in the order messages list them.
    const KEYS: &'static [(&'static str, Self)];

    /// The key data writes for this value.
    fn key(self) -> &'static str;
}

/// Defines a [`ClosedList`] enum from `Variant = "key", "label";` rows: the key is what data
/// writes and what serializes, the label its Japanese name as data and messages write it (the
/// open data's columns, `tsunagi check`). Views in another language take the name from the
/// theme's labels instead, table `labels` (`Name in "audience" { … }`): `label_in`.
macro_rules! closed_list {
    ($(#[$meta:meta])* $name:ident in $table:literal { $($(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $crate::data::list::ClosedList for $name {
            const KEYS: &'static [(&'static str, Self)] = &[$(($key, $name::$variant),)*];

            fn key(self) -> &'static str {
                $name::key(self)
            }
        }

        impl $name {
            /// The key data writes for it.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }

            /// Its Japanese name, as data and messages write it.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)*
                }
            }

            /// The theme's labels table of its names.
            pub const LABELS: &'static str = $table;

            /// Its name in the language of `labels`, for views.
            pub fn label_in(self, labels: &$crate::labels::Labels) -> &str {
                labels.item($table, self.key())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }
    };
}
pub(crate) use closed_list;

/// An unknown value of a closed list: the first of the values that is none of the list's keys,
/// the nearest key (a "did you mean") and every key, for the message that names them.
pub struct Unknown<'v> {
    /// The value as written.
    pub value: &'v str,
    /// `did you mean …?`, or empty.
    pub suggest: crate::messages::Text,
    /// The keys, comma-separated.
    pub list: String,
}

impl Unknown<'_> {
    /// The message for an unknown option of a list (accessibility options).
    pub fn as_option(&self) -> crate::messages::Text {
        crate::t!(
            "part.option-unknown",
            value = self.value,
            suggest = self.suggest,
            list = self.list
        )
    }
}

/// The keys of `T`, in order.
pub fn keys<T: ClosedList>() -> Vec<&'static str> {
    T::KEYS.iter().map(|(k, _)| *k).collect()
}

/// The value of `T` whose key is `key`.
pub fn from_key<T: ClosedList>(key: &str) -> Option<T> {
    T::KEYS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The values of `T` written as `values`, or the first that is none of its keys, with what a
/// message says of it.
pub fn parse_all<T: ClosedList>(values: &[String]) -> Result<Vec<T>, Unknown<'_>> {
    values
        .iter()
        .map(|v| from_key(v).ok_or_else(|| unknown::<T>(v)))
        .collect()
}

/// What a message says of `value`, which is none of `T`'s keys.
pub fn unknown<T: ClosedList>(value: &str) -> Unknown<'_> {
    let keys = keys::<T>();
    Unknown {
        value,
        suggest: crate::error::did_you_mean(value, keys.iter().copied()),
        list: keys.join(", "),
    }
}

/// The keys of `values`, in order (for CSV columns and JSON).
pub fn keys_of<T: ClosedList>(values: &[T]) -> Vec<&'static str> {
    values.iter().map(|v| v.key()).collect()
}
