//! Structured data about help: consultation windows (相談窓口) and the national lines every
//! site shows. Pure values and validation; no file I/O.

pub mod audience;
pub mod events;
pub mod help_lines;
pub mod holidays;
pub mod hours;
pub mod language;
pub mod list;
pub mod opendata;
pub mod phone;
pub mod topic;
pub mod web;
pub mod windows;

pub use topic::{ADDICTION_TOPICS, check_topic, on_topic};
pub use windows::Window;
