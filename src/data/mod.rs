//! The app's data: fetching (the only network code), errors, and the loaded store.

pub mod error;
pub mod fetch;
pub mod needs;
pub mod redeploy;
pub mod store;

pub use error::DataError;
pub use store::{DataStore, LevelData, LoadState};
