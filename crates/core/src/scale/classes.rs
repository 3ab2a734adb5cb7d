//! Value → class.
use buurtkaart_model::{Indicator, Level, ScaleKind};

/// The classes of one indicator at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// The kind of scale (named LBM classes, diverging, sequential).
    pub kind: ScaleKind,
    /// Ascending breaks; `breaks.len() + 1` classes (unused for LBM classes).
    pub breaks: Vec<f64>,
}

impl Classes {
    /// The classes of `indicator` at `level`, or `None` when it does not exist there.
    pub fn new(indicator: &Indicator, level: Level) -> Option<Self> {
        let at = indicator.at(level)?;
        Some(Classes {
            kind: indicator.scale,
            breaks: at.breaks.clone(),
        })
    }

    /// Number of classes (without "no data").
    pub fn count(&self) -> usize {
        match self.kind {
            ScaleKind::LbmClasses => 9,
            _ => self.breaks.len() + 1,
        }
    }

    /// The 0-based class of `v`; `None` for missing or unclassifiable values.
    ///
    /// ```
    /// use buurtkaart_core::scale::Classes;
    /// use buurtkaart_model::ScaleKind;
    /// let c = Classes { kind: ScaleKind::Sequential, breaks: vec![10.0, 20.0] };
    /// assert_eq!(c.class_of(Some(9.9)), Some(0));
    /// assert_eq!(c.class_of(Some(10.0)), Some(1));
    /// assert_eq!(c.class_of(Some(25.0)), Some(2));
    /// assert_eq!(c.class_of(None), None);
    /// let lbm = Classes { kind: ScaleKind::LbmClasses, breaks: vec![] };
    /// assert_eq!(lbm.class_of(Some(1.0)), Some(0));
    /// assert_eq!(lbm.class_of(Some(0.0)), None);
    /// ```
    pub fn class_of(&self, v: Option<f64>) -> Option<usize> {
        let v = v.filter(|v| v.is_finite())?;
        match self.kind {
            ScaleKind::LbmClasses => {
                let k = v.round();
                (1.0..=9.0).contains(&k).then(|| k as usize - 1)
            }
            _ => Some(self.breaks.partition_point(|&b| b <= v)),
        }
    }

    /// Decimals needed to tell the breaks apart (at most 4).
    pub fn break_decimals(&self) -> u8 {
        (0..=4u8)
            .find(|&d| {
                let f = 10f64.powi(d as i32);
                self.breaks
                    .iter()
                    .all(|b| ((b * f).round() - b * f).abs() < 1e-6)
            })
            .unwrap_or(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_breaks_and_edges() {
        let c = Classes {
            kind: ScaleKind::Diverging,
            breaks: vec![-0.1, -0.05, 0.05, 0.1],
        };
        assert_eq!(c.count(), 5);
        assert_eq!(c.class_of(Some(-1.0)), Some(0));
        assert_eq!(c.class_of(Some(0.0)), Some(2));
        assert_eq!(c.class_of(Some(0.1)), Some(4));
        assert_eq!(c.class_of(Some(f64::NAN)), None);
        assert_eq!(c.break_decimals(), 2);
    }

    #[test]
    fn lbm_classes_reject_out_of_range() {
        let c = Classes {
            kind: ScaleKind::LbmClasses,
            breaks: vec![],
        };
        assert_eq!(c.class_of(Some(9.0)), Some(8));
        assert_eq!(c.class_of(Some(10.0)), None);
        assert_eq!(c.count(), 9);
    }
}
