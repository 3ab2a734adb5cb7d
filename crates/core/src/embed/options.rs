//! The options of an embed, all in its URL:
//! `/embed/{gemeente|wijk|buurt}/{code}?indicator=…&niveau=…&jaar=…&lang=…&dark=…&legend=…&interactive=…&panel=…&markeer=…&namen=…&achtergrond=…`.
//!
//! Parsing never fails on the query: what cannot be used becomes a [`Notice`] and the default.
//! Only the path (the area) is required.
use crate::lang::Lang;
use crate::scale::Palette;
use crate::state::DEFAULT_INDICATOR;
use crate::state::{finish_mode, short, valid_indicator, LevelMode, Notice, ViewState};
use crate::views::mode::ModeParams;
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};

/// How the embed picks light or dark (`dark=auto|true|false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DarkMode {
    /// Follow the reader's operating system (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always dark.
    Dark,
    /// Always light.
    Light,
}

impl DarkMode {
    /// Parses a `dark` URL value: `auto`, `true` or `false`.
    pub fn from_param(s: &str) -> Option<DarkMode> {
        match s {
            "auto" => Some(DarkMode::Auto),
            "true" => Some(DarkMode::Dark),
            "false" => Some(DarkMode::Light),
            _ => None,
        }
    }

    /// The URL value.
    pub fn param(self) -> &'static str {
        match self {
            DarkMode::Auto => "auto",
            DarkMode::Dark => "true",
            DarkMode::Light => "false",
        }
    }

    /// Whether to draw dark, given whether the reader's system prefers dark.
    pub fn is_dark(self, system_prefers_dark: bool) -> bool {
        match self {
            DarkMode::Auto => system_prefers_dark,
            DarkMode::Dark => true,
            DarkMode::Light => false,
        }
    }
}

/// Everything an embed URL says.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedOptions {
    /// The area the embed shows with its children (path `/embed/{level}/{code}`).
    pub area: AreaCode,
    /// Indicator id (`indicator`, default the Leefbaarometer class). Always written, so the link
    /// keeps showing the same measure if the app's default changes.
    pub indicator: String,
    /// The level drawn (`niveau`, default buurt).
    pub level: Level,
    /// The year the embed was made for (`jaar`); the embed notes it when the data moved on.
    pub year: Option<u16>,
    /// Language (`lang`).
    pub lang: Lang,
    /// Light or dark (`dark`).
    pub dark: DarkMode,
    /// Show the legend (`legend=0|1`, default 1).
    pub legend: bool,
    /// Hover, click and zoom (`interactive=0|1`, default 1).
    pub interactive: bool,
    /// Open the detail panel when an area is clicked (`panel=0|1`, default 0).
    pub panel: bool,
    /// Place names on the map (`namen=0|1`, default 1).
    pub names: bool,
    /// The background map where a tile service is configured (`achtergrond=0|1`, default 1).
    pub background: bool,
    /// An area outlined on the map (`markeer`); must lie within `area`.
    pub highlight: Option<AreaCode>,
    /// Palette (`palet`).
    pub palette: Palette,
    /// The id sent with height messages (`id`); see [`EmbedOptions::message_id`].
    pub id: Option<String>,
    /// The child id a Pym.js parent gives its iframe (`childId`); when set, height messages are
    /// also sent in Pym's format.
    pub pym_id: Option<String>,
    /// The view (`weergave`, `van`, `tot`): change since 2012, tenure or rank within the gemeente.
    pub mode: ViewMode,
}

/// Whether `s` is usable as a message id: 1–64 ASCII letters, digits, `-` or `_`.
fn valid_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

impl EmbedOptions {
    /// The defaults for an embed of `area`.
    pub fn new(area: AreaCode) -> Self {
        EmbedOptions {
            area,
            indicator: DEFAULT_INDICATOR.to_string(),
            level: Level::Buurt,
            year: None,
            lang: Lang::Nl,
            dark: DarkMode::Auto,
            legend: true,
            interactive: true,
            panel: false,
            names: true,
            background: true,
            highlight: None,
            palette: Palette::Standard,
            id: None,
            pym_id: None,
            mode: ViewMode::Standard,
        }
    }

