//! Background map tiles (Web Mercator, the XYZ grid of PDOK's BRT-Achtergrondkaart and of most
//! tile services) placed on the app's own projection.
//!
//! The app draws in a local equirectangular projection ([`Projection`]): x is linear in
//! longitude, y linear in latitude. Mercator tiles are linear in longitude too, but their y is
//! `ln(tan φ + sec φ)`. Instead of switching the whole app to Web Mercator (its shapes, exports,
//! labels and tests are in the local projection), each tile is drawn stretched between the
//! projected positions of its own four edges. Across a tile the Mercator y deviates from a
//! straight line by at most `Δφ² · sec φ · tan φ / 8` (Δφ the tile's latitude span), which at
//! the zoom chosen for the screen is under a pixel over the Netherlands, and under a quarter of one from zoom 10
//! (see the test `a_stretched_tile_is_within_a_pixel_of_mercator`). The tile edges are
//! exact, so neighbouring tiles meet without seams.
use super::viewport::{Bounds, Viewport};
use super::Projection;
use std::f64::consts::PI;

/// Pixels along a tile's edge in the service's grid.
pub const TILE_SIZE: f64 = 256.0;

/// From this zoom (CSS px per km: about a province on a screen) the background map is shown;
/// further out the choropleth covers the country and tiles would only cost requests.
pub const TILES_FROM_SCALE: f64 = 8.0;

/// How opaque the choropleth's fill is over the background map at `scale` (CSS px per km):
/// solid while whole gemeenten are in view, translucent at street zoom so streets and water
/// show through, in between along the logarithm of the zoom.
///
/// ```
/// use buurtkaart_core::carto::tiles::fill_opacity;
/// assert_eq!(fill_opacity(20.0), 1.0);
/// assert_eq!(fill_opacity(5000.0), 0.6);
/// assert!(fill_opacity(200.0) < 1.0 && fill_opacity(200.0) > 0.6);
/// ```
pub fn fill_opacity(scale: f64) -> f64 {
    const SOLID_UNTIL: f64 = 60.0;
    const CLEAREST_FROM: f64 = 600.0;
    const CLEAREST: f64 = 0.6;
    let t = ((scale / SOLID_UNTIL).ln() / (CLEAREST_FROM / SOLID_UNTIL).ln()).clamp(0.0, 1.0);
    1.0 - t * (1.0 - CLEAREST)
}

/// One tile of the XYZ grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    /// Zoom level (0: the whole world in one tile).
    pub z: u8,
    /// Column, from 180° W eastwards.
    pub x: u32,
    /// Row, from 85.05° N southwards.
    pub y: u32,
}

/// The grid position (in tiles, fractional) of `lon`, `lat` at zoom `z`.
///
/// ```
/// use buurtkaart_core::carto::tiles::grid_position;
/// assert_eq!(grid_position(0.0, 0.0, 1), (1.0, 1.0));
/// ```
pub fn grid_position(lon: f64, lat: f64, z: u8) -> (f64, f64) {
    let n = f64::from(1u32 << z);
    let phi = lat.to_radians();
    let x = (lon + 180.0) / 360.0 * n;
    let y = (1.0 - (phi.tan() + 1.0 / phi.cos()).ln() / PI) / 2.0 * n;
    (x, y)
}

/// The longitude and latitude of grid position (`x`, `y`) at zoom `z` (a tile corner for whole
/// numbers).
pub fn grid_lon_lat(x: f64, y: f64, z: u8) -> (f64, f64) {
    let n = f64::from(1u32 << z);
    let lon = x / n * 360.0 - 180.0;
    let lat = (PI * (1.0 - 2.0 * y / n)).sinh().atan().to_degrees();
    (lon, lat)
}

/// The tile zoom whose pixels best match the screen's device pixels at `scale` CSS px per km
/// (`dpr` device px per CSS px), within the service's `min`..=`max`.
///
/// ```
/// use buurtkaart_core::carto::{tiles::zoom_for, Projection};
/// let p = Projection::default();
/// // About 50 px per km (a gemeente filling the screen) is zoom 12 or 13 on a plain screen.
/// let z = zoom_for(50.0, 1.0, &p, 0, 19);
/// assert!((12..=13).contains(&z));
/// assert_eq!(zoom_for(50.0, 2.0, &p, 0, 19), z + 1);
/// assert_eq!(zoom_for(1e9, 1.0, &p, 0, 19), 19);
/// ```
pub fn zoom_for(scale: f64, dpr: f64, projection: &Projection, min: u8, max: u8) -> u8 {
    // Device px per degree of longitude on screen, and per degree in the grid at zoom 0.
    let screen = scale * projection.km_per_degree_lon() * dpr.max(0.5);
    let grid0 = TILE_SIZE / 360.0;
    let z = (screen / grid0).log2().round();
    if !z.is_finite() {
        return min;
    }
    (z.max(0.0) as u8).clamp(min, max.max(min))
}

