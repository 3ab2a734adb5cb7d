//! The sources of every figure in the panel, with their years and a link to `/over`.
use crate::context::MapContext;
use crate::lang::Lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The sources footer.
#[component]
pub fn SourcesFooter() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let lang = ctx.lang();
    let about = match lang {
        Lang::Nl => "/over".to_string(),
        Lang::En => "/over?lang=en".to_string(),
    };
    let items = [
        lang.pick(
            "Leefbaarometer 3.0 – Ministerie van BZK: meting 2024 (buurten, gemeenten), meting 2022 met historie 2002–2022 (wijken).",
            "Leefbaarometer 3.0 – Dutch Ministry of the Interior (BZK): 2024 measurement (neighbourhoods, municipalities), 2022 measurement with history 2002–2022 (districts).",
        ),
        lang.pick(
            "CBS Kerncijfers wijken en buurten 2024 (tabel 85984NED), CC BY 4.0.",
            "CBS Key figures districts and neighbourhoods 2024 (table 85984NED), CC BY 4.0.",
        ),
        lang.pick(
            "Geregistreerde misdrijven: Politie via CBS (tabel 47022NED), laatste 12 maanden (2025) en jaarcijfers 2021–2025.",
            "Registered crime: Police via CBS (table 47022NED), last 12 months (2025) and yearly figures 2021–2025.",
        ),
        lang.pick(
            "Ervaren gezondheid: RIVM Gezondheidsmonitor (tabel 50150NED), 2012–2024.",
            "Self-rated health: RIVM Health Monitor (table 50150NED), 2012–2024.",
        ),
    ];
    view! {
        <footer class="panel-sources">
            <h3>{lang.pick("Bronnen", "Sources")}</h3>
            <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            <p>
                {lang.pick("De Leefbaarometer is een statistische voorspelling, geen oordeel over de bewoners. ", "The Leefbaarometer is a statistical prediction, not a verdict on residents. ")}
                <A href=about>{lang.pick("Meer over methode en beperkingen", "More on method and limitations")}</A>
            </p>
        </footer>
    }
}
