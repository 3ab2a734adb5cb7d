//! The views beyond one indicator (issue 10): change since 2012 per wijk, tenure against
//! liveability (bivariate), and each buurt's rank within its gemeente. The computations here
//! are pure (tested on the host); [`colouring`] turns them into classes and colours per area.

pub mod bivariate;
pub mod change;
pub mod colouring;
pub mod mode;
pub mod rank;
pub mod trend;

pub use colouring::{Colouring, Detail};
pub use mode::ViewMode;
