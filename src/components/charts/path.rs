//! SVG path data for line charts. Pure: tested on the host.
use super::scale::Linear;

/// An SVG path through the points that have a value; a missing value breaks the line, so a gap
/// in the data is never drawn as a slope.
///
/// ```
/// use buurtkaart::components::charts::{path::line_path, scale::Linear};
/// let x = Linear::new((0.0, 2.0), (0.0, 20.0));
/// let y = Linear::new((0.0, 1.0), (10.0, 0.0));
/// assert_eq!(line_path(&[(0.0, Some(0.0)), (1.0, Some(1.0))], &x, &y), "M0.0 10.0L10.0 0.0");
/// assert_eq!(line_path(&[(0.0, Some(0.0)), (1.0, None), (2.0, Some(1.0))], &x, &y), "M0.0 10.0M20.0 0.0");
/// ```
pub fn line_path(points: &[(f64, Option<f64>)], x: &Linear, y: &Linear) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for &(px, py) in points {
        match py.filter(|v| v.is_finite()) {
            Some(v) => {
                let cmd = if pen_down { 'L' } else { 'M' };
                d.push_str(&format!("{cmd}{:.1} {:.1}", x.map(px), y.map(v)));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_all_missing() {
        let s = Linear::new((0.0, 1.0), (0.0, 1.0));
        assert_eq!(line_path(&[], &s, &s), "");
        assert_eq!(line_path(&[(0.0, None), (1.0, Some(f64::NAN))], &s, &s), "");
    }
}
