//! Places on the map computed from the data files the way the app builds its shapes, but here,
//! not by the app: the browser tests and the benchmark point at them and read the map there.
use buurtkaart::carto::{AreaShapes, Projection};
use buurtkaart_model::{AreaIndex, Topology};
use geo::{Contains, InteriorPoint, Point};
use std::collections::HashMap;
use std::path::Path;

/// The area index and projected shapes of `level` (`"buurt"`, `"wijk"`, `"gemeente"`) from the
/// data folder `data` (`public/data`, or a build's `dist/data`).
pub fn shapes_in(data: &Path, level: &str) -> (AreaIndex, AreaShapes) {
    let read = |file: &str| {
        let path = buurtkaart_model::naming::find_in(data, file)
            .unwrap_or_else(|| panic!("no {file} in {}", data.display()));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let f = format!("{level}.areas.json");
    let index = AreaIndex::from_json(&f, &read(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let f = format!("{level}.topo.json");
    let topo = Topology::from_json(&f, &read(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let rows = index.rows();
    let shapes = AreaShapes::from_topology(&topo, |c| rows.get(c).copied(), &Projection::default())
        .unwrap_or_else(|e| panic!("{level} shapes: {e}"));
    (index, shapes)
}

/// [`shapes_in`] of the repository's `public/data`.
pub fn shapes(level: &str) -> (AreaIndex, AreaShapes) {
    shapes_in(&super::repo_root().join("public/data"), level)
}

/// A point (world km) well inside shape `i`: its interior point, with `margin` km of room on
/// four sides and no other shape on top (an enclave would show another colour or name).
pub fn inner_point(shapes: &AreaShapes, i: usize, margin: f64) -> Option<(f64, f64)> {
    let geometry = shapes.geometry(i);
    let p = geometry.interior_point()?;
    let room = [
        (0.0, 0.0),
        (margin, 0.0),
        (-margin, 0.0),
        (0.0, margin),
        (0.0, -margin),
    ]
    .iter()
    .all(|(dx, dy)| geometry.contains(&Point::new(p.x() + dx, p.y() + dy)));
    (room && shapes.hit(p.x(), p.y()) == Some(i)).then(|| (p.x(), p.y()))
}
