//! The root component: data store, router and routes.
use crate::data::DataStore;
use crate::routes::about::AboutPage;
use crate::routes::embed::EmbedPage;
use crate::routes::map_page::MapPage;
use crate::theme::Theme;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;
use leptos_router::NavigateOptions;

/// The path of `<base href>` without a trailing slash ("" at the root), so the app can live
/// under a sub-path.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base
        .split("://")
        .nth(1)
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()))
        .unwrap_or_else(|| "/".to_string());
    path.trim_end_matches('/').to_string()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let store = DataStore::new();
    provide_context(store);
    crate::theme::provide_theme();
    store.load_manifest();
    crate::services::ServiceState::provide();
    view! {
        <Router base=router_base()>
            <HeaderUnlessEmbed />
            <main id="main">
                <Routes fallback=MapPage>
                    <Route path=path!("/over") view=AboutPage />
                    <Route path=path!("/embed/:level/:code") view=EmbedPage />
                    <ParentRoute path=path!("") view=MapPage>
                        <Route path=path!("") view=|| () />
                        <Route path=path!("/:level/:code") view=|| () />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

/// The header, except on embeds (which show only their own minimal chrome).
#[component]
fn HeaderUnlessEmbed() -> impl IntoView {
    let location = use_location();
    let base = router_base();
    let embed = Memo::new(move |_| {
        location.pathname.with(|p| {
            p.strip_prefix(base.as_str())
                .unwrap_or(p)
                .starts_with("/embed/")
        })
    });
    view! { <Show when=move || !embed.get()><Header /></Show> }
}

/// The skip link puts the keyboard focus on the map itself (the `#map` anchor alone would only
/// move the point where the next Tab starts); without a map it follows its `href`.
fn skip_to_map(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let map = document()
        .query_selector(".map-canvas")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(map) = map {
        ev.prevent_default();
        let _ = map.focus();
    }
}

#[component]
fn Header() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let theme = expect_context::<Theme>();
    let en = Memo::new(move |_| location.query.with(|q| q.get("lang")).as_deref() == Some("en"));
    // Keep <html lang> in step with the UI language.
    Effect::new(move |_| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", if en.get() { "en" } else { "nl" });
        }
    });
    let switch_lang = move |_| {
        let path = location.pathname.get_untracked();
        let mut q = location.query.get_untracked();
        if en.get_untracked() {
            q.remove("lang");
        } else {
            q.replace("lang", "en".to_string());
        }
        let qs = q.to_query_string();
        navigate(&format!("{path}{qs}"), NavigateOptions::default());
    };
    let pick = move |nl: &'static str, en_text: &'static str| if en.get() { en_text } else { nl };
    view! {
        <header class="topbar">
            <a class="skip-link" href="#map" on:click=skip_to_map>{move || pick("Naar de kaart", "Skip to map")}</a>
            <A href="/" attr:class="brand">"Buurtkaart"</A>
            <span class="tagline">{move || pick("Leefbaarheid per buurt", "Liveability per neighbourhood")}</span>
            <nav class="topnav" aria-label=move || pick("Hoofdmenu", "Main menu")>
                <button type="button" class="lang-switch" on:click=switch_lang
                    lang=move || if en.get() { "nl" } else { "en" }>
                    {move || pick("English", "Nederlands")}
                </button>
                <button type="button" class="theme-toggle" aria-pressed=move || theme.dark().to_string()
                    title=move || pick("Donkere weergave aan/uit", "Dark mode on/off")
                    on:click=move |_| theme.toggle()>
                    <span aria-hidden="true">{move || if theme.dark() { "☀" } else { "☾" }}</span>
                    <span class="visually-hidden">{move || pick("Donkere weergave", "Dark mode")}</span>
                </button>
                <A href=move || if en.get() { "/over?lang=en".to_string() } else { "/over".to_string() }>{move || pick("Over", "About")}</A>
            </nav>
        </header>
    }
}
