//! Small SVG charts drawn by the app, each with a text equivalent for screen readers.
//!
//! `scale` and `path` are pure (no leptos), so their maths is tested on the host; the chart
//! components lay out a fixed 320-unit-wide `viewBox` that scales to the panel's width, which
//! keeps labels near 11–12 px on a phone and on the desktop sidebar alike.

pub mod columns;
pub mod data_table;
pub mod diverging;
pub mod line;
pub mod path;
pub mod scale;

pub use columns::{Column, ColumnChart};
pub use data_table::DataTable;
pub use diverging::{DivergingBars, DivergingRow};
pub use line::{LineChart, LineSeries, SeriesStyle};

/// Width of every chart's `viewBox`, in SVG units (about CSS px in a 360 px sidebar).
pub const CHART_WIDTH: f64 = 320.0;

/// A coordinate for an SVG attribute, to a tenth of a unit.
pub(crate) fn px(v: f64) -> String {
    format!("{v:.1}")
}
