//! Embed mode, the pure parts: the options of an embed URL (parse and write back), the iframe
//! snippet for host pages, the generated text description (alt text), and the shapes of the
//! `postMessage` messages an embed sends and accepts.
//!
//! Nothing here imports leptos or web-sys, so `cargo test` covers it on the host. The browser
//! side lives in `routes/embed.rs` (the embed page) and `components/share/` (the builder).
//!
//! # Caveats
//! * An embed URL pins the indicator and the level, and (with `jaar`) the year it was made for;
//!   the data behind it may be updated later. The embed then says so instead of hiding it.
//! * Messages are only *sent* to the parent page; the only message an embed accepts is the
//!   theme switch ([`message::parse_theme`]), and only from its parent window.

pub mod alt;
pub mod message;
pub mod options;
pub mod snippet;
pub mod text;

pub use options::{DarkMode, EmbedOptions};
