//! From value to colour, in three steps (breaks → class → colour), one source for map and legend.

pub mod classes;
pub mod legend;
pub mod palette;

pub use classes::Classes;
pub use legend::{legend, LegendItem};
pub use palette::{Palette, Rgb};
