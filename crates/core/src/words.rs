//! Plain-language sentences about scores, for people who do not read deviations: the detail
//! panel and the link previews of every area (the pipeline) say the same.
use crate::format;
use crate::lang::Lang;

/// How far a Leefbaarometer deviation lies from the national mean, in words.
///
/// The cut-offs follow the class boundaries of the 2024 measurement: class 7 "goed" starts
/// near +0,01, class 8 near +0,09, class 9 near +0,17; class 5 "voldoende" starts below −0,10,
/// class 4 "zwak" below −0,16.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distance {
    /// Far above (≥ +0,17).
    FarAbove,
    /// Clearly above (+0,09 … +0,17).
    Above,
    /// Slightly above (+0,01 … +0,09).
    SlightlyAbove,
    /// About equal (−0,01 … +0,01).
    About,
    /// Slightly below (−0,10 … −0,01).
    SlightlyBelow,
    /// Clearly below (−0,16 … −0,10).
    Below,
    /// Far below (< −0,16).
    FarBelow,
}

impl Distance {
    /// Classifies a deviation from the national mean.
    ///
    /// ```
    /// use buurtkaart_core::words::Distance;
    /// assert_eq!(Distance::of(0.2), Distance::FarAbove);
    /// assert_eq!(Distance::of(0.004), Distance::About);
    /// assert_eq!(Distance::of(-0.12), Distance::Below);
    /// ```
    pub fn of(afw: f64) -> Distance {
        match afw {
            v if v >= 0.17 => Distance::FarAbove,
            v if v >= 0.09 => Distance::Above,
            v if v >= 0.01 => Distance::SlightlyAbove,
            v if v > -0.01 => Distance::About,
            v if v > -0.10 => Distance::SlightlyBelow,
            v if v > -0.16 => Distance::Below,
            _ => Distance::FarBelow,
        }
    }

    /// The phrase, e.g. "ruim boven het landelijk gemiddelde".
    pub fn phrase(self, lang: Lang) -> &'static str {
        match self {
            Distance::FarAbove => lang.pick(
                "ver boven het landelijk gemiddelde",
                "far above the national mean",
            ),
            Distance::Above => lang.pick(
                "duidelijk boven het landelijk gemiddelde",
                "clearly above the national mean",
            ),
            Distance::SlightlyAbove => lang.pick(
                "iets boven het landelijk gemiddelde",
                "slightly above the national mean",
            ),
            Distance::About => lang.pick(
                "ongeveer op het landelijk gemiddelde",
                "about at the national mean",
            ),
            Distance::SlightlyBelow => lang.pick(
                "iets onder het landelijk gemiddelde",
                "slightly below the national mean",
            ),
            Distance::Below => lang.pick(
                "duidelijk onder het landelijk gemiddelde",
                "clearly below the national mean",
            ),
            Distance::FarBelow => lang.pick(
                "ver onder het landelijk gemiddelde",
                "far below the national mean",
            ),
        }
    }
}

/// One sentence on the total score: "De leefbaarheid ligt iets boven het landelijk gemiddelde
/// (+0,045)."
///
/// ```
/// use buurtkaart_core::words::deviation_sentence;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(
///     deviation_sentence(-0.1234, Lang::Nl),
///     "De leefbaarheid ligt duidelijk onder het landelijk gemiddelde (−0,123)."
/// );
/// ```
pub fn deviation_sentence(afw: f64, lang: Lang) -> String {
    let phrase = Distance::of(afw).phrase(lang);
    let v = format::signed(afw, 3, lang);
    match lang {
        Lang::Nl => format!("De leefbaarheid ligt {phrase} ({v})."),
        Lang::En => format!("Liveability is {phrase} ({v})."),
    }
}

/// What a deviation means, for the reader who wonders about the numbers.
pub fn deviation_explained(lang: Lang) -> &'static str {
    lang.pick(
        "De Leefbaarometer drukt de score uit als afwijking van het Nederlandse gemiddelde (0): boven 0 is beter dan gemiddeld, onder 0 slechter.",
        "The Leefbaarometer expresses the score as a deviation from the Dutch mean (0): above 0 is better than average, below 0 worse.",
    )
}

/// Change between two values of a series, in words: "gestegen van 4,13 (2002) naar 4,29 (2022)".
///
/// ```
/// use buurtkaart_core::words::change_phrase;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(change_phrase((2002, 4.13), (2022, 4.29), 2, Lang::Nl), "gestegen van 4,13 (2002) naar 4,29 (2022)");
/// assert_eq!(change_phrase((2012, 80.0), (2024, 80.0), 1, Lang::En), "unchanged at 80.0 (2012–2024)");
/// ```
pub fn change_phrase(from: (u16, f64), to: (u16, f64), decimals: u8, lang: Lang) -> String {
    let a = format::number(from.1, decimals, lang);
    let b = format::number(to.1, decimals, lang);
    if a == b {
        return match lang {
            Lang::Nl => format!("gelijk gebleven op {a} ({}–{})", from.0, to.0),
            Lang::En => format!("unchanged at {a} ({}–{})", from.0, to.0),
        };
    }
    let up = to.1 > from.1;
    match lang {
        Lang::Nl => format!(
            "{} van {a} ({}) naar {b} ({})",
            if up { "gestegen" } else { "gedaald" },
            from.0,
            to.0
        ),
        Lang::En => format!(
            "{} from {a} ({}) to {b} ({})",
            if up { "risen" } else { "fallen" },
            from.0,
            to.0
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries() {
        assert_eq!(Distance::of(0.17), Distance::FarAbove);
        assert_eq!(Distance::of(0.0899), Distance::SlightlyAbove);
        assert_eq!(Distance::of(0.0), Distance::About);
        assert_eq!(Distance::of(-0.01), Distance::SlightlyBelow);
        assert_eq!(Distance::of(-0.16), Distance::FarBelow);
        assert_eq!(Distance::of(-0.7), Distance::FarBelow);
    }

    #[test]
    fn english_sentence() {
        assert_eq!(
            deviation_sentence(0.2, Lang::En),
            "Liveability is far above the national mean (+0.200)."
        );
    }
}
