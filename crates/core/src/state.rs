//! View state ↔ URL. The URL is the single source of truth for what the map shows, so a shared
//! link reproduces the view. Pure: no leptos, no web-sys.
use crate::lang::Lang;
use crate::scale::Palette;
use crate::views::mode::ModeParams;
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};

/// The default indicator: the Leefbaarometer class (total score).
pub const DEFAULT_INDICATOR: &str = "lbm_klasse";

/// Which level the map draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LevelMode {
    /// Chosen by zoom: gemeenten far out, wijken in between, buurten close in.
    Auto,
    /// Always this level.
    Fixed(Level),
    /// Buurten (the default national view).
    #[default]
    DefaultBuurt,
}

impl LevelMode {
    /// The URL value (`auto`, `gemeente`, `wijk`, `buurt`).
    pub fn param(self) -> &'static str {
        match self {
            LevelMode::Auto => "auto",
            LevelMode::Fixed(l) => l.id(),
            LevelMode::DefaultBuurt => "buurt",
        }
    }

    /// The level to draw at `scale` CSS px per km.
    pub fn level_at(self, scale: f64) -> Level {
        match self {
            LevelMode::Fixed(l) => l,
            LevelMode::DefaultBuurt => Level::Buurt,
            LevelMode::Auto if scale < 4.0 => Level::Gemeente,
            LevelMode::Auto if scale < 25.0 => Level::Wijk,
            LevelMode::Auto => Level::Buurt,
        }
    }
}

/// Everything the URL says about the view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    /// Level mode (`niveau`).
    pub level: LevelMode,
    /// Indicator id (`indicator`); `None` means the default (Leefbaarometer class).
    pub indicator: Option<String>,
    /// Selected area (path `/buurt/BU…`, `/wijk/WK…`, `/gemeente/GM…`).
    pub selected: Option<AreaCode>,
    /// Language (`lang`).
    pub lang: Lang,
    /// Palette (`palet`).
    pub palette: Palette,
    /// Area pinned for comparison (`vergelijk`).
    pub compare: Option<AreaCode>,
    /// View mode (`weergave`, with `van` and `tot` for the change view).
    pub mode: ViewMode,
    /// Place names switched off (`namen=0`; names are on by default).
    pub hide_names: bool,
    /// Background map switched off (`achtergrond=0`; on by default where a tile service is
    /// configured and reachable).
    pub hide_background: bool,
    /// The gemeente the views' lists and lines are limited to (`gemeente=GM0344`, or
    /// `gemeente=nl` for all of the Netherlands): `None` when the URL does not say, and the
    /// views then start at the selected area's gemeente.
    pub gemeente: Option<Option<AreaCode>>,
}

/// Something in the URL that could not be used; the view falls back to a sane default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The path names an area that is not a valid code of that level.
    BadArea(String),
    /// An unknown path.
    UnknownPath(String),
    /// A query value that was ignored.
    BadParam {
        /// Query key.
        key: String,
        /// The value given (shortened).
        value: String,
    },
}

impl Notice {
    /// A short message for the reader.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Notice::BadArea(s) => match lang {
                Lang::Nl => format!("Gebied “{}” niet gevonden.", isolate(s)),
                Lang::En => format!("Area “{}” not found.", isolate(s)),
            },
            Notice::UnknownPath(s) => match lang {
                Lang::Nl => format!("Pagina “{}” bestaat niet; u ziet de kaart.", isolate(s)),
                Lang::En => format!("Page “{}” does not exist; showing the map.", isolate(s)),
            },
            Notice::BadParam { key, value } => match lang {
                Lang::Nl => format!(
                    "Onbekende waarde “{}” voor {} genegeerd.",
                    isolate(value),
                    isolate(key)
                ),
                Lang::En => format!(
                    "Ignored unknown value “{}” for {}.",
                    isolate(value),
                    isolate(key)
                ),
            },
        }
    }
}

/// Whether `c` steers the direction of the text around it (embeddings, overrides, isolates,
/// marks): taken out of untrusted text, so that a URL value cannot reverse the app's sentence.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Wraps untrusted text in a first-strong isolate (U+2068 … U+2069), as `<bdi>` does: text in a
/// right-to-left script then stays inside its quotes and leaves the sentence around it alone.
pub fn isolate(s: &str) -> String {
    format!("\u{2068}{s}\u{2069}")
}

