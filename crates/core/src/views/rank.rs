//! Each area's rank within its group (a buurt within its gemeente). Pure.
use std::collections::HashMap;

/// Where one value stands in its group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rank {
    /// 1 = highest value of the group; tied values share the best rank ("1, 2, 2, 4").
    pub rank: u32,
    /// Values in the group.
    pub of: u32,
    /// Percentile, 0 (lowest of the group) to 100 (highest); ties get the mean of their
    /// positions. `None` when the group has only this one value.
    pub percentile: Option<f64>,
}

/// Ranks `values` within groups given by `group` (same length). Missing values get no rank and
/// do not count in their group.
///
/// ```
/// use buurtkaart_core::views::rank::rank_within;
/// let r = rank_within(&[Some(1.0), Some(3.0), None, Some(3.0), Some(9.0)], &["a", "a", "a", "a", "b"]);
/// assert_eq!(r[1].unwrap().rank, 1);
/// assert_eq!(r[3].unwrap().rank, 1);
/// assert_eq!(r[0].unwrap().rank, 3);
/// assert_eq!(r[0].unwrap().percentile, Some(0.0));
/// assert_eq!(r[1].unwrap().percentile, Some(75.0));
/// assert_eq!(r[2], None);
/// assert_eq!(r[4].unwrap().percentile, None);
/// ```
pub fn rank_within<G: AsRef<str>>(values: &[Option<f64>], group: &[G]) -> Vec<Option<Rank>> {
    let mut groups: HashMap<&str, Vec<f64>> = HashMap::new();
    for (v, g) in values.iter().zip(group) {
        if let Some(v) = v.filter(|v| v.is_finite()) {
            groups.entry(g.as_ref()).or_default().push(v);
        }
    }
    for vs in groups.values_mut() {
        vs.sort_by(f64::total_cmp);
    }
    values
        .iter()
        .zip(group)
        .map(|(v, g)| {
            let v = v.filter(|v| v.is_finite())?;
            let vs = groups.get(g.as_ref())?;
            let n = vs.len();
            let below = vs.partition_point(|&x| x < v);
            let equal = vs.partition_point(|&x| x <= v) - below;
            let above = n - below - equal;
            let percentile = (n > 1)
                .then(|| (below as f64 + (equal as f64 - 1.0) / 2.0) / (n as f64 - 1.0) * 100.0);
            Some(Rank {
                rank: above as u32 + 1,
                of: n as u32,
                percentile,
            })
        })
        .collect()
}

/// Class breaks of the percentile: five classes of 20 points.
pub const BREAKS: [f64; 4] = [20.0, 40.0, 60.0, 80.0];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_tied_is_the_middle() {
        let r = rank_within(&[Some(2.0); 3], &["g"; 3]);
        for x in r {
            let x = x.unwrap();
            assert_eq!(x.rank, 1);
            assert_eq!(x.percentile, Some(50.0));
        }
    }

    #[test]
    fn groups_are_separate_and_nan_is_missing() {
        let r = rank_within(
            &[Some(1.0), Some(2.0), Some(f64::NAN), Some(0.0), Some(5.0)],
            &["x", "x", "x", "y", "y"],
        );
        assert_eq!(r[1].unwrap().percentile, Some(100.0));
        assert_eq!(r[1].unwrap().of, 2);
        assert_eq!(r[2], None);
        assert_eq!(r[3].unwrap().rank, 2);
    }
}
