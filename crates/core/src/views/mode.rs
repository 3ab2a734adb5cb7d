//! The map's view modes beyond the plain indicator map (issue 10), and their URL values.
//! Pure: no leptos, no web-sys.
use super::trend::Grouping;
use crate::lang::Lang;
use buurtkaart_model::Level;

/// First and last year of the Leefbaarometer history (`van`, `tot`).
const HISTORY_FIRST: u16 = 2002;
const HISTORY_LAST: u16 = 2022;

/// First and last year of the default change view ("sinds 2012").
pub const CHANGE_FROM: u16 = 2012;
/// See [`CHANGE_FROM`].
pub const CHANGE_TO: u16 = 2022;

/// The view's URL keys (`weergave`, `van`, `tot`, `groep`) as they are read from a query;
/// shared by the map's and the embed's URL parsers.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModeParams {
    mode: ViewMode,
    from: Option<u16>,
    to: Option<u16>,
    group: Option<Grouping>,
}

impl ModeParams {
    /// Reads `key=value` if `key` is one of the view's keys: `Some(valid)`, or `None` for
    /// another key.
    pub fn take(&mut self, key: &str, value: &str) -> Option<bool> {
        Some(match key {
            "weergave" => ViewMode::from_param(value).map(|m| self.mode = m).is_some(),
            "van" => ViewMode::parse_year(value)
                .map(|y| self.from = Some(y))
                .is_some(),
            "tot" => ViewMode::parse_year(value)
                .map(|y| self.to = Some(y))
                .is_some(),
            "groep" => Grouping::from_param(value)
                .map(|g| self.group = Some(g))
                .is_some(),
            _ => return None,
        })
    }

    /// The mode read; `Err` with the mode without the years, and the years, when `van` is not
    /// before `tot`.
    ///
    /// ```
    /// use buurtkaart_core::views::mode::ModeParams;
    /// use buurtkaart_core::views::ViewMode;
    /// let mut p = ModeParams::default();
    /// assert_eq!(p.take("weergave", "verandering"), Some(true));
    /// assert_eq!(p.take("tot", "2020"), Some(true));
    /// assert_eq!(p.take("lang", "en"), None);
    /// assert_eq!(p.finish(), Ok(ViewMode::Change { from: 2012, to: 2020 }));
    /// ```
    pub fn finish(self) -> Result<ViewMode, (ViewMode, u16, u16)> {
        let mode = match (self.mode, self.group) {
            (ViewMode::Trend { from, to, .. }, Some(group)) => ViewMode::Trend { from, to, group },
            (m, _) => m,
        };
        mode.with_years(self.from, self.to)
            .map_err(|(f, t)| (mode, f, t))
    }
}

/// What the map colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ViewMode {
    /// One indicator, classed nationally (the default).
    #[default]
    Standard,
    /// Change of the Leefbaarometer score per wijk between two years of the history.
    Change {
        /// From this year.
        from: u16,
        /// To this year.
        to: u16,
    },
    /// Leefbaarometer deviation against the share of owner-occupied homes, 3×3 classes.
    Tenure,
    /// Rank of each buurt within its own gemeente (percentile).
    Relative,
    /// Liveability 2002–2022 as lines (national mean, groups, a gemeente, a wijk) beside a map
    /// of the change per wijk between two years.
    Trend {
        /// The map's change from this year.
        from: u16,
        /// To this year.
        to: u16,
        /// How the wijken are grouped into lines.
        group: Grouping,
    },
}

