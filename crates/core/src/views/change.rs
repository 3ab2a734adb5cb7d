//! Change of the Leefbaarometer score between two years of the wijk history. Pure.
use buurtkaart_model::WijkHistory;

/// Class breaks of a change in score points, symmetric around zero: seven classes from "fell
/// sharply" to "rose sharply", the middle one "about the same" (|change| < 0,02).
pub const BREAKS: [f64; 6] = [-0.10, -0.05, -0.02, 0.02, 0.05, 0.10];

/// A wijk's score in two years and the difference.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Score in the first year.
    pub from: f64,
    /// Score in the second year.
    pub to: f64,
    /// `to − from`, rounded to the history's four decimals.
    pub delta: f64,
}

/// The change between `from` and `to` in a series over `years`; `None` when a year is not in
/// the history or either score is missing (never a missing value as 0).
///
/// ```
/// use buurtkaart_core::views::change::change;
/// let years = [2002, 2012, 2022];
/// let c = change(&years, &[Some(4.0), Some(4.1234), Some(4.0734)], 2012, 2022).unwrap();
/// assert_eq!(c.delta, -0.05);
/// assert!(change(&years, &[Some(4.0), None, Some(4.1)], 2012, 2022).is_none());
/// assert!(change(&years, &[Some(4.0), Some(4.1), Some(4.1)], 2012, 2020).is_none());
/// ```
pub fn change(years: &[u16], series: &[Option<f64>], from: u16, to: u16) -> Option<Change> {
    let at = |y: u16| {
        let i = years.iter().position(|&v| v == y)?;
        series.get(i).copied().flatten().filter(|v| v.is_finite())
    };
    let (a, b) = (at(from)?, at(to)?);
    Some(Change {
        from: a,
        to: b,
        delta: ((b - a) * 1e4).round() / 1e4,
    })
}

/// The class (0 = fell most … 6 = rose most) of a change.
///
/// ```
/// use buurtkaart_core::views::change::class_of;
/// assert_eq!(class_of(-0.2), 0);
/// assert_eq!(class_of(0.0), 3);
/// assert_eq!(class_of(0.02), 4);
/// assert_eq!(class_of(0.5), 6);
/// ```
pub fn class_of(delta: f64) -> usize {
    BREAKS.partition_point(|&b| b <= delta)
}

/// The changes of every wijk in the history that has both years, by code.
pub fn all_changes(history: &WijkHistory, from: u16, to: u16) -> Vec<(String, Change)> {
    history
        .wijken
        .iter()
        .filter_map(|w| Some((w.code.clone(), change(&history.years, &w.lbm, from, to)?)))
        .collect()
}

/// A wijk code with its change.
pub type CodeChange = (String, Change);

/// The `n` largest declines (most negative first) and rises (most positive first) among
/// `changes`, optionally only those whose code is in gemeente `gm` (its four digits, e.g.
/// `"0363"`). Ties are ordered by code, so the lists are stable.
pub fn extremes<'a>(
    changes: &'a [CodeChange],
    gm: Option<&str>,
    n: usize,
) -> (Vec<&'a CodeChange>, Vec<&'a CodeChange>) {
    let mut v: Vec<&CodeChange> = changes
        .iter()
        .filter(|(code, _)| gm.is_none_or(|g| code.get(2..6) == Some(g)))
        .collect();
    crate::order::sort_by(&mut v, |a, b| {
        a.1.delta.total_cmp(&b.1.delta).then(a.0.cmp(&b.0))
    });
    let declines: Vec<_> = v
        .iter()
        .copied()
        .filter(|c| c.1.delta < 0.0)
        .take(n)
        .collect();
    let rises: Vec<_> = v
        .iter()
        .rev()
        .copied()
        .filter(|c| c.1.delta > 0.0)
        .take(n)
        .collect();
    (declines, rises)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str, delta: f64) -> (String, Change) {
        (
            code.into(),
            Change {
                from: 4.0,
                to: 4.0 + delta,
                delta,
            },
        )
    }

    #[test]
    fn extremes_sorted_filtered_and_signed() {
        let all = vec![
            c("WK036301", -0.1),
            c("WK036302", 0.2),
            c("WK059901", -0.3),
            c("WK036303", 0.0),
            c("WK036304", -0.1),
        ];
        let (down, up) = extremes(&all, None, 2);
        assert_eq!(down[0].0, "WK059901");
        assert_eq!(down[1].0, "WK036301", "ties by code");
        assert_eq!(up.len(), 1, "zero is no rise");
        let (down, _) = extremes(&all, Some("0363"), 5);
        assert_eq!(
            down.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
            ["WK036301", "WK036304"]
        );
    }

    #[test]
    fn breaks_are_symmetric() {
        for i in 0..3 {
            assert_eq!(BREAKS[i], -BREAKS[5 - i]);
        }
        // A class includes its lower bound: −0,02 is "about the same", −0,0201 "fell slightly".
        assert_eq!(class_of(-0.02), 3);
        assert_eq!(class_of(-0.0201), 2);
    }

    #[test]
    fn non_finite_is_missing() {
        assert!(change(&[2012, 2022], &[Some(f64::NAN), Some(4.0)], 2012, 2022).is_none());
    }
}
