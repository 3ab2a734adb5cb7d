use serde::{Deserialize, Serialize};

/// `wijk.history.json`: Leefbaarometer 3.0 scores per wijk, 2002–2022 (release 2022).
///
/// Only wijken whose 2024 code *and* normalised name match the history file get a series;
/// the others are listed in `excluded` with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WijkHistory {
    /// Release description, e.g. "Leefbaarometer 3.0, meting 2022".
    pub release: String,
    /// Years of the series, ascending (2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022).
    pub years: Vec<u16>,
    /// The fixed reference score the deviations are measured from: `lbm − afw`, the median over
    /// the rows of each year (aligned with `years`). In release 2022 it is 4,1023 in *every*
    /// year, so it is not a mean and shows no trend; use [`WijkHistory::national_mean`] for that.
    pub reference_lbm: Vec<Option<f64>>,
    /// The real national mean of the absolute score per year (aligned with `years`): the
    /// unweighted mean of `lbm` over every wijk with a score that year in the history file,
    /// including the wijken that are not attached to a 2024 wijk (see `excluded`). Rounded to
    /// 6 decimals; `None` for a year without rows.
    pub national_mean: Vec<Option<f64>>,
    /// How many wijken each [`WijkHistory::national_mean`] is over (aligned with `years`).
    pub national_count: Vec<usize>,
    /// One series per attached wijk.
    pub wijken: Vec<WijkSeries>,
    /// Wijken of the history file not attached, and why.
    pub excluded: Vec<HistoryExclusion>,
}

/// The history of one wijk; every vector is aligned with [`WijkHistory::years`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WijkSeries {
    /// 2024 wijk code.
    pub code: String,
    /// Absolute Leefbaarometer score.
    pub lbm: Vec<Option<f64>>,
    /// Deviation from the national mean.
    pub afw: Vec<Option<f64>>,
    /// Dimension deviations (only 2014, 2018, 2020, 2022): woningvoorraad.
    pub won: Vec<Option<f64>>,
    /// Fysieke omgeving.
    pub fys: Vec<Option<f64>>,
    /// Voorzieningen.
    pub vrz: Vec<Option<f64>>,
    /// Sociale samenhang.
    pub soc: Vec<Option<f64>>,
    /// Overlast en onveiligheid.
    pub onv: Vec<Option<f64>>,
}

/// A history row not attached to a 2024 wijk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryExclusion {
    /// Wijk code in the history file.
    pub code: String,
    /// Name in the history file.
    pub history_name: String,
    /// Name of the 2024 wijk with that code, if any.
    pub name_2024: Option<String>,
    /// `"code_not_in_2024"` or `"name_differs"`.
    pub reason: String,
}
