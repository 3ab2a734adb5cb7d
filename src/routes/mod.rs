//! One route component per file.
pub mod about;
pub mod map_page;
