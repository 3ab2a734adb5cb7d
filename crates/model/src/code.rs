use crate::{FormatError, Level};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A CBS area code such as `GM0363`, `WK0363KA` or `BU0363AF08`.
///
/// Codes are strings: since 2023 many contain letters. The gemeente of a wijk or buurt is
/// `GM` + characters 3–6 of its code, the wijk of a buurt `WK` + characters 3–8.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AreaCode(String);

impl AreaCode {
    /// Checks and wraps a code: prefix `GM`/`WK`/`BU`, then 4/6/8 ASCII letters or digits.
    ///
    /// ```
    /// use buurtkaart_model::{AreaCode, Level};
    /// let c = AreaCode::parse("BU0363AF08").unwrap();
    /// assert_eq!(c.level(), Level::Buurt);
    /// assert_eq!(c.wijk().unwrap().as_str(), "WK0363AF");
    /// assert_eq!(c.gemeente().as_str(), "GM0363");
    /// assert!(AreaCode::parse("BU12").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, FormatError> {
        let upper = s.trim().to_ascii_uppercase();
        let s = upper.as_str();
        let level = match s.get(..2) {
            Some("GM") => Level::Gemeente,
            Some("WK") => Level::Wijk,
            Some("BU") => Level::Buurt,
            _ => return Err(FormatError::BadCode(s.to_string())),
        };
        let body_len = match level {
            Level::Gemeente => 4,
            Level::Wijk => 6,
            Level::Buurt => 8,
        };
        let body = &s[2..];
        if body.len() != body_len || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(FormatError::BadCode(s.to_string()));
        }
        Ok(AreaCode(upper.clone()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The level this code belongs to (from its prefix).
    pub fn level(&self) -> Level {
        match &self.0[..2] {
            "GM" => Level::Gemeente,
            "WK" => Level::Wijk,
            _ => Level::Buurt,
        }
    }

    /// The gemeente this area lies in (itself for a gemeente).
    pub fn gemeente(&self) -> AreaCode {
        AreaCode(format!("GM{}", &self.0[2..6]))
    }

    /// The wijk of a buurt (itself for a wijk, `None` for a gemeente).
    pub fn wijk(&self) -> Option<AreaCode> {
        match self.level() {
            Level::Gemeente => None,
            _ => Some(AreaCode(format!("WK{}", &self.0[2..8]))),
        }
    }

    /// The direct parent: wijk for a buurt, gemeente for a wijk.
    pub fn parent(&self) -> Option<AreaCode> {
        match self.level() {
            Level::Gemeente => None,
            Level::Wijk => Some(self.gemeente()),
            Level::Buurt => self.wijk(),
        }
    }
}

impl TryFrom<String> for AreaCode {
    type Error = FormatError;
    fn try_from(s: String) -> Result<Self, FormatError> {
        AreaCode::parse(&s)
    }
}

impl From<AreaCode> for String {
    fn from(c: AreaCode) -> String {
        c.0
    }
}

impl fmt::Display for AreaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_and_letter_codes() {
        let b = AreaCode::parse("BU03630000").unwrap();
        assert_eq!(b.wijk().unwrap().as_str(), "WK036300");
        assert_eq!(b.parent().unwrap().as_str(), "WK036300");
        let w = AreaCode::parse("WK0363KA").unwrap();
        assert_eq!(w.parent().unwrap().as_str(), "GM0363");
        assert_eq!(AreaCode::parse("gm0344").unwrap().as_str(), "GM0344");
    }

    #[test]
    fn rejects_junk() {
        for bad in [
            "",
            "GM",
            "GM034",
            "XX0344",
            "BU0363AF0",
            "BU0363AF0<",
            "WK0363K\u{e9}",
        ] {
            assert!(AreaCode::parse(bad).is_err(), "{bad:?}");
        }
    }
}
