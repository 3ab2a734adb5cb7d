//! Buurtkaart's pure core: everything the app decides without a browser. The URL state, classes
//! and colours, projection and shapes, the view modes' colourings, search, embed options and
//! texts, the export formats, and Dutch/English number formatting.
//!
//! This crate depends on neither leptos nor web-sys, so the compiler keeps it pure and its
//! tests and doctests run on the host without linking the UI. The app (`buurtkaart`) re-exports
//! its modules under the same names.

pub mod carto;
pub mod embed;
pub mod export;
pub mod format;
pub mod i18n;
pub mod indicator;
pub mod lang;
pub mod order;
pub mod scale;
pub mod search;
pub mod services;
pub mod state;
pub mod table;
pub mod title;
pub mod views;
pub mod words;
