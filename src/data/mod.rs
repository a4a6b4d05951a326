//! Structured data about help: consultation windows (相談窓口) and the national lines every
//! site shows. Pure values and validation; no file I/O.

pub mod events;
pub mod holidays;
pub mod hours;
pub mod national;
pub mod opendata;
pub mod phone;
pub mod web;
pub mod windows;

pub use windows::Window;
