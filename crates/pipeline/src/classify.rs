//! Class breaks and national reference values.

use crate::indicators::{IndicatorDef, RefRule};
use crate::join::LevelData;
use crate::numbers::{median, round};
use buurtkaart_model::{Reference, Text};

/// Number of quantile breaks (→ one more class).
pub const QUANTILE_BREAKS: usize = 6;

/// Rounds to `digits` significant digits.
///
/// ```
/// use buurtkaart_pipeline::classify::round_sig;
/// assert_eq!(round_sig(1234.0, 2), 1200.0);
/// assert_eq!(round_sig(0.012345, 2), 0.012);
/// assert_eq!(round_sig(0.0, 2), 0.0);
/// ```
pub fn round_sig(x: f64, digits: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    // Through a decimal string, so that e.g. 0.07 is the double nearest to 0.07.
    let s = format!("{:.*e}", (digits.max(1) - 1) as usize, x);
    s.parse().unwrap_or(x)
}

/// Quantile breaks of the non-missing values: `QUANTILE_BREAKS` cut points, rounded to
/// 2 significant digits, deduplicated, ascending. Empty when there are no values.
pub fn quantile_breaks(values: &[Option<f64>]) -> Vec<f64> {
    let mut v: Vec<f64> = values.iter().flatten().copied().collect();
    if v.is_empty() {
        return Vec::new();
    }
    v.sort_by(f64::total_cmp);
    let k = QUANTILE_BREAKS + 1;
    // Nearest-rank quantiles: every break is a value that occurs (classes stay whole
    // numbers for class-like indicators such as stedelijkheid).
    let mut breaks: Vec<f64> = (1..k)
        .map(|i| {
            let rank = (i as f64 / k as f64 * v.len() as f64).ceil() as usize;
            round_sig(v[rank.clamp(1, v.len()) - 1], 2)
        })
        .collect();
    breaks.dedup();
    breaks
}

/// Symmetric breaks around 0 for a deviation: a step `s` from the 1–2–5 series near
/// P95(|v|) / 2.5, and breaks ±0.5 s, ±1.5 s, ±2.5 s (7 classes, the middle one holding 0).
pub fn symmetric_breaks(values: &[Option<f64>]) -> Vec<f64> {
    let mut abs: Vec<f64> = values.iter().flatten().map(|x| x.abs()).collect();
    if abs.is_empty() {
        return Vec::new();
    }
    abs.sort_by(f64::total_cmp);
    let p95 = abs[((abs.len() - 1) as f64 * 0.95).round() as usize];
    let target = (p95 / 2.5).max(1e-4);
    let mag = 10f64.powf(target.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .min_by(|a, b| (a - target).abs().total_cmp(&(b - target).abs()))
        .unwrap_or(mag);
    let mut out: Vec<f64> = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]
        .iter()
        .map(|k| round_sig(k * step, 3))
        .collect();
    out.dedup();
    out
}

