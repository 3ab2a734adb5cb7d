//! Bivariate classes (3 × 3): Leefbaarometer deviation against the share of owner-occupied
//! homes, each split into national terciles. Pure.
use crate::scale::Rgb;

/// The tercile breaks of `values` (missing and non-finite ignored): the values at one and two
/// thirds of the sorted list. `None` when there are fewer than three values.
///
/// ```
/// use buurtkaart_core::views::bivariate::terciles;
/// let v: Vec<Option<f64>> = (1..=9).map(|i| Some(i as f64)).collect();
/// assert_eq!(terciles(&v), Some([4.0, 7.0]));
/// assert_eq!(terciles(&[Some(1.0), None]), None);
/// ```
pub fn terciles(values: &[Option<f64>]) -> Option<[f64; 2]> {
    let mut v: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    if v.len() < 3 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some([v[n / 3], v[2 * n / 3]])
}

/// The tercile (0, 1, 2) of `v`; a value equal to a break goes to the upper class.
pub fn tercile(breaks: [f64; 2], v: f64) -> usize {
    breaks.partition_point(|&b| b <= v)
}

/// The bivariate class `3 × y + x` (x = liveability tercile, y = owner-occupied tercile), or
/// `None` when either value is missing.
///
/// ```
/// use buurtkaart_core::views::bivariate::class_of;
/// assert_eq!(class_of([0.0, 0.1], [40.0, 70.0], Some(-0.2), Some(80.0)), Some(6));
/// assert_eq!(class_of([0.0, 0.1], [40.0, 70.0], Some(0.1), Some(10.0)), Some(2));
/// assert_eq!(class_of([0.0, 0.1], [40.0, 70.0], None, Some(10.0)), None);
/// ```
pub fn class_of(
    x_breaks: [f64; 2],
    y_breaks: [f64; 2],
    x: Option<f64>,
    y: Option<f64>,
) -> Option<usize> {
    let (x, y) = (x.filter(|v| v.is_finite())?, y.filter(|v| v.is_finite())?);
    Some(3 * tercile(y_breaks, y) + tercile(x_breaks, x))
}

/// Colours of the nine classes, index `3 × y + x`. A sequential-by-sequential scheme (after
/// Joshua Stevens' teal/pink bivariate palette), turned so that the darkest colour marks weak
/// liveability with few owner-occupied homes (the combination the article is about), and the
/// light grey strong liveability with many.
pub fn colours() -> [Rgb; 9] {
    // Stevens' grid, rows = one variable low → high, columns = the other low → high.
    const GRID: [[Rgb; 3]; 3] = [
        [
            Rgb(0xe8, 0xe8, 0xe8),
            Rgb(0xac, 0xe4, 0xe4),
            Rgb(0x5a, 0xc8, 0xc8),
        ],
        [
            Rgb(0xdf, 0xb0, 0xd6),
            Rgb(0xa5, 0xad, 0xd3),
            Rgb(0x56, 0x98, 0xb9),
        ],
        [
            Rgb(0xbe, 0x64, 0xac),
            Rgb(0x8c, 0x62, 0xaa),
            Rgb(0x3b, 0x49, 0x94),
        ],
    ];
    let mut out = [Rgb(0, 0, 0); 9];
    for y in 0..3 {
        for x in 0..3 {
            out[3 * y + x] = GRID[2 - y][2 - x];
        }
    }
    out
}

/// Pearson's correlation of the pairs where both values exist; `None` with fewer than three.
///
/// ```
/// use buurtkaart_core::views::bivariate::correlation;
/// let r = correlation(&[Some(1.0), Some(2.0), Some(3.0), None], &[Some(2.0), Some(4.0), Some(6.0), Some(1.0)]);
/// assert!((r.unwrap() - 1.0).abs() < 1e-12);
/// ```
pub fn correlation(x: &[Option<f64>], y: &[Option<f64>]) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .filter(|(a, b)| a.is_finite() && b.is_finite())
        .collect();
    let n = pairs.len() as f64;
    if n < 3.0 {
        return None;
    }
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(sx, sy), (a, b)| (sx + a / n, sy + b / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in &pairs {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn darkest_is_weak_and_rented() {
        let c = colours();
        let lum: Vec<f64> = c.iter().map(|c| c.luminance()).collect();
        let darkest = (0..9).min_by(|&a, &b| lum[a].total_cmp(&lum[b])).unwrap();
        assert_eq!(
            darkest, 0,
            "class 0 = weak liveability, few owner-occupied homes"
        );
        let lightest = (0..9).max_by(|&a, &b| lum[a].total_cmp(&lum[b])).unwrap();
        assert_eq!(lightest, 8);
    }

    #[test]
    fn ties_at_breaks_go_up_and_skewed_data_still_classes() {
        let v = vec![Some(0.0); 10];
        let b = terciles(&v).unwrap();
        assert_eq!(tercile(b, 0.0), 2);
        assert_eq!(
            class_of([1.0, 2.0], [1.0, 2.0], Some(f64::NAN), Some(1.0)),
            None
        );
    }
}
