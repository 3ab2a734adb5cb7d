//! The embed page, `/embed/{gemeente|wijk|buurt}/{code}?…` (options: [`crate::embed::options`]):
//! title, the map of the area's children (fitted), legend, optional detail panel, source line
//! and a link to the full view, with minimal chrome.
//!
//! Manners inside a host page: it posts its height whenever it changes, "ready" once drawn and
//! "select" when a reader chooses an area ([`crate::embed::message`]), accepts only the
//! documented theme message from its parent, lets the mouse wheel scroll the host page (Ctrl or
//! ⌘ + wheel zooms), never opens alerts, and works in an iframe sandboxed with
//! `allow-scripts allow-same-origin allow-popups`.
use crate::components::controls::ZoomButtons;
use crate::components::legend::Legend;
use crate::components::map::{Description, FitPolicy, MapController, MapView};
use crate::components::panel::DetailPanel;
use crate::components::share::{collect::alt_for, export, web, ExportKind};
use crate::components::status::LoadStatus;
use crate::components::tooltip::Tooltip;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::embed::message::{
    datawrapper_message, height_message, parse_theme, pym_message, ready_message, select_message,
    MAX_INCOMING,
};
use crate::embed::options::absolute;
use crate::embed::text::{area_title, map_title, source_line, year_note};
use crate::embed::EmbedOptions;
use crate::lang::Lang;
use crate::state::Notice;
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Marks the document as an embed (styles live under `html.bk-embed`) and sets `<html lang>`.
fn mark_document(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().add_1("bk-embed");
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The embed route.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let parsed = Memo::new(move |_| {
        let level = params.with(|p| p.get("level")).unwrap_or_default();
        let code = params.with(|p| p.get("code")).unwrap_or_default();
        let pairs: Vec<(String, String)> = query.with(|q| {
            q.clone()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        });
        EmbedOptions::parse(&level, &code, &pairs)
    });
    let lang = Memo::new(move |_| {
        query
            .with(|q| q.get("lang"))
            .and_then(|l| Lang::from_param(&l))
            .unwrap_or_default()
    });
    Effect::new(move |_| mark_document(lang.get()));
    move || match parsed.get() {
        Ok((opts, notices)) => view! { <Embed opts=opts notices=notices /> }.into_any(),
        Err(notice) => {
            let lang = lang.get_untracked();
            view! {
                <div class="embed embed-error" role="alert">
                    <p>{lang.pick("Deze kaart kan niet worden getoond.", "This map cannot be shown.")}" "{notice.message(lang)}</p>
                    <a href=absolute(&web::base_url(), "/") target="_blank" rel="noopener">"Buurtkaart ↗"</a>
                </div>
            }
            .into_any()
        }
    }
}

/// Posts the embed's height to the parent, in our, Datawrapper's and (with `childId`) Pym's shape.
fn post_height(id: &str, pym: Option<&str>, height: u32) {
    web::post_to_parent(&web::json_value(&height_message(id, height).to_string()));
    web::post_to_parent(&web::json_value(
        &datawrapper_message(id, height).to_string(),
    ));
    if let Some(child) = pym {
        web::post_to_parent(&pym_message(child, height).into());
    }
}

/// Whether a message event comes from this page's parent window.
fn from_parent(ev: &web_sys::MessageEvent) -> bool {
    let (Some(src), Some(win)) = (ev.source(), web_sys::window()) else {
        return false;
    };
    match win.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &win) && js_sys::Object::is(&src, &parent),
        _ => false,
    }
}

