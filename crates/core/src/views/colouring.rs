//! Classes, colours and texts per area for a view mode: what the map, legend, tooltip and table
//! of a view share. Built from the loaded data; pure (no leptos), so it is tested on the host.
use super::bivariate;
use super::change::{self, Change};
use super::mode::ViewMode;
use super::rank::{self, rank_within, Rank};
use crate::format;
use crate::lang::Lang;
use crate::scale::legend::class_label;
use crate::scale::palette::{colours, Palette};
use crate::scale::{Classes, Rgb};
use buurtkaart_model::{AreaIndex, Indicator, Level, Manifest, ScaleKind, WijkHistory};
use std::collections::HashMap;

/// What a view knows of one area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detail {
    /// Score in two years and the change.
    Change(Change),
    /// Leefbaarometer deviation and % owner-occupied homes (either may be missing).
    Tenure {
        /// Leefbaarometer 2024 deviation from the national mean.
        lbm: Option<f64>,
        /// Owner-occupied homes, % of the housing stock (2024).
        koop: Option<f64>,
    },
    /// The indicator's value and its rank within the gemeente.
    Rank {
        /// The value ranked.
        value: f64,
        /// Its rank.
        rank: Rank,
    },
}

/// A view's colouring of one level, per row of that level's area index: the one value the map,
/// the tooltip, the table of areas and the exports read (built by the app from the loaded data).
#[derive(Debug, Clone, PartialEq)]
pub struct Colouring {
    /// The view.
    pub mode: ViewMode,
    /// The level coloured.
    pub level: Level,
    /// Class per row (`None` = no data).
    pub class: Vec<Option<u8>>,
    /// The number shown and sorted on per row (change, LBM deviation, percentile).
    pub value: Vec<Option<f64>>,
    /// What is known per row.
    pub detail: Vec<Option<Detail>>,
    /// Colour per class.
    pub colours: Vec<Rgb>,
    /// Label per class.
    pub labels: Vec<String>,
    /// Tenure: tercile breaks of the LBM deviation (x) and of % owner-occupied (y).
    pub breaks: Option<([f64; 2], [f64; 2])>,
    /// Tenure: correlation of the two values over all buurten with both.
    pub correlation: Option<f64>,
    /// Standard: the indicator shown; relative: the indicator ranked.
    pub indicator: Option<Indicator>,
    /// False when the data could not be loaded: every area is drawn as "no data", and the map
    /// does not count as ready.
    pub complete: bool,
}

fn signed(v: f64, lang: Lang) -> String {
    format::signed(v, 2, lang)
}

impl Colouring {
    /// The change of the Leefbaarometer score per wijk between `from` and `to`. Rows whose code
    /// is not in the history (excluded or water) have no data.
    pub fn change(
        index: &AreaIndex,
        history: &WijkHistory,
        from: u16,
        to: u16,
        palette: Palette,
        lang: Lang,
    ) -> Self {
        let by_code: HashMap<&str, usize> = history
            .wijken
            .iter()
            .enumerate()
            .map(|(i, w)| (w.code.as_str(), i))
            .collect();
        let detail: Vec<Option<Change>> = index
            .codes
            .iter()
            .map(|c| {
                let w = &history.wijken[*by_code.get(c.as_str())?];
                change::change(&history.years, &w.lbm, from, to)
            })
            .collect();
        let b = change::BREAKS;
        let names_nl = [
            "sterk gedaald",
            "gedaald",
            "licht gedaald",
            "ongeveer gelijk",
            "licht gestegen",
            "gestegen",
            "sterk gestegen",
        ];
        let names_en = [
            "fell sharply",
            "fell",
            "fell slightly",
            "about the same",
            "rose slightly",
            "rose",
            "rose sharply",
        ];
        let labels = (0..7)
            .map(|i| {
                let range = match i {
                    0 => format!("< {}", signed(b[0], lang)),
                    6 => format!("≥ {}", signed(b[5], lang)),
                    _ => format!("{} – {}", signed(b[i - 1], lang), signed(b[i], lang)),
                };
                format!("{} ({range})", lang.pick(names_nl[i], names_en[i]))
            })
            .collect();
        Colouring {
            mode: ViewMode::Change { from, to },
            level: Level::Wijk,
            class: detail
                .iter()
                .map(|d| d.map(|d| change::class_of(d.delta) as u8))
                .collect(),
            value: detail.iter().map(|d| d.map(|d| d.delta)).collect(),
            detail: detail.into_iter().map(|d| d.map(Detail::Change)).collect(),
            colours: colours(ScaleKind::Diverging, 7, Some(true), palette),
            labels,
            breaks: None,
            correlation: None,
            indicator: None,
            complete: true,
        }
    }

