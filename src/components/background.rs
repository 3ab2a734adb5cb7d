//! The background map's switch and credit line (the tiles themselves are drawn by the map).
use crate::carto::tiles::TILES_FROM_SCALE;
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::services::ServiceState;
use crate::state::ViewState;
use leptos::prelude::*;

/// The credit for the background map while it is shown ("Kaart: Kadaster / PDOK"), or one quiet
/// note when it is switched on, zoomed in to where it would show, and unreachable. Tracked.
pub fn background_credit(ctx: MapContext) -> Option<String> {
    let services = use_context::<ServiceState>()?;
    if ctx.view.with(|v| v.hide_background) || ctx.scale.get() < TILES_FROM_SCALE {
        return None;
    }
    match services.tiles() {
        Some(t) => Some(t.attribution),
        None if services.tiles_configured() && services.tiles_down.get() => Some(
            ctx.lang()
                .pick(
                    "Achtergrondkaart niet bereikbaar",
                    "Background map unavailable",
                )
                .to_string(),
        ),
        None => None,
    }
}

/// "Achtergrondkaart" on or off (`achtergrond=0`), shown where a tile service is configured.
#[component]
pub fn BackgroundToggle() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let services = expect_context::<ServiceState>();
    let update = use_view_updater();
    view! {
        <Show when=move || services.tiles_configured()>
            <label class="control control-check">
                <input type="checkbox" id="background-toggle"
                    prop:checked=move || !ctx.view.with(|v| v.hide_background)
                    on:change={
                        let update = update.clone();
                        move |ev| {
                        let on = event_target_checked(&ev);
                        update(&|v: &mut ViewState| v.hide_background = !on);
                    }} />
                <span class="check-box" aria-hidden="true"></span>
                <span>{move || ctx.lang().pick("Achtergrondkaart (ingezoomd)", "Background map (zoomed in)")}</span>
            </label>
        </Show>
    }
}
