//! Ervaren gezondheid: the share in good health beside gemeente and country, and its trend.
use super::area::{year_of, Area};
use super::trio::{trio_values, Trio};
use crate::components::charts::{LineChart, LineSeries, SeriesStyle};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{Level, YearSeries};
use leptos::prelude::*;

fn value_in(s: &YearSeries, year: u16) -> Option<f64> {
    s.points.iter().find(|p| p.0 == year).map(|p| p.1)
}

/// The health section (buurten and gemeenten; the source has no wijk figures).
#[component]
pub fn HealthSection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    health_view(area)
}

fn health_view(area: Area) -> Option<AnyView> {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let level = area.level();
    let ind = store.indicator("gezondheid")?;
    let year = year_of(&store, "gezondheid", level).unwrap_or(2024);
    let values = trio_values(&store, &area, &ind, lang);
    let gem = (level == Level::Buurt)
        .then(|| area.gemeente(&store))
        .flatten();
    let detail = store.detail(&area.code);
    let own = detail
        .as_ref()
        .and_then(|d| d.areas.get(area.code.as_str()))
        .and_then(|a| a.health.clone());
    let gem_series = gem
        .as_ref()
        .and_then(|g| detail.as_ref().and_then(|d| d.areas.get(g.code.as_str())))
        .and_then(|a| a.health.clone());
    let chart = own.as_ref().filter(|s| !s.points.is_empty()).map(|s| {
        let mut years: Vec<u16> = s.points.iter().map(|p| p.0).collect();
        if let Some(gs) = &gem_series {
            years.extend(gs.points.iter().map(|p| p.0));
        }
        years.sort_unstable();
        years.dedup();
        let mut series = vec![LineSeries {
            label: area.name.clone(),
            values: years.iter().map(|&y| value_in(s, y)).collect(),
            style: SeriesStyle::Main,
        }];
        if let (Some(gs), Some(gm)) = (&gem_series, &gem) {
            series.push(LineSeries {
                label: format!("{} {}", lang.pick("gemeente", "municipality"), gm.name),
                values: years.iter().map(|&y| value_in(gs, y)).collect(),
                style: SeriesStyle::Context,
            });
        }
        let pts: Vec<String> = s
            .points
            .iter()
            .map(|p| format!("{} {}%", p.0, format::number(p.1, 1, lang)))
            .collect();
        let summary = match lang {
            Lang::Nl => format!("Ervaren gezondheid in {}: {}.", area.name, pts.join(", ")),
            Lang::En => format!("Self-rated health in {}: {}.", area.name, pts.join(", ")),
        };
        let caption = match lang {
            Lang::Nl => format!(
                "Aandeel volwassenen met goed ervaren gezondheid (%), {}",
                area.name
            ),
            Lang::En => format!(
                "Share of adults in good self-rated health (%), {}",
                area.name
            ),
        };
        let x_labels = years.clone();
        view! {
            <h4 class="chart-title">{lang.pick("Verloop", "Trend")}</h4>
            <LineChart years=years series=series x_labels=x_labels decimals=1 unit="%".to_string()
                summary=summary table_caption=caption lang=lang class="health-chart" />
        }
    });
    let heading = match lang {
        Lang::Nl => format!("Ervaren gezondheid ({year})"),
        Lang::En => format!("Self-rated health ({year})"),
    };
    Some(view! {
        <section class="panel-section health-section" aria-labelledby="health-title">
            <h3 id="health-title">{heading}</h3>
            <Trio ind=ind.clone() values=values lang=lang />
            <p class="panel-explain">{lang.pick(
                "Aandeel volwassenen dat de eigen gezondheid als goed of zeer goed ervaart. Per buurt is dit een modelschatting uit een steekproef, geen telling.",
                "Share of adults who rate their own health as good or very good. Per neighbourhood this is a model estimate from a survey, not a count.")}</p>
            {chart}
            {own.is_none().then(|| view! { <p class="panel-note">{lang.pick("Verloop: geen gegevens.", "Trend: no data.")}</p> })}
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {ind.source.clone()} {format!(", {year}")}</p>
        </section>
    }
    .into_any())
}