    /// Reads the options from the path's level and code and the decoded query pairs.
    ///
    /// ```
    /// use buurtkaart_core::embed::EmbedOptions;
    /// let q = [("indicator".to_string(), "woz".to_string()), ("legend".into(), "0".into())];
    /// let (o, notices) = EmbedOptions::parse("gemeente", "GM0344", &q).unwrap();
    /// assert!(notices.is_empty());
    /// assert_eq!(o.indicator, "woz");
    /// assert!(!o.legend);
    /// assert_eq!(o.to_url(), "/embed/gemeente/GM0344?indicator=woz&niveau=buurt&legend=0");
    /// assert!(EmbedOptions::parse("gemeente", "BU03440101", &[]).is_err());
    /// ```
    pub fn parse(
        level: &str,
        code: &str,
        query: &[(String, String)],
    ) -> Result<(Self, Vec<Notice>), Notice> {
        let area = match (level.parse::<Level>(), AreaCode::parse(code)) {
            (Ok(l), Ok(c)) if c.level() == l => c,
            _ => return Err(Notice::BadArea(short(code))),
        };
        let mut o = EmbedOptions::new(area);
        let mut notices = Vec::new();
        let mut highlight = None;
        let mut mode = ModeParams::default();
        for (key, value) in query {
            let ok = match key.as_str() {
                "indicator" => valid_indicator(value)
                    .then(|| o.indicator = value.clone())
                    .is_some(),
                "niveau" => value.parse::<Level>().map(|l| o.level = l).is_ok(),
                "jaar" => match value.parse::<u16>() {
                    Ok(y) if (1990..=2100).contains(&y) && value.len() == 4 => {
                        o.year = Some(y);
                        true
                    }
                    _ => false,
                },
                "lang" => Lang::from_param(value).map(|l| o.lang = l).is_some(),
                "dark" => DarkMode::from_param(value).map(|d| o.dark = d).is_some(),
                "legend" => flag(value).map(|f| o.legend = f).is_some(),
                "interactive" => flag(value).map(|f| o.interactive = f).is_some(),
                "panel" => flag(value).map(|f| o.panel = f).is_some(),
                "namen" => flag(value).map(|f| o.names = f).is_some(),
                "achtergrond" => flag(value).map(|f| o.background = f).is_some(),
                "palet" => Palette::from_param(value).map(|p| o.palette = p).is_some(),
                "weergave" | "van" | "tot" | "groep" => mode.take(key, value).unwrap_or(true),
                "markeer" => match AreaCode::parse(value) {
                    Ok(c) => {
                        highlight = Some(c);
                        true
                    }
                    Err(_) => false,
                },
                "id" => valid_id(value)
                    .then(|| o.id = Some(value.clone()))
                    .is_some(),
                "childId" => valid_id(value)
                    .then(|| o.pym_id = Some(value.clone()))
                    .is_some(),
                // Pym.js adds these to the iframe URL; other keys (tracking tags, …) are ignored.
                _ => true,
            };
            if !ok {
                notices.push(Notice::BadParam {
                    key: short(key),
                    value: short(value),
                });
            }
        }
        o.mode = finish_mode(mode, &mut notices);
        if let Some(h) = highlight {
            if o.contains(&h) {
                o.highlight = Some(h);
            } else {
                notices.push(Notice::BadParam {
                    key: "markeer".into(),
                    value: short(h.as_str()),
                });
            }
        }
        Ok((o, notices))
    }

    /// The code body that areas drawn must start with (see `carto::shapes::within`): the
    /// gemeente's four characters, or the wijk's six (for a buurt: its wijk).
    pub fn focus_prefix(&self) -> &str {
        match self.area.level() {
            Level::Gemeente => &self.area.as_str()[2..6],
            _ => &self.area.as_str()[2..8],
        }
    }

    /// The area whose children are drawn: the area itself, or a buurt's wijk.
    pub fn shown_area(&self) -> AreaCode {
        match self.area.level() {
            Level::Buurt => self.area.wijk().unwrap_or_else(|| self.area.clone()),
            _ => self.area.clone(),
        }
    }

    /// Whether `code` lies within the embed's focus.
    pub fn contains(&self, code: &AreaCode) -> bool {
        code.as_str()[2..].starts_with(self.focus_prefix())
    }