/// The tiles at zoom `z` that cover `bounds` (projected km), at most `limit` of them (none
/// beyond: a request for more means a mistake, not a map).
pub fn covering(bounds: Bounds, projection: &Projection, z: u8, limit: usize) -> Vec<TileId> {
    let (lon0, lat0) = projection.unproject(bounds[0], bounds[1]);
    let (lon1, lat1) = projection.unproject(bounds[2], bounds[3]);
    // y grows southwards in both the projection and the grid.
    let (x0, y0) = grid_position(lon0.min(lon1), lat0.max(lat1).min(85.0), z);
    let (x1, y1) = grid_position(lon0.max(lon1), lat0.min(lat1).max(-85.0), z);
    let last = (1u64 << z) as f64 - 1.0;
    let clamp = |v: f64| v.floor().clamp(0.0, last) as u32;
    let (x0, x1, y0, y1) = (clamp(x0), clamp(x1), clamp(y0), clamp(y1));
    let count = (x1 - x0 + 1) as usize * (y1 - y0 + 1) as usize;
    if count > limit {
        return Vec::new();
    }
    let (cx, cy) = ((x0 + x1) as f64 / 2.0, (y0 + y1) as f64 / 2.0);
    let mut tiles: Vec<TileId> = (y0..=y1)
        .flat_map(|y| (x0..=x1).map(move |x| TileId { z, x, y }))
        .collect();
    // The middle first: what the reader looks at arrives first.
    crate::order::sort_by(&mut tiles, |a, b| {
        let d = |t: &TileId| (t.x as f64 - cx).powi(2) + (t.y as f64 - cy).powi(2);
        d(a).total_cmp(&d(b))
    });
    tiles
}

/// Where tile `id` goes on screen: `[left, top, right, bottom]` in CSS px of `viewport`.
pub fn screen_rect(id: TileId, projection: &Projection, viewport: &Viewport) -> [f64; 4] {
    let (lon0, lat0) = grid_lon_lat(id.x as f64, id.y as f64, id.z);
    let (lon1, lat1) = grid_lon_lat(id.x as f64 + 1.0, id.y as f64 + 1.0, id.z);
    let (wx0, wy0) = projection.project(lon0, lat0);
    let (wx1, wy1) = projection.project(lon1, lat1);
    let (sx0, sy0) = viewport.to_screen(wx0, wy0);
    let (sx1, sy1) = viewport.to_screen(wx1, wy1);
    [sx0, sy0, sx1, sy1]
}

/// The tile's address from a URL template with `{z}`, `{x}` and `{y}`.
///
/// ```
/// use buurtkaart_core::carto::tiles::{tile_url, TileId};
/// let t = TileId { z: 15, x: 16850, y: 10810 };
/// assert_eq!(tile_url("https://t.example/grijs/{z}/{x}/{y}.png", t), "https://t.example/grijs/15/16850/10810.png");
/// ```
pub fn tile_url(template: &str, id: TileId) -> String {
    template
        .replace("{z}", &id.z.to_string())
        .replace("{x}", &id.x.to_string())
        .replace("{y}", &id.y.to_string())
}

