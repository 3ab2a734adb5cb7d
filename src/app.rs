//! The root component: data store, router and routes.
use crate::data::DataStore;
use crate::routes::about::AboutPage;
use crate::routes::map_page::MapPage;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

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
    store.load_manifest();
    view! {
        <Router base=router_base()>
            <Header />
            <main id="main">
                <Routes fallback=MapPage>
                    <Route path=path!("/over") view=AboutPage />
                    <ParentRoute path=path!("") view=MapPage>
                        <Route path=path!("") view=|| () />
                        <Route path=path!("/:level/:code") view=|| () />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let location = use_location();
    let lang = Memo::new(move |_| {
        location.query.with(|q| q.get("lang")).as_deref() == Some("en")
    });
    view! {
        <header class="topbar">
            <a class="skip-link" href="#map">{move || if lang.get() { "Skip to map" } else { "Naar de kaart" }}</a>
            <A href="/" attr:class="brand">"Buurtkaart"</A>
            <span class="tagline">{move || if lang.get() { "Liveability per neighbourhood" } else { "Leefbaarheid per buurt" }}</span>
            <nav class="topnav">
                <A href="/over">{move || if lang.get() { "About" } else { "Over" }}</A>
            </nav>
        </header>
    }
}
