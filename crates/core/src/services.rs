//! Optional online services, configured in one static file next to `index.html`:
//! `config.json`.
//!
//! ```json
//! {
//!   "tiles": { "url": "https://…/{z}/{x}/{y}.png", "attribution": "Kaart: Kadaster / PDOK" },
//!   "geocoder": { "url": "https://api.pdok.nl/bzk/locatieserver/search/v3_1" }
//! }
//! ```
//!
//! Either key absent, `null` or unusable switches that service off; the app then works on its
//! own data alone, as it always does when a service cannot be reached.
use serde_json::Value;

/// A raster tile service in the XYZ (Web Mercator) grid.
#[derive(Debug, Clone, PartialEq)]
pub struct TileService {
    /// Template with `{z}`, `{x}` and `{y}`.
    pub url: String,
    /// Credit shown under the map while tiles are shown.
    pub attribution: String,
    /// The service's lowest zoom.
    pub min_zoom: u8,
    /// The service's highest zoom (closer in, its tiles are stretched).
    pub max_zoom: u8,
}

/// A PDOK Locatieserver (v3.1) compatible address search.
#[derive(Debug, Clone, PartialEq)]
pub struct GeocoderService {
    /// Base URL; the app asks `{url}/free?…`.
    pub url: String,
    /// Credit shown under the address suggestions.
    pub attribution: String,
}

/// The services the app may use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Services {
    /// Background map tiles, if configured.
    pub tiles: Option<TileService>,
    /// Address search, if configured.
    pub geocoder: Option<GeocoderService>,
}

/// A URL the app may request: absolute http(s), or relative to the site.
fn usable_url(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim();
    let ok = s.starts_with("https://") || s.starts_with("http://") || s.starts_with('/');
    (ok && s.len() < 500 && !s.chars().any(char::is_whitespace)).then(|| s.to_string())
}

fn text(v: &Value, key: &str, default: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().chars().take(200).collect())
        .filter(|s: &String| !s.is_empty())
        .unwrap_or_else(|| default.to_string())
}

fn zoom(v: &Value, key: &str, default: u8) -> u8 {
    v.get(key)
        .and_then(Value::as_u64)
        .map_or(default, |z| z.min(22) as u8)
}

impl Services {
    /// Reads `config.json`. Anything unusable switches its service off and is described in the
    /// returned notes (for the console; the reader sees the app without that service).
    ///
    /// ```
    /// use buurtkaart_core::services::Services;
    /// let (s, notes) = Services::parse(br#"{"tiles": {"url": "https://t.example/{z}/{x}/{y}.png"}, "geocoder": null}"#);
    /// assert_eq!(s.tiles.unwrap().attribution, "Kaart: Kadaster / PDOK");
    /// assert!(s.geocoder.is_none() && notes.is_empty());
    /// ```
    pub fn parse(bytes: &[u8]) -> (Services, Vec<String>) {
        let mut notes = Vec::new();
        let root: Value = match serde_json::from_slice(bytes) {
            Ok(v @ Value::Object(_)) => v,
            Ok(_) => return (Services::default(), vec!["config.json is no object".into()]),
            Err(e) => return (Services::default(), vec![format!("config.json: {e}")]),
        };
        let tiles = match root.get("tiles") {
            None | Some(Value::Null) => None,
            Some(t) => {
                let url = t.get("url").and_then(usable_url);
                let placeholders = ["{z}", "{x}", "{y}"];
                match url {
                    Some(url) if placeholders.iter().all(|p| url.contains(p)) => {
                        let min_zoom = zoom(t, "min_zoom", 0);
                        Some(TileService {
                            attribution: text(t, "attribution", "Kaart: Kadaster / PDOK"),
                            min_zoom,
                            max_zoom: zoom(t, "max_zoom", 19).max(min_zoom),
                            url,
                        })
                    }
                    _ => {
                        notes.push("config.json: tiles.url needs http(s) with {z}, {x} and {y}; background map off".into());
                        None
                    }
                }
            }
        };
        let geocoder = match root.get("geocoder") {
            None | Some(Value::Null) => None,
            Some(g) => match g.get("url").and_then(usable_url) {
                Some(url) => Some(GeocoderService {
                    url: url.trim_end_matches('/').to_string(),
                    attribution: text(g, "attribution", "Adressen: PDOK Locatieserver"),
                }),
                None => {
                    notes.push(
                        "config.json: geocoder.url is no http(s) URL; address search off".into(),
                    );
                    None
                }
            },
        };
        (Services { tiles, geocoder }, notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_configuration_switches_both_services_on() {
        let file = include_bytes!("../../../public/config.json");
        let (s, notes) = Services::parse(file);
        assert!(notes.is_empty(), "{notes:?}");
        let t = s.tiles.expect("tiles");
        assert!(t
            .url
            .starts_with("https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/"));
        assert_eq!((t.min_zoom, t.max_zoom), (6, 19));
        assert_eq!(
            s.geocoder.expect("geocoder").url,
            "https://api.pdok.nl/bzk/locatieserver/search/v3_1"
        );
    }

    #[test]
    fn unusable_entries_switch_their_service_off() {
        for bad in [
            &br#"[1, 2]"#[..],
            br#"{"#,
            br#"{"tiles": {"url": "javascript:alert(1)/{z}/{x}/{y}"}}"#,
            br#"{"tiles": {"url": "https://t.example/tile.png"}}"#,
            br#"{"tiles": "yes", "geocoder": {"url": 42}}"#,
        ] {
            let (s, notes) = Services::parse(bad);
            assert!(s.tiles.is_none() && s.geocoder.is_none());
            assert!(!notes.is_empty(), "{}", String::from_utf8_lossy(bad));
        }
        let (s, notes) = Services::parse(b"{}");
        assert_eq!(s, Services::default());
        assert!(notes.is_empty());
    }
}
