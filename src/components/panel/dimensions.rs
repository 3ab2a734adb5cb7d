//! The five Leefbaarometer dimensions as bars diverging from the national mean, with the
//! gemeente (or, for a wijk, the mean of its gemeente's wijken) as a tick.
use super::area::{year_of, Area};
use super::stats;
use crate::components::charts::{DivergingBars, DivergingRow};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The dimension ids, in the Leefbaarometer's order.
pub const DIMENSIONS: [&str; 5] = ["lbm_won", "lbm_fys", "lbm_vrz", "lbm_soc", "lbm_onv"];

/// The comparison value of `id` for `area`: its gemeente's value (same measurement), or for a
/// wijk the unweighted mean of the wijken of its gemeente (both 2022), with a label.
pub fn comparison_value(
    store: &DataStore,
    area: &Area,
    id: &str,
    lang: Lang,
) -> Option<(Option<f64>, String)> {
    let gem = area.gemeente(store)?;
    match area.level() {
        Level::Gemeente => None,
        Level::Buurt => Some((
            gem.value(store, id),
            format!("{} {}", lang.pick("gemeente", "municipality"), gem.name),
        )),
        Level::Wijk => {
            let data = store.level(Level::Wijk);
            let index = data.index?;
            let table = data.tables.get("lbm")?.clone();
            let rows = stats::rows_in_gemeente(&index, gem.code.as_str());
            let label = match lang {
                Lang::Nl => format!("gemiddelde wijken {}", gem.name),
                Lang::En => format!("mean of districts in {}", gem.name),
            };
            Some((stats::mean(&table, id, &rows), label))
        }
    }
}

/// The dimensions section.
#[component]
pub fn DimensionsSection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let level = area.level();
    let year = year_of(&store, "lbm_won", level).unwrap_or(2024);
    let mut marker_label = None;
    let rows: Vec<DivergingRow> = DIMENSIONS
        .iter()
        .map(|id| {
            let label = store
                .indicator(id)
                .map(|i| lang.text(&i.label).to_string())
                .unwrap_or_else(|| id.to_string());
            let marker = comparison_value(&store, &area, id, lang).map(|(v, l)| {
                marker_label = Some(l);
                v
            });
            DivergingRow {
                id: id.to_string(),
                label,
                value: area.value(&store, id),
                marker: marker.flatten(),
            }
        })
        .collect();
    let any = rows.iter().any(|r| r.value.is_some());
    let heading = match lang {
        Lang::Nl => format!("Vijf dimensies ({year})"),
        Lang::En => format!("Five dimensions ({year})"),
    };
    let summary = {
        let parts: Vec<String> = rows
            .iter()
            .map(|r| {
                let v = r
                    .value
                    .map(|v| format::signed(v, 3, lang))
                    .unwrap_or_else(|| format::no_data(lang).to_string());
                format!("{} {v}", r.label)
            })
            .collect();
        match lang {
            Lang::Nl => format!(
                "Dimensies van {} als afwijking van het landelijk gemiddelde: {}.",
                area.name,
                parts.join("; ")
            ),
            Lang::En => format!(
                "Dimensions of {} as deviation from the national mean: {}.",
                area.name,
                parts.join("; ")
            ),
        }
    };
    let caption = match lang {
        Lang::Nl => format!(
            "Dimensies van de Leefbaarometer {year}, afwijking van het landelijk gemiddelde"
        ),
        Lang::En => format!("Leefbaarometer dimensions {year}, deviation from the national mean"),
    };
    let source = store
        .indicator("lbm_won")
        .map(|i| i.source)
        .unwrap_or_default();
    let body = if any {
        view! {
            <DivergingBars rows=rows decimals=3 marker_label=marker_label
                area_label=area.name.clone() summary=summary table_caption=caption lang=lang class="dimensions-chart" />
            <p class="panel-explain">{lang.pick(
                "Balken naar rechts: beter dan het landelijk gemiddelde; naar links: slechter. Bij overlast en onveiligheid betekent rechts minder overlast. De totaalscore is een gewogen uitkomst van het model, niet het gemiddelde van deze vijf dimensies.",
                "Bars to the right: better than the national mean; to the left: worse. For nuisance and insecurity, right means less nuisance. The total score is a weighted model result, not the average of these five dimensions.")}</p>
        }
        .into_any()
    } else {
        view! { <p class="nodata">{format::no_data(lang)}</p> }.into_any()
    };
    view! {
        <section class="panel-section dimensions-section" aria-labelledby="dimensions-title">
            <h3 id="dimensions-title">{heading}</h3>
            {body}
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {source} {format!(", {} {year}", lang.pick("meting", "measurement"))}</p>
        </section>
    }
}
