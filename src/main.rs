//! Browser entry point: mounts the app.
fn main() {
    buurtkaart::start();
}
