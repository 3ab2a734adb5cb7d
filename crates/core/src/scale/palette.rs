//! Class → colour. Palettes are ColorBrewer schemes (via `colorous`) chosen to stay readable
//! with deuteranopia, protanopia and tritanopia.
use buurtkaart_model::ScaleKind;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG), 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

impl From<colorous::Color> for Rgb {
    fn from(c: colorous::Color) -> Self {
        Rgb(c.r, c.g, c.b)
    }
}

/// The colour scheme family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    /// Red–yellow–blue (diverging), yellow–green–blue (sequential).
    #[default]
    Standard,
    /// Orange–purple (diverging), cividis-like blues (sequential): an alternative for people
    /// who find the standard palette hard to read.
    Alternative,
}

impl Palette {
    /// Parses a URL value (`std` / `alt`).
    pub fn from_param(s: &str) -> Option<Palette> {
        match s {
            "std" => Some(Palette::Standard),
            "alt" => Some(Palette::Alternative),
            _ => None,
        }
    }

    /// The URL value.
    pub fn param(self) -> &'static str {
        match self {
            Palette::Standard => "std",
            Palette::Alternative => "alt",
        }
    }
}

/// `n` colours for the classes of a scale, from the lowest class to the highest.
///
/// Diverging and LBM scales run from "bad" (red/orange) to "good" (blue/purple) when higher is
/// better, reversed when lower is better. Sequential scales run light → dark.
pub fn colours(
    kind: ScaleKind,
    n: usize,
    higher_is_better: Option<bool>,
    palette: Palette,
) -> Vec<Rgb> {
    let n = n.max(1);
    let mut out: Vec<Rgb> = match kind {
        ScaleKind::LbmClasses | ScaleKind::Diverging => {
            let g = match palette {
                Palette::Standard => colorous::RED_YELLOW_BLUE,
                Palette::Alternative => colorous::PURPLE_ORANGE,
            };
            // Trim the extremes slightly: the darkest ends are too heavy on a map.
            (0..n)
                .map(|i| {
                    g.eval_continuous(0.04 + 0.92 * i as f64 / (n.max(2) - 1) as f64)
                        .into()
                })
                .collect()
        }
        ScaleKind::Sequential => {
            let g = match (palette, higher_is_better) {
                (Palette::Standard, Some(false)) => colorous::ORANGE_RED,
                (Palette::Standard, _) => colorous::YELLOW_GREEN_BLUE,
                (Palette::Alternative, _) => colorous::CIVIDIS,
            };
            (0..n)
                .map(|i| {
                    g.eval_continuous(0.1 + 0.85 * i as f64 / (n.max(2) - 1) as f64)
                        .into()
                })
                .collect()
        }
    };
    let reverse = match (kind, palette) {
        // PURPLE_ORANGE runs purple → orange; we want bad (orange) first.
        (ScaleKind::LbmClasses | ScaleKind::Diverging, Palette::Alternative) => {
            higher_is_better != Some(false)
        }
        (ScaleKind::LbmClasses | ScaleKind::Diverging, Palette::Standard) => {
            higher_is_better == Some(false)
        }
        (ScaleKind::Sequential, _) => false,
    };
    if reverse {
        out.reverse();
    }
    out
}

/// The "geen gegevens / geen score" fill: a neutral grey, light or dark.
pub fn no_data(dark: bool) -> Rgb {
    if dark {
        Rgb(0x4a, 0x4d, 0x52)
    } else {
        Rgb(0xd4, 0xd4, 0xd4)
    }
}

/// The surroundings of a wijk or buurt embed (the rest of its gemeente): a muted fill, apart
/// from the map's background and from "no data", and the lines between its areas (RGBA).
pub fn context(dark: bool) -> (Rgb, [u8; 4]) {
    if dark {
        (Rgb(0x2c, 0x30, 0x36), [255, 255, 255, 34])
    } else {
        (Rgb(0xef, 0xed, 0xe8), [0, 0, 0, 34])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_runs_bad_to_good() {
        let c = colours(ScaleKind::LbmClasses, 9, Some(true), Palette::Standard);
        assert_eq!(c.len(), 9);
        // Red first (bad), blue last (good).
        assert!(c[0].0 > c[0].2, "{:?}", c[0]);
        assert!(c[8].2 > c[8].0, "{:?}", c[8]);
        let alt = colours(ScaleKind::LbmClasses, 9, Some(true), Palette::Alternative);
        assert!(alt[0].0 > alt[0].2, "orange first: {:?}", alt[0]);
    }

    #[test]
    fn lower_is_better_reverses() {
        let up = colours(ScaleKind::Diverging, 5, Some(true), Palette::Standard);
        let down = colours(ScaleKind::Diverging, 5, Some(false), Palette::Standard);
        assert_eq!(up[0], down[4]);
    }

    #[test]
    fn sequential_gets_darker() {
        let c = colours(ScaleKind::Sequential, 7, None, Palette::Standard);
        assert!(c[0].luminance() > c[6].luminance());
        assert_eq!(Rgb(255, 0, 16).css(), "#ff0010");
    }
}