#[component]
fn Embed(opts: EmbedOptions, notices: Vec<Notice>) -> impl IntoView {
    let store = expect_context::<DataStore>();
    let os_dark = use_context::<crate::theme::Theme>()
        .map(|t| t.os_dark)
        .unwrap_or_else(|| RwSignal::new(false));
    let mode = RwSignal::new(opts.dark);
    let selected = RwSignal::new(opts.effective_highlight());
    let panel_open = RwSignal::new(false);
    let base_view = opts.view_state();
    let view = Memo::new(move |_| {
        let mut v = base_view.clone();
        v.selected = selected.get();
        v
    });
    let ctx = MapContext::new(view, Signal::stored(notices.clone()), store);
    ctx.focus.set(Some(opts.area.clone()));
    // An embed fetches only its gemeente's files, never the national ones.
    store.scope_to(&opts.area);
    provide_context(ctx);
    crate::data::needs::load_view(ctx, store);
    let map = MapController::new(ctx, store, FitPolicy::Embed);
    Effect::new(move |_| ctx.dark.set(mode.get().is_dark(os_dark.get())));

    let lang = opts.lang;
    let level = opts.level;
    let shown = opts.shown_area();
    let area_level = opts.area.level();
    let highlight_level = opts.highlight.as_ref().map(|h| h.level());
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            store.ensure_index(area_level);
            if let Some(l) = highlight_level {
                store.ensure_index(l);
            }
            if level == Level::Buurt {
                store.ensure_index(Level::Wijk);
            }
        }
    });

    let indicator = Memo::new(move |_| ctx.indicator_at(&store, level));
    let year = Memo::new(move |_| {
        indicator.with(|i| i.as_ref().and_then(|i| i.at(level)).map(|l| l.year))
    });
    let area_name = {
        let shown = shown.clone();
        Memo::new(move |_| store.name(&shown))
    };
    // A buurt embed is titled after the buurt and its gemeente.
    let buurt_names = {
        let area = opts.area.clone();
        Memo::new(move |_| {
            (area.level() == Level::Buurt)
                .then(|| store.name(&area).map(|b| (b, store.name(&area.gemeente()))))
                .flatten()
        })
    };
    let missing = {
        let area = opts.area.clone();
        Memo::new(move |_| {
            store
                .level(area.level())
                .rows
                .is_some_and(|r| !r.contains_key(area.as_str()))
        })
    };
    // A `markeer` that names no area gets a note, not silence.
    let unknown_highlight = {
        let h = opts.highlight.clone();
        Memo::new(move |_| {
            let h = h.as_ref()?;
            store
                .level(h.level())
                .rows
                .is_some_and(|r| !r.contains_key(h.as_str()))
                .then(|| {
                    Notice::BadParam {
                        key: "markeer".into(),
                        value: h.to_string(),
                    }
                    .message(lang)
                })
        })
    };
    let view_mode = opts.mode;
    let title = move || {
        if view_mode != ViewMode::Standard {
            let area = area_name.get().unwrap_or_default();
            return format!("{} – {area}", view_mode.label(lang));
        }
        let label = indicator
            .with(|i| i.as_ref().map(|i| lang.text(&i.label).to_string()))
            .unwrap_or_default();
        if let Some((buurt, gemeente)) = buurt_names.get() {
            return area_title(lang, &label, &buurt, gemeente.as_deref(), year.get());
        }
        map_title(lang, &label, level, area_name.get().as_deref(), year.get())
    };
    let source = move || {
        if let Some(s) = view_mode.source() {
            return source_line(lang, s, None);
        }
        indicator.with(|i| {
            source_line(
                lang,
                i.as_ref().map(|i| i.source.as_str()).unwrap_or("CBS"),
                year.get(),
            )
        })
    };
    let asked_year = opts.year;
    let note = move || match (asked_year, year.get()) {
        (Some(a), Some(s)) if a != s => Some(year_note(lang, a, s)),
        _ => None,
    };
    // The map in words: the indicator's classes, or in a view mode the view's own classes.
    let alt = {
        let o = opts.clone();
        Memo::new(move |_| {
            if o.mode == ViewMode::Standard {
                return alt_for(&store, &o);
            }
            let c = ctx.colouring.get().filter(|c| c.complete)?;
            let index = store.level(c.level).index?;
            let prefix = o.focus_prefix();
            let shown = o.shown_area();
            let name = store.name(&shown).unwrap_or_else(|| shown.to_string());
            let rows = index
                .codes
                .iter()
                .enumerate()
                .filter(|(_, code)| crate::carto::shapes::within(code, Some(prefix)))
                .map(|(row, _)| row);
            Some(c.alt_text(&name, rows, o.lang))
        })
    };

    // The only message accepted: the theme switch, from the parent window.
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        if !from_parent(&ev) {
            return;
        }
        let Some(text) = web::message_text(&ev.data()).filter(|t| t.len() <= MAX_INCOMING) else {
            return;
        };
        if let Some(m) = parse_theme(&text) {
            mode.set(m);
        }
    });
    on_cleanup(move || listener.remove());

    let root: NodeRef<html::Div> = NodeRef::new();
    let hint = RwSignal::new(false);
    let interactive = opts.interactive;
    {
        // Height messages whenever the content's height changes (ResizeObserver fires at once too).
        let id = opts.message_id();
        let pym = opts.pym_id.clone();
        let last = Rc::new(Cell::new(0u32));
        let observer = StoredValue::new_local(None::<web::ResizeObserver>);
        Effect::new(move |_| {
            let Some(el) = root.get() else { return };
            if observer.with_value(|o| o.is_some()) || !web::in_frame() {
                return;
            }
            let (id, pym, last, el2) = (id.clone(), pym.clone(), last.clone(), el.clone());
            let send = move || {
                let h = el2.get_bounding_client_rect().height().ceil().max(0.0) as u32;
                if h > 0 && h != last.get() {
                    last.set(h);
                    post_height(&id, pym.as_deref(), h);
                }
            };
            send();
            observer.set_value(web::observe_size(&el, send));
            // Ctrl/⌘ + wheel zooms the map; a plain wheel scrolls the host page. This listener
            // never cancels the event (the map's own wheel handler does, for the zoom), so it is
            // passive: the browser need not wait for it before scrolling.
            if interactive {
                let cb = Closure::<dyn FnMut(web_sys::WheelEvent)>::new(
                    move |ev: web_sys::WheelEvent| {
                        if !ev.ctrl_key() && !ev.meta_key() {
                            ev.stop_propagation();
                            hint.set(true);
                            set_timeout(move || hint.set(false), Duration::from_millis(1500));
                        }
                    },
                );
                let options = web_sys::AddEventListenerOptions::new();
                options.set_capture(true);
                options.set_passive(true);
                let _ = el.add_event_listener_with_callback_and_add_event_listener_options(
                    "wheel",
                    cb.as_ref().unchecked_ref(),
                    &options,
                );
                cb.forget();
            }
        });
        on_cleanup(move || {
            observer.with_value(|o| {
                if let Some(o) = o {
                    o.stop();
                }
            })
        });
    }
    // Events for the host page's code: "ready" once the map is first drawn, "select" when a
    // reader chooses an area (click, tap or Enter).
    let id = opts.message_id();
    {
        let id = id.clone();
        let sent = Cell::new(false);
        Effect::new(move |_| {
            if ctx.ready.get() && !sent.replace(true) && web::in_frame() {
                web::post_to_parent(&web::json_value(&ready_message(&id).to_string()));
            }
        });
    }
    let panel = opts.panel;
    let on_select = Callback::new(move |(level, code): (Level, String)| {
        if web::in_frame() {
            let name = AreaCode::parse(&code)
                .ok()
                .and_then(|c| untrack(|| store.name(&c)))
                .unwrap_or_else(|| code.clone());
            let message = select_message(&id, &code, &name, level);
            web::post_to_parent(&web::json_value(&message.to_string()));
        }
        if panel {
            selected.set(AreaCode::parse(&code).ok());
            panel_open.set(true);
        }
    });
    let highlight = opts.effective_highlight();
    let on_close = Callback::new(move |_| {
        panel_open.set(false);
        selected.set(highlight.clone());
    });
    let full_url = absolute(&web::base_url(), &opts.full_view_url());
    let wheel_hint = lang.pick(
        "Gebruik Ctrl (of ⌘) + scrollen om te zoomen",
        "Use Ctrl (or ⌘) + scroll to zoom",
    );
    let notices: Vec<String> = notices.iter().map(|n| n.message(lang)).collect();

    view! {
        <div class="embed" node_ref=root lang=lang.code()
            class:embed-dark=move || ctx.dark.get() class:embed-light=move || !ctx.dark.get()
            class:embed-static=!interactive data-focus=opts.area.to_string()>
            <header class="embed-head">
                <h1 class="embed-title">{title}</h1>
                <p class="embed-note">{note}</p>
                {(!notices.is_empty()).then(|| view! { <p class="embed-note">{notices.join(" ")}</p> })}
                <p class="embed-note">{move || unknown_highlight.get()}</p>
                <Show when=move || missing.get()>
                    <p class="embed-note" role="alert">{Notice::BadArea(shown.to_string()).message(lang)}</p>
                </Show>
            </header>
            <div class="embed-map">
                <MapView map=map on_select=on_select interactive=interactive
                    description=Description { id: "embed-alt", text: Signal::derive(move || alt.get().unwrap_or_default()) } />
                {interactive.then(|| view! { <Tooltip /> <ZoomButtons map=map /> })}
                // An area that does not exist has nothing to load: no "laden…" for ever.
                <Show when=move || !missing.get()><LoadStatus /></Show>
                <p class="embed-hint" class:show=move || hint.get() aria-hidden="true">{wheel_hint}</p>
            </div>
            <p id="embed-alt" class="embed-alt">{move || alt.get()}</p>
            {opts.legend.then(|| view! { <Legend /> })}
            {matches!(opts.mode, crate::views::ViewMode::Trend { .. }).then(|| view! {
                <crate::components::views::EmbedTrend area=opts.area.clone() />
            })}
            {panel.then(|| view! {
                <Show when=move || panel_open.get() && selected.with(|s| s.is_some())>
                    <DetailPanel on_close=on_close />
                </Show>
            })}
            <EmbedFooter map=map source=Signal::derive(source) full_url=full_url />
        </div>
    }
}

