//! tsunagi: one shared body of Markdown on mental health → an accessible, furigana-annotated
//! static site for each municipality.
//!
//! The pipeline, one module a stage: [`load`] reads the project from disk, [`analyze`] parses
//! every source once, [`render`] produces each municipality's files, [`write`](mod@write) puts them in
//! place atomically. Concerns have their own modules: [`config`], [`content`], [`markdown`],
//! [`municipality`], [`data`], [`theme`], [`search`].

pub mod analyze;
pub mod cache;
pub mod check;
pub mod config;
pub mod content;
pub mod data;
pub mod date;
pub mod error;
pub mod files;
pub mod furigana;
pub mod html;
pub mod invisible;
pub mod kana;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod municipality;
pub mod questionnaire;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod toml_input;
pub mod words;
pub mod write;