    /// Leefbaarometer deviation (`lbm`) against % owner-occupied homes (`koop`) per buurt, in
    /// national terciles of each (over the buurten that have both).
    pub fn tenure(lbm: &[Option<f64>], koop: &[Option<f64>], lang: Lang) -> Self {
        let both: Vec<bool> = lbm
            .iter()
            .zip(koop)
            .map(|(a, b)| a.is_some() && b.is_some())
            .collect();
        let only = |v: &[Option<f64>]| -> Vec<Option<f64>> {
            v.iter().zip(&both).map(|(v, &b)| v.filter(|_| b)).collect()
        };
        let breaks = bivariate::terciles(&only(lbm)).zip(bivariate::terciles(&only(koop)));
        let class = lbm
            .iter()
            .zip(koop)
            .map(|(&x, &y)| {
                let (bx, by) = breaks?;
                bivariate::class_of(bx, by, x, y).map(|c| c as u8)
            })
            .collect();
        let lbm_words = [
            lang.pick("leefbaarheid laag", "liveability low"),
            lang.pick("leefbaarheid midden", "liveability middle"),
            lang.pick("leefbaarheid hoog", "liveability high"),
        ];
        let koop_words = [
            lang.pick("weinig koopwoningen", "few owner-occupied homes"),
            lang.pick(
                "gemiddeld aandeel koopwoningen",
                "average share of owner-occupied homes",
            ),
            lang.pick("veel koopwoningen", "many owner-occupied homes"),
        ];
        let labels = (0..9)
            .map(|c| format!("{}, {}", lbm_words[c % 3], koop_words[c / 3]))
            .collect();
        Colouring {
            mode: ViewMode::Tenure,
            level: Level::Buurt,
            class,
            value: lbm.to_vec(),
            detail: lbm
                .iter()
                .zip(koop)
                .map(|(&lbm, &koop)| Some(Detail::Tenure { lbm, koop }))
                .collect(),
            colours: bivariate::colours().to_vec(),
            labels,
            breaks,
            correlation: bivariate::correlation(&only(lbm), &only(koop)),
            indicator: None,
            complete: true,
        }
    }

    /// Each buurt's percentile of `values` (of `indicator`) within its own gemeente.
    pub fn relative(
        index: &AreaIndex,
        values: &[Option<f64>],
        indicator: &Indicator,
        palette: Palette,
        lang: Lang,
    ) -> Self {
        let groups: Vec<&str> = index
            .codes
            .iter()
            .map(|c| c.get(2..6).unwrap_or(""))
            .collect();
        let ranks = rank_within(values, &groups);
        let b = rank::BREAKS;
        let class = ranks
            .iter()
            .map(|r| {
                let p = r.and_then(|r| r.percentile)?;
                Some(b.partition_point(|&x| x <= p).min(4) as u8)
            })
            .collect();
        let labels = (0..5)
            .map(|i| match i {
                0 => lang
                    .pick(
                        "laagste 20 % in de gemeente",
                        "lowest 20 % in the municipality",
                    )
                    .to_string(),
                4 => lang
                    .pick(
                        "hoogste 20 % in de gemeente",
                        "highest 20 % in the municipality",
                    )
                    .to_string(),
                _ => format!("{} – {} %", b[i - 1], b[i]),
            })
            .collect();
        Colouring {
            mode: ViewMode::Relative,
            level: Level::Buurt,
            class,
            value: ranks.iter().map(|r| r.and_then(|r| r.percentile)).collect(),
            detail: ranks
                .iter()
                .zip(values)
                .map(|(r, v)| {
                    Some(Detail::Rank {
                        value: (*v)?,
                        rank: (*r)?,
                    })
                })
                .collect(),
            colours: colours(ScaleKind::Diverging, 5, indicator.higher_is_better, palette),
            labels,
            breaks: None,
            correlation: None,
            indicator: Some(indicator.clone()),
            complete: true,
        }
    }

