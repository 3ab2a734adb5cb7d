//! The detail panel of the selected area: how it is doing, why, and how it compares.
//!
//! One small file per section; `stats` and `words` are pure (tested on the host). The panel
//! re-renders when the selection, the language or the set of loaded files changes (see
//! [`area::data_signature`]), never when the map merely rebuilds its shapes.

pub mod area;
pub mod comparison;
pub mod dimensions;
pub mod distribution;
pub mod figures;
pub mod header;
pub mod health;
pub mod history;
pub mod not_found;
pub mod safety;
pub mod score;
pub mod sources;
pub mod stats;
pub mod trio;
pub mod words;

pub use area::Area;

use crate::components::compare::CompareView;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::i18n;
use crate::state::Notice;
use area::{data_signature, Lookup};
use buurtkaart_model::{AreaCode, Level};
use comparison::ComparisonSection;
use dimensions::DimensionsSection;
use distribution::DistributionSection;
use figures::FiguresSection;
use header::PanelHeader;
use health::HealthSection;
use history::HistorySection;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use not_found::{Missing, NotFound};
use safety::SafetySection;
use score::ScoreSection;
use sources::SourcesFooter;

/// What the panel shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Nothing selected: a prompt.
    Prompt,
    /// The selection's names are still loading.
    Loading,
    /// The URL names an area that does not exist.
    Missing(Missing),
    /// A found area.
    Area(Area),
}

/// Starts loading what the panel needs for `code`.
pub fn load_for(store: &DataStore, code: &AreaCode) {
    let level = code.level();
    store.ensure_index(Level::Gemeente);
    store.ensure_index(Level::Wijk);
    store.ensure_index(level);
    for group in ["lbm", "cbs"] {
        store.ensure_table(level, group);
        store.ensure_table(Level::Gemeente, group);
    }
    match level {
        Level::Wijk => store.ensure_history(),
        Level::Gemeente => {
            store.ensure_index(Level::Buurt);
            store.ensure_table(Level::Buurt, "lbm");
        }
        Level::Buurt => {}
    }
    // Only fetch a gemeente's detail file once we know the area exists (no 404 for typos).
    if level != Level::Wijk && Area::find(store, code).is_some() {
        store.ensure_detail(code);
    }
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

/// Details of the selected area, a prompt, or a friendly "niet gevonden".
#[component]
pub fn DetailPanel(
    /// Called by the close button.
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let location = use_location();

    Effect::new(move |_| {
        store.attempt.track();
        if store.manifest.with(|m| m.is_none()) {
            return;
        }
        let (sel, cmp) = ctx.view.with(|v| (v.selected.clone(), v.compare.clone()));
        for code in sel.iter().chain(cmp.iter()) {
            load_for(&store, code);
        }
    });

    let shown = Memo::new(move |_| {
        let Some(code) = ctx.selected() else {
            let path = decode(&location.pathname.get());
            let notices = ctx.url_notices.get();
            let first_seg = path
                .split('/')
                .find(|s| !s.is_empty())
                .unwrap_or_default()
                .to_string();
            for n in notices {
                match n {
                    Notice::BadArea(what) => {
                        let level = first_seg.parse::<Level>().ok().map(Level::id);
                        return Shown::Missing(Missing { what, level });
                    }
                    Notice::UnknownPath(what) => {
                        return Shown::Missing(Missing { what, level: None })
                    }
                    Notice::BadParam { .. } => {}
                }
            }
            return Shown::Prompt;
        };
        match Area::lookup(&store, &code) {
            Lookup::Loading => Shown::Loading,
            Lookup::NotFound => Shown::Missing(Missing {
                what: code.to_string(),
                level: Some(code.level().id()),
            }),
            Lookup::Found(a) => Shown::Area(a),
        }
    });

    // Bring the panel into view when a new area is shown (the sidebar scrolls, not the page).
    // Not in an embed: there it would scroll the host's article away from the map at each tap.
    let embedded = document()
        .document_element()
        .is_some_and(|e| e.class_list().contains("bk-embed"));
    Effect::new(move |prev: Option<Option<AreaCode>>| {
        let now = match shown.get() {
            Shown::Area(a) => Some(a.code),
            _ => None,
        };
        if now.is_some() && prev.as_ref() != Some(&now) && !embedded {
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("detail-panel") {
                    el.scroll_into_view_with_bool(true);
                }
            });
        }
        now
    });

    let inputs = Memo::new(move |_| {
        (
            shown.get(),
            data_signature(&store),
            ctx.view.with(|v| {
                (
                    v.lang,
                    v.palette,
                    v.compare.clone(),
                    v.indicator.clone(),
                    v.level,
                )
            }),
        )
    });

    let body = move || {
        let (shown, _, _) = inputs.get();
        untrack(move || render(shown, on_close, &ctx))
    };
    let missing = Signal::derive(move || match shown.get() {
        Shown::Missing(m) => Some(m),
        _ => None,
    });
    let announce = move || match shown.get() {
        Shown::Area(a) => {
            let lang = ctx.lang();
            format!(
                "{}: {} {}",
                lang.pick("Gekozen", "Selected"),
                a.kind(lang),
                a.name
            )
        }
        _ => String::new(),
    };
    // Escape anywhere in the panel closes it and hands the keyboard back to the map.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && ctx.selected().is_some() {
            ev.prevent_default();
            on_close.run(());
            focus_map();
        }
    };
    view! {
        <section class="panel" id="detail-panel" on:keydown=on_keydown
            aria-label=move || ctx.lang().pick("Details van het gebied", "Area details")>
            <p class="sr-only" aria-live="polite">{announce}</p>
            <CompareView />
            <Show when=move || missing.get().is_some()>
                <NotFound missing=missing />
            </Show>
            {body}
        </section>
    }
}

