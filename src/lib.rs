//! Buurtkaart: a Leptos single-page app that maps liveability per buurt, wijk and gemeente.

pub mod app;

/// Installs the panic hook and mounts the app into `#buurtkaart` if present, else `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
