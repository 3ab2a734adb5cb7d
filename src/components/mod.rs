//! The map page's components.
pub mod address_search;
pub mod area_table;
pub mod background;
pub mod charts;
pub mod compare;
pub mod controls;
pub mod legend;
pub mod locate;
pub mod map;
pub mod panel;
pub mod search;
pub mod share;
pub mod sheet;
pub mod status;
pub mod tooltip;
pub mod views;
