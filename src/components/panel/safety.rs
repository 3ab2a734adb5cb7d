//! Registered crime: per 1,000 inhabitants beside gemeente and country, and the yearly counts.
use super::area::{year_of, Area};
use super::trio::{trio_values, Trio};
use crate::components::charts::{Column, ColumnChart};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The crime section (buurten and gemeenten; the source has no wijk figures).
#[component]
pub fn SafetySection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    safety_view(area)
}

fn safety_view(area: Area) -> Option<AnyView> {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let level = area.level();
    let ind = store.indicator("criminaliteit")?;
    let year = year_of(&store, "criminaliteit", level).unwrap_or(2025);
    let values = trio_values(&store, &area, &ind, lang);
    let detail = store.detail(&area.code);
    let series = detail
        .as_ref()
        .and_then(|d| d.areas.get(area.code.as_str()))
        .and_then(|a| a.crime.clone());
    let chart = series.as_ref().filter(|s| !s.points.is_empty()).map(|s| {
        let first = s.points.iter().map(|p| p.0).min().unwrap_or(2021).min(2021);
        let last = s.points.iter().map(|p| p.0).max().unwrap_or(2025).max(2025);
        let columns: Vec<Column> = (first..=last)
            .map(|yr| Column {
                label: yr.to_string(),
                long_label: String::new(),
                value: s.points.iter().find(|p| p.0 == yr).map(|p| p.1),
                colour: None,
            })
            .collect();
        let missing: Vec<String> = columns.iter().filter(|c| c.value.is_none()).map(|c| c.label.clone()).collect();
        let summary = columns
            .iter()
            .map(|c| format!("{}: {}", c.label, c.value.map(|v| format::number(v, 0, lang)).unwrap_or_else(|| format::no_data(lang).into())))
            .collect::<Vec<_>>()
            .join(", ");
        let summary = match lang {
            Lang::Nl => format!("Geregistreerde misdrijven per jaar in {}: {summary}.", area.name),
            Lang::En => format!("Registered crimes per year in {}: {summary}.", area.name),
        };
        let caption = match lang {
            Lang::Nl => format!("Geregistreerde misdrijven per jaar, {}", area.name),
            Lang::En => format!("Registered crimes per year, {}", area.name),
        };
        view! {
            <h4 class="chart-title">{lang.pick("Aantal misdrijven per jaar", "Number of crimes per year")}</h4>
            <ColumnChart columns=columns decimals=0 unit=lang.pick("aantal", "count").to_string() summary=summary
                table_caption=caption headers=(lang.pick("Jaar", "Year").to_string(), lang.pick("Misdrijven", "Crimes").to_string())
                lang=lang class="crime-chart" />
            {(!missing.is_empty()).then(|| view! {
                <p class="panel-note">{lang.pick("Geen gegevens voor: ", "No data for: ")} {missing.join(", ")}</p>
            })}
        }
    });
    let few = area.value(&store, "inwoners").is_some_and(|n| n < 500.0) && level == Level::Buurt;
    let heading = match lang {
        Lang::Nl => format!("Geregistreerde misdrijven ({year})"),
        Lang::En => format!("Registered crime ({year})"),
    };
    Some(view! {
        <section class="panel-section safety-section" aria-labelledby="safety-title">
            <h3 id="safety-title">{heading}</h3>
            <Trio ind=ind.clone() values=values small_unit=lang.pick("per 1.000", "per 1,000") lang=lang />
            <p class="panel-explain">{lang.pick(
                "Door de politie geregistreerde misdrijven per 1.000 inwoners in de laatste 12 maanden. Aangifte en registratie verschillen per soort misdrijf.",
                "Crimes registered by the police per 1,000 inhabitants in the last 12 months. Reporting and registration differ by type of crime.")}</p>
            {few.then(|| view! { <p class="panel-note">{lang.pick(
                "Deze buurt heeft weinig inwoners: een paar misdrijven (of veel bezoekers, zoals bij winkels en stations) geven dan al een hoog cijfer per 1.000.",
                "This neighbourhood has few inhabitants: a few crimes (or many visitors, as near shops and stations) already give a high rate per 1,000.")}</p> })}
            {chart}
            {series.is_none().then(|| view! { <p class="panel-note">{lang.pick("Jaarcijfers: geen gegevens.", "Yearly figures: no data.")}</p> })}
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {ind.source.clone()} {format!(", {year}; {}", lang.pick("jaarcijfers 2021–2025", "yearly figures 2021–2025"))}</p>
        </section>
    }
    .into_any())
}
