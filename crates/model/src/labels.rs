use crate::{FormatError, Level};
use serde::{Deserialize, Serialize};

/// Where the map writes each area's name (`{level}.labels.json`): one point per row of the
/// level's area index, at the area's pole of inaccessibility (the interior point farthest from
/// its edges), computed by the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelTable {
    /// Which level.
    pub level: Level,
    /// Per row: `[lon × 10⁵, lat × 10⁵, r, inhabitants]`, with `r` the distance in metres from
    /// the point to the nearest edge (how much room a name has) and the inhabitants used only to
    /// rank names that compete for room (0 when unknown; never shown). `null` for an area
    /// without boundary.
    pub points: Vec<Option<[i64; 4]>>,
}

/// One label point in usable units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelPoint {
    /// Longitude (degrees).
    pub lon: f64,
    /// Latitude (degrees).
    pub lat: f64,
    /// Room around the point: distance to the nearest edge, metres.
    pub room_m: f64,
    /// Inhabitants (0 when unknown), for ranking only.
    pub inhabitants: u32,
}

impl LabelTable {
    /// Parses a label table from the file's bytes (UTF-8), as fetched.
    pub fn from_slice(file: &str, text: &[u8]) -> Result<Self, FormatError> {
        serde_json::from_slice(text).map_err(|e| FormatError::parse(file, "label table", e))
    }

    /// The point of `row`, if the area has one.
    pub fn point(&self, row: usize) -> Option<LabelPoint> {
        let [lon, lat, r, pop] = (*self.points.get(row)?)?;
        Some(LabelPoint {
            lon: lon as f64 / 1e5,
            lat: lat as f64 / 1e5,
            room_m: r as f64,
            inhabitants: pop.clamp(0, u32::MAX as i64) as u32,
        })
    }
}
