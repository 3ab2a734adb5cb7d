//! The total score beside the gemeente's and the national mean (0); for a gemeente its rank.
use super::area::{year_of, Area};
use super::dimensions::comparison_value;
use super::score::class_name;
use super::stats;
use crate::components::charts::{DivergingBars, DivergingRow};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The comparison section.
#[component]
pub fn ComparisonSection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let level = area.level();
    let year = year_of(&store, "lbm_afw", level).unwrap_or(2024);
    let afw = area.value(&store, "lbm_afw");
    let mut rows = vec![DivergingRow {
        id: "area".into(),
        label: area.name.clone(),
        value: afw,
        marker: None,
    }];
    let mut lines: Vec<String> = Vec::new();
    if let Some((v, label)) = comparison_value(&store, &area, "lbm_afw", lang) {
        let mut cap = label.clone();
        if let Some(f) = cap.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        rows.push(DivergingRow {
            id: "gemeente".into(),
            label: cap,
            value: v,
            marker: None,
        });
    }
    if level == Level::Buurt {
        if let Some(g) = area.gemeente(&store) {
            if let Some(k) = g.value(&store, "lbm_klasse") {
                let k = k.round().clamp(1.0, 9.0) as u8;
                lines.push(match lang {
                    Lang::Nl => format!(
                        "Gemeente {}: klasse {k}, {}.",
                        g.name,
                        class_name(&store, k, lang)
                    ),
                    Lang::En => format!(
                        "Municipality {}: class {k}, {}.",
                        g.name,
                        class_name(&store, k, lang)
                    ),
                });
            }
        }
    }
    if level == Level::Gemeente {
        let table = store.level(Level::Gemeente).tables.get("lbm").cloned();
        if let Some((rank, total)) = table.and_then(|t| stats::rank_desc(&t, "lbm_afw", area.row)) {
            lines.push(match lang {
                Lang::Nl => {
                    format!("Plaats {rank} van {total} gemeenten (1 = hoogste leefbaarheid).")
                }
                Lang::En => {
                    format!("Rank {rank} of {total} municipalities (1 = highest liveability).")
                }
            });
        }
    }
    if level == Level::Wijk {
        lines.push(lang.pick(
            "De gemeente is hier vergeleken met het gemiddelde van haar wijken in dezelfde meting (2022), niet met de gemeentescore van 2024.",
            "The municipality is compared here by the mean of its districts in the same measurement (2022), not by its 2024 municipal score.",
        ).to_string());
    }
    let summary = rows
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r.label,
                r.value
                    .map(|v| format::signed(v, 3, lang))
                    .unwrap_or_else(|| format::no_data(lang).into())
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let summary = match lang {
        Lang::Nl => {
            format!("Totaalscore als afwijking van het landelijk gemiddelde (0): {summary}.")
        }
        Lang::En => format!("Total score as deviation from the national mean (0): {summary}."),
    };
    let caption = match lang {
        Lang::Nl => {
            format!("Totaalscore {year} vergeleken, afwijking van het landelijk gemiddelde")
        }
        Lang::En => format!("Total score {year} compared, deviation from the national mean"),
    };
    let heading = match level {
        Level::Gemeente => lang.pick("Vergeleken met Nederland", "Compared with the Netherlands"),
        _ => lang.pick(
            "Vergeleken met gemeente en Nederland",
            "Compared with municipality and the Netherlands",
        ),
    };
    let body = afw.map(|_| {
        view! {
            <DivergingBars rows=rows decimals=3 marker_label=None area_label=area.name.clone() summary=summary
                table_caption=caption lang=lang class="comparison-chart" />
        }
    });
    (afw.is_some()).then(|| view! {
        <section class="panel-section comparison-section" aria-labelledby="comparison-title">
            <h3 id="comparison-title">{heading}</h3>
            {body}
            {lines.into_iter().map(|l| view! { <p class="comparison-line">{l}</p> }).collect_view()}
        </section>
    })
}
