//! Linear scales and "nice" ticks for the charts. Pure: tested on the host.

/// Maps a data interval (domain) linearly onto a pixel interval (range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    /// A scale from `domain` to `range` (either may be reversed, e.g. a y axis downwards).
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    /// The pixel position of `v`. A zero-width domain maps everything to the range's middle.
    ///
    /// ```
    /// use buurtkaart::components::charts::scale::Linear;
    /// let y = Linear::new((0.0, 10.0), (100.0, 0.0));
    /// assert_eq!(y.map(2.5), 75.0);
    /// assert_eq!(Linear::new((3.0, 3.0), (0.0, 10.0)).map(3.0), 5.0);
    /// ```
    pub fn map(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < f64::EPSILON || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }

    /// The domain.
    pub fn domain(&self) -> (f64, f64) {
        (self.d0, self.d1)
    }
}

/// A step of 1, 2 or 5 × 10^k that divides `span` into at most `max_ticks` intervals.
///
/// ```
/// use buurtkaart::components::charts::scale::nice_step;
/// assert_eq!(nice_step(10.0, 5), 2.0);
/// assert_eq!(nice_step(0.3, 4), 0.1);
/// assert_eq!(nice_step(170.0, 4), 50.0);
/// ```
pub fn nice_step(span: f64, max_ticks: usize) -> f64 {
    let max_ticks = max_ticks.max(1) as f64;
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / max_ticks;
    let mag = 10f64.powf(raw.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let step = m * mag;
        if step >= raw - 1e-12 {
            return step;
        }
    }
    10.0 * mag
}

/// An axis: a nice extent around the data and the step between its ticks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    /// Lowest value on the axis.
    pub lo: f64,
    /// Highest value on the axis.
    pub hi: f64,
    /// Distance between ticks.
    pub step: f64,
}

impl Axis {
    /// An axis covering `min..=max` with at most about `max_ticks` intervals.
    ///
    /// ```
    /// use buurtkaart::components::charts::scale::Axis;
    /// let a = Axis::nice(3.93, 4.31, 4);
    /// assert_eq!((a.lo, a.hi, a.step), (3.9, 4.4, 0.1));
    /// assert_eq!(a.ticks().len(), 6);
    /// assert_eq!(a.decimals(), 1);
    /// ```
    pub fn nice(min: f64, max: f64, max_ticks: usize) -> Axis {
        let (lo, hi, step) = nice_parts(min, max, max_ticks);
        Axis { lo, hi, step }
    }

    /// The tick values from `lo` to `hi`.
    pub fn ticks(&self) -> Vec<f64> {
        ticks_every(self.lo, self.hi, self.step)
    }

    /// Decimals needed to label the ticks.
    pub fn decimals(&self) -> u8 {
        decimals_for(self.step)
    }
}

/// `(min, max)` widened to multiples of a nice step; a single value gets room around it.
///
/// ```
/// use buurtkaart::components::charts::scale::nice_extent;
/// assert_eq!(nice_extent(3.93, 4.31, 4), (3.9, 4.4));
/// assert_eq!(nice_extent(0.0, 181.0, 4), (0.0, 200.0));
/// ```
pub fn nice_extent(min: f64, max: f64, max_ticks: usize) -> (f64, f64) {
    let (lo, hi, _) = nice_parts(min, max, max_ticks);
    (lo, hi)
}

/// Extent and step: the step divides the data's span, the extent is widened to its multiples.
fn nice_parts(min: f64, max: f64, max_ticks: usize) -> (f64, f64, f64) {
    let (mut lo, mut hi) = (min.min(max), min.max(max));
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0, nice_step(1.0, max_ticks));
    }
    if (hi - lo).abs() < 1e-12 {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let step = nice_step(hi - lo, max_ticks);
    let lo = round_to((lo / step + 1e-9).floor() * step, step);
    let hi = round_to((hi / step - 1e-9).ceil() * step, step);
    (lo, hi, step)
}

