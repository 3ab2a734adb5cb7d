//! One route component per file.
pub mod about;
pub mod embed;
pub mod map_page;
