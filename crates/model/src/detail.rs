use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `detail/{GMxxxx}.json`: yearly series for a gemeente and its wijken and buurten,
/// fetched when one of its areas is selected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GemeenteDetail {
    /// The gemeente code.
    pub gemeente: String,
    /// By area code (the gemeente itself, its wijken, its buurten).
    pub areas: BTreeMap<String, AreaDetail>,
}

/// Yearly series of one area; absent where the source has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AreaDetail {
    /// Registered crimes per year (count), Politie via CBS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crime: Option<YearSeries>,
    /// Share with good self-rated health (%), RIVM Gezondheidsmonitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<YearSeries>,
}

/// A value per year with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSeries {
    /// Source line.
    pub source: String,
    /// `(year, value)`, ascending by year; missing years are left out.
    pub points: Vec<(u16, f64)>,
}
