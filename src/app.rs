//! The root component: router and routes.
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="topbar"><A href="/">"Buurtkaart"</A> <A href="/over">"Over"</A></header>
            <main>
                <Routes fallback=|| view! { <p>"Niet gevonden"</p> }>
                    <Route path=path!("/") view=|| view! { <div class="map" id="map">"Kaart"</div><aside class="panel">"Kies een buurt"</aside> } />
                    <Route path=path!("/over") view=|| view! { <h1>"Over Buurtkaart"</h1> } />
                </Routes>
            </main>
        </Router>
    }
}
