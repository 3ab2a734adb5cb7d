//! A text description of an embedded map, for screen readers and as alt text for a static image:
//! "Kaart van Utrecht: 106 buurten, gekleurd naar Leefbaarometer 2024. 12 scoren onvoldoende of
//! lager, vooral in Overvecht (7) en Kanaleneiland (3); …".
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{Indicator, Level, ScaleKind};
use std::collections::BTreeMap;

/// One area on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct AltItem {
    /// Its name.
    pub name: String,
    /// The name of the group it belongs to (a buurt's wijk), used for "vooral in …".
    pub group: Option<String>,
    /// Its value of the indicator; `None` when missing.
    pub value: Option<f64>,
}

/// What the description is about.
pub struct AltInput<'a> {
    /// Language of the text.
    pub lang: Lang,
    /// Name of the area shown ("Utrecht").
    pub area_name: &'a str,
    /// Level of the items (the areas drawn).
    pub level: Level,
    /// The indicator the map is coloured by.
    pub indicator: &'a Indicator,
    /// The year of the figures at `level`.
    pub year: Option<u16>,
    /// The areas drawn.
    pub items: &'a [AltItem],
}

/// Leefbaarometer classes up to this one are "onvoldoende of lager" (1–3).
const LOW_CLASS: f64 = 3.0;
/// Leefbaarometer classes from this one are "goed of beter" (7–9).
const GOOD_CLASS: f64 = 7.0;

/// "A, B en C" / "A, B and C".
fn join(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("en", "and")),
    }
}

/// "1 buurt" / "12 buurten".
fn count(n: usize, level: Level, lang: Lang) -> String {
    let word = if n == 1 { level.name() } else { level.plural() };
    format!("{n} {}", lang.text(&word))
}

