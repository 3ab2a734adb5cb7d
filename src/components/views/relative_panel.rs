//! "Binnen de eigen gemeente": each buurt coloured by its rank among the buurten of its own
//! gemeente, so weak buurten in strong gemeenten show up.
use crate::context::MapContext;
use crate::data::DataStore;
use crate::lang::Lang;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The relative view's side panel.
#[component]
pub fn RelativePanel() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let indicator = move || {
        ctx.colouring
            .get()
            .and_then(|c| c.indicator.clone())
            .map(|i| ctx.lang().text(&i.label).to_string())
            .unwrap_or_default()
    };
    let selected = move || {
        let lang = ctx.lang();
        let code = ctx.selected().filter(|c| c.level() == Level::Buurt)?;
        let c = ctx.colouring.get()?;
        let row = *store.level(Level::Buurt).rows?.get(code.as_str())?;
        let name = store.name(&code)?;
        let gemeente = store
            .name(&code.gemeente())
            .unwrap_or_else(|| code.gemeente().to_string());
        Some(match lang {
            Lang::Nl => format!("{name} in {gemeente}: {}.", c.value_text(row, lang)),
            Lang::En => format!("{name} in {gemeente}: {}.", c.value_text(row, lang)),
        })
    };
    view! {
        <section class="view-panel" aria-labelledby="view-heading">
            <h2 id="view-heading">{move || ctx.lang().pick("Binnen de eigen gemeente", "Within its own municipality")}</h2>
            <p>{move || match ctx.lang() {
                Lang::Nl => format!("Elke buurt is gekleurd naar haar plaats tussen de buurten van dezelfde gemeente op {}: percentiel 0 is de laagste, 100 de hoogste. Met landelijke klassen valt het grootste deel van de kaart in de goede klassen; zo vallen ook de zwakste buurten van sterke gemeenten op. Kies een andere maat hierboven om daarop te rangschikken.", indicator()),
                Lang::En => format!("Each neighbourhood is coloured by its place among the neighbourhoods of the same municipality on {}: percentile 0 is the lowest, 100 the highest. With national classes most of the map falls in the good classes; this way the weakest neighbourhoods of strong municipalities show up too. Choose another measure above to rank by it.", indicator()),
            }}</p>
            <p class="view-summary" role="status">{selected}</p>
            <p class="legend-hint">{move || ctx.lang().pick(
                "Gelijke waarden delen hun rang; een gemeente met één buurt met een waarde heeft geen percentiel (grijs).",
                "Equal values share their rank; a municipality with only one neighbourhood with a value has no percentile (grey).")}</p>
        </section>
    }
}