/// Shortens untrusted text for display in a notice (control and bidi characters removed).
pub(crate) fn short(s: &str) -> String {
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .take(40)
        .collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Whether `s` can be an indicator id (`indicator=`): 1–40 ASCII letters, digits or `_`. Whether
/// the manifest knows it is checked once it is loaded.
pub(crate) fn valid_indicator(s: &str) -> bool {
    !s.is_empty() && s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The view mode read by `params`; years out of order become a notice and the mode's default
/// years. Shared by the map's and the embed's URL parsers.
pub(crate) fn finish_mode(params: ModeParams, notices: &mut Vec<Notice>) -> ViewMode {
    match params.finish() {
        Ok(m) => m,
        Err((m, f, t)) => {
            notices.push(Notice::BadParam {
                key: "van/tot".into(),
                value: format!("{f}/{t}"),
            });
            m
        }
    }
}

impl ViewState {
    /// The level this view draws at `scale` (CSS px per km): the view mode's own, else the
    /// URL's level (by zoom for "auto").
    ///
    /// ```
    /// use buurtkaart_core::state::{LevelMode, ViewState};
    /// use buurtkaart_core::views::ViewMode;
    /// use buurtkaart_model::Level;
    /// let mut v = ViewState { level: LevelMode::Auto, ..ViewState::default() };
    /// assert_eq!(v.drawn_level(1.0), Level::Gemeente);
    /// assert_eq!(v.drawn_level(100.0), Level::Buurt);
    /// v.mode = ViewMode::Tenure;
    /// assert_eq!(v.drawn_level(1.0), Level::Buurt);
    /// ```
    pub fn drawn_level(&self, scale: f64) -> Level {
        if let Some(level) = self.mode.level() {
            return level;
        }
        match self.level {
            LevelMode::Auto => LevelMode::Auto.level_at(scale),
            other => other.level_at(0.0),
        }
    }

    /// Reads the view from a decoded path and query pairs. Never fails: what cannot be used
    /// becomes a [`Notice`] and the default.
    ///
    /// ```
    /// use buurtkaart_core::state::ViewState;
    /// let (v, notices) = ViewState::from_url("/buurt/BU0363AF08", &[("lang".into(), "en".into())]);
    /// assert!(notices.is_empty());
    /// assert_eq!(v.selected.as_ref().map(|c| c.as_str()), Some("BU0363AF08"));
    /// assert_eq!(v.to_url(), "/buurt/BU0363AF08?lang=en");
    /// ```
    pub fn from_url(path: &str, query: &[(String, String)]) -> (ViewState, Vec<Notice>) {
        let mut v = ViewState::default();
        let mut notices = Vec::new();
        let mut mode = ModeParams::default();
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segs.as_slice() {
            [] => {}
            [level, code] if level.parse::<Level>().is_ok() => {
                let level: Level = level.parse().unwrap_or(Level::Buurt);
                match AreaCode::parse(code) {
                    Ok(c) if c.level() == level => v.selected = Some(c),
                    _ => notices.push(Notice::BadArea(short(code))),
                }
            }
            _ => notices.push(Notice::UnknownPath(short(path))),
        }
        for (key, value) in query {
            let ok = match key.as_str() {
                "indicator" => valid_indicator(value)
                    .then(|| v.indicator = Some(value.clone()))
                    .is_some(),
                "niveau" => match value.as_str() {
                    "auto" => {
                        v.level = LevelMode::Auto;
                        true
                    }
                    other => match other.parse::<Level>() {
                        Ok(Level::Buurt) => {
                            v.level = LevelMode::DefaultBuurt;
                            true
                        }
                        Ok(l) => {
                            v.level = LevelMode::Fixed(l);
                            true
                        }
                        Err(()) => false,
                    },
                },
                "lang" => Lang::from_param(value).map(|l| v.lang = l).is_some(),
                "palet" => Palette::from_param(value).map(|p| v.palette = p).is_some(),
                "vergelijk" => AreaCode::parse(value).map(|c| v.compare = Some(c)).is_ok(),
                "gemeente" if value == "nl" => {
                    v.gemeente = Some(None);
                    true
                }
                "gemeente" => match AreaCode::parse(value) {
                    Ok(c) if c.level() == Level::Gemeente => {
                        v.gemeente = Some(Some(c));
                        true
                    }
                    _ => false,
                },
                "namen" => match value.as_str() {
                    "0" => {
                        v.hide_names = true;
                        true
                    }
                    "1" => {
                        v.hide_names = false;
                        true
                    }
                    _ => false,
                },
                "achtergrond" => match value.as_str() {
                    "0" => {
                        v.hide_background = true;
                        true
                    }
                    "1" => {
                        v.hide_background = false;
                        true
                    }
                    _ => false,
                },
                "weergave" | "van" | "tot" | "groep" => mode.take(key, value).unwrap_or(true),
                // Keys of other features are left to them.
                _ => true,
            };
            if !ok {
                notices.push(Notice::BadParam {
                    key: short(key),
                    value: short(value),
                });
            }
        }
        v.mode = finish_mode(mode, &mut notices);
        (v, notices)
    }

    /// The path (with the selection) and query (only non-default values).
    pub fn to_url(&self) -> String {
        let mut path = match &self.selected {
            Some(c) => format!("/{}/{}", c.level().id(), c.as_str()),
            None => "/".to_string(),
        };
        let query = self.query();
        if !query.is_empty() {
            path.push('?');
            path.push_str(&query);
        }
        path
    }

    /// The query string without `?` (only non-default values).
    pub fn query(&self) -> String {
        let mut q: Vec<String> = Vec::new();
        if let Some(i) = &self.indicator {
            q.push(format!("indicator={i}"));
        }
        if self.level != LevelMode::DefaultBuurt {
            q.push(format!("niveau={}", self.level.param()));
        }
        if self.lang != Lang::Nl {
            q.push(format!("lang={}", self.lang.code()));
        }
        if self.palette != Palette::Standard {
            q.push(format!("palet={}", self.palette.param()));
        }
        if let Some(c) = &self.compare {
            q.push(format!("vergelijk={c}"));
        }
        q.extend(self.mode.query());
        if self.hide_names {
            q.push("namen=0".to_string());
        }
        if self.hide_background {
            q.push("achtergrond=0".to_string());
        }
        match &self.gemeente {
            Some(Some(g)) => q.push(format!("gemeente={g}")),
            Some(None) => q.push("gemeente=nl".to_string()),
            None => {}
        }
        q.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_views_gemeente_filter_round_trips() {
        let q = |v: &str| vec![("gemeente".to_string(), v.to_string())];
        let (v, n) = ViewState::from_url("/", &q("GM0344"));
        assert!(n.is_empty());
        assert_eq!(v.gemeente, Some(Some(AreaCode::parse("GM0344").unwrap())));
        assert_eq!(v.to_url(), "/?gemeente=GM0344");
        let (v, _) = ViewState::from_url("/", &q("nl"));
        assert_eq!(v.gemeente, Some(None));
        assert_eq!(v.to_url(), "/?gemeente=nl");
        // A wijk is not a gemeente: ignored with a notice.
        let (v, n) = ViewState::from_url("/", &q("WK034401"));
        assert_eq!((v.gemeente, n.len()), (None, 1));
    }

    #[test]
    fn names_switch_off_with_namen_0_and_round_trip() {
        let q = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
        let (v, n) = ViewState::from_url("/", &q("namen", "0"));
        assert!(v.hide_names && n.is_empty());
        assert_eq!(v.to_url(), "/?namen=0");
        assert_eq!(ViewState::from_url(&v.to_url(), &q("namen", "0")).0, v);
        let (v, _) = ViewState::from_url("/", &q("namen", "1"));
        assert!(!v.hide_names);
        assert_eq!(v.to_url(), "/");
        let (v, n) = ViewState::from_url("/", &q("achtergrond", "0"));
        assert!(v.hide_background && n.is_empty());
        assert_eq!(v.to_url(), "/?achtergrond=0");
        assert_eq!(
            ViewState::from_url(&v.to_url(), &q("achtergrond", "0")).0,
            v
        );
        assert!(ViewState::from_url("/", &q("achtergrond", "nee")).1.len() == 1);
        let (_, n) = ViewState::from_url("/", &q("namen", "ja"));
        assert_eq!(n.len(), 1);
    }

    #[test]
    fn untrusted_text_cannot_turn_the_sentence_around() {
        // An RTL override in a URL value is taken out, and what remains is isolated.
        let value = short("\u{202E}txt.exe\u{202C}");
        assert_eq!(value, "txt.exe");
        let msg = Notice::BadParam {
            key: "niveau".into(),
            value,
        }
        .message(Lang::Nl);
        assert_eq!(
            msg,
            "Onbekende waarde “\u{2068}txt.exe\u{2069}” voor \u{2068}niveau\u{2069} genegeerd."
        );
        // Every direction control is removed; ordinary Arabic and Hebrew letters stay.
        for c in [
            '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202D}', '\u{2066}', '\u{2069}',
        ] {
            assert_eq!(short(&format!("a{c}b")), "ab", "{:?}", c);
        }
        assert_eq!(short("شارع שלום"), "شارع שלום");
    }

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn round_trip() {
        let cases = [
            "/",
            "/gemeente/GM0344",
            "/wijk/WK036300?indicator=lbm_afw&niveau=wijk",
            "/buurt/BU0363AF08?indicator=woz&niveau=auto&lang=en&palet=alt",
            "/buurt/BU0363FK05?vergelijk=WK0363FK",
            "/?vergelijk=GM0344",
            "/?weergave=verandering",
            "/wijk/WK036300?weergave=verandering&van=2002&tot=2014",
            "/buurt/BU0363AF08?weergave=huur",
            "/?indicator=woz&weergave=relatief",
            "/?weergave=trend",
            "/wijk/WK034401?weergave=trend&van=2002&tot=2012&groep=koop",
            "/?weergave=trend&groep=stedelijk",
        ];
        for url in cases {
            let (path, query) = url.split_once('?').unwrap_or((url, ""));
            let pairs: Vec<(String, String)> = query
                .split('&')
                .filter(|s| !s.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap();
                    (k.to_string(), v.to_string())
                })
                .collect();
            let (v, n) = ViewState::from_url(path, &pairs);
            assert!(n.is_empty(), "{url}: {n:?}");
            assert_eq!(v.to_url(), url);
        }
    }

    #[test]
    fn bad_links_give_notices_and_defaults() {
        let (v, n) = ViewState::from_url("/buurt/GM0344", &[]);
        assert_eq!(v.selected, None);
        assert_eq!(n, vec![Notice::BadArea("GM0344".into())]);

        let (v, n) = ViewState::from_url("/buurt/<script>alert(1)</script>", &[]);
        assert_eq!(v, ViewState::default());
        assert_eq!(n.len(), 1);

        let (v, n) = ViewState::from_url(
            "/x/y/z",
            &q(&[
                ("niveau", "straat"),
                ("lang", "fr"),
                ("indicator", "a b"),
                ("vergelijk", "BU12"),
            ]),
        );
        assert_eq!(v, ViewState::default());
        assert_eq!(n.len(), 5);
    }

    #[test]
    fn bad_view_years_keep_the_default() {
        let (v, n) = ViewState::from_url(
            "/",
            &q(&[
                ("weergave", "verandering"),
                ("van", "2022"),
                ("tot", "2012"),
            ]),
        );
        assert_eq!(
            v.mode,
            ViewMode::Change {
                from: 2012,
                to: 2022
            }
        );
        assert_eq!(n.len(), 1);
        let (v, n) = ViewState::from_url("/", &q(&[("weergave", "x"), ("van", "1850")]));
        assert_eq!(v.mode, ViewMode::Standard);
        assert_eq!(n.len(), 2);
    }

    #[test]
    fn long_junk_is_shortened() {
        let junk = "x".repeat(5000);
        let (_, n) = ViewState::from_url(&format!("/buurt/{junk}"), &[]);
        let msg = n[0].message(Lang::Nl);
        assert!(msg.chars().count() < 80, "{msg}");
    }

    #[test]
    fn auto_level_by_zoom() {
        assert_eq!(LevelMode::Auto.level_at(1.0), Level::Gemeente);
        assert_eq!(LevelMode::Auto.level_at(10.0), Level::Wijk);
        assert_eq!(LevelMode::Auto.level_at(100.0), Level::Buurt);
        assert_eq!(LevelMode::DefaultBuurt.level_at(1.0), Level::Buurt);
    }
}