/// Moves the keyboard focus to the map (after the panel closed under it).
fn focus_map() {
    use wasm_bindgen::JsCast;
    if let Some(map) = document()
        .query_selector(".map-canvas")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = map.focus();
    }
}

/// The panel's content for one state.
fn render(shown: Shown, on_close: Callback<()>, ctx: &MapContext) -> AnyView {
    let lang = ctx.lang();
    match shown {
        Shown::Prompt => view! { <p class="panel-empty">{i18n::choose_area(lang)}</p> }.into_any(),
        Shown::Loading => {
            view! { <p class="panel-loading">{lang.pick("Gegevens laden…", "Loading data…")}</p> }
                .into_any()
        }
        Shown::Missing(_) => ().into_any(),
        Shown::Area(a) => {
            let level = a.level();
            let no_series_note = (level == Level::Wijk).then(|| {
                view! { <p class="panel-note wijk-note">{lang.pick(
                    "Geregistreerde misdrijven en ervaren gezondheid zijn alleen per buurt en gemeente beschikbaar; kies een buurt of de gemeente.",
                    "Registered crime and self-rated health are only available per neighbourhood and municipality; choose a neighbourhood or the municipality.")}</p> }
            });
            let gemeente_first = level == Level::Gemeente;
            view! {
                <article class=format!("panel-area panel-{}", level.id()) aria-labelledby="panel-name" data-code=a.code.to_string()>
                    <PanelHeader area=a.clone() on_close=on_close />
                    <ScoreSection area=a.clone() />
                    <ComparisonSection area=a.clone() />
                    {gemeente_first.then(|| view! { <DistributionSection area=a.clone() /> })}
                    <DimensionsSection area=a.clone() />
                    {(level == Level::Wijk).then(|| view! { <HistorySection area=a.clone() /> })}
                    <FiguresSection area=a.clone() />
                    {(level != Level::Wijk).then(|| view! {
                        <SafetySection area=a.clone() />
                        <HealthSection area=a.clone() />
                    })}
                    {no_series_note}
                    <SourcesFooter />
                </article>
            }
            .into_any()
        }
    }
}
