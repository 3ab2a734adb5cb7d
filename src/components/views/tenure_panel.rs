//! "Koopwoningen en leefbaarheid": what the colours mean, the caveat on tenure data, the
//! correlation, the scatter plot, and the gemeente's corporation share where known.
use super::filter::{new_filter, GemeenteSelect};
use super::scatter::Scatter;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;

/// The tenure view's side panel.
#[component]
pub fn TenurePanel() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let filter = new_filter(ctx);
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            store.ensure_table(Level::Gemeente, "cbs");
            store.ensure_index(Level::Gemeente);
        }
    });
    let correlation = move || {
        let lang = ctx.lang();
        let c = ctx.colouring.get()?;
        let r = c.correlation?;
        let n = c.class.iter().flatten().count();
        Some(match lang {
            Lang::Nl => format!(
                "Over {} buurten met beide cijfers is de samenhang r = {}: buurten met meer koopwoningen hebben gemiddeld een {} leefbaarheidsscore. Samenhang is geen oorzaak.",
                format::number(n as f64, 0, lang), format::number(r, 2, lang), if r >= 0.0 { "hogere" } else { "lagere" }
            ),
            Lang::En => format!(
                "Over {} neighbourhoods with both figures the correlation is r = {}: neighbourhoods with more owner-occupied homes have a {} liveability score on average. Correlation is not causation.",
                format::number(n as f64, 0, lang), format::number(r, 2, lang), if r >= 0.0 { "higher" } else { "lower" }
            ),
        })
    };
    // The gemeente in the filter: its share of corporation homes (2022) and owner-occupied (2024).
    let gemeente_line = move || {
        let lang = ctx.lang();
        let gm = AreaCode::parse(&format!("GM{}", filter.get()?)).ok()?;
        let name = store.name(&gm)?;
        let data = store.level(Level::Gemeente);
        let row = *data.rows.as_ref()?.get(gm.as_str())?;
        let table = data.tables.get("cbs")?;
        let pct = |id: &str| {
            table
                .get(id, row)
                .map(|v| format!("{} %", format::number(v, 0, lang)))
        };
        let corp = pct("huurcorporatie");
        let koop = pct("koopwoningen");
        let missing = format::no_data(lang);
        Some(match lang {
            Lang::Nl => format!(
                "{name}: {} van de woningen is van een woningcorporatie (2022); {} is koopwoning (2024).",
                corp.unwrap_or_else(|| format!("{missing} over hoeveel")), koop.unwrap_or_else(|| missing.to_string())
            ),
            Lang::En => format!(
                "{name}: {} of homes are owned by a housing corporation (2022); {} are owner-occupied (2024).",
                corp.unwrap_or_else(|| missing.to_string()), koop.unwrap_or_else(|| missing.to_string())
            ),
        })
    };
    view! {
        <section class="view-panel" aria-labelledby="view-heading">
            <h2 id="view-heading">{move || ctx.lang().pick("Koopwoningen en leefbaarheid", "Home ownership and liveability")}</h2>
            <p>{move || ctx.lang().pick(
                "Leefbaarheid staat onder druk waar corporatiewoningen en kwetsbare groepen samenkomen. Elke buurt krijgt een kleur uit twee cijfers: de Leefbaarometerscore 2024 (afwijking van het landelijk gemiddelde) en het aandeel koopwoningen 2024, elk in drie gelijke groepen over alle buurten. Donkerblauw: lage leefbaarheid en weinig koopwoningen.",
                "Liveability is under pressure where housing-corporation homes and vulnerable groups concentrate. Each neighbourhood gets a colour from two figures: the 2024 Leefbaarometer score (deviation from the national mean) and the 2024 share of owner-occupied homes, each in three equal groups over all neighbourhoods. Dark blue: low liveability and few owner-occupied homes.")}</p>
            <p class="view-caveat"><strong>{move || ctx.lang().pick("Let op: ", "Note: ")}</strong>{move || ctx.lang().pick(
                "het aandeel koopwoningen is het enige landelijke eigendomscijfer per buurt. De rest zijn huurwoningen van corporaties én van particuliere verhuurders; het is dus niet het aandeel corporatiewoningen. Dat is alleen per gemeente bekend (2022), hieronder bij het filter.",
                "the share of owner-occupied homes is the only national tenure figure per neighbourhood. The rest are rented homes of housing corporations and private landlords alike; it is not the share of corporation homes. That is known only per municipality (2022), below with the filter.")}</p>
            <p class="view-summary">{correlation}</p>
            <GemeenteSelect filter=filter id="tenure-filter" />
            <p class="view-gemeente" role="status">{gemeente_line}</p>
            <Scatter filter=filter />
            <p class="legend-hint">{move || ctx.lang().pick(
                "Wijs een stip aan om de buurt op de kaart te zien; klik om hem te kiezen. Bron: Leefbaarometer 3.0 – BZK; CBS Kerncijfers wijken en buurten 2024 en 2022.",
                "Point at a dot to see the neighbourhood on the map; click to choose it. Source: Leefbaarometer 3.0 – BZK; CBS key figures 2024 and 2022.")}</p>
        </section>
    }
}
