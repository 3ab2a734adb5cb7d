//! The panel's heading: kind and code, name, parent areas as links, "vergelijk" and close.
use super::area::{href_of, Area};
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::i18n;
use crate::state::ViewState;
use buurtkaart_model::Level;
use leptos::prelude::*;
use leptos_router::components::A;

/// Kind, code, name and parents of `area`, with the pin and close buttons.
#[component]
pub fn PanelHeader(
    /// The area shown.
    area: Area,
    /// Called by the close button.
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let view = ctx.view.get_untracked();
    let level = area.level();
    let mut parents = Vec::new();
    if level == Level::Buurt {
        if let Some(w) = area.code.wijk() {
            let name = Area::find(&store, &w)
                .map(|a| a.name)
                .unwrap_or_else(|| w.to_string());
            parents.push((
                lang.pick("wijk", "district"),
                name,
                href_of(&w, &view),
                "parent-wijk",
            ));
        }
    }
    if level != Level::Gemeente {
        let g = area.code.gemeente();
        let name = Area::find(&store, &g)
            .map(|a| a.name)
            .unwrap_or_else(|| g.to_string());
        parents.push((
            lang.pick("gemeente", "municipality"),
            name,
            href_of(&g, &view),
            "parent-gemeente",
        ));
    }
    let parents = (!parents.is_empty()).then(|| {
        view! {
            <p class="panel-parents">
                {parents.into_iter().enumerate().map(|(i, (kind, name, href, cls))| view! {
                    {(i > 0).then_some(" · ")}
                    <span class=cls>{kind} " " <A href=href>{name}</A></span>
                }).collect_view()}
            </p>
        }
    });
    let pinned = view.compare.as_ref() == Some(&area.code);
    let update = use_view_updater();
    let code = area.code.clone();
    let toggle_pin = move |_| {
        let code = code.clone();
        update(&move |v: &mut ViewState| {
            v.compare = if v.compare.as_ref() == Some(&code) {
                None
            } else {
                Some(code.clone())
            };
        });
    };
    let pin_text = if pinned {
        lang.pick("Vastgezet", "Pinned")
    } else {
        lang.pick("Vergelijk", "Compare")
    };
    let pin_title = lang.pick(
        "Zet dit gebied vast en kies daarna een ander gebied om ze naast elkaar te zien",
        "Pin this area, then choose another one to see them side by side",
    );
    view! {
        <header class="panel-head">
            <p class="panel-kind">
                <span class="panel-level">{area.kind(lang)}</span>
                " · "
                <span class="panel-code">{area.code.to_string()}</span>
            </p>
            <h2 id="panel-name" class="panel-name" tabindex="-1">{area.name.clone()}</h2>
            {parents}
            <div class="panel-actions">
                <button type="button" class="pin-button" aria-pressed=pinned.to_string() title=pin_title
                    on:click=toggle_pin>{pin_text}</button>
                <button type="button" class="panel-close" aria-label=i18n::close(lang)
                    on:click=move |_| on_close.run(())>"×"</button>
            </div>
        </header>
    }
}
