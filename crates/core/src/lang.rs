//! The UI language.
use buurtkaart_model::Text;

/// Dutch (default) or English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// Parses a `lang` URL value: `nl` or `en`; anything else is `None` (and the caller keeps
    /// the default, Dutch).
    pub fn from_param(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code used in URLs and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// Picks the Dutch or the English string.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    /// The text of `t` in this language.
    pub fn text(self, t: &Text) -> &str {
        t.get(self.code())
    }
}