/// Source line, "Data (CSV)", "Geodata (GeoJSON)" and the link to the full view.
#[component]
fn EmbedFooter(map: MapController, source: Signal<String>, full_url: String) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let status = RwSignal::new(String::new());
    let lang = ctx.lang();
    view! {
        <footer class="embed-foot">
            <span class="embed-source">{move || source.get()}{move || crate::components::background::background_credit(ctx).map(|c| format!(" · {c}"))}</span>
            <span class="embed-links">
                <button type="button" class="embed-data" on:click=move |_| export(ExportKind::Csv, ctx, store, map, status, true)
                    title=lang.pick("Download de data van deze kaart (CSV)", "Download the data of this map (CSV)")>
                    {lang.pick("Data (CSV)", "Data (CSV)")}
                </button>
                <button type="button" class="embed-data embed-geojson" on:click=move |_| export(ExportKind::GeoJson, ctx, store, map, status, true)
                    title=lang.pick("Download de gebieden van deze kaart met hun cijfers (GeoJSON)", "Download the areas of this map with their figures (GeoJSON)")>
                    {lang.pick("Geodata (GeoJSON)", "Geodata (GeoJSON)")}
                </button>
                <a class="embed-brand" href=full_url target="_blank" rel="noopener"
                    title=lang.pick("Open de volledige kaart op Buurtkaart", "Open the full map on Buurtkaart")>"Buurtkaart ↗"</a>
            </span>
            <span class="embed-status" role="status">{move || status.get()}</span>
        </footer>
    }
}
