//! Address search through a PDOK Locatieserver v3.1 compatible service: the request URL and
//! the answer, read defensively. The service's codes are not used: the app places the answer's
//! point (`centroide_ll`) in its own buurt boundaries.
//!
//! Documented answer of `…/v3_1/free` (only the fields used):
//! `{"response": {"numFound": 1, "docs": [{"type": "adres", "weergavenaam": "Domplein 1,
//! 3512JC Utrecht", "centroide_ll": "POINT(5.1213 52.0909)"}]}}`.
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::Value;

/// Suggestions asked for per query.
pub const ROWS: usize = 5;

/// Queries shorter than this (in characters, trimmed) are not sent.
pub const MIN_QUERY: usize = 3;

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A building address.
    Address,
    /// A street.
    Street,
    /// A 6-character postcode.
    Postcode,
    /// A woonplaats (town or village).
    Town,
}

impl PlaceKind {
    fn from_type(t: &str) -> Option<Self> {
        Some(match t {
            "adres" => PlaceKind::Address,
            "weg" => PlaceKind::Street,
            "postcode" => PlaceKind::Postcode,
            "woonplaats" => PlaceKind::Town,
            _ => return None,
        })
    }

    /// Dutch and English name, for the suggestion's second line.
    pub fn name(self) -> (&'static str, &'static str) {
        match self {
            PlaceKind::Address => ("adres", "address"),
            PlaceKind::Street => ("straat", "street"),
            PlaceKind::Postcode => ("postcode", "postcode"),
            PlaceKind::Town => ("woonplaats", "town"),
        }
    }
}

/// One suggestion of the service.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// What the service calls it ("Domplein 1, 3512JC Utrecht").
    pub label: String,
    /// Its kind.
    pub kind: PlaceKind,
    /// Longitude (WGS84).
    pub lon: f64,
    /// Latitude (WGS84).
    pub lat: f64,
}

/// Why an answer was not usable.
#[derive(Debug, Clone, PartialEq)]
pub struct BadAnswer(pub String);

/// The request for `query` to the service at `base` (`…/v3_1`): free search over addresses,
/// streets, postcodes and towns, only the fields used.
///
/// ```
/// use buurtkaart_core::search::geocoder::free_url;
/// let u = free_url("https://api.pdok.nl/bzk/locatieserver/search/v3_1", "Domplein 1, Utrecht");
/// assert!(u.starts_with("https://api.pdok.nl/bzk/locatieserver/search/v3_1/free?q=Domplein%201%2C%20Utrecht&rows=5"));
/// assert!(u.contains("&fq=type%3A%28adres%20OR%20weg%20OR%20postcode%20OR%20woonplaats%29"));
/// ```
pub fn free_url(base: &str, query: &str) -> String {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    let q: String = query.trim().chars().take(100).collect();
    format!(
        "{}/free?q={}&rows={ROWS}&fl={}&fq={}",
        base.trim_end_matches('/'),
        enc(&q),
        enc("type,weergavenaam,centroide_ll"),
        enc("type:(adres OR weg OR postcode OR woonplaats)")
    )
}

/// Reads `POINT(lon lat)`.
///
/// ```
/// use buurtkaart_core::search::geocoder::parse_point;
/// assert_eq!(parse_point("POINT(5.1213 52.0909)"), Some((5.1213, 52.0909)));
/// assert_eq!(parse_point("POINT(5.1 nan)"), None);
/// ```
pub fn parse_point(s: &str) -> Option<(f64, f64)> {
    let inner = s.trim().strip_prefix("POINT")?.trim();
    let inner = inner.strip_prefix('(')?.strip_suffix(')')?;
    let mut it = inner.split_whitespace().map(str::parse::<f64>);
    let (lon, lat) = (it.next()?.ok()?, it.next()?.ok()?);
    (it.next().is_none() && lon.is_finite() && lat.is_finite()).then_some((lon, lat))
}

/// Whether a point lies in or near the Netherlands (anything else cannot be in a buurt).
fn near_the_netherlands(lon: f64, lat: f64) -> bool {
    (3.0..=7.5).contains(&lon) && (50.5..=53.8).contains(&lat)
}

/// Reads an answer of `free`. Results of other kinds, without a point or outside the
/// Netherlands are left out; an answer without the `response.docs` list is garbage.
pub fn parse_free(bytes: &[u8]) -> Result<Vec<Place>, BadAnswer> {
    let root: Value =
        serde_json::from_slice(bytes).map_err(|e| BadAnswer(format!("no JSON: {e}")))?;
    let docs = root
        .get("response")
        .and_then(|r| r.get("docs"))
        .and_then(Value::as_array)
        .ok_or_else(|| BadAnswer("no response.docs list".into()))?;
    Ok(docs
        .iter()
        .filter_map(|d| {
            let kind = PlaceKind::from_type(d.get("type")?.as_str()?)?;
            let label: String = d
                .get("weergavenaam")?
                .as_str()?
                .trim()
                .chars()
                .take(120)
                .collect();
            let (lon, lat) = parse_point(d.get("centroide_ll")?.as_str()?)?;
            (!label.is_empty() && near_the_netherlands(lon, lat)).then_some(Place {
                label,
                kind,
                lon,
                lat,
            })
        })
        .take(ROWS)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documented_answer_is_read() {
        let answer = br#"{"response": {"numFound": 3, "start": 0, "maxScore": 12.1, "numFoundExact": true,
          "docs": [
            {"type": "adres", "weergavenaam": "Domplein 1, 3512JC Utrecht", "id": "adr-1", "score": 12.1,
             "centroide_ll": "POINT(5.12130356 52.09085068)", "centroide_rd": "POINT(136868 455925)"},
            {"type": "gemeente", "weergavenaam": "Gemeente Utrecht", "centroide_ll": "POINT(5.07 52.09)"},
            {"type": "weg", "weergavenaam": "Domplein, Utrecht", "centroide_ll": "POINT(5.1215 52.0908)"},
            {"type": "postcode", "weergavenaam": "Elders", "centroide_ll": "POINT(-70.1 41.2)"},
            {"type": "woonplaats", "weergavenaam": "Zonder punt"}
          ]}}"#;
        let places = parse_free(answer).unwrap();
        assert_eq!(places.len(), 2);
        assert_eq!(places[0].label, "Domplein 1, 3512JC Utrecht");
        assert_eq!(places[0].kind, PlaceKind::Address);
        assert!((places[0].lon - 5.12130356).abs() < 1e-12);
        assert_eq!(places[1].kind, PlaceKind::Street);
    }

    #[test]
    fn garbage_is_an_error_and_an_empty_list_is_not() {
        for bad in [
            &b"<html>502</html>"[..],
            b"{}",
            b"{\"response\": {\"docs\": 3}}",
            b"null",
        ] {
            assert!(parse_free(bad).is_err());
        }
        assert_eq!(
            parse_free(br#"{"response": {"docs": []}}"#).unwrap(),
            vec![]
        );
    }

    #[test]
    fn points_are_read_strictly() {
        assert_eq!(parse_point(" POINT (4.9 52.37) "), Some((4.9, 52.37)));
        for bad in [
            "POINT(4.9)",
            "POINT(4.9 52.3 1)",
            "POLYGON((1 2))",
            "POINT 4 5",
            "",
        ] {
            assert_eq!(parse_point(bad), None, "{bad}");
        }
    }
}
