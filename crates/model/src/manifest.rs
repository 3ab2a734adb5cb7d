use crate::{AreaIndex, Level, Text, ValueTable};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the data format described by this crate.
pub const FORMAT_VERSION: u32 = 4;

/// `manifest.json`: the table of contents of the app's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Must equal [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Version of the pipeline that wrote the files (no wall-clock date: output is deterministic).
    pub pipeline_version: String,
    /// Bounding box of all areas: `[min lon, min lat, max lon, max lat]`.
    pub bbox: [f64; 4],
    /// The levels, from gemeente to buurt.
    pub levels: Vec<LevelFiles>,
    /// Every indicator the app can show.
    pub indicators: Vec<Indicator>,
    /// The 9 Leefbaarometer classes, 1 (zeer onvoldoende) to 9 (uitstekend).
    pub lbm_classes: Vec<LbmClass>,
    /// Attribution lines to show with the map.
    pub attribution: Vec<Text>,
    /// The scale (CSS pixels per km) from which the app draws the detail files of the
    /// gemeenten in view instead of the national overview.
    pub detail_scale: f64,
    /// Path of a gemeente's [`GemeentePack`] (`{gemeente}` stands for its code): what an embed
    /// of that gemeente needs besides the geometry.
    pub pack_file: String,
    /// Path of a gemeente's [`crate::GemeenteDetail`] (yearly series for the panel;
    /// `{gemeente}` stands for its code).
    pub series_file: String,
    /// Path of the [`crate::WijkHistory`] (Leefbaarometer 2002–2022 per wijk).
    pub history_file: String,
    /// Where the provenance ([`Provenance`]: input checksums, output hashes) is; the app
    /// does not read it.
    pub provenance_file: String,
    /// The codes of all gemeenten, each with a pack and detail files (an embed of another
    /// code fetches nothing and says the area is not found).
    pub gemeenten: Vec<String>,
}

/// `provenance.json`: what the data files were built from, and what was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Version of the pipeline that wrote the files.
    pub pipeline_version: String,
    /// Source files read, with their size and SHA-256.
    pub inputs: Vec<FileEntry>,
    /// Files written (all but the manifest and this file), with their size and SHA-256.
    pub files: Vec<FileEntry>,
}

/// `pack/{gemeente}.json`: the names and values of one gemeente's areas (the gemeente, its
/// wijken and buurten), so that an embed of it needs no national file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GemeentePack {
    /// The gemeente code.
    pub gemeente: String,
    /// Per level, from gemeente to buurt.
    pub levels: Vec<PackLevel>,
}

/// One level of a [`GemeentePack`]: rows in the order of `index`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackLevel {
    /// Codes and names.
    pub index: AreaIndex,
    /// Value tables by group.
    pub tables: BTreeMap<String, ValueTable>,
    /// Where the map writes the names of these rows (embeds write their gemeente's names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<crate::LabelTable>,
}

impl Manifest {
    /// A per-gemeente path from a template with `{gemeente}`.
    pub fn for_gemeente(template: &str, gemeente: &str) -> String {
        template.replace("{gemeente}", gemeente)
    }

    /// The files of `level`, if the data has that level.
    pub fn level(&self, level: Level) -> Option<&LevelFiles> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The indicator `id` as it can be shown at `level`: itself where it exists there, else the
    /// indicator of its group that does and is not a class scale (the Leefbaarometer class
    /// becomes the deviation for wijken, whose newest figure is 2022). `None` for an unknown id
    /// or a group with nothing at `level`.
    pub fn indicator_at(&self, id: &str, level: Level) -> Option<&Indicator> {
        let ind = self.indicator(id)?;
        if ind.at(level).is_some() {
            return Some(ind);
        }
        self.indicators.iter().find(|i| {
            i.group == ind.group && i.at(level).is_some() && i.scale != ScaleKind::LbmClasses
        })
    }

    /// The label of Leefbaarometer class `k` (1–9).
    pub fn lbm_class(&self, k: u8) -> Option<&LbmClass> {
        self.lbm_classes.iter().find(|c| c.class == k)
    }
}

/// The files of one level, relative to the data folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelFiles {
    /// Which level.
    pub level: Level,
    /// Year of the area division (2024).
    pub division_year: u16,
    /// Number of areas in the index.
    pub areas: usize,
    /// Number of areas with a boundary.
    pub with_geometry: usize,
    /// Path of the [`AreaIndex`].
    pub index_file: String,
    /// Path of the national overview [`Topology`].
    pub geometry_file: String,
    /// Path of a gemeente's full-detail [`Topology`] of this level (`{gemeente}` stands for
    /// its code).
    pub detail_file: String,
    /// Path of the [`crate::LabelTable`]: where the map writes each area's name.
    pub labels_file: String,
    /// Paths of the [`ValueTable`]s by group (`"lbm"`, `"cbs"`).
    pub value_files: BTreeMap<String, String>,
    /// Single-column [`ValueTable`]s by indicator id, for the first map: it needs one column
    /// of its group's table (the class: ~10 KB instead of ~160 KB for the buurten).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_files: BTreeMap<String, String>,
}

