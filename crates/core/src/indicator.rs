//! Which indicator a view shows: the one the URL asks for, as it exists at the level drawn.
use crate::state::DEFAULT_INDICATOR;
use buurtkaart_model::{Indicator, Level, Manifest, ScaleKind};

/// The indicator the view asks for (`wanted`; the default when it names none or an unknown
/// one), as it can be shown at `level` ([`Manifest::indicator_at`]: the Leefbaarometer class
/// becomes the deviation for wijken).
pub fn shown(manifest: &Manifest, wanted: Option<&str>, level: Level) -> Option<Indicator> {
    let id = wanted
        .filter(|id| manifest.indicator(id).is_some())
        .unwrap_or(DEFAULT_INDICATOR);
    manifest.indicator_at(id, level).cloned()
}

/// The indicator the relative view ranks buurten by: the one shown at buurt level, the LBM
/// deviation instead of the LBM class (ranks need a continuous value).
pub fn ranked(manifest: &Manifest, wanted: Option<&str>) -> Option<Indicator> {
    let ind = shown(manifest, wanted, Level::Buurt)?;
    if ind.scale == ScaleKind::LbmClasses {
        return manifest.indicator("lbm_afw").cloned();
    }
    Some(ind)
}
