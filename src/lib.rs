//! Buurtkaart: a Leptos single-page app that maps liveability per buurt, wijk and gemeente.

pub mod app;
pub mod carto;
pub mod format;
pub mod lang;
pub mod scale;
pub mod state;

/// Installs the panic hook and mounts the app into `#buurtkaart` if present, else `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