/// One thing the map can be coloured by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable id, used in URLs and as column name (`lbm_klasse`, `woz`, …).
    pub id: String,
    /// Short label.
    pub label: Text,
    /// One or two sentences for the panel and the about page.
    pub description: Text,
    /// Unit of the values.
    pub unit: Unit,
    /// Value group: which value file holds it (`"lbm"` or `"cbs"`).
    pub group: String,
    /// Source line, e.g. "Leefbaarometer 3.0 – BZK".
    pub source: String,
    /// Whether a higher value is better; `None` where that is no judgement to make.
    pub higher_is_better: Option<bool>,
    /// How values map to colours.
    pub scale: ScaleKind,
    /// Decimals to show.
    pub decimals: u8,
    /// Per level: year and class breaks.
    pub levels: Vec<IndicatorLevel>,
    /// National reference value.
    pub national: Option<Reference>,
}

impl Indicator {
    /// The year and breaks of this indicator at `level`, if it exists there.
    pub fn at(&self, level: Level) -> Option<&IndicatorLevel> {
        self.levels.iter().find(|l| l.level == level)
    }
}

/// An indicator at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLevel {
    /// Which level.
    pub level: Level,
    /// Year the figures describe.
    pub year: u16,
    /// Ascending class breaks: `n` breaks give `n + 1` classes; class `i` holds values
    /// `breaks[i-1] <= v < breaks[i]`. Empty for [`ScaleKind::LbmClasses`].
    pub breaks: Vec<f64>,
    /// How the breaks were chosen.
    pub method: BreakMethod,
}

/// How class breaks were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakMethod {
    /// Quantiles of the level's values (equal counts per class).
    Quantiles,
    /// Fixed, rounded breaks chosen for the indicator.
    Fixed,
    /// The official Leefbaarometer classes 1–9.
    LbmClasses,
}

/// The kind of colour scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Values are Leefbaarometer classes 1–9 (diverging palette, named classes).
    LbmClasses,
    /// A deviation centred on zero (diverging palette).
    Diverging,
    /// An amount (sequential palette).
    Sequential,
}

/// The unit of an indicator's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A Leefbaarometer class 1–9.
    LbmClass,
    /// Deviation from the national Leefbaarometer mean.
    Deviation,
    /// An absolute Leefbaarometer score.
    Score,
    /// A count of people.
    Persons,
    /// A count of households.
    Households,
    /// A share in percent.
    Percent,
    /// Inhabitants per km².
    PerKm2,
    /// Thousands of euros.
    Euro1000,
    /// Kilometres.
    Km,
    /// Per 1,000 inhabitants.
    Per1000,
    /// Persons per household.
    PersonsPerHousehold,
    /// CBS urbanity class 1 (very strongly urban) to 5 (not urban).
    Urbanity,
}

impl Unit {
    /// The unit as shown after a value or in a legend heading.
    pub fn label(self) -> Text {
        match self {
            Unit::LbmClass => Text::new("klasse", "class"),
            Unit::Deviation => Text::new("afwijking van NL-gemiddelde", "deviation from NL mean"),
            Unit::Score => Text::new("score", "score"),
            Unit::Persons => Text::new("inwoners", "inhabitants"),
            Unit::Households => Text::new("huishoudens", "households"),
            Unit::Percent => Text::new("%", "%"),
            Unit::PerKm2 => Text::new("inwoners per km²", "inhabitants per km²"),
            Unit::Euro1000 => Text::new("× € 1.000", "× €1,000"),
            Unit::Km => Text::new("km", "km"),
            Unit::Per1000 => Text::new("per 1.000 inwoners", "per 1,000 inhabitants"),
            Unit::PersonsPerHousehold => Text::new("personen", "persons"),
            Unit::Urbanity => Text::new(
                "1 = zeer sterk, 5 = niet stedelijk",
                "1 = very strongly, 5 = not urban",
            ),
        }
    }
}

/// A reference value for comparison, with how it was computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The value.
    pub value: f64,
    /// How it was computed, e.g. "gewogen naar inwoners".
    pub method: Text,
}

/// Name of one Leefbaarometer class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LbmClass {
    /// 1 to 9.
    pub class: u8,
    /// "zeer onvoldoende" … "uitstekend".
    pub label: Text,
}

/// A file with its size and SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the source or data folder.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}