    /// One indicator's `values` at `level`, in its national classes.
    pub fn standard(
        manifest: &Manifest,
        indicator: &Indicator,
        level: Level,
        values: Vec<Option<f64>>,
        palette: Palette,
        lang: Lang,
    ) -> Option<Self> {
        let classes = Classes::new(indicator, level)?;
        let n = classes.count();
        Some(Colouring {
            mode: ViewMode::Standard,
            level,
            class: values
                .iter()
                .map(|&v| classes.class_of(v).map(|c| c as u8))
                .collect(),
            colours: colours(indicator.scale, n, indicator.higher_is_better, palette),
            labels: (0..n)
                .map(|i| class_label(manifest, indicator, &classes, i, lang))
                .collect(),
            value: values,
            detail: Vec::new(),
            breaks: None,
            correlation: None,
            indicator: Some(indicator.clone()),
            complete: true,
        })
    }

    /// What `mode` draws at `level` when its data could not be loaded: every area without data.
    pub fn missing(mode: ViewMode, level: Level) -> Self {
        Colouring {
            mode,
            level,
            class: Vec::new(),
            value: Vec::new(),
            detail: Vec::new(),
            colours: Vec::new(),
            labels: Vec::new(),
            breaks: None,
            correlation: None,
            indicator: None,
            complete: false,
        }
    }

    /// The class of `row` (`None`: no data).
    pub fn class_of(&self, row: usize) -> Option<u8> {
        self.class.get(row).copied().flatten()
    }

    /// The tooltip's value line for `row`: "Leefbaarometer: goed (7)", "Koopwoningen: 45%",
    /// or the view's heading, value and class.
    pub fn tooltip_text(&self, row: usize, lang: Lang) -> String {
        if !self.complete {
            return format::no_data(lang).to_string();
        }
        match (&self.indicator, self.mode) {
            (Some(ind), ViewMode::Standard) => {
                let label = lang.text(&ind.label);
                let text = self.value_text(row, lang);
                match self.class_of(row) {
                    Some(k) if ind.scale == ScaleKind::LbmClasses => {
                        format!("{label}: {} ({text})", self.labels[k as usize])
                    }
                    _ => format!("{label}: {text}"),
                }
            }
            _ => format!(
                "{}: {} — {}",
                self.value_heading(lang),
                self.value_text(row, lang),
                self.class_label(row, lang)
            ),
        }
    }

    /// The class label of `row`, or "no data".
    pub fn class_label(&self, row: usize, lang: Lang) -> String {
        self.class
            .get(row)
            .copied()
            .flatten()
            .and_then(|c| self.labels.get(c as usize).cloned())
            .unwrap_or_else(|| format::no_data(lang).to_string())
    }

