//! Finding areas by name or postcode. Pure: no leptos, no web-sys, so `cargo test` covers it.
//!
//! The index is built once from the three `*.areas.json` files (~18,000 names) and answers
//! a query by scanning folded names, which takes a few milliseconds even in the browser.
//!
//! # Caveats
//! * A buurt's postcode is the *most common* 4-digit postcode of its addresses (CBS), so a
//!   postcode can belong to several buurten and a buurt can have addresses in other postcodes.

pub mod aliases;
pub mod fold;
pub mod geocoder;
pub mod index;
pub mod normalize;

pub use index::{Entry, Hit, IndexBuilder, SearchIndex};
pub use normalize::normalize;
