use crate::Text;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An administrative level of the CBS division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Municipality (`GM` code).
    Gemeente,
    /// District (`WK` code).
    Wijk,
    /// Neighbourhood (`BU` code).
    Buurt,
}

impl Level {
    /// All levels from coarse to fine.
    pub const ALL: [Level; 3] = [Level::Gemeente, Level::Wijk, Level::Buurt];

    /// The identifier used in file names and URLs.
    pub fn id(self) -> &'static str {
        match self {
            Level::Gemeente => "gemeente",
            Level::Wijk => "wijk",
            Level::Buurt => "buurt",
        }
    }

    /// The two-letter prefix of this level's CBS codes.
    pub fn prefix(self) -> &'static str {
        match self {
            Level::Gemeente => "GM",
            Level::Wijk => "WK",
            Level::Buurt => "BU",
        }
    }

    /// Singular name in Dutch and English.
    pub fn name(self) -> Text {
        match self {
            Level::Gemeente => Text::new("gemeente", "municipality"),
            Level::Wijk => Text::new("wijk", "district"),
            Level::Buurt => Text::new("buurt", "neighbourhood"),
        }
    }

    /// Plural name in Dutch and English.
    pub fn plural(self) -> Text {
        match self {
            Level::Gemeente => Text::new("gemeenten", "municipalities"),
            Level::Wijk => Text::new("wijken", "districts"),
            Level::Buurt => Text::new("buurten", "neighbourhoods"),
        }
    }

    /// The next coarser level, if any.
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Gemeente => None,
            Level::Wijk => Some(Level::Gemeente),
            Level::Buurt => Some(Level::Wijk),
        }
    }

    /// The next finer level, if any.
    pub fn child(self) -> Option<Level> {
        match self {
            Level::Gemeente => Some(Level::Wijk),
            Level::Wijk => Some(Level::Buurt),
            Level::Buurt => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Level {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "gemeente" => Ok(Level::Gemeente),
            "wijk" => Ok(Level::Wijk),
            "buurt" => Ok(Level::Buurt),
            _ => Err(()),
        }
    }
}