    /// The value of `row` in words for the table and the tooltip, e.g. "−0,08 (4,21 → 4,13)",
    /// "afwijking +0,05; 45 % koopwoningen", "rang 3 van 12 (percentiel 82)".
    pub fn value_text(&self, row: usize, lang: Lang) -> String {
        if let (ViewMode::Standard, Some(ind)) = (self.mode, &self.indicator) {
            return format::value(ind, self.value.get(row).copied().flatten(), lang);
        }
        let Some(d) = self.detail.get(row).copied().flatten() else {
            return format::no_data(lang).to_string();
        };
        match d {
            Detail::Change(c) => format!(
                "{} ({} → {})",
                format::signed(c.delta, 2, lang),
                format::number(c.from, 2, lang),
                format::number(c.to, 2, lang)
            ),
            Detail::Tenure { lbm, koop } => {
                let l = lbm
                    .map(|v| format::signed(v, 2, lang))
                    .unwrap_or_else(|| format::no_data(lang).to_string());
                let k = koop
                    .map(|v| format!("{} %", format::number(v, 0, lang)))
                    .unwrap_or_else(|| format::no_data(lang).to_string());
                match lang {
                    Lang::Nl => format!("afwijking {l}; koopwoningen {k}"),
                    Lang::En => format!("deviation {l}; owner-occupied {k}"),
                }
            }
            Detail::Rank { rank, .. } => {
                let p = rank
                    .percentile
                    .map(|p| format::number(p, 0, lang))
                    .unwrap_or_else(|| "–".into());
                match lang {
                    Lang::Nl => format!("rang {} van {} (percentiel {p})", rank.rank, rank.of),
                    Lang::En => format!("rank {} of {} (percentile {p})", rank.rank, rank.of),
                }
            }
        }
    }

    /// The legend's heading of the view ("Verandering van de Leefbaarometerscore per wijk,
    /// 2012 → 2022").
    pub fn heading(&self, lang: Lang) -> String {
        match self.mode {
            ViewMode::Change { from, to } | ViewMode::Trend { from, to, .. } => match lang {
                Lang::Nl => {
                    format!("Verandering van de Leefbaarometerscore per wijk, {from} → {to}")
                }
                Lang::En => {
                    format!("Change in the Leefbaarometer score per district, {from} → {to}")
                }
            },
            ViewMode::Tenure => lang
                .pick(
                    "Leefbaarheid en koopwoningen per buurt, 2024",
                    "Liveability and owner-occupied homes per neighbourhood, 2024",
                )
                .to_string(),
            _ => self.value_heading(lang),
        }
    }

    /// The words of an embed's map in a view mode (its alt text): what is coloured, and how
    /// many of the `rows` fall in each class, in legend order; areas without a value are
    /// counted, never shown as a class.
    ///
    /// ```
    /// use buurtkaart_core::views::{Colouring, ViewMode};
    /// use buurtkaart_core::lang::Lang;
    /// use buurtkaart_model::Level;
    /// let c = Colouring {
    ///     mode: ViewMode::Change { from: 2012, to: 2022 },
    ///     level: Level::Wijk,
    ///     class: vec![Some(1), Some(1), None, Some(0)],
    ///     labels: vec!["gedaald".into(), "gestegen".into()],
    ///     ..Colouring::missing(ViewMode::Change { from: 2012, to: 2022 }, Level::Wijk)
    /// };
    /// assert_eq!(
    ///     c.alt_text("Utrecht", 0..4, Lang::Nl),
    ///     "Kaart van Utrecht: 4 wijken, gekleurd naar Verandering van de Leefbaarometerscore per wijk, 2012 → 2022. gedaald: 1; gestegen: 2; zonder gegevens: 1."
    /// );
    /// ```
    pub fn alt_text(&self, area: &str, rows: impl Iterator<Item = usize>, lang: Lang) -> String {
        let mut per_class = vec![0usize; self.labels.len()];
        let (mut total, mut missing) = (0usize, 0usize);
        for row in rows {
            total += 1;
            match self.class.get(row).copied().flatten().map(usize::from) {
                Some(c) if c < per_class.len() => per_class[c] += 1,
                _ => missing += 1,
            }
        }
        let n = |v: usize| format::number(v as f64, 0, lang);
        let mut parts: Vec<String> = self
            .labels
            .iter()
            .zip(&per_class)
            .filter(|(_, &k)| k > 0)
            .map(|(l, &k)| format!("{l}: {}", n(k)))
            .collect();
        if missing > 0 {
            parts.push(format!(
                "{}: {}",
                lang.pick("zonder gegevens", "no data"),
                n(missing)
            ));
        }
        let plural = lang.text(&self.level.plural()).to_string();
        match lang {
            Lang::Nl => format!(
                "Kaart van {area}: {} {plural}, gekleurd naar {}. {}.",
                n(total),
                self.heading(lang),
                parts.join("; ")
            ),
            Lang::En => format!(
                "Map of {area}: {} {plural}, coloured by {}. {}.",
                n(total),
                self.heading(lang),
                parts.join("; ")
            ),
        }
    }

