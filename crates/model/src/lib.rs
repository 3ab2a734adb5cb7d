//! The one definition of Buurtkaart's static data format.
//!
//! The data pipeline (`crates/pipeline`) writes these types to `public/data/`, and the
//! browser app reads them back. Both sides use the same structs, so a change to the format
//! is a change in one place, and a round-trip test on each side keeps them honest.
//!
//! # Files
//! * `manifest.json` ([`Manifest`]): levels, indicators, class names, attribution, checksums.
//! * `{level}.topo.json` ([`Topology`]): boundaries as quantised, delta-encoded TopoJSON,
//!   one geometry per area, `id` = CBS code.
//! * `{level}.areas.json` ([`AreaIndex`]): every area of the level (also those without
//!   boundary), with names and, for buurten, the most common postcode.
//! * `{level}.{group}.json` ([`ValueTable`]): indicator columns aligned with the area index.
//! * `{level}.labels.json` ([`LabelTable`]): where the map writes each area's name.
//! * `wijk.history.json` ([`WijkHistory`]): Leefbaarometer 2002–2022 per wijk.
//! * `detail/{GMxxxx}.json` ([`GemeenteDetail`]): yearly series for the areas of a gemeente.
//!
//! These are *logical* names: on disk every file but the manifest carries a content hash
//! ([`naming`]), and the manifest lists the hashed names.
//!
//! # Caveats
//! * CBS codes are strings and may contain letters (`BU0363AF08`); never parse them as numbers.
//! * A missing value is `null`, never `0`.

mod code;
mod detail;
mod error;
mod history;
mod labels;
mod level;
mod manifest;
pub mod naming;
mod table;
mod text;
mod topology;

pub use code::AreaCode;
pub use detail::{AreaDetail, GemeenteDetail, YearSeries};
pub use error::FormatError;
pub use history::{HistoryExclusion, WijkHistory, WijkSeries};
pub use labels::{LabelPoint, LabelTable};
pub use level::Level;
pub use manifest::{
    BreakMethod, FileEntry, GemeentePack, Indicator, IndicatorLevel, LbmClass, LevelFiles,
    Manifest, PackLevel, Provenance, Reference, ScaleKind, Unit, FORMAT_VERSION,
};
pub use table::{AreaIndex, Column, ValueTable};
pub use text::Text;
pub use topology::{Geometry, GeometryCollection, Topology, Transform};
