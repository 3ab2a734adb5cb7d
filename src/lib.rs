//! Buurtkaart: a Leptos single-page app that maps liveability per buurt, wijk and gemeente.

pub use buurtkaart_core::{
    carto, embed, export, format, i18n, lang, scale, search, state, table, views,
};

pub mod app;
pub mod boot;
pub mod components;
pub mod context;
pub mod data;
pub mod derived;
pub mod layout;
pub mod panic;
pub mod perf;
pub mod routes;
pub mod services;
pub mod theme;
pub mod title;

/// Installs the panic hook, removes the static shell of `index.html` and mounts the app into
/// `<body>`.
pub fn start() {
    perf::mark("start");
    panic::install();
    boot::after_instant_paint(mount);
}

/// Replaces the static shell of index.html ("Kaart laden…") with the app; the map keeps the
/// shell's image of the national map until it has drawn its own.
fn mount() {
    components::map::keep_shell_image();
    if let Some(shell) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
    perf::mark("mounted");
}
