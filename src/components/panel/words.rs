//! Plain-language sentences about scores: [`buurtkaart_core::words`], shared with the link
//! previews the pipeline writes.
pub use buurtkaart_core::words::*;