    /// What the value in [`Colouring::value_text`] is, for headings.
    pub fn value_heading(&self, lang: Lang) -> String {
        match self.mode {
            ViewMode::Change { from, to } | ViewMode::Trend { from, to, .. } => match lang {
                Lang::Nl => format!("Verandering leefbaarheid {from}–{to}"),
                Lang::En => format!("Change in liveability {from}–{to}"),
            },
            ViewMode::Tenure => lang
                .pick(
                    "Leefbaarheid 2024 en koopwoningen 2024",
                    "Liveability 2024 and owner-occupied homes 2024",
                )
                .to_string(),
            ViewMode::Standard => self
                .indicator
                .as_ref()
                .map(|i| lang.text(&i.label).to_string())
                .unwrap_or_default(),
            _ => {
                let ind = self
                    .indicator
                    .as_ref()
                    .map(|i| lang.text(&i.label).to_string())
                    .unwrap_or_default();
                match lang {
                    Lang::Nl => format!("{ind}: plaats binnen de gemeente"),
                    Lang::En => format!("{ind}: position within the municipality"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::WijkSeries;

    fn index(codes: &[&str]) -> AreaIndex {
        AreaIndex {
            level: Level::Wijk,
            codes: codes.iter().map(|c| c.to_string()).collect(),
            names: codes.iter().map(|c| c.to_string()).collect(),
            postcodes: vec![None; codes.len()],
        }
    }

    #[test]
    fn change_joins_by_code_and_keeps_missing_missing() {
        let series = |code: &str, lbm: Vec<Option<f64>>| WijkSeries {
            code: code.into(),
            lbm,
            afw: vec![],
            won: vec![],
            fys: vec![],
            vrz: vec![],
            soc: vec![],
            onv: vec![],
        };
        let h = WijkHistory {
            release: String::new(),
            years: vec![2012, 2022],
            reference_lbm: vec![None, None],
            national_mean: vec![None, None],
            national_count: vec![0, 0],
            wijken: vec![
                series("WK000101", vec![Some(4.2), Some(4.05)]),
                series("WK000102", vec![None, Some(4.0)]),
            ],
            excluded: vec![],
        };
        let c = Colouring::change(
            &index(&["WK000102", "WK000101", "WK000199"]),
            &h,
            2012,
            2022,
            Palette::Standard,
            Lang::Nl,
        );
        assert_eq!(c.value, vec![None, Some(-0.15), None]);
        assert_eq!(c.class, vec![None, Some(0), None]);
        assert_eq!(c.value_text(1, Lang::Nl), "−0,15 (4,20 → 4,05)");
        assert_eq!(c.class_label(2, Lang::Nl), "geen gegevens");
        assert!(c.labels[3].starts_with("ongeveer gelijk"));
    }

    #[test]
    fn tenure_classes_and_missing() {
        let lbm: Vec<Option<f64>> = (0..9).map(|i| Some(i as f64)).chain([None]).collect();
        let koop: Vec<Option<f64>> = (0..9)
            .map(|i| Some((8 - i) as f64))
            .chain([Some(1.0)])
            .collect();
        let c = Colouring::tenure(&lbm, &koop, Lang::En);
        assert_eq!(c.breaks, Some(([3.0, 6.0], [3.0, 6.0])));
        // Lowest liveability, most owner-occupied: x = 0, y = 2.
        assert_eq!(c.class[0], Some(6));
        assert_eq!(c.class[8], Some(2));
        assert_eq!(c.class[9], None);
        assert!((c.correlation.unwrap() + 1.0).abs() < 1e-9);
        assert_eq!(c.labels[6], "liveability low, many owner-occupied homes");
    }
}
