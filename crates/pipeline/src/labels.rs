//! Where the map writes each area's name: the pole of inaccessibility of the area's largest
//! polygon (georust's `polylabel`), with the room around it and the area's inhabitants to rank
//! names that compete for space. Computed here once, not in the browser.

use crate::join::LevelData;
use crate::planar::{project, to_geo};
use buurtkaart_model::{LabelTable, Level};
use geo::{Area, Distance, Euclidean, Polygon};
use polylabel::polylabel;

/// The inverse of [`project`]: metres on the local plane → lon/lat.
fn unproject(x: f64, y: f64) -> [f64; 2] {
    let origin = project([0.0, 0.0]);
    let east = project([1.0, 0.0]);
    let north = project([0.0, 1.0]);
    [
        (x - origin.x) / (east.x - origin.x),
        (y - origin.y) / (north.y - origin.y),
    ]
}

/// The label point of one polygon (metres) and its distance to the nearest edge.
fn pole(poly: &Polygon<f64>) -> Option<(f64, f64, f64)> {
    // A tolerance of about a hundredth of the area's size: a few metres for a buurt, a few
    // hundred for a large gemeente; finer gains nothing on screen.
    let size = poly.unsigned_area().sqrt();
    let p = polylabel(poly, &(size / 100.0).max(2.0)).ok()?;
    let room = std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .map(|ring| Euclidean.distance(&p, ring))
        .fold(f64::INFINITY, f64::min);
    (room.is_finite() && p.x().is_finite() && p.y().is_finite()).then_some((p.x(), p.y(), room))
}

/// The label table of a level, aligned with its codes.
pub fn label_table(data: &LevelData) -> LabelTable {
    let all: Vec<usize> = (0..data.codes.len()).collect();
    label_table_of(data, &all)
}

/// The label table of `rows` of the level, in that order (a gemeente's pack: embeds write the
/// names of their own gemeente's areas).
pub fn label_table_of(data: &LevelData, rows: &[usize]) -> LabelTable {
    let inhabitants = data.columns.get("inwoners");
    let points = rows
        .iter()
        .map(|&row| {
            let code = &data.codes[row];
            let rings = data.geometry.get(code)?;
            let largest = to_geo(rings)
                .0
                .into_iter()
                .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
            let (x, y, room) = pole(&largest)?;
            let [lon, lat] = unproject(x, y);
            let pop = inhabitants
                .and_then(|c| c.get(row).copied().flatten())
                .map_or(0, |v| v.max(0.0).round() as i64);
            Some([
                (lon * 1e5).round() as i64,
                (lat * 1e5).round() as i64,
                room.round() as i64,
                pop,
            ])
        })
        .collect();
    LabelTable {
        level: data.level,
        points,
    }
}

/// The file name of a level's label table (before hashing).
pub fn file_name(level: Level) -> String {
    format!("{}.labels.json", level.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unproject_inverts_project() {
        let p = project([4.9, 52.37]);
        let [lon, lat] = unproject(p.x, p.y);
        assert!((lon - 4.9).abs() < 1e-9 && (lat - 52.37).abs() < 1e-9);
    }

    #[test]
    fn the_pole_of_an_l_shape_lies_inside_its_wide_part() {
        // An L: a 100 × 20 bar along the bottom and a 20 × 100 bar up the left side.
        let l = Polygon::new(
            geo::LineString::from(vec![
                (0.0, 0.0),
                (100.0, 0.0),
                (100.0, 20.0),
                (20.0, 20.0),
                (20.0, 100.0),
                (0.0, 100.0),
                (0.0, 0.0),
            ]),
            vec![],
        );
        let (x, y, room) = pole(&l).unwrap();
        assert!(x <= 20.0 || y <= 20.0, "inside the L: {x}, {y}");
        assert!(
            (room - 10.0).abs() < 2.5,
            "about half a bar's width: {room}"
        );
    }
}
