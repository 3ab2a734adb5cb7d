//! "Geodata (GeoJSON)": the areas of a view as an RFC 7946 FeatureCollection, written with the
//! `geojson` crate, for QGIS, Datawrapper, Flourish, Mapshaper and the like.
//!
//! - Coordinates are WGS84 longitude, latitude (the app's km unprojected with the same
//!   [`Projection`]), rounded to 6 decimals (about 10 cm, far below the simplified borders).
//! - Rings follow the right-hand rule of RFC 7946 § 3.1.6: exteriors counter-clockwise, holes
//!   clockwise; each ring is closed and has at least four positions (rounding can merge points:
//!   repeated positions are dropped, and a ring left with fewer is dropped).
//! - No NaN or infinity anywhere: a non-finite coordinate is skipped, a non-finite or missing
//!   value is `null` (never 0), with the class `null` too.
//! - One feature per area, its `id` the CBS code; properties `code`, `naam`, `niveau`, `wijk`
//!   (of a buurt), `gemeente`, `indicator`, `waarde`, `eenheid`, `klasse`, `bron`, `jaar`, in
//!   Dutch like the CSV ([`super::csv`]) whatever the UI language.
//!
//! *Caveats*: the shapes are the app's simplified ones (shared borders stay shared, but they are
//! not the Kadaster's full-detail boundaries), and a shape that lost every ring to rounding gets
//! a `null` geometry rather than disappearing.
use super::csv::{AreaRow, CsvMeta};
use crate::carto::Projection;
use buurtkaart_model::Level;
use geo::{LineString, MultiPolygon};
use geojson::{feature::Id, Feature, FeatureCollection, Geometry, GeometryValue, JsonObject};
use serde_json::{json, Value};

/// Decimals kept in coordinates.
pub const DECIMALS: i32 = 6;

fn round(v: f64) -> f64 {
    let k = 10f64.powi(DECIMALS);
    (v * k).round() / k
}

/// Twice the signed area of a closed ring in lon/lat: positive when counter-clockwise.
fn signed_area(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum()
}

/// `ring` (km) in lon/lat, rounded, without repeats, closed and turned counter-clockwise
/// (`ccw`) or clockwise; `None` when fewer than four positions are left or it has no area.
fn ring_lonlat(ring: &LineString<f64>, p: &Projection, ccw: bool) -> Option<Vec<[f64; 2]>> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(ring.0.len() + 1);
    for c in &ring.0 {
        let (lon, lat) = p.unproject(c.x, c.y);
        if !lon.is_finite() || !lat.is_finite() {
            continue;
        }
        let q = [round(lon), round(lat)];
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    if out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    if out.len() < 3 {
        return None;
    }
    out.push(out[0]);
    let area = signed_area(&out);
    if area == 0.0 {
        return None;
    }
    if (area > 0.0) != ccw {
        out.reverse();
    }
    Some(out)
}

/// The geometry of `shape` (km): a Polygon for one part, a MultiPolygon for more, `None` when
/// nothing is left.
pub fn geometry(shape: &MultiPolygon<f64>, p: &Projection) -> Option<Geometry> {
    let polygons: Vec<Vec<Vec<[f64; 2]>>> = shape
        .0
        .iter()
        .filter_map(|poly| {
            let exterior = ring_lonlat(poly.exterior(), p, true)?;
            let mut rings = vec![exterior];
            rings.extend(
                poly.interiors()
                    .iter()
                    .filter_map(|h| ring_lonlat(h, p, false)),
            );
            Some(rings)
        })
        .collect();
    match polygons.len() {
        0 => None,
        1 => Some(Geometry::new(GeometryValue::new_polygon(
            polygons.into_iter().next().unwrap_or_default(),
        ))),
        _ => Some(Geometry::new(GeometryValue::new_multi_polygon(polygons))),
    }
}

fn text(v: Option<&str>) -> Value {
    v.map_or(Value::Null, |s| Value::String(s.to_string()))
}

/// The properties of one area.
fn properties(row: &AreaRow, meta: &CsvMeta) -> JsonObject {
    let value = row.value.filter(|v| v.is_finite());
    let wijk = (row.level == Level::Buurt)
        .then_some(row.parent_name.as_deref())
        .flatten();
    let gemeente = match row.level {
        Level::Gemeente => Some(row.name.as_str()),
        _ => row.gemeente_name.as_deref(),
    };
    let props = json!({
        "code": row.code,
        "naam": row.name,
        "niveau": row.level.id(),
        "wijk": text(wijk),
        "gemeente": text(gemeente),
        "indicator": meta.indicator,
        "waarde": value,
        "eenheid": text(Some(meta.unit.as_str()).filter(|u| !u.is_empty())),
        "klasse": text(value.and(row.class.as_deref())),
        "bron": meta.source,
        "jaar": meta.year,
    });
    match props {
        Value::Object(m) => m,
        _ => JsonObject::new(),
    }
}

