//! For a gemeente: its buurten over the 9 Leefbaarometer classes, and the weakest and strongest
//! buurten as links.
use super::area::href_of;
use super::score::{class_colours, class_name};
use super::stats::{class_counts, extremes, rows_in_gemeente, Ranked};
use super::Area;
use crate::components::charts::{Column, ColumnChart};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{AreaCode, AreaIndex, Level, ValueTable};
use leptos::prelude::*;
use leptos_router::components::A;

fn ranked_list(
    list: &[Ranked],
    index: &AreaIndex,
    table: &ValueTable,
    store: &DataStore,
    lang: Lang,
    cls: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let view_state = ctx.view.get_untracked();
    view! {
        <ol class=format!("ranked {cls}")>
            {list.iter().filter_map(|r| {
                let code = AreaCode::parse(index.codes.get(r.row)?).ok()?;
                let name = index.names.get(r.row).cloned().unwrap_or_default();
                let k = table.get("lbm_klasse", r.row).map(|k| k.round().clamp(1.0, 9.0) as u8);
                let klass = k.map(|k| format!("{k} {}", class_name(store, k, lang))).unwrap_or_default();
                Some(view! {
                    <li>
                        <A href=href_of(&code, &view_state)>{name}</A>
                        <span class="ranked-meta">{format!(" – {klass} ({})", format::signed(r.value, 3, lang))}</span>
                    </li>
                })
            }).collect_view()}
        </ol>
    }
}

/// The distribution section of a gemeente.
#[component]
pub fn DistributionSection(
    /// The gemeente shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let palette = ctx.view.with_untracked(|v| v.palette);
    let data = store.level(Level::Buurt);
    let (Some(index), Some(table)) = (data.index.clone(), data.tables.get("lbm").cloned()) else {
        return view! {
            <section class="panel-section distribution-section">
                <p class="panel-loading">{lang.pick("Buurten laden…", "Loading neighbourhoods…")}</p>
            </section>
        }
        .into_any();
    };
    let rows = rows_in_gemeente(&index, area.code.as_str());
    let counts = class_counts(&table, "lbm_klasse", &rows);
    let columns: Vec<Column> = (1..=9u8)
        .map(|k| Column {
            label: k.to_string(),
            long_label: format!("{k} {}", class_name(&store, k, lang)),
            value: Some(counts.per_class[usize::from(k) - 1] as f64),
            colour: Some(class_colours(k, palette).0),
        })
        .collect();
    let summary = {
        let parts: Vec<String> = (1..=9u8)
            .map(|k| {
                format!(
                    "{} {}",
                    class_name(&store, k, lang),
                    counts.per_class[usize::from(k) - 1]
                )
            })
            .collect();
        match lang {
            Lang::Nl => format!(
                "{} buurten met een score per klasse: {}; {} buurten zonder score.",
                counts.scored(),
                parts.join(", "),
                counts.no_score
            ),
            Lang::En => format!(
                "{} neighbourhoods with a score per class: {}; {} without a score.",
                counts.scored(),
                parts.join(", "),
                counts.no_score
            ),
        }
    };
    let caption = match lang {
        Lang::Nl => format!("Aantal buurten per Leefbaarometer-klasse in {}", area.name),
        Lang::En => format!(
            "Number of neighbourhoods per Leefbaarometer class in {}",
            area.name
        ),
    };
    let (weak, strong) = extremes(&table, "lbm_afw", &rows, 3);
    let total_line = match lang {
        Lang::Nl => format!(
            "{} buurten, waarvan {} met een score.",
            rows.len(),
            counts.scored()
        ),
        Lang::En => format!(
            "{} neighbourhoods, {} with a score.",
            rows.len(),
            counts.scored()
        ),
    };
    let no_score_line = (counts.no_score > 0).then(|| match lang {
        Lang::Nl => format!(
            "{} buurten hebben geen score (te weinig inwoners of woningen).",
            counts.no_score
        ),
        Lang::En => format!(
            "{} neighbourhoods have no score (too few inhabitants or dwellings).",
            counts.no_score
        ),
    });
    view! {
        <section class="panel-section distribution-section" aria-labelledby="distribution-title">
            <h3 id="distribution-title">{lang.pick("Buurten per klasse (2024)", "Neighbourhoods per class (2024)")}</h3>
            <p>{total_line}</p>
            <ColumnChart columns=columns decimals=0 unit=lang.pick("buurten", "neighbourhoods").to_string()
                summary=summary table_caption=caption
                headers=(lang.pick("Klasse", "Class").to_string(), lang.pick("Buurten", "Neighbourhoods").to_string())
                lang=lang class="distribution-chart" />
            <p class="panel-note">{lang.pick("1 = zeer onvoldoende … 9 = uitstekend.", "1 = very poor … 9 = excellent.")}</p>
            {no_score_line.map(|l| view! { <p class="panel-note">{l}</p> })}
            {(!weak.is_empty()).then(|| view! {
                <div class="extremes">
                    <div>
                        <h4>{lang.pick("Laagste score", "Lowest score")}</h4>
                        {ranked_list(&weak, &index, &table, &store, lang, "weakest")}
                    </div>
                    <div>
                        <h4>{lang.pick("Hoogste score", "Highest score")}</h4>
                        {ranked_list(&strong, &index, &table, &store, lang, "strongest")}
                    </div>
                </div>
            })}
            <p class="panel-source">{lang.pick("Bron: Leefbaarometer 3.0 – Ministerie van BZK, meting 2024.", "Source: Leefbaarometer 3.0 – Dutch Ministry of the Interior (BZK), 2024 measurement.")}</p>
        </section>
    }
    .into_any()
}
