//! Gap and overlap measurements between neighbouring areas (not yet implemented).

use crate::shapes::Shapes;
use std::fmt;

/// Gap and overlap areas of one level, before and after the geometry stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measurement {
    /// Overlap (m²) before.
    pub overlap_before: f64,
}

impl fmt::Display for Measurement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "overlap before {:.0} m²", self.overlap_before)
    }
}

/// Measures a level.
pub fn measure_level(_shapes: &Shapes, _max_gap_width: f64) -> Measurement {
    Measurement::default()
}