/// The FeatureCollection of `areas` (each a row as in the CSV and its shape in the app's km,
/// projected with `p`), as JSON text.
///
/// ```
/// use buurtkaart_core::carto::Projection;
/// use buurtkaart_core::export::csv::{AreaRow, CsvMeta};
/// use buurtkaart_core::export::geojson::areas_geojson;
/// use buurtkaart_model::Level;
/// use geo::{polygon, MultiPolygon};
/// let row = AreaRow { code: "BU03440311".into(), name: "Wilhelminapark".into(), level: Level::Buurt,
///     parent_code: Some("WK034403".into()), parent_name: Some("Oost".into()),
///     gemeente_name: Some("Utrecht".into()), value: Some(7.0), class: Some("zeer goed".into()) };
/// let meta = CsvMeta { indicator: "Leefbaarheid (klasse)".into(), unit: String::new(),
///     source: "Leefbaarometer 3.0".into(), year: Some(2024) };
/// let square = MultiPolygon(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0)]]);
/// let text = areas_geojson(&[(row, square)], &meta, &Projection::default());
/// let v: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(v["type"], "FeatureCollection");
/// assert_eq!(v["features"][0]["properties"]["gemeente"], "Utrecht");
/// assert_eq!(v["features"][0]["geometry"]["type"], "Polygon");
/// ```
pub fn areas_geojson(
    areas: &[(AreaRow, MultiPolygon<f64>)],
    meta: &CsvMeta,
    p: &Projection,
) -> String {
    let features = areas.iter().map(|(row, shape)| Feature {
        bbox: None,
        geometry: geometry(shape, p),
        id: Some(Id::String(row.code.clone())),
        properties: Some(properties(row, meta)),
        foreign_members: None,
    });
    let fc = FeatureCollection::new(features);
    serde_json::to_string(&fc)
        .unwrap_or_else(|_| r#"{"type":"FeatureCollection","features":[]}"#.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Coord, Polygon};

    fn row(code: &str, level: Level, value: Option<f64>) -> AreaRow {
        AreaRow {
            code: code.into(),
            name: "Naam".into(),
            level,
            parent_code: None,
            parent_name: Some("Wijk 03 Oost".into()),
            gemeente_name: Some("Utrecht".into()),
            value,
            class: value.map(|_| "goed".into()),
        }
    }

    fn meta() -> CsvMeta {
        CsvMeta {
            indicator: "Leefbaarheid (klasse)".into(),
            unit: String::new(),
            source: "Leefbaarometer 3.0".into(),
            year: Some(2024),
        }
    }

    fn ring(points: &[(f64, f64)]) -> LineString<f64> {
        LineString(points.iter().map(|&(x, y)| Coord { x, y }).collect())
    }

    /// A square of 10 km around the origin with a square hole, both given clockwise on the
    /// screen and in the other order too.
    fn square_with_hole(flip: bool) -> MultiPolygon<f64> {
        let mut outer = vec![
            (-5.0, -5.0),
            (5.0, -5.0),
            (5.0, 5.0),
            (-5.0, 5.0),
            (-5.0, -5.0),
        ];
        let mut hole = vec![
            (-1.0, -1.0),
            (-1.0, 1.0),
            (1.0, 1.0),
            (1.0, -1.0),
            (-1.0, -1.0),
        ];
        if flip {
            outer.reverse();
        } else {
            hole.reverse();
        }
        MultiPolygon(vec![Polygon::new(ring(&outer), vec![ring(&hole)])])
    }

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).expect("valid JSON")
    }

    fn rings(v: &Value) -> Vec<Vec<[f64; 2]>> {
        v["coordinates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| [p[0].as_f64().unwrap(), p[1].as_f64().unwrap()])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn exteriors_turn_counter_clockwise_and_holes_clockwise_whatever_the_input() {
        let p = Projection::default();
        for flip in [false, true] {
            let text = areas_geojson(
                &[(
                    row("BU03440311", Level::Buurt, Some(4.0)),
                    square_with_hole(flip),
                )],
                &meta(),
                &p,
            );
            let v = parse(&text);
            let g = &v["features"][0]["geometry"];
            assert_eq!(g["type"], "Polygon");
            let r = rings(g);
            assert_eq!(r.len(), 2);
            assert!(signed_area(&r[0]) > 0.0, "exterior counter-clockwise");
            assert!(signed_area(&r[1]) < 0.0, "hole clockwise");
            for ring in &r {
                assert_eq!(ring.first(), ring.last(), "closed");
                assert!(ring.len() >= 4);
            }
        }
    }

    #[test]
    fn coordinates_are_lon_lat_with_at_most_six_decimals() {
        let p = Projection::default();
        let text = areas_geojson(
            &[(
                row("BU03440311", Level::Buurt, Some(4.0)),
                square_with_hole(false),
            )],
            &meta(),
            &p,
        );
        let v = parse(&text);
        for ring in rings(&v["features"][0]["geometry"]) {
            for [lon, lat] in ring {
                assert!(
                    (3.0..8.0).contains(&lon) && (50.0..54.0).contains(&lat),
                    "{lon} {lat}"
                );
                assert_eq!(round(lon), lon);
                assert_eq!(round(lat), lat);
            }
        }
        // The corner (-5 km, -5 km) comes back where projecting it again puts it.
        let r = &rings(&v["features"][0]["geometry"])[0];
        let (x, y) = p.project(r[0][0], r[0][1]);
        assert!(
            (x.abs() - 5.0).abs() < 1e-3 && (y.abs() - 5.0).abs() < 1e-3,
            "{x} {y}"
        );
        // Six decimals in the text too (no 52.20000000000001).
        for number in text.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
            if let Some((_, frac)) = number.split_once('.') {
                assert!(frac.len() <= 6, "{number}");
            }
        }
    }

    #[test]
    fn missing_and_non_finite_values_are_null_never_zero_and_nan_points_are_skipped() {
        let p = Projection::default();
        let mut shape = square_with_hole(false);
        shape.0[0].exterior_mut(|r| {
            r.0.insert(
                2,
                Coord {
                    x: f64::NAN,
                    y: 1.0,
                },
            )
        });
        let areas = [
            (row("BU03440311", Level::Buurt, None), shape),
            (
                row("BU03440312", Level::Buurt, Some(f64::NAN)),
                square_with_hole(true),
            ),
        ];
        let text = areas_geojson(&areas, &meta(), &p);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        let v = parse(&text);
        for f in v["features"].as_array().unwrap() {
            assert_eq!(f["properties"]["waarde"], Value::Null);
            assert_eq!(f["properties"]["klasse"], Value::Null);
        }
        assert_eq!(rings(&v["features"][0]["geometry"])[0].len(), 5);
    }

    #[test]
    fn properties_name_the_parents_by_level() {
        let p = Projection::default();
        let square = || square_with_hole(false);
        let areas = [
            (row("BU03440311", Level::Buurt, Some(7.0)), square()),
            (row("WK034403", Level::Wijk, Some(-0.1)), square()),
            (row("GM0344", Level::Gemeente, Some(0.0)), square()),
        ];
        let v = parse(&areas_geojson(&areas, &meta(), &p));
        let f = &v["features"];
        assert_eq!(f[0]["id"], "BU03440311");
        let buurt = &f[0]["properties"];
        assert_eq!(
            (
                &buurt["wijk"],
                &buurt["gemeente"],
                &buurt["niveau"],
                &buurt["klasse"]
            ),
            (
                &json!("Wijk 03 Oost"),
                &json!("Utrecht"),
                &json!("buurt"),
                &json!("goed")
            )
        );
        assert_eq!(buurt["waarde"], 7.0);
        assert_eq!(buurt["jaar"], 2024);
        assert_eq!(buurt["eenheid"], Value::Null);
        assert_eq!(
            f[1]["properties"]["wijk"],
            Value::Null,
            "a wijk has no wijk"
        );
        assert_eq!(
            f[2]["properties"]["gemeente"], "Naam",
            "a gemeente is its own"
        );
        assert_eq!(f[2]["properties"]["waarde"], 0.0, "a real 0 stays 0");
    }

    #[test]
    fn a_shape_rounded_to_nothing_has_a_null_geometry_and_parts_make_a_multipolygon() {
        let p = Projection::default();
        let tiny = MultiPolygon(vec![Polygon::new(
            ring(&[(0.0, 0.0), (1e-6, 0.0), (1e-6, 1e-6), (0.0, 0.0)]),
            vec![],
        )]);
        let mut two = square_with_hole(false);
        two.0.push(Polygon::new(
            ring(&[(20.0, 0.0), (21.0, 0.0), (21.0, 1.0), (20.0, 0.0)]),
            vec![],
        ));
        let areas = [
            (row("BU03440311", Level::Buurt, None), tiny),
            (row("BU03440312", Level::Buurt, None), two),
        ];
        let v = parse(&areas_geojson(&areas, &meta(), &p));
        assert_eq!(v["features"][0]["geometry"], Value::Null);
        assert_eq!(v["features"][1]["geometry"]["type"], "MultiPolygon");
        assert_eq!(
            v["features"][1]["geometry"]["coordinates"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
}
