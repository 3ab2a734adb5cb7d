//! The area shown in the panel, resolved against the loaded data, and value look-ups.
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use crate::state::ViewState;
use buurtkaart_model::{AreaCode, Indicator, Level};
use leptos::prelude::With;

/// An area found in its level's index.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Its code.
    pub code: AreaCode,
    /// Its row in the level's index and value tables.
    pub row: usize,
    /// Its name.
    pub name: String,
}

/// Whether a code could be found in the loaded data.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// The level's index is not loaded yet.
    Loading,
    /// The index is loaded and does not have this code.
    NotFound,
    /// Found.
    Found(Area),
}

impl Area {
    /// Looks `code` up in its level's index (tracked).
    pub fn lookup(store: &DataStore, code: &AreaCode) -> Lookup {
        let data = store.level(code.level());
        let (Some(rows), Some(index)) = (data.rows, data.index) else {
            return Lookup::Loading;
        };
        match rows.get(code.as_str()) {
            Some(&row) => Lookup::Found(Area {
                code: code.clone(),
                row,
                name: index
                    .names
                    .get(row)
                    .cloned()
                    .unwrap_or_else(|| code.to_string()),
            }),
            None => Lookup::NotFound,
        }
    }

    /// The area if found, else `None`.
    pub fn find(store: &DataStore, code: &AreaCode) -> Option<Area> {
        match Area::lookup(store, code) {
            Lookup::Found(a) => Some(a),
            _ => None,
        }
    }

    /// The level of the area.
    pub fn level(&self) -> Level {
        self.code.level()
    }

    /// Its gemeente (itself for a gemeente), if loaded.
    pub fn gemeente(&self, store: &DataStore) -> Option<Area> {
        if self.level() == Level::Gemeente {
            return Some(self.clone());
        }
        Area::find(store, &self.code.gemeente())
    }

    /// The value of indicator `id` for this area; `None` when missing or not loaded.
    pub fn value(&self, store: &DataStore, id: &str) -> Option<f64> {
        let ind = store.indicator(id)?;
        store.value(self.level(), &ind, self.row)
    }

    /// "buurt", "wijk" or "gemeente" in the reader's language.
    pub fn kind(&self, lang: Lang) -> String {
        lang.text(&self.level().name()).to_string()
    }

    /// The URL of this area in the current view (indicator, language… kept).
    pub fn href(&self, view: &ViewState) -> String {
        href_of(&self.code, view)
    }
}

/// The URL of `code` in `view` (indicator, language, comparison kept).
pub fn href_of(code: &AreaCode, view: &ViewState) -> String {
    let mut v = view.clone();
    v.selected = Some(code.clone());
    v.to_url()
}

/// The year of indicator `id` at `level`, from the manifest.
pub fn year_of(store: &DataStore, id: &str, level: Level) -> Option<u16> {
    store.indicator(id)?.at(level).map(|l| l.year)
}

/// A value with its unit, or "geen gegevens".
pub fn show(ind: &Indicator, v: Option<f64>, lang: Lang) -> String {
    format::value(ind, v, lang)
}

/// A value for a narrow table cell, its unit left to the row label (see [`label_with_unit`]):
/// `386.000` for € 386.000, `17,9 mln` for millions of people, `45%`; "geen gegevens" when
/// missing.
///
/// ```
/// use buurtkaart::components::panel::area::compact;
/// use buurtkaart::lang::Lang;
/// use buurtkaart_model::{Indicator, Text, Unit, ScaleKind};
/// let ind = |unit, decimals| Indicator {
///     id: "x".into(), label: Text::new("x", "x"), description: Text::default(), unit,
///     group: "cbs".into(), source: String::new(), higher_is_better: None,
///     scale: ScaleKind::Sequential, decimals, levels: vec![], national: None,
/// };
/// assert_eq!(compact(&ind(Unit::Euro1000, 0), Some(386.0), Lang::Nl), "386.000");
/// assert_eq!(compact(&ind(Unit::Persons, 0), Some(17_942_942.0), Lang::Nl), "17,9 mln");
/// assert_eq!(compact(&ind(Unit::Persons, 0), Some(931_298.0), Lang::Nl), "931.298");
/// assert_eq!(compact(&ind(Unit::Percent, 0), Some(34.0), Lang::Nl), "34%");
/// assert_eq!(compact(&ind(Unit::Km, 1), None, Lang::Nl), "geen gegevens");
/// ```
pub fn compact(ind: &Indicator, v: Option<f64>, lang: Lang) -> String {
    use buurtkaart_model::Unit;
    let Some(v) = v else {
        return format::no_data(lang).to_string();
    };
    match ind.unit {
        Unit::Euro1000 => format::number(v * 1000.0, 0, lang),
        Unit::Persons | Unit::Households if v.abs() >= 1_000_000.0 => {
            format!(
                "{} {}",
                format::number(v / 1_000_000.0, 1, lang),
                lang.pick("mln", "m")
            )
        }
        Unit::Percent | Unit::Deviation | Unit::LbmClass | Unit::Score => {
            format::value(ind, Some(v), lang)
        }
        _ => format::number(v, ind.decimals, lang),
    }
}

/// The row label of an indicator in a table of [`compact`] values: a short label plus the unit
/// the cells leave out ("WOZ-waarde (€)", "Afstand tot huisarts (km)").
pub fn label_with_unit(ind: &Indicator, lang: Lang) -> String {
    use buurtkaart_model::Unit;
    // Shorter than the manifest's labels, so the label column of a phone-wide table stays narrow.
    let short = match ind.id.as_str() {
        "dichtheid" => Some(lang.pick("Inwoners per km²", "Inhabitants per km²")),
        "huishoudensgrootte" => Some(lang.pick("Personen per huishouden", "Persons per household")),
        "pct_65plus" => Some(lang.pick("65 jaar en ouder", "Aged 65 and over")),
        _ => None,
    };
    let label = short.unwrap_or_else(|| lang.text(&ind.label));
    match ind.unit {
        Unit::Km => format!("{label} (km)"),
        Unit::Euro1000 => format!("{label} (€)"),
        Unit::Per1000 => format!(
            "{label} ({})",
            lang.pick("per 1.000 inw.", "per 1,000 inh.")
        ),
        _ => label.to_string(),
    }
}

/// A fingerprint of what is loaded, so the panel re-renders when a file arrives and not when
/// the map rebuilds its shapes.
pub fn data_signature(store: &DataStore) -> Vec<usize> {
    let mut sig = vec![usize::from(store.manifest.with(|m| m.is_some()))];
    for level in Level::ALL {
        let d = store.level(level);
        sig.push(usize::from(d.index.is_some()));
        sig.push(d.tables.len());
    }
    sig.push(store.detail_count());
    sig.push(usize::from(store.history().is_some()));
    sig
}
