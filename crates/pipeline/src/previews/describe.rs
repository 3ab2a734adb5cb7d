//! The Dutch texts of a link preview: the page title (the app's own tab title), the
//! description a crawler shows under it, and the alt text of the share image.
use buurtkaart_core::format;
use buurtkaart_core::lang::Lang;
use buurtkaart_core::words::Distance;
use buurtkaart_model::Level;

/// What a preview says about one area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaFacts<'a> {
    /// Its level.
    pub level: Level,
    /// Its name.
    pub name: &'a str,
    /// Its gemeente's name (`None` for a gemeente).
    pub gemeente: Option<&'a str>,
    /// Leefbaarometer class 1–9 with its Dutch label ("goed"), where the level has classes.
    pub class: Option<(u8, &'a str)>,
    /// Total score as deviation from the national mean.
    pub deviation: Option<f64>,
    /// The absolute score (wijken: the 2022 measurement has one).
    pub score: Option<f64>,
    /// The year of the measurement at this level.
    pub year: u16,
    /// The source ("Leefbaarometer 3.0 – Ministerie van BZK").
    pub source: &'a str,
}

/// "Wilhelminapark e.o., Utrecht" / "Utrecht": the area and, below a gemeente, its gemeente
/// (named once when they are called alike).
pub fn place(name: &str, gemeente: Option<&str>) -> String {
    match gemeente {
        Some(g) if g != name => format!("{name}, {g}"),
        _ => name.to_string(),
    }
}

/// The description (meta description and `og:description`): the class in
/// words, the score, the year and the source, in Dutch.
///
/// ```
/// use buurtkaart_pipeline::previews::describe::{description, AreaFacts};
/// use buurtkaart_model::Level;
/// let f = AreaFacts { level: Level::Buurt, name: "Wilhelminapark e.o.", gemeente: Some("Utrecht"),
///     class: Some((9, "uitstekend")), deviation: Some(0.3123), score: None, year: 2024,
///     source: "Leefbaarometer 3.0 – Ministerie van BZK" };
/// assert_eq!(description(&f), "Leefbaarheid in Wilhelminapark e.o., Utrecht: uitstekend \
///     (klasse 9 van 9), ver boven het landelijk gemiddelde (+0,312). Bron: Leefbaarometer 3.0 \
///     – Ministerie van BZK, meting 2024.");
/// ```
pub fn description(f: &AreaFacts) -> String {
    let lang = Lang::Nl;
    let mut parts: Vec<String> = Vec::new();
    if let Some((k, label)) = f.class {
        parts.push(format!("{label} (klasse {k} van 9)"));
    }
    if let Some(d) = f.deviation {
        parts.push(format!(
            "{} ({})",
            Distance::of(d).phrase(lang),
            format::signed(d, 3, lang)
        ));
    }
    if let Some(s) = f.score {
        parts.push(format!("score {}", format::number(s, 2, lang)));
    }
    let what = if parts.is_empty() {
        let why = match f.level {
            Level::Buurt => "te weinig inwoners of woningen voor een betrouwbare uitkomst",
            _ => "niet gemeten",
        };
        format!("geen Leefbaarometer-score ({why})")
    } else {
        parts.join(", ")
    };
    let note = match (f.level, f.class) {
        (Level::Wijk, None) => " Voor wijken is er geen klasse.",
        _ => "",
    };
    format!(
        "Leefbaarheid in {}: {what}.{note} Bron: {}, meting {}.",
        place(f.name, f.gemeente),
        f.source,
        f.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(level: Level) -> AreaFacts<'static> {
        AreaFacts {
            level,
            name: "Binnenstad",
            gemeente: Some("'s-Hertogenbosch"),
            class: None,
            deviation: None,
            score: None,
            year: 2022,
            source: "Leefbaarometer 3.0 – Ministerie van BZK",
        }
    }

    #[test]
    fn wijk_has_score_and_deviation_but_no_class() {
        let mut f = facts(Level::Wijk);
        f.deviation = Some(-0.1234);
        f.score = Some(3.951);
        assert_eq!(
            description(&f),
            "Leefbaarheid in Binnenstad, 's-Hertogenbosch: duidelijk onder het landelijk \
             gemiddelde (−0,123), score 3,95. Voor wijken is er geen klasse. \
             Bron: Leefbaarometer 3.0 – Ministerie van BZK, meting 2022."
        );
    }

    #[test]
    fn a_buurt_without_score_says_why() {
        let d = description(&facts(Level::Buurt));
        assert!(
            d.contains("geen Leefbaarometer-score (te weinig inwoners"),
            "{d}"
        );
        assert!(!d.contains("klasse"), "{d}");
    }

    #[test]
    fn a_gemeente_is_named_once() {
        let mut f = facts(Level::Gemeente);
        f.name = "Utrecht";
        f.gemeente = None;
        f.class = Some((6, "ruim voldoende"));
        assert!(description(&f)
            .starts_with("Leefbaarheid in Utrecht: ruim voldoende (klasse 6 van 9)."));
        assert_eq!(place("Centrum", Some("Centrum")), "Centrum");
    }
}