/// The generated description.
///
/// ```
/// use buurtkaart_core::embed::alt::{alt_text, AltInput, AltItem};
/// use buurtkaart_core::lang::Lang;
/// use buurtkaart_model::{Indicator, Level, ScaleKind, Text, Unit};
/// let ind = Indicator { id: "lbm_klasse".into(), label: Text::new("Leefbaarometer", "Leefbaarometer"),
///     description: Text::default(), unit: Unit::LbmClass, group: "lbm".into(), source: "BZK".into(),
///     higher_is_better: Some(true), scale: ScaleKind::LbmClasses, decimals: 0, levels: vec![], national: None };
/// let item = |name: &str, wijk: &str, v: f64| AltItem { name: name.into(), group: Some(wijk.into()), value: Some(v) };
/// let items = [item("A", "Noord", 2.0), item("B", "Noord", 3.0), item("C", "Zuid", 1.0), item("D", "Zuid", 8.0),
///     AltItem { name: "E".into(), group: None, value: None }];
/// let text = alt_text(&AltInput { lang: Lang::Nl, area_name: "Utrecht", level: Level::Buurt, indicator: &ind, year: Some(2024), items: &items });
/// assert_eq!(text, "Kaart van Utrecht: 5 buurten, gekleurd naar Leefbaarometer 2024. \
///     3 scoren onvoldoende of lager, vooral in Noord (2) en Zuid (1); 1 scoort goed of beter. \
///     1 buurt zonder score.");
/// ```
pub fn alt_text(input: &AltInput) -> String {
    let lang = input.lang;
    let label = lang.text(&input.indicator.label);
    let year = input.year.map(|y| format!(" {y}")).unwrap_or_default();
    let mut out = format!(
        "{} {}: {}, {} {label}{year}.",
        lang.pick("Kaart van", "Map of"),
        input.area_name,
        count(input.items.len(), input.level, lang),
        lang.pick("gekleurd naar", "coloured by"),
    );
    let valued: Vec<(&AltItem, f64)> = input
        .items
        .iter()
        .filter_map(|i| i.value.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let missing = input.items.len() - valued.len();
    if valued.is_empty() {
        // Nothing to say about values.
    } else if input.indicator.scale == ScaleKind::LbmClasses {
        out.push(' ');
        out.push_str(&lbm_sentence(&valued, lang));
    } else {
        out.push(' ');
        out.push_str(&extremes_sentence(&valued, input.indicator, lang));
    }
    if missing > 0 {
        let none = if input.indicator.scale == ScaleKind::LbmClasses {
            lang.pick("zonder score", "without a score")
        } else {
            lang.pick("zonder gegevens", "without data")
        };
        out.push_str(&format!(" {} {none}.", count(missing, input.level, lang)));
    }
    out
}

/// "12 scoren onvoldoende of lager, vooral in …; 48 scoren goed of beter."
fn lbm_sentence(valued: &[(&AltItem, f64)], lang: Lang) -> String {
    let low: Vec<&(&AltItem, f64)> = valued.iter().filter(|(_, v)| *v <= LOW_CLASS).collect();
    let good = valued.iter().filter(|(_, v)| *v >= GOOD_CLASS).count();
    let verb = |n: usize| match (lang, n) {
        (Lang::Nl, 1) => "scoort",
        (Lang::Nl, _) => "scoren",
        (Lang::En, 1) => "scores",
        (Lang::En, _) => "score",
    };
    let mut s = if low.is_empty() {
        lang.pick(
            "Geen enkele scoort onvoldoende of lager",
            "None scores insufficient or worse",
        )
        .to_string()
    } else {
        let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
        for (item, _) in &low {
            if let Some(g) = &item.group {
                *groups.entry(g.as_str()).or_default() += 1;
            }
        }
        let where_ = if groups.len() >= 2 || (groups.len() == 1 && low.len() > 1) {
            let mut by_count: Vec<(&str, usize)> = groups.into_iter().collect();
            crate::order::sort_by(&mut by_count, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let top: Vec<String> = by_count
                .iter()
                .take(3)
                .map(|(g, n)| format!("{g} ({n})"))
                .collect();
            format!(
                ", {} {}",
                lang.pick("vooral in", "mostly in"),
                join(&top, lang)
            )
        } else {
            let mut names: Vec<&(&AltItem, f64)> = low.clone();
            crate::order::sort_by(&mut names, |a, b| {
                a.1.total_cmp(&b.1).then(a.0.name.cmp(&b.0.name))
            });
            let list: Vec<String> = names.iter().take(3).map(|(i, _)| i.name.clone()).collect();
            let lead = if low.len() > list.len() {
                lang.pick("onder meer", "including")
            } else {
                ""
            };
            format!(
                ": {}{}",
                if lead.is_empty() {
                    String::new()
                } else {
                    format!("{lead} ")
                },
                join(&list, lang)
            )
        };
        format!(
            "{} {} {}{where_}",
            low.len(),
            verb(low.len()),
            lang.pick("onvoldoende of lager", "insufficient or worse")
        )
    };
    s.push_str(&format!(
        "; {good} {} {}.",
        verb(good),
        lang.pick("goed of beter", "good or better")
    ));
    s
}

/// "Hoogst in A (x), B (y) en C (z); laagst in …."
fn extremes_sentence(valued: &[(&AltItem, f64)], indicator: &Indicator, lang: Lang) -> String {
    let mut sorted: Vec<&(&AltItem, f64)> = valued.iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| {
        b.1.total_cmp(&a.1).then(a.0.name.cmp(&b.0.name))
    });
    let n = (sorted.len() / 2).clamp(1, 3);
    let show = |list: &[&(&AltItem, f64)]| -> Vec<String> {
        list.iter()
            .map(|(i, v)| format!("{} ({})", i.name, format::value(indicator, Some(*v), lang)))
            .collect()
    };
    let high = show(&sorted[..n]);
    let mut low_part: Vec<&(&AltItem, f64)> =
        sorted[sorted.len() - n.min(sorted.len() - n)..].to_vec();
    low_part.reverse();
    let mut s = format!(
        "{} {}",
        lang.pick("Hoogst in", "Highest in"),
        join(&high, lang)
    );
    if sorted.len() > n {
        s.push_str(&format!(
            "; {} {}",
            lang.pick("laagst in", "lowest in"),
            join(&show(&low_part), lang)
        ));
    }
    s.push('.');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::{Text, Unit};

    fn woz() -> Indicator {
        Indicator {
            id: "woz".into(),
            label: Text::new("WOZ-waarde", "Property value"),
            description: Text::default(),
            unit: Unit::Euro1000,
            group: "cbs".into(),
            source: "CBS".into(),
            higher_is_better: None,
            scale: ScaleKind::Sequential,
            decimals: 0,
            levels: vec![],
            national: None,
        }
    }

    fn items(values: &[(&str, Option<f64>)]) -> Vec<AltItem> {
        values
            .iter()
            .map(|(n, v)| AltItem {
                name: n.to_string(),
                group: None,
                value: *v,
            })
            .collect()
    }

    #[test]
    fn highest_and_lowest_with_dutch_amounts() {
        let ind = woz();
        let it = items(&[
            ("A", Some(300.0)),
            ("B", Some(1020.0)),
            ("C", Some(250.0)),
            ("D", None),
            ("E", Some(500.0)),
            ("F", Some(400.0)),
            ("G", Some(200.0)),
        ]);
        let text = alt_text(&AltInput {
            lang: Lang::Nl,
            area_name: "X",
            level: Level::Wijk,
            indicator: &ind,
            year: Some(2024),
            items: &it,
        });
        assert_eq!(
            text,
            "Kaart van X: 7 wijken, gekleurd naar WOZ-waarde 2024. Hoogst in B (€ 1.020.000), E (€ 500.000) en F (€ 400.000); \
             laagst in G (€ 200.000), C (€ 250.000) en A (€ 300.000). 1 wijk zonder gegevens."
        );
    }

    #[test]
    fn few_or_no_values_never_say_zero() {
        let ind = woz();
        let one = items(&[("A", Some(300.0))]);
        let text = alt_text(&AltInput {
            lang: Lang::En,
            area_name: "X",
            level: Level::Buurt,
            indicator: &ind,
            year: None,
            items: &one,
        });
        assert_eq!(
            text,
            "Map of X: 1 neighbourhood, coloured by Property value. Highest in A (€300,000)."
        );
        let none = items(&[("A", None), ("B", None)]);
        let text = alt_text(&AltInput {
            lang: Lang::Nl,
            area_name: "X",
            level: Level::Buurt,
            indicator: &ind,
            year: None,
            items: &none,
        });
        assert_eq!(
            text,
            "Kaart van X: 2 buurten, gekleurd naar WOZ-waarde. 2 buurten zonder gegevens."
        );
        assert!(!text.contains(" 0"), "{text}");
    }

    #[test]
    fn lbm_without_groups_names_the_lowest() {
        let mut ind = woz();
        ind.scale = ScaleKind::LbmClasses;
        ind.label = Text::new("Leefbaarometer", "Leefbaarometer");
        let it = items(&[
            ("A", Some(2.0)),
            ("B", Some(1.0)),
            ("C", Some(5.0)),
            ("D", Some(3.0)),
            ("E", Some(2.0)),
        ]);
        let text = alt_text(&AltInput {
            lang: Lang::Nl,
            area_name: "Wijk 01",
            level: Level::Buurt,
            indicator: &ind,
            year: Some(2024),
            items: &it,
        });
        assert_eq!(text, "Kaart van Wijk 01: 5 buurten, gekleurd naar Leefbaarometer 2024. 4 scoren onvoldoende of lager: onder meer B, A en E; 0 scoren goed of beter.");
        let good = items(&[("A", Some(8.0))]);
        let text = alt_text(&AltInput {
            lang: Lang::En,
            area_name: "Y",
            level: Level::Buurt,
            indicator: &ind,
            year: None,
            items: &good,
        });
        assert_eq!(text, "Map of Y: 1 neighbourhood, coloured by Leefbaarometer. None scores insufficient or worse; 1 scores good or better.");
    }
}