/// The national reference of `def`, computed from the gemeente level.
pub fn national(
    def: &IndicatorDef,
    gem: &LevelData,
    history_national: Option<f64>,
) -> Option<Reference> {
    let col = |id: &str| gem.column(id);
    let pop = col("inwoners");
    let hh = col("huishoudens");
    let vals = col(def.id);
    let weighted = |w: &[Option<f64>]| -> Option<f64> {
        let (mut s, mut sw) = (0.0, 0.0);
        for (v, w) in vals.iter().zip(w) {
            if let (Some(v), Some(w)) = (v, w) {
                s += v * w;
                sw += w;
            }
        }
        (sw > 0.0).then(|| s / sw)
    };
    let ratio = |num: &[Option<f64>], den: &[Option<f64>], factor: f64| -> Option<f64> {
        let (mut a, mut b) = (0.0, 0.0);
        for (n, d) in num.iter().zip(den) {
            if let (Some(n), Some(d)) = (n, d) {
                a += n;
                b += d;
            }
        }
        (b > 0.0).then(|| a / b * factor)
    };
    let (value, nl, en) = match def.reference {
        RefRule::None => return None,
        RefRule::Zero => (
            Some(0.0),
            "landelijk gemiddelde, per definitie 0",
            "national mean, 0 by definition",
        ),
        RefRule::HistoryNational => (
            history_national,
            "landelijk gemiddelde: ongewogen gemiddelde van alle wijken met een score in het laatste jaar van de meting (ook wijken die niet aan een wijk van 2024 gekoppeld zijn)",
            "national mean: unweighted mean of all districts with a score in the measurement's last year (also districts not attached to a 2024 district)",
        ),
        RefRule::Sum => (
            Some(vals.iter().flatten().sum()),
            "totaal van alle gemeenten",
            "total of all municipalities",
        ),
        RefRule::PopulationWeighted => (
            weighted(&pop),
            "gemiddelde van de gemeenten, gewogen naar inwoners",
            "mean of the municipalities, weighted by inhabitants",
        ),
        RefRule::HouseholdWeighted => (
            weighted(&hh),
            "gemiddelde van de gemeenten, gewogen naar huishoudens (benadering van het aantal woningen)",
            "mean of the municipalities, weighted by households (a proxy for dwellings)",
        ),
        RefRule::PopulationMedian => {
            let mut pairs: Vec<(f64, f64)> = vals
                .iter()
                .zip(&pop)
                .filter_map(|(v, w)| Some(((*v)?, (*w)?)))
                .collect();
            pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
            let total: f64 = pairs.iter().map(|p| p.1).sum();
            let mut acc = 0.0;
            let med = pairs.iter().find(|p| {
                acc += p.1;
                acc >= total / 2.0
            });
            (
                med.map(|p| p.0),
                "mediaan van de gemeenten, gewogen naar inwoners",
                "median of the municipalities, weighted by inhabitants",
            )
        }
        RefRule::Density => {
            let land: Vec<Option<f64>> = gem
                .codes
                .iter()
                .enumerate()
                .map(|(i, _)| match (pop[i], vals[i]) {
                    (Some(p), Some(d)) if d > 0.0 => Some(p / d),
                    _ => None,
                })
                .collect();
            (
                ratio(&pop, &land, 1.0),
                "totaal inwoners / totale landoppervlakte van de gemeenten",
                "total inhabitants / total land area of the municipalities",
            )
        }
        RefRule::ShareOfPopulation => {
            let counts: Vec<Option<f64>> = vals
                .iter()
                .zip(&pop)
                .map(|(s, p)| Some((*s)? * (*p)? / 100.0))
                .collect();
            (
                ratio(&counts, &pop, 100.0),
                "totaal aantal / totaal inwoners van de gemeenten × 100",
                "total count / total inhabitants of the municipalities × 100",
            )
        }
        RefRule::CrimeRate => {
            let counts: Vec<Option<f64>> = vals
                .iter()
                .zip(&pop)
                .map(|(r, p)| Some((*r)? * (*p)? / 1000.0))
                .collect();
            (
                ratio(&counts, &pop, 1000.0),
                "totaal misdrijven / totaal inwoners van de gemeenten × 1.000",
                "total crimes / total inhabitants of the municipalities × 1,000",
            )
        }
    };
    let value = value?;
    let decimals = i32::from(def.decimals).max(1);
    Some(Reference {
        value: round(value, decimals),
        method: Text::new(nl, en),
    })
}

/// Median of the non-missing values (for reports).
pub fn column_median(values: &[Option<f64>]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().flatten().copied().collect();
    median(&mut v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_are_ascending_and_deduplicated() {
        let v: Vec<Option<f64>> = (0..100).map(|i| Some(i as f64)).chain([None]).collect();
        let b = quantile_breaks(&v);
        assert_eq!(b.len(), 6);
        assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
        let same = vec![Some(1.0); 10];
        assert_eq!(quantile_breaks(&same), vec![1.0]);
        assert!(quantile_breaks(&[None, None]).is_empty());
    }

    #[test]
    fn symmetric_breaks_are_symmetric() {
        let v: Vec<Option<f64>> = (-50..=50).map(|i| Some(i as f64 / 500.0)).collect();
        let b = symmetric_breaks(&v);
        assert_eq!(b.len(), 6);
        for i in 0..3 {
            assert_eq!(b[i], -b[5 - i]);
        }
    }
}
