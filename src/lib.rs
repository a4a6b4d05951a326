//! tsunagi: one shared body of Markdown on mental health → an accessible, furigana-annotated
//! static site for each municipality.
//!
//! The map, from the top down (a module imports only modules below it; `tests/house.rs` fails on
//! an import circle and on a function over 80 lines):
//! - [`site`]: the whole pipeline for `build`, `check` and `serve` (`src/cmd/` only parses
//!   arguments, calls it and prints).
//! - The stages, in order: `load` (project from disk) → `analyze` (every page parsed once) →
//!   [`check`] (the review's rules) → [`render`] (each municipality's files; `render/town.rs`
//!   holds what every page of a town sees) → `write` (the output folder, atomically). [`cache`]
//!   lets a build take over what the last one made.
//! - Concerns the stages share: [`config`], [`content`] (front matter), [`markdown`],
//!   `municipality`, [`data`] (windows, events, help lines, hours, open data), [`furigana`],
//!   `search`, `theme`, `questionnaire`, [`serve`] (HTTP-free helpers of `tsunagi serve`).
//! - The ground floor, importing none of the above: [`files`] (reading text, paths), `words`,
//!   `kana`, `date`, [`html`], [`error`] (located diagnostics), [`messages`] (ja/en catalogues),
//!   `toml_input`, `invisible`.
//!
//! The modules written in code font are the crate's own (`pub(crate)`); the linked ones are
//! what the binary and the tests use.

pub(crate) mod analyze;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub(crate) mod date;
pub mod error;
pub mod files;
pub mod furigana;
pub mod html;
pub(crate) mod invisible;
pub(crate) mod kana;
pub(crate) mod labels;
pub mod language;
pub(crate) mod load;
pub mod markdown;
pub mod messages;
pub(crate) mod municipality;
pub(crate) mod questionnaire;
pub mod render;
pub(crate) mod search;
pub mod serve;
pub mod site;
pub(crate) mod theme;
pub(crate) mod toml_input;
pub(crate) mod words;
pub(crate) mod write;
