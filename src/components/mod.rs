//! The map page's components.
pub mod area_table;
pub mod controls;
pub mod legend;
pub mod map;
pub mod panel;
pub mod status;
pub mod tooltip;