/// The multiples of a nice step within `[min, max]`, at most about `max_ticks` + 1 of them.
///
/// ```
/// use buurtkaart::components::charts::scale::ticks;
/// assert_eq!(ticks(0.0, 200.0, 4), vec![0.0, 50.0, 100.0, 150.0, 200.0]);
/// assert_eq!(ticks(3.9, 4.4, 5), vec![3.9, 4.0, 4.1, 4.2, 4.3, 4.4]);
/// ```
pub fn ticks(min: f64, max: f64, max_ticks: usize) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite()) || max < min {
        return Vec::new();
    }
    ticks_every(min, max, nice_step(max - min, max_ticks))
}

/// The multiples of `step` within `[min, max]`.
pub fn ticks_every(min: f64, max: f64, step: f64) -> Vec<f64> {
    if !(min.is_finite() && max.is_finite() && step > 0.0) || max < min {
        return Vec::new();
    }
    let first = (min / step - 1e-9).ceil() as i64;
    let last = (max / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| round_to(k as f64 * step, step))
        .collect()
}

/// Decimals needed to write multiples of `step` exactly (0 for whole steps, at most 4).
///
/// ```
/// use buurtkaart::components::charts::scale::decimals_for;
/// assert_eq!(decimals_for(50.0), 0);
/// assert_eq!(decimals_for(0.1), 1);
/// assert_eq!(decimals_for(0.025), 3);
/// ```
pub fn decimals_for(step: f64) -> u8 {
    (0..=4u8)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((step * f).round() - step * f).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// The smallest and largest finite value, if any.
pub fn extent(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(None, |acc, v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })
}

/// A half-width for a diverging axis around 0: the largest |value| (at least `at_least`),
/// rounded up to a nice step.
///
/// ```
/// use buurtkaart::components::charts::scale::symmetric_extent;
/// assert_eq!(symmetric_extent([0.031, -0.12], 0.1), 0.15);
/// assert_eq!(symmetric_extent([], 0.1), 0.1);
/// ```
pub fn symmetric_extent(values: impl IntoIterator<Item = f64>, at_least: f64) -> f64 {
    let m = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(at_least.abs(), |m, v| m.max(v.abs()));
    let step = nice_step(m, 4);
    round_to((m / step - 1e-9).ceil() * step, step)
}

/// Removes floating-point noise from a multiple of `step` (0.30000000000000004 → 0.3).
fn round_to(v: f64, step: f64) -> f64 {
    let d = decimals_for(step) as i32 + 1;
    let f = 10f64.powi(d);
    let r = (v * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_1_2_5() {
        assert_eq!(nice_step(1.0, 10), 0.1);
        assert_eq!(nice_step(7.0, 4), 2.0);
        assert_eq!(nice_step(0.0, 4), 1.0);
        assert_eq!(nice_step(f64::NAN, 4), 1.0);
    }

    #[test]
    fn extents_include_the_data() {
        for (lo, hi) in [(3.93, 4.31), (-0.76, 0.6), (21765.0, 27512.0), (71.9, 81.5)] {
            let (a, b) = nice_extent(lo, hi, 4);
            assert!(a <= lo && b >= hi, "{lo}..{hi} -> {a}..{b}");
        }
        assert_eq!(nice_extent(5.0, 5.0, 4), (4.5, 5.5));
        assert_eq!(nice_extent(0.0, 0.0, 4), (-1.0, 1.0));
    }

    #[test]
    fn ticks_have_no_float_noise() {
        let t = ticks(0.0, 0.3, 3);
        assert_eq!(t, vec![0.0, 0.1, 0.2, 0.3]);
        assert!(ticks(1.0, 0.0, 4).is_empty());
        assert_eq!(ticks(-0.2, 0.2, 4), vec![-0.2, -0.1, 0.0, 0.1, 0.2]);
    }

    #[test]
    fn extent_skips_non_finite() {
        assert_eq!(extent([1.0, f64::NAN, -2.0]), Some((-2.0, 1.0)));
        assert_eq!(extent(Vec::<f64>::new()), None);
    }
}
