//! Figures the panel derives from the loaded tables: a gemeente's buurten per class, its weakest
//! and strongest buurten, means, ranks, and where a wijk stands in the wijk history.
//! Pure: no leptos, tested on the host.
use buurtkaart_model::{AreaIndex, HistoryExclusion, ValueTable, WijkHistory, WijkSeries};

/// Rows of `index` whose code lies in gemeente `gemeente` (`GMxxxx`): same four characters
/// after the prefix.
///
/// ```
/// use buurtkaart::components::panel::stats::rows_in_gemeente;
/// use buurtkaart_model::{AreaIndex, Level};
/// let idx = AreaIndex {
///     level: Level::Buurt,
///     codes: vec!["BU03440000".into(), "BU03630000".into(), "BU03440101".into()],
///     names: vec!["a".into(), "b".into(), "c".into()],
///     postcodes: vec![],
/// };
/// assert_eq!(rows_in_gemeente(&idx, "GM0344"), vec![0, 2]);
/// ```
pub fn rows_in_gemeente(index: &AreaIndex, gemeente: &str) -> Vec<usize> {
    let Some(key) = gemeente.get(2..6) else {
        return Vec::new();
    };
    index
        .codes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.get(2..6) == Some(key))
        .map(|(i, _)| i)
        .collect()
}

/// How many areas fall in each Leefbaarometer class, and how many have no score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassCounts {
    /// Index 0 is class 1 (zeer onvoldoende), index 8 class 9 (uitstekend).
    pub per_class: [usize; 9],
    /// Areas without a class (too few inhabitants).
    pub no_score: usize,
}

impl ClassCounts {
    /// Areas with a class.
    pub fn scored(&self) -> usize {
        self.per_class.iter().sum()
    }
}

/// Counts the classes (column `id`, values 1–9) of `rows`.
pub fn class_counts(table: &ValueTable, id: &str, rows: &[usize]) -> ClassCounts {
    let mut c = ClassCounts::default();
    for &r in rows {
        match table.get(id, r).map(|v| v.round()) {
            Some(k) if (1.0..=9.0).contains(&k) => c.per_class[k as usize - 1] += 1,
            _ => c.no_score += 1,
        }
    }
    c
}

/// An area and its value, for rankings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Row in the level's index.
    pub row: usize,
    /// The value it was ranked by.
    pub value: f64,
}

/// The `n` lowest and the `n` highest values of column `id` among `rows` (areas without a
/// value are left out): `(weakest first, strongest first)`. With fewer than `2n` values the two
/// lists are shortened so that no area appears in both.
pub fn extremes(
    table: &ValueTable,
    id: &str,
    rows: &[usize],
    n: usize,
) -> (Vec<Ranked>, Vec<Ranked>) {
    let mut all: Vec<Ranked> = rows
        .iter()
        .filter_map(|&row| table.get(id, row).map(|value| Ranked { row, value }))
        .collect();
    buurtkaart_core::order::sort_by(&mut all, |a, b| {
        a.value.total_cmp(&b.value).then(a.row.cmp(&b.row))
    });
    let k = n.min(all.len() / 2);
    let weakest = all[..k].to_vec();
    let strongest = all.iter().rev().take(k).copied().collect();
    (weakest, strongest)
}

