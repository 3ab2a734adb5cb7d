//! The Leefbaarometer history of a wijk, 2002–2022, with the national mean per year (all wijken
//! of the history file) as context and 2012 marked; the dimensions 2014–2022 as a table; or why there is no history.
use super::area::Area;
use super::dimensions::DIMENSIONS;
use super::stats::{history_of, HistoryOf};
use super::words::change_phrase;
use crate::components::charts::{LineChart, LineSeries, SeriesStyle};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{WijkHistory, WijkSeries};
use leptos::prelude::*;

/// The year after which, by the claim this app tests, the national improvement stalled; marked
/// on the chart (the data decides whether it did: see the trend view).
pub const STALL_YEAR: u16 = 2012;

fn first_last(years: &[u16], values: &[Option<f64>]) -> Option<((u16, f64), (u16, f64))> {
    let pts: Vec<(u16, f64)> = years
        .iter()
        .zip(values)
        .filter_map(|(&y, v)| v.map(|v| (y, v)))
        .collect();
    Some((*pts.first()?, *pts.last()?))
}

fn dimension<'a>(series: &'a WijkSeries, id: &str) -> &'a [Option<f64>] {
    match id {
        "lbm_won" => &series.won,
        "lbm_fys" => &series.fys,
        "lbm_vrz" => &series.vrz,
        "lbm_soc" => &series.soc,
        _ => &series.onv,
    }
}