    /// The area outlined: `markeer`, or the buurt itself when the embed is of a buurt.
    pub fn effective_highlight(&self) -> Option<AreaCode> {
        self.highlight
            .clone()
            .or_else(|| (self.area.level() == Level::Buurt).then(|| self.area.clone()))
    }

    /// The id sent with height messages: `id` if given, else `buurtkaart-{code}`.
    pub fn message_id(&self) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| format!("buurtkaart-{}", self.area))
    }

    /// The app path `/embed/{level}/{code}`.
    pub fn path(&self) -> String {
        format!("/embed/{}/{}", self.area.level().id(), self.area)
    }

    /// The query without `?`: indicator and level always, the rest only when not the default.
    pub fn query(&self) -> String {
        let mut q = vec![
            format!("indicator={}", self.indicator),
            format!("niveau={}", self.level.id()),
        ];
        if let Some(y) = self.year {
            q.push(format!("jaar={y}"));
        }
        if self.lang != Lang::Nl {
            q.push(format!("lang={}", self.lang.code()));
        }
        if self.dark != DarkMode::Auto {
            q.push(format!("dark={}", self.dark.param()));
        }
        if !self.legend {
            q.push("legend=0".into());
        }
        if !self.interactive {
            q.push("interactive=0".into());
        }
        if self.panel {
            q.push("panel=1".into());
        }
        if !self.names {
            q.push("namen=0".into());
        }
        if !self.background {
            q.push("achtergrond=0".into());
        }
        if let Some(h) = &self.highlight {
            q.push(format!("markeer={h}"));
        }
        if self.palette != Palette::Standard {
            q.push(format!("palet={}", self.palette.param()));
        }
        if let Some(id) = &self.id {
            q.push(format!("id={id}"));
        }
        if let Some(id) = &self.pym_id {
            q.push(format!("childId={id}"));
        }
        q.extend(self.mode.query());
        q.join("&")
    }

    /// Path and query.
    pub fn to_url(&self) -> String {
        format!("{}?{}", self.path(), self.query())
    }

    /// The view the embed's map shows (the selection is the highlighted area).
    pub fn view_state(&self) -> ViewState {
        ViewState {
            level: match self.level {
                Level::Buurt => LevelMode::DefaultBuurt,
                l => LevelMode::Fixed(l),
            },
            indicator: (self.indicator != DEFAULT_INDICATOR).then(|| self.indicator.clone()),
            selected: self.effective_highlight(),
            lang: self.lang,
            palette: self.palette,
            compare: None,
            mode: self.mode,
            hide_names: !self.names,
            hide_background: !self.background,
            gemeente: None,
        }
    }

    /// The same view in the full app (path and query), for the "Buurtkaart" link.
    pub fn full_view_url(&self) -> String {
        let mut v = self.view_state();
        if v.selected.is_none() {
            v.selected = Some(self.area.clone());
        }
        v.to_url()
    }
}