impl ViewMode {
    /// The `weergave` URL value; `None` for the standard map.
    pub fn param(self) -> Option<&'static str> {
        match self {
            ViewMode::Standard => None,
            ViewMode::Change { .. } => Some("verandering"),
            ViewMode::Tenure => Some("huur"),
            ViewMode::Relative => Some("relatief"),
            ViewMode::Trend { .. } => Some("trend"),
        }
    }

    /// Parses a `weergave` URL value (years default to 2012 → 2022).
    ///
    /// ```
    /// use buurtkaart_core::views::ViewMode;
    /// assert_eq!(ViewMode::from_param("huur"), Some(ViewMode::Tenure));
    /// assert_eq!(ViewMode::from_param("verandering"), Some(ViewMode::Change { from: 2012, to: 2022 }));
    /// assert_eq!(ViewMode::from_param("x"), None);
    /// ```
    pub fn from_param(s: &str) -> Option<ViewMode> {
        match s {
            "standaard" => Some(ViewMode::Standard),
            "verandering" => Some(ViewMode::Change {
                from: CHANGE_FROM,
                to: CHANGE_TO,
            }),
            "huur" => Some(ViewMode::Tenure),
            "relatief" => Some(ViewMode::Relative),
            "trend" => Some(ViewMode::TREND),
            _ => None,
        }
    }

    /// The level this mode draws; `None` for the standard map (its level follows the URL).
    pub fn level(self) -> Option<Level> {
        match self {
            ViewMode::Standard => None,
            ViewMode::Change { .. } | ViewMode::Trend { .. } => Some(Level::Wijk),
            ViewMode::Tenure | ViewMode::Relative => Some(Level::Buurt),
        }
    }

    /// Whether the indicator picker applies (the relative view ranks by the chosen indicator).
    pub fn uses_indicator(self) -> bool {
        matches!(self, ViewMode::Standard | ViewMode::Relative)
    }

    /// The name of the mode in the picker.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ViewMode::Standard => lang.pick("Kaart per maat", "Map of one measure"),
            ViewMode::Change { .. } => lang.pick(
                "Sinds 2012: verandering per wijk",
                "Since 2012: change per district",
            ),
            ViewMode::Tenure => lang.pick(
                "Koopwoningen en leefbaarheid",
                "Home ownership and liveability",
            ),
            ViewMode::Relative => {
                lang.pick("Binnen de eigen gemeente", "Within its own municipality")
            }
            ViewMode::Trend { .. } => lang.pick(
                "Trend 2002–2022: stokte de stijging na 2012?",
                "Trend 2002–2022: did the rise stop after 2012?",
            ),
        }
    }

    /// A `van`/`tot` URL value: a year of the Leefbaarometer history (2002–2022).
    pub fn parse_year(value: &str) -> Option<u16> {
        value
            .parse::<u16>()
            .ok()
            .filter(|y| (HISTORY_FIRST..=HISTORY_LAST).contains(y) && value.len() == 4)
    }

    /// This mode with the years given in the URL (the change view only); `Err` with the years
    /// when they are not in order, and the mode unchanged.
    pub fn with_years(self, from: Option<u16>, to: Option<u16>) -> Result<ViewMode, (u16, u16)> {
        match self {
            ViewMode::Change { from: f0, to: t0 } => {
                let (f, t) = (from.unwrap_or(f0), to.unwrap_or(t0));
                if f < t {
                    Ok(ViewMode::Change { from: f, to: t })
                } else {
                    Err((f, t))
                }
            }
            ViewMode::Trend {
                from: f0,
                to: t0,
                group,
            } => {
                let (f, t) = (from.unwrap_or(f0), to.unwrap_or(t0));
                if f < t {
                    Ok(ViewMode::Trend {
                        from: f,
                        to: t,
                        group,
                    })
                } else {
                    Err((f, t))
                }
            }
            other => Ok(other),
        }
    }

    /// The URL query pairs of this mode (`weergave=…`, and `van`/`tot` when not the default).
    ///
    /// ```
    /// use buurtkaart_core::views::ViewMode;
    /// assert_eq!(ViewMode::Change { from: 2002, to: 2022 }.query(), ["weergave=verandering", "van=2002"]);
    /// assert!(ViewMode::Standard.query().is_empty());
    /// ```
    pub fn query(self) -> Vec<String> {
        let mut q: Vec<String> = self
            .param()
            .map(|m| format!("weergave={m}"))
            .into_iter()
            .collect();
        if let ViewMode::Change { from, to } | ViewMode::Trend { from, to, .. } = self {
            if from != CHANGE_FROM {
                q.push(format!("van={from}"));
            }
            if to != CHANGE_TO {
                q.push(format!("tot={to}"));
            }
        }
        if let ViewMode::Trend { group, .. } = self {
            if group != Grouping::default() {
                q.push(format!("groep={}", group.param()));
            }
        }
        q
    }

    /// The sources of a mode's figures, for source lines; `None` for the standard map (its
    /// indicator names its source).
    pub fn source(self) -> Option<&'static str> {
        match self {
            ViewMode::Standard => None,
            ViewMode::Change { .. } => Some("Leefbaarometer 3.0, meting 2022 – BZK"),
            ViewMode::Tenure => {
                Some("Leefbaarometer 3.0 – BZK (2024), CBS Kerncijfers wijken en buurten 2024")
            }
            ViewMode::Relative => Some("Leefbaarometer 3.0 – BZK, CBS (2024)"),
            ViewMode::Trend { .. } => Some(
                "Leefbaarometer 3.0, meting 2022 – BZK; CBS Kerncijfers wijken en buurten 2024",
            ),
        }
    }

    /// The trend view with its defaults: the map shows the change 2012 → 2022, lines by class
    /// in 2012.
    pub const TREND: ViewMode = ViewMode::Trend {
        from: CHANGE_FROM,
        to: CHANGE_TO,
        group: Grouping::Class2012,
    };

    /// Every mode, in picker order (the change mode with its default years).
    pub const ALL: [ViewMode; 5] = [
        ViewMode::Standard,
        ViewMode::Change {
            from: CHANGE_FROM,
            to: CHANGE_TO,
        },
        ViewMode::Tenure,
        ViewMode::Relative,
        ViewMode::TREND,
    ];
}