/// The history chart and dimension table of one series.
fn series_view(
    store: &DataStore,
    area: &Area,
    h: &WijkHistory,
    s: &WijkSeries,
    lang: Lang,
) -> AnyView {
    let context = h.national_mean.clone();
    let series = vec![
        LineSeries {
            label: area.name.clone(),
            values: s.lbm.clone(),
            style: SeriesStyle::Main,
        },
        LineSeries {
            label: lang
                .pick(
                    "landelijk gemiddelde (alle wijken, ongewogen)",
                    "national mean (all districts, unweighted)",
                )
                .to_string(),
            values: context.clone(),
            style: SeriesStyle::Context,
        },
    ];
    let own = first_last(&h.years, &s.lbm).map(|(a, b)| change_phrase(a, b, 2, lang));
    let nat = first_last(&h.years, &context).map(|(a, b)| change_phrase(a, b, 2, lang));
    let summary = match (lang, &own, &nat) {
        (Lang::Nl, Some(o), Some(n)) => format!(
            "Leefbaarometer-score van {}: {o}. Landelijk gemiddelde van alle wijken: {n}.",
            area.name
        ),
        (Lang::En, Some(o), Some(n)) => format!(
            "Leefbaarometer score of {}: {o}. National mean of all districts: {n}.",
            area.name
        ),
        _ => format!("{} {}", area.name, format::no_data(lang)),
    };
    let caption = match lang {
        Lang::Nl => format!(
            "Leefbaarometer-score per jaar, {}, en het landelijk gemiddelde van alle wijken",
            area.name
        ),
        Lang::En => format!(
            "Leefbaarometer score per year, {}, and the national mean of all districts",
            area.name
        ),
    };
    let x_labels: Vec<u16> = h
        .years
        .iter()
        .copied()
        .filter(|y| [2002, 2008, 2012, 2016, 2022].contains(y))
        .collect();
    let marks = vec![(STALL_YEAR, STALL_YEAR.to_string())];
    // Dimension columns: the years that have any dimension value.
    let dim_years: Vec<usize> = (0..h.years.len())
        .filter(|&i| {
            DIMENSIONS
                .iter()
                .any(|id| dimension(s, id).get(i).copied().flatten().is_some())
        })
        .collect();
    let dim_rows = DIMENSIONS
        .iter()
        .map(|id| {
            let label = store.indicator(id).map(|i| lang.text(&i.label).to_string()).unwrap_or_default();
            let vals = dimension(s, id);
            view! {
                <tr data-id=*id>
                    <th scope="row">{label}</th>
                    {dim_years.iter().map(|&i| {
                        let v = vals.get(i).copied().flatten();
                        let text = v.map(|v| format::signed(v, 3, lang)).unwrap_or_else(|| format::no_data(lang).to_string());
                        let cls = match v { Some(x) if x > 0.0 => "pos", Some(x) if x < 0.0 => "neg", Some(_) => "", None => "nodata" };
                        view! { <td class=cls>{text}</td> }
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let dim_heads = dim_years
        .iter()
        .map(|&i| view! { <th scope="col">{h.years[i]}</th> })
        .collect_view();
    let dim_range = match (dim_years.first(), dim_years.last()) {
        (Some(&a), Some(&b)) => format!("{}–{}", h.years[a], h.years[b]),
        _ => String::new(),
    };
    view! {
        <LineChart years=h.years.clone() series=series x_labels=x_labels marks=marks decimals=2
            unit=lang.pick("score", "score").to_string() summary=summary table_caption=caption lang=lang class="history-chart" />
        {own.map(|o| view! { <p class="history-sentence">{match lang {
            Lang::Nl => format!("De score van deze wijk is {o}."),
            Lang::En => format!("This district's score has {o}."),
        }}</p> })}
        <p class="panel-explain">{lang.pick(
            "De gestippelde lijn markeert 2012, het jaar waarna de verbetering volgens het artikel stokte; of dat zo is, laat de weergave Trend zien. De grijze lijn is het landelijk gemiddelde per jaar: het ongewogen gemiddelde van alle wijken met een score in dat jaar, ook wijken die niet aan een wijk van 2024 gekoppeld zijn.",
            "The dotted line marks 2012, the year after which, according to the article, the improvement stalled; the trend view shows whether it did. The grey line is the national mean per year: the unweighted mean of all districts with a score that year, including districts not attached to a 2024 district.")}</p>
        {(!dim_years.is_empty()).then(|| view! {
            <h4 class="chart-title">{match lang {
                Lang::Nl => format!("Dimensies {dim_range} (afwijking van het landelijk gemiddelde)"),
                Lang::En => format!("Dimensions {dim_range} (deviation from the national mean)"),
            }}</h4>
            <div class="table-scroll">
                <table class="dimension-history">
                    <thead><tr><td></td>{dim_heads}</tr></thead>
                    <tbody>{dim_rows}</tbody>
                </table>
            </div>
        })}
    }
    .into_any()
}

/// The history section of a wijk.
#[component]
pub fn HistorySection(
    /// The wijk shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let history = store.history();
    let body = match &history {
        None => view! { <p class="panel-loading">{lang.pick("Historie laden…", "Loading history…")}</p> }.into_any(),
        Some(h) => match history_of(h, area.code.as_str()) {
            HistoryOf::Series(s) => series_view(&store, &area, h, s, lang),
            HistoryOf::Excluded(e) => {
                let text = match (lang, &e.name_2024) {
                    (Lang::Nl, Some(now)) => format!(
                        "Geen historie getoond. De code {} hoorde in de meting 2022 bij “{}”, maar in de indeling van 2024 bij “{}”. De code is dus hergebruikt voor een ander gebied; een reeks zou twee verschillende gebieden door elkaar halen.",
                        e.code, e.history_name, now),
                    (Lang::En, Some(now)) => format!(
                        "No history shown. In the 2022 measurement the code {} belonged to “{}”, but in the 2024 division to “{}”. The code was reused for another area, so a series would mix two different areas.",
                        e.code, e.history_name, now),
                    (Lang::Nl, None) => format!("Geen historie getoond: de code {} bestaat niet meer in de indeling van 2024.", e.code),
                    (Lang::En, None) => format!("No history shown: the code {} no longer exists in the 2024 division.", e.code),
                };
                view! { <p class="history-excluded">{text}</p> }.into_any()
            }
            HistoryOf::Absent => view! { <p class="history-excluded">{lang.pick(
                "Geen historie: deze wijkcode kwam in de meting 2022 niet voor. De wijkindeling is daarna veranderd (in Amsterdam kregen alle wijken in 2023 nieuwe codes).",
                "No history: this district code did not occur in the 2022 measurement. The division changed afterwards (all Amsterdam districts got new codes in 2023).")}</p> }.into_any(),
        },
    };
    let release = history
        .as_ref()
        .map(|h| h.release.clone())
        .unwrap_or_else(|| "Leefbaarometer 3.0".into());
    view! {
        <section class="panel-section history-section" aria-labelledby="history-title">
            <h3 id="history-title">{lang.pick("Leefbaarheid door de jaren (2002–2022)", "Liveability over the years (2002–2022)")}</h3>
            {body}
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {release} {lang.pick(
                ", Ministerie van BZK; alle jaren berekend op de wijkindeling van 2022.",
                ", Dutch Ministry of the Interior (BZK); all years computed on the 2022 district division.")}</p>
        </section>
    }
}