/// Joins an app path (`/embed/…`) to the app's absolute base URL (`https://host/sub/`).
///
/// ```
/// use buurtkaart_core::embed::options::absolute;
/// assert_eq!(absolute("https://x.nl/kaart/", "/embed/gemeente/GM0344"), "https://x.nl/kaart/embed/gemeente/GM0344");
/// assert_eq!(absolute("https://x.nl", "/over"), "https://x.nl/over");
/// ```
pub fn absolute(base: &str, path: &str) -> String {
    let base = base.split(['?', '#']).next().unwrap_or_default();
    let dir = match base.find("://") {
        Some(i) => match base[i + 3..].rfind('/') {
            Some(j) => &base[..i + 3 + j],
            None => base,
        },
        None => base.trim_end_matches('/'),
    };
    format!("{dir}/{}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(query: &str) -> Vec<(String, String)> {
        query
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    fn parse_url(url: &str) -> (EmbedOptions, Vec<Notice>) {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        assert_eq!(segs[0], "embed");
        EmbedOptions::parse(segs[1], segs[2], &pairs(query)).unwrap()
    }

    #[test]
    fn round_trip() {
        for url in [
            "/embed/gemeente/GM0344?indicator=lbm_klasse&niveau=buurt",
            "/embed/gemeente/GM0344?indicator=woz&niveau=wijk&jaar=2024&lang=en&dark=true&legend=0&interactive=0&panel=1&markeer=WK034401&palet=alt&id=utrecht-1",
            "/embed/wijk/WK0363AF?indicator=lbm_afw&niveau=buurt&dark=false",
            "/embed/wijk/WK0363AF?indicator=lbm_afw&niveau=buurt&namen=0&achtergrond=0",
            "/embed/buurt/BU0363AF08?indicator=lbm_klasse&niveau=buurt&childId=example-map",
        ] {
            let (o, n) = parse_url(url);
            assert!(n.is_empty(), "{url}: {n:?}");
            assert_eq!(o.to_url(), url);
            let (again, _) = parse_url(&o.to_url());
            assert_eq!(again, o);
        }
    }

    #[test]
    fn defaults_and_suggested_url() {
        let (o, n) = parse_url("/embed/gemeente/GM0344?indicator=lbm_klasse&niveau=buurt&lang=nl&dark=auto&legend=1&interactive=1&panel=0&markeer=BU03440101");
        assert!(n.is_empty(), "{n:?}");
        assert_eq!(o.dark, DarkMode::Auto);
        assert!(o.legend && o.interactive && !o.panel);
        assert_eq!(o.highlight.as_ref().unwrap().as_str(), "BU03440101");
        assert_eq!(o.message_id(), "buurtkaart-GM0344");
        let v = o.view_state();
        assert_eq!(
            v.indicator, None,
            "the default indicator is left out of the view state"
        );
        assert_eq!(v.selected, o.highlight);
        assert_eq!(o.full_view_url(), "/buurt/BU03440101");
    }

    #[test]
    fn bad_values_give_notices_and_defaults() {
        let (o, n) = parse_url("/embed/gemeente/GM0344?niveau=straat&dark=maybe&legend=yes&jaar=24&lang=fr&indicator=a%20b&id=<x>&markeer=BU03630101&utm_source=x");
        assert_eq!(o, EmbedOptions::new(AreaCode::parse("GM0344").unwrap()));
        assert_eq!(n.len(), 8, "{n:?}");
        assert!(n.contains(&Notice::BadParam {
            key: "markeer".into(),
            value: "BU03630101".into()
        }));
    }

    #[test]
    fn bad_paths_are_errors() {
        assert!(EmbedOptions::parse("gemeente", "GM03", &[]).is_err());
        assert!(EmbedOptions::parse("straat", "GM0344", &[]).is_err());
        assert!(EmbedOptions::parse("wijk", "GM0344", &[]).is_err());
        let long = "x".repeat(5000);
        match EmbedOptions::parse("buurt", &long, &[]) {
            Err(Notice::BadArea(s)) => assert!(s.chars().count() <= 41),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn buurt_embeds_show_their_wijk_and_outline_the_buurt() {
        let (o, _) = parse_url("/embed/buurt/BU0363AF08?indicator=lbm_klasse&niveau=buurt");
        assert_eq!(o.focus_prefix(), "0363AF");
        assert_eq!(o.shown_area().as_str(), "WK0363AF");
        assert_eq!(o.effective_highlight().unwrap().as_str(), "BU0363AF08");
        assert!(o.contains(&AreaCode::parse("BU0363AF01").unwrap()));
        assert!(!o.contains(&AreaCode::parse("BU0363AG01").unwrap()));
    }

    #[test]
    fn absolute_urls_keep_the_sub_path() {
        assert_eq!(
            absolute("http://127.0.0.1:8080/", "/embed/wijk/WK036300"),
            "http://127.0.0.1:8080/embed/wijk/WK036300"
        );
        assert_eq!(
            absolute("https://x.nl/kaart/index.html?a=1", "embed.js"),
            "https://x.nl/kaart/embed.js"
        );
        assert_eq!(absolute("/kaart/", "/over"), "/kaart/over");
    }

    #[test]
    fn dark_mode_follows_the_system_only_on_auto() {
        assert!(DarkMode::Auto.is_dark(true));
        assert!(!DarkMode::Auto.is_dark(false));
        assert!(DarkMode::Dark.is_dark(false));
        assert!(!DarkMode::Light.is_dark(true));
    }
}