/// The unweighted mean of column `id` over `rows` (missing values left out).
pub fn mean(table: &ValueTable, id: &str, rows: &[usize]) -> Option<f64> {
    let vals: Vec<f64> = rows.iter().filter_map(|&r| table.get(id, r)).collect();
    (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
}

/// The 1-based rank of `row` by column `id`, highest value first, among all rows with a value,
/// and how many there are.
pub fn rank_desc(table: &ValueTable, id: &str, row: usize) -> Option<(usize, usize)> {
    let col = table.columns.get(id)?;
    let v = col.get(row)?;
    let vals = col.decode();
    let total = vals.iter().flatten().count();
    let higher = vals.iter().flatten().filter(|&&x| x > v).count();
    Some((higher + 1, total))
}

/// What the history file says about one 2024 wijk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HistoryOf<'a> {
    /// A series exists.
    Series(&'a WijkSeries),
    /// The code was in the history file but was left out, with the reason.
    Excluded(&'a HistoryExclusion),
    /// The code does not occur in the history (new or changed division).
    Absent,
}

/// Looks a wijk code up in the history.
pub fn history_of<'a>(history: &'a WijkHistory, code: &str) -> HistoryOf<'a> {
    if let Some(s) = history.wijken.iter().find(|w| w.code == code) {
        return HistoryOf::Series(s);
    }
    match history.excluded.iter().find(|e| e.code == code) {
        Some(e) => HistoryOf::Excluded(e),
        None => HistoryOf::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::{Column, Level};
    use std::collections::BTreeMap;

    fn table(id: &str, decimals: u8, values: &[Option<f64>]) -> ValueTable {
        let mut columns = BTreeMap::new();
        columns.insert(id.to_string(), Column::encode(decimals, values));
        ValueTable {
            level: Level::Buurt,
            group: "lbm".into(),
            rows: values.len(),
            columns,
        }
    }

    #[test]
    fn counts_classes_and_missing() {
        let t = table(
            "k",
            0,
            &[Some(7.0), Some(7.0), None, Some(1.0), Some(9.0), Some(0.0)],
        );
        let c = class_counts(&t, "k", &[0, 1, 2, 3, 4, 5]);
        assert_eq!(c.per_class, [1, 0, 0, 0, 0, 0, 2, 0, 1]);
        assert_eq!(c.no_score, 2, "missing and out-of-range count as no score");
        assert_eq!(c.scored(), 4);
        assert_eq!(class_counts(&t, "nope", &[0]).no_score, 1);
    }

    #[test]
    fn extremes_skip_missing_and_do_not_overlap() {
        let t = table("a", 4, &[Some(0.1), None, Some(-0.2), Some(0.3), Some(0.0)]);
        let (weak, strong) = extremes(&t, "a", &[0, 1, 2, 3, 4], 2);
        assert_eq!(weak.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(strong.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3, 0]);
        let (weak, strong) = extremes(&t, "a", &[0, 2, 3], 3);
        assert_eq!((weak.len(), strong.len()), (1, 1));
        let (weak, strong) = extremes(&t, "a", &[1], 3);
        assert!(weak.is_empty() && strong.is_empty());
    }

    #[test]
    fn mean_and_rank() {
        let t = table("a", 1, &[Some(1.0), None, Some(3.0), Some(2.0)]);
        assert_eq!(mean(&t, "a", &[0, 1, 2]), Some(2.0));
        assert_eq!(mean(&t, "a", &[1]), None);
        assert_eq!(rank_desc(&t, "a", 2), Some((1, 3)));
        assert_eq!(rank_desc(&t, "a", 0), Some((3, 3)));
        assert_eq!(rank_desc(&t, "a", 1), None);
    }

    #[test]
    fn history_lookup() {
        let series = |code: &str, lbm: Vec<Option<f64>>| WijkSeries {
            code: code.into(),
            afw: lbm.clone(),
            won: vec![None; lbm.len()],
            fys: vec![None; lbm.len()],
            vrz: vec![None; lbm.len()],
            soc: vec![None; lbm.len()],
            onv: vec![None; lbm.len()],
            lbm,
        };
        let h = WijkHistory {
            release: "t".into(),
            years: vec![2002, 2022],
            reference_lbm: vec![Some(4.1), Some(4.1)],
            national_mean: vec![Some(4.0), Some(4.3)],
            national_count: vec![1, 2],
            wijken: vec![
                series("WK000101", vec![Some(4.0), Some(4.2)]),
                series("WK000102", vec![None, Some(4.4)]),
            ],
            excluded: vec![HistoryExclusion {
                code: "WK000199".into(),
                history_name: "Wijk 99 Oud".into(),
                name_2024: Some("Nieuw".into()),
                reason: "name_differs".into(),
            }],
        };
        assert!(matches!(history_of(&h, "WK000101"), HistoryOf::Series(_)));
        assert!(
            matches!(history_of(&h, "WK000199"), HistoryOf::Excluded(e) if e.history_name == "Wijk 99 Oud")
        );
        assert_eq!(history_of(&h, "WK0363AA"), HistoryOf::Absent);
    }
}
