//! The Leefbaarometer total: class with its Dutch label, deviation in plain words, or why there
//! is no score.
use super::area::{year_of, Area};
use super::words::{deviation_explained, deviation_sentence};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use crate::scale::palette::colours;
use crate::scale::Palette;
use buurtkaart_model::{Level, ScaleKind};
use leptos::prelude::*;

/// Background and text colour of the badge of class `k` (1–9).
pub fn class_colours(k: u8, palette: Palette) -> (String, &'static str) {
    let cols = colours(ScaleKind::LbmClasses, 9, Some(true), palette);
    let c = cols
        .get(usize::from(k.clamp(1, 9)) - 1)
        .copied()
        .unwrap_or(cols[0]);
    let text = if c.luminance() > 0.36 { "#111" } else { "#fff" };
    (c.css(), text)
}

/// The label of class `k` from the manifest ("goed").
pub fn class_name(store: &DataStore, k: u8, lang: Lang) -> String {
    store.manifest.with(|m| {
        m.as_ref()
            .and_then(|m| m.lbm_class(k))
            .map(|c| lang.text(&c.label).to_string())
            .unwrap_or_else(|| k.to_string())
    })
}

/// The class badge: a coloured number and its label.
#[component]
pub fn ClassBadge(
    /// Class 1–9.
    class: u8,
    /// Its label.
    label: String,
    /// Palette of the map.
    palette: Palette,
) -> impl IntoView {
    let (bg, fg) = class_colours(class, palette);
    view! {
        <span class="lbm-badge" style=format!("background:{bg};color:{fg}") aria-hidden="true">{class}</span>
        <span class="lbm-class">{label}</span>
    }
}

/// The score section.
#[component]
pub fn ScoreSection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let palette = ctx.view.with_untracked(|v| v.palette);
    let level = area.level();
    let afw = area.value(&store, "lbm_afw");
    let year = year_of(&store, "lbm_afw", level).unwrap_or(2024);
    let heading = match lang {
        Lang::Nl => format!("Leefbaarheid (Leefbaarometer {year})"),
        Lang::En => format!("Liveability (Leefbaarometer {year})"),
    };
    let class_line = if level == Level::Wijk {
        let score = area.value(&store, "lbm_score");
        let national = store
            .indicator("lbm_score")
            .and_then(|i| i.national)
            .map(|r| r.value);
        score.map(|s| {
            // The deviation is measured from the measurement's fixed reference (lbm − afw), not
            // from the yearly mean of the wijken, so both are named: without this the score
            // could sit below "the mean" while the sentence under it says above.
            let reference = afw.map(|a| format::number(s - a, 2, lang));
            let text = match (lang, national, reference) {
                (Lang::Nl, Some(n), Some(r)) => format!(
                    "Score {}; ongewogen gemiddelde van alle wijken in {year}: {}. De afwijking hieronder is gemeten vanaf de vaste referentiescore {r} van de Leefbaarometer, niet vanaf dat gemiddelde.",
                    format::number(s, 2, lang),
                    format::number(n, 2, lang)
                ),
                (Lang::En, Some(n), Some(r)) => format!(
                    "Score {}; unweighted mean of all districts in {year}: {}. The deviation below is measured from the Leefbaarometer's fixed reference score {r}, not from that mean.",
                    format::number(s, 2, lang),
                    format::number(n, 2, lang)
                ),
                (Lang::Nl, Some(n), None) => format!(
                    "Score {}; ongewogen gemiddelde van alle wijken in {year}: {}.",
                    format::number(s, 2, lang),
                    format::number(n, 2, lang)
                ),
                (Lang::En, Some(n), None) => format!(
                    "Score {}; unweighted mean of all districts in {year}: {}.",
                    format::number(s, 2, lang),
                    format::number(n, 2, lang)
                ),
                _ => format!("Score {}.", format::number(s, 2, lang)),
            };
            view! { <p class="lbm-score-abs">{text}</p> }.into_any()
        })
    } else {
        area.value(&store, "lbm_klasse").map(|k| {
            let k = k.round().clamp(1.0, 9.0) as u8;
            let label = class_name(&store, k, lang);
            let sr = match lang {
                Lang::Nl => format!("Klasse {k} van 9: {label}"),
                Lang::En => format!("Class {k} of 9: {label}"),
            };
            view! {
                <p class="lbm-score">
                    <span class="sr-only">{sr}</span>
                    <ClassBadge class=k label=label palette=palette />
                    <span class="lbm-scale" aria-hidden="true">{lang.pick(" (klasse van 9)", " (class of 9)")}</span>
                </p>
            }
            .into_any()
        })
    };
    let wijk_note = (level == Level::Wijk).then(|| {
        view! { <p class="panel-note">{lang.pick(
            "Voor wijken is er geen klasse 2024; de wijkcijfers komen uit de meting 2022 (op de wijkindeling van 2022).",
            "There is no 2024 class for districts; district figures come from the 2022 measurement (on the 2022 district division).")}</p> }
    });
    let body = match afw {
        Some(a) => view! {
            {class_line}
            <p class="lbm-sentence">{deviation_sentence(a, lang)}</p>
            <p class="panel-explain">{deviation_explained(lang)}</p>
            {wijk_note}
        }
        .into_any(),
        None => {
            let inwoners = area.value(&store, "inwoners");
            let why = match level {
                Level::Buurt => lang.pick(
                    "Geen Leefbaarometer-score: de Leefbaarometer geeft geen score voor buurten met te weinig inwoners of woningen, omdat de uitkomst dan te onzeker is. Daarom is de buurt grijs op de kaart.",
                    "No Leefbaarometer score: the Leefbaarometer gives no score to neighbourhoods with too few inhabitants or dwellings, because the result would be too uncertain. That is why the neighbourhood is grey on the map.",
                ),
                Level::Wijk => lang.pick(
                    "Geen Leefbaarometer-score: deze wijk kwam in de meting 2022 niet voor (nieuwe of gewijzigde wijkindeling) of heeft te weinig inwoners.",
                    "No Leefbaarometer score: this district did not exist in the 2022 measurement (new or changed division) or has too few inhabitants.",
                ),
                Level::Gemeente => lang.pick("Geen Leefbaarometer-score beschikbaar.", "No Leefbaarometer score available."),
            };
            let count = inwoners.map(|n| match lang {
                Lang::Nl => format!("Inwoners: {}.", format::number(n, 0, lang)),
                Lang::En => format!("Inhabitants: {}.", format::number(n, 0, lang)),
            });
            view! {
                <p class="no-score">{why}</p>
                {count.map(|c| view! { <p class="no-score-count">{c}</p> })}
            }
            .into_any()
        }
    };
    let source = store
        .indicator("lbm_afw")
        .map(|i| i.source)
        .unwrap_or_default();
    view! {
        <section class="panel-section score-section" aria-labelledby="score-title">
            <h3 id="score-title">{heading}</h3>
            {body}
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {source} {format!(", {} {year}", lang.pick("meting", "measurement"))}</p>
        </section>
    }
}
