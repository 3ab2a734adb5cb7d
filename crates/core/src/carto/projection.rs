//! A local equirectangular projection for the Netherlands, in kilometres.
//!
//! Across the country (50.7°–53.6° N) the scale error of a plate carrée scaled by
//! cos(52.2°) stays below 3 %, which is invisible on a choropleth and far cheaper than RD New.

/// Projects lon/lat (degrees, WGS84) to planar km with y pointing down (screen order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    lon0: f64,
    lat0: f64,
    kx: f64,
    ky: f64,
}

impl Default for Projection {
    fn default() -> Self {
        Projection::centred_on(5.3, 52.2)
    }
}

impl Projection {
    /// A projection whose origin (0, 0) is `lon0`, `lat0`.
    pub fn centred_on(lon0: f64, lat0: f64) -> Self {
        Projection {
            lon0,
            lat0,
            kx: 111.320 * lat0.to_radians().cos(),
            ky: 110.574,
        }
    }

    /// lon/lat → km (x east, y south).
    ///
    /// ```
    /// use buurtkaart_core::carto::Projection;
    /// let p = Projection::centred_on(5.0, 52.0);
    /// let (x, y) = p.project(5.0, 52.0);
    /// assert_eq!((x, y), (0.0, 0.0));
    /// let (lon, lat) = p.unproject(p.project(4.9, 52.37).0, p.project(4.9, 52.37).1);
    /// assert!((lon - 4.9).abs() < 1e-9 && (lat - 52.37).abs() < 1e-9);
    /// ```
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        ((lon - self.lon0) * self.kx, (self.lat0 - lat) * self.ky)
    }

    /// A lon/lat box `[west, south, east, north]` (a manifest's `bbox`) → its projected bounds
    /// `[x0, y0, x1, y1]`, north on top (the map's home view, and the frame of the pipeline's
    /// instant image of it).
    ///
    /// ```
    /// use buurtkaart_core::carto::Projection;
    /// let b = Projection::default().project_box([3.3, 50.7, 7.3, 53.6]);
    /// assert!(b[0] < b[2] && b[1] < b[3]);
    /// assert!((250.0..300.0).contains(&(b[2] - b[0])) && (300.0..340.0).contains(&(b[3] - b[1])));
    /// ```
    pub fn project_box(&self, bbox: [f64; 4]) -> [f64; 4] {
        let (x0, y1) = self.project(bbox[0], bbox[1]);
        let (x1, y0) = self.project(bbox[2], bbox[3]);
        [x0, y0, x1, y1]
    }

    /// Kilometres per degree of longitude (everywhere: the projection is equirectangular).
    pub fn km_per_degree_lon(&self) -> f64 {
        self.kx
    }

    /// km → lon/lat.
    pub fn unproject(&self, x: f64, y: f64) -> (f64, f64) {
        (x / self.kx + self.lon0, self.lat0 - y / self.ky)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amsterdam_to_utrecht_is_about_35_km() {
        let p = Projection::default();
        let a = p.project(4.9041, 52.3676);
        let u = p.project(5.1214, 52.0907);
        let d = ((a.0 - u.0).powi(2) + (a.1 - u.1).powi(2)).sqrt();
        assert!((d - 35.0).abs() < 1.5, "distance {d}");
        assert!(a.1 < u.1, "north is up: Amsterdam has the smaller y");
    }

    #[test]
    fn unproject_inverts_project_across_the_country() {
        // The GeoJSON export turns the app's km back into lon/lat with 6 decimals.
        let p = Projection::default();
        for lon in [3.3, 4.0, 5.3, 6.5, 7.3] {
            for lat in [50.7, 51.5, 52.2, 53.0, 53.6] {
                let (x, y) = p.project(lon, lat);
                let (lo, la) = p.unproject(x, y);
                assert!((lo - lon).abs() < 1e-9 && (la - lat).abs() < 1e-9);
            }
        }
    }
}
