//! Map controls: indicator picker, level switch, zoom buttons.
use crate::components::map::{FitPolicy, MapController};
use crate::context::{MapContext, DEFAULT_INDICATOR};
use crate::data::DataStore;
use crate::i18n;
use crate::state::{LevelMode, ViewState};
use buurtkaart_model::Level;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Returns a function that changes the view state and navigates to its URL.
pub fn use_view_updater() -> impl Fn(&dyn Fn(&mut ViewState)) + Clone + 'static {
    let ctx = expect_context::<MapContext>();
    let navigate = use_navigate();
    move |f: &dyn Fn(&mut ViewState)| {
        let mut v = ctx.view.get_untracked();
        f(&mut v);
        navigate(&v.to_url(), NavigateOptions::default());
    }
}

/// Picks the indicator the map is coloured by.
#[component]
pub fn IndicatorPicker() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = use_view_updater();
    let current = move || {
        ctx.view
            .with(|v| v.indicator.clone())
            .unwrap_or_else(|| DEFAULT_INDICATOR.to_string())
    };
    let groups = move || {
        let lang = ctx.lang();
        let level = ctx.level();
        store.manifest.with(|m| {
            let Some(m) = m else { return Vec::new() };
            ["lbm", "cbs"]
                .iter()
                .map(|g| {
                    let label = match *g {
                        "lbm" => lang.pick("Leefbaarometer", "Leefbaarometer"),
                        _ => lang.pick("CBS-kerncijfers", "CBS key figures"),
                    };
                    let opts: Vec<(String, String)> = m
                        .indicators
                        .iter()
                        .filter(|i| i.group == *g && i.at(level).is_some())
                        .map(|i| {
                            let year = i.at(level).map(|l| l.year).unwrap_or_default();
                            (i.id.clone(), format!("{} ({year})", lang.text(&i.label)))
                        })
                        .collect();
                    (label.to_string(), opts)
                })
                .collect()
        })
    };
    view! {
        <label class="control">
            <span class="control-label">{move || i18n::indicator_label(ctx.lang())}</span>
            <select id="indicator-picker" prop:value=current on:change=move |ev| {
                let id = event_target_value(&ev);
                update(&|v: &mut ViewState| {
                    v.indicator = (id != DEFAULT_INDICATOR).then(|| id.clone());
                });
            }>
                {move || {
                    let cur = current();
                    groups().into_iter().map(|(label, opts)| view! {
                        <optgroup label=label>
                            {opts.into_iter().map(|(id, text)| {
                                let selected = id == cur;
                                view! { <option value=id selected=selected>{text}</option> }
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// Chooses the level: automatic by zoom, or fixed.
#[component]
pub fn LevelSwitch() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let update = use_view_updater();
    let current = move || ctx.view.with(|v| v.level.param().to_string());
    view! {
        <label class="control">
            <span class="control-label">{move || i18n::level_label(ctx.lang())}</span>
            <select id="level-switch" prop:value=current on:change=move |ev| {
                let val = event_target_value(&ev);
                update(&|v: &mut ViewState| {
                    v.level = match val.as_str() {
                        "auto" => LevelMode::Auto,
                        "gemeente" => LevelMode::Fixed(Level::Gemeente),
                        "wijk" => LevelMode::Fixed(Level::Wijk),
                        _ => LevelMode::DefaultBuurt,
                    };
                });
            }>
                {move || {
                    let lang = ctx.lang();
                    let cur = current();
                    let mut opts = vec![("auto".to_string(), i18n::level_auto(lang).to_string())];
                    for l in Level::ALL {
                        let name = lang.text(&l.plural()).to_string();
                        let mut cap = name.clone();
                        if let Some(f) = cap.get_mut(0..1) { f.make_ascii_uppercase(); }
                        opts.push((l.id().to_string(), cap));
                    }
                    opts.into_iter().map(|(val, text)| {
                        let selected = val == cur;
                        view! { <option value=val selected=selected>{text}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

/// + / − / whole-country buttons on the map.
#[component]
pub fn ZoomButtons(
    /// The map they zoom.
    map: MapController,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    // "Home" is the country on the app's map, the embed's own area in an embed.
    let home = move || match map.policy {
        FitPolicy::Embed => ctx.lang().pick("Hele gebied tonen", "Show the whole area"),
        FitPolicy::Page => i18n::whole_country(ctx.lang()),
    };
    view! {
        <div class="zoom-buttons" role="group" aria-label=move || ctx.lang().pick("Zoomen", "Zoom")>
            <button type="button" class="zoom-in" title=move || i18n::zoom_in(ctx.lang()) aria-label=move || i18n::zoom_in(ctx.lang())
                on:click=move |_| map.zoom(1.6)>"+"</button>
            <button type="button" class="zoom-out" title=move || i18n::zoom_out(ctx.lang()) aria-label=move || i18n::zoom_out(ctx.lang())
                on:click=move |_| map.zoom(1.0 / 1.6)>"−"</button>
            <button type="button" class="zoom-home" title=home aria-label=home
                on:click=move |_| map.home()>
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M4 10 12 3l8 7v10h-5v-6H9v6H4z" fill="currentColor"/></svg>
            </button>
        </div>
    }
}

/// Switches the place names on the map on and off (`namen=0`).
#[component]
pub fn NamesToggle() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let update = use_view_updater();
    view! {
        <label class="control control-check">
            <input type="checkbox" id="names-toggle"
                prop:checked=move || !ctx.view.with(|v| v.hide_names)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    update(&|v: &mut ViewState| v.hide_names = !on);
                } />
            <span class="check-box" aria-hidden="true"></span>
            <span>{move || ctx.lang().pick("Plaatsnamen op de kaart", "Place names on the map")}</span>
        </label>
    }
}

/// A scale bar (m / km) that follows the zoom (after each gesture).
#[component]
pub fn ScaleBar() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let bar = move || crate::carto::scale_bar::scale_bar(ctx.scale.get(), 110.0);
    view! {
        <Show when=move || ctx.ready.get() && bar().is_some()>
            {move || bar().map(|(px, label)| view! {
                <div class="scale-bar" aria-hidden="true">
                    <span class="scale-bar-line" style=format!("width: {}px", px.round())></span>
                    <span class="scale-bar-label">{label}</span>
                </div>
            })}
        </Show>
    }
}
