//! Cartography without a browser: projection, viewport maths, area shapes and hit testing.
//!
//! Nothing here imports leptos or web-sys, so `cargo test` covers it on the host.

pub mod labels;
pub mod projection;
pub mod scale_bar;
pub mod shapes;
pub mod tiles;
pub mod viewport;

pub use projection::Projection;
pub use shapes::{AreaShapes, Shape};
pub use viewport::Viewport;
