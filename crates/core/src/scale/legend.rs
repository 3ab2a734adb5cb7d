//! Legend items from the same classes and colours the map uses.
use super::classes::Classes;
use super::palette::{colours, no_data, Palette, Rgb};
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{Indicator, Level, Manifest, ScaleKind};

/// One row of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// 0-based class, `None` for the "no data" row.
    pub class: Option<usize>,
    /// Fill colour.
    pub colour: Rgb,
    /// Text, e.g. "7 goed" or "20 – 30".
    pub label: String,
}

/// The legend rows of `indicator` at `level`: every class from low to high, then "no data".
pub fn legend(
    manifest: &Manifest,
    indicator: &Indicator,
    level: Level,
    lang: Lang,
    palette: Palette,
    dark: bool,
) -> Vec<LegendItem> {
    let Some(classes) = Classes::new(indicator, level) else {
        return Vec::new();
    };
    let cols = colours(
        classes.kind,
        classes.count(),
        indicator.higher_is_better,
        palette,
    );
    let mut items: Vec<LegendItem> = (0..classes.count())
        .map(|i| LegendItem {
            class: Some(i),
            colour: cols[i],
            label: class_label(manifest, indicator, &classes, i, lang),
        })
        .collect();
    let none = match indicator.scale {
        ScaleKind::LbmClasses => lang.pick(
            "geen score (te weinig inwoners of geen grens)",
            "no score (too few inhabitants or no boundary)",
        ),
        _ => format::no_data(lang),
    };
    items.push(LegendItem {
        class: None,
        colour: no_data(dark),
        label: none.to_string(),
    });
    items
}

/// The label of class `i`.
pub fn class_label(
    manifest: &Manifest,
    indicator: &Indicator,
    classes: &Classes,
    i: usize,
    lang: Lang,
) -> String {
    if classes.kind == ScaleKind::LbmClasses {
        let k = i as u8 + 1;
        return manifest
            .lbm_class(k)
            .map(|c| lang.text(&c.label).to_string())
            .unwrap_or_else(|| k.to_string());
    }
    let d = classes.break_decimals().max(match indicator.scale {
        ScaleKind::Diverging => 2,
        _ => 0,
    });
    let f = |v: f64| match indicator.scale {
        ScaleKind::Diverging => format::signed(v, d, lang),
        _ => format::number(v, d, lang),
    };
    let b = &classes.breaks;
    if b.is_empty() {
        return lang.pick("alle waarden", "all values").to_string();
    }
    if i == 0 {
        format!("< {}", f(b[0]))
    } else if i >= b.len() {
        format!("≥ {}", f(b[b.len() - 1]))
    } else {
        format!("{} – {}", f(b[i - 1]), f(b[i]))
    }
}