/// The parent tile `levels` zooms out, and where this tile lies in it: `[x, y, w, h]` as
/// fractions of the parent (a loaded parent stands in while a tile is on its way).
pub fn ancestor(id: TileId, levels: u8) -> Option<(TileId, [f64; 4])> {
    if levels == 0 || levels > id.z {
        return None;
    }
    let k = 1u32 << levels;
    let parent = TileId {
        z: id.z - levels,
        x: id.x / k,
        y: id.y / k,
    };
    let f = 1.0 / k as f64;
    Some((parent, [(id.x % k) as f64 * f, (id.y % k) as f64 * f, f, f]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_and_lon_lat_invert_each_other() {
        for z in [0, 5, 12, 19] {
            for (lon, lat) in [(3.36, 50.75), (5.1214, 52.0907), (7.22, 53.55)] {
                let (x, y) = grid_position(lon, lat, z);
                let (lo, la) = grid_lon_lat(x, y, z);
                assert!(
                    (lo - lon).abs() < 1e-9 && (la - lat).abs() < 1e-9,
                    "{z} {lon} {lat}"
                );
            }
        }
    }

    #[test]
    fn the_dom_tower_is_in_its_osm_tile() {
        // The Domtoren, Utrecht: tile 15/16850/10810 of the OSM/PDOK grid.
        let (x, y) = grid_position(5.1214, 52.0907, 15);
        assert_eq!((x.floor(), y.floor()), (16850.0, 10810.0));
    }

    #[test]
    fn a_stretched_tile_is_within_a_pixel_of_mercator() {
        // At every zoom from regional to street, across the country, a point inside a tile
        // drawn stretched between its projected edges lands within 1 device px of where the
        // local projection puts the place the tile shows there; from zoom 10 (where the app
        // shows tiles) within a quarter of a pixel.
        let p = Projection::default();
        for scale in [3.0, 10.0, 50.0, 400.0, 4000.0, 20_000.0] {
            for dpr in [1.0, 2.0] {
                let z = zoom_for(scale, dpr, &p, 0, 19);
                for (lon, lat) in [(3.4, 50.8), (5.1, 52.1), (7.1, 53.5)] {
                    let (gx, gy) = grid_position(lon, lat, z);
                    let id = TileId {
                        z,
                        x: gx.floor() as u32,
                        y: gy.floor() as u32,
                    };
                    let v = Viewport {
                        width: 800.0,
                        height: 600.0,
                        scale,
                        cx: p.project(lon, lat).0,
                        cy: p.project(lon, lat).1,
                    };
                    let r = screen_rect(id, &p, &v);
                    for fy in [0.1, 0.25, 0.5, 0.75, 0.9] {
                        let fx = 0.5;
                        // Where the stretched tile draws this tile pixel…
                        let sy = r[1] + fy * (r[3] - r[1]);
                        let sx = r[0] + fx * (r[2] - r[0]);
                        // …and where the place it shows belongs.
                        let (lo, la) = grid_lon_lat(id.x as f64 + fx, id.y as f64 + fy, z);
                        let (wx, wy) = p.project(lo, la);
                        let (tx, ty) = v.to_screen(wx, wy);
                        let err = ((sx - tx).powi(2) + (sy - ty).powi(2)).sqrt() * dpr;
                        let limit = if z >= 10 { 0.25 } else { 1.0 };
                        assert!(
                            err < limit,
                            "scale {scale} dpr {dpr} z {z} ({lon},{lat}) fy {fy}: {err} px"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn tiles_of_a_gemeente_view_are_few_and_start_in_the_middle() {
        let p = Projection::default();
        let (cx, cy) = p.project(5.1214, 52.0907);
        let v = Viewport {
            width: 1280.0,
            height: 800.0,
            scale: 50.0,
            cx,
            cy,
        };
        let z = zoom_for(v.scale, 1.0, &p, 0, 19);
        let tiles = covering(v.world_bounds(), &p, z, 200);
        assert!((12..=40).contains(&tiles.len()), "{}", tiles.len());
        let (gx, gy) = grid_position(5.1214, 52.0907, z);
        let first = tiles[0];
        assert!((first.x as f64 - gx).abs() <= 1.5 && (first.y as f64 - gy).abs() <= 1.5);
        // Together they cover the screen.
        let rects: Vec<_> = tiles.iter().map(|&t| screen_rect(t, &p, &v)).collect();
        let left = rects.iter().map(|r| r[0]).fold(f64::MAX, f64::min);
        let right = rects.iter().map(|r| r[2]).fold(f64::MIN, f64::max);
        let top = rects.iter().map(|r| r[1]).fold(f64::MAX, f64::min);
        let bottom = rects.iter().map(|r| r[3]).fold(f64::MIN, f64::max);
        assert!(left <= 0.0 && top <= 0.0 && right >= 1280.0 && bottom >= 800.0);
        assert!(covering(v.world_bounds(), &p, z, 4).is_empty());
    }

    #[test]
    fn ancestors_hold_their_descendants() {
        let t = TileId {
            z: 15,
            x: 16850,
            y: 10808,
        };
        let (p, [fx, fy, w, h]) = ancestor(t, 2).unwrap();
        assert_eq!(
            p,
            TileId {
                z: 13,
                x: 4212,
                y: 2702
            }
        );
        assert_eq!((fx, fy, w, h), (0.5, 0.0, 0.25, 0.25));
        assert!(ancestor(t, 0).is_none() && ancestor(TileId { z: 1, x: 0, y: 0 }, 2).is_none());
    }
}
