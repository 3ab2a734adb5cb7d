//! The map viewport: which part of the projected plane is on screen, and at what scale.

/// A rectangle in projected km: `[min x, min y, max x, max y]`.
pub type Bounds = [f64; 4];

/// The visible part of the map. Screen units are CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Screen width in CSS px.
    pub width: f64,
    /// Screen height in CSS px.
    pub height: f64,
    /// CSS px per km.
    pub scale: f64,
    /// World x at the screen centre (km).
    pub cx: f64,
    /// World y at the screen centre (km).
    pub cy: f64,
}

/// The zoom range, in CSS px per km (whole country … a single street).
pub const MIN_SCALE: f64 = 0.5;
/// See [`MIN_SCALE`].
pub const MAX_SCALE: f64 = 20_000.0;

/// The most device pixels a map canvas gets, about a 4K screen's worth. Without a GPU the
/// browser rasterises and presents a canvas on the main thread, and that cost grows with its
/// pixels: a 3840 × 2160 CSS px window at device pixel ratio 2 (29 million device pixels) cost
/// 50–60 ms per frame and 130 ms per resize however the drawing was split.
pub const MAX_CANVAS_PX: f64 = 8.3e6;

/// The pixel ratio a `width` × `height` CSS px map canvas is drawn at on a screen of pixel ratio
/// `device`: the screen's, unless that would exceed [`MAX_CANVAS_PX`]; then as much as fits,
/// but never below 1 (a bigger map than that is drawn at one pixel per CSS pixel).
///
/// ```
/// use buurtkaart_core::carto::viewport::canvas_ratio;
/// assert_eq!(canvas_ratio(1280.0, 800.0, 2.0), 2.0); // a laptop: sharp as the screen
/// let r = canvas_ratio(3480.0, 2100.0, 2.0);            // a map on an 8K screen
/// assert!(r < 1.1 && 3480.0 * r * 2100.0 * r <= 8.3e6 + 1.0);
/// assert_eq!(canvas_ratio(5000.0, 3000.0, 2.0), 1.0);
/// ```
pub fn canvas_ratio(width: f64, height: f64, device: f64) -> f64 {
    let fits = (MAX_CANVAS_PX / (width * height).max(1.0)).sqrt();
    device.min(fits.max(1.0))
}

impl Viewport {
    /// A viewport of `width` × `height` px that shows `bounds` with `padding` px around it.
    ///
    /// ```
    /// use buurtkaart_core::carto::Viewport;
    /// let v = Viewport::fit(400.0, 200.0, [0.0, 0.0, 10.0, 10.0], 0.0);
    /// assert_eq!(v.scale, 20.0); // the height limits
    /// assert_eq!((v.cx, v.cy), (5.0, 5.0));
    /// ```
    pub fn fit(width: f64, height: f64, bounds: Bounds, padding: f64) -> Self {
        let w = (bounds[2] - bounds[0]).max(1e-6);
        let h = (bounds[3] - bounds[1]).max(1e-6);
        let avail_w = (width - 2.0 * padding).max(1.0);
        let avail_h = (height - 2.0 * padding).max(1.0);
        let scale = (avail_w / w).min(avail_h / h).clamp(MIN_SCALE, MAX_SCALE);
        Viewport {
            width,
            height,
            scale,
            cx: (bounds[0] + bounds[2]) / 2.0,
            cy: (bounds[1] + bounds[3]) / 2.0,
        }
    }

    /// World km → screen px.
    pub fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        (
            (x - self.cx) * self.scale + self.width / 2.0,
            (y - self.cy) * self.scale + self.height / 2.0,
        )
    }

    /// Screen px → world km.
    pub fn to_world(&self, sx: f64, sy: f64) -> (f64, f64) {
        (
            (sx - self.width / 2.0) / self.scale + self.cx,
            (sy - self.height / 2.0) / self.scale + self.cy,
        )
    }

    /// The world rectangle on screen.
    pub fn world_bounds(&self) -> Bounds {
        let (x0, y0) = self.to_world(0.0, 0.0);
        let (x1, y1) = self.to_world(self.width, self.height);
        [x0, y0, x1, y1]
    }

    /// Moves the map by `dx`, `dy` screen px (the content follows the pointer).
    pub fn pan(&mut self, dx: f64, dy: f64) {
        self.cx -= dx / self.scale;
        self.cy -= dy / self.scale;
    }

    /// Zooms by `factor` keeping the world point under screen point (`sx`, `sy`) in place.
    ///
    /// ```
    /// use buurtkaart_core::carto::Viewport;
    /// let mut v = Viewport { width: 100.0, height: 100.0, scale: 1.0, cx: 0.0, cy: 0.0 };
    /// let before = v.to_world(80.0, 20.0);
    /// v.zoom_at(80.0, 20.0, 2.0);
    /// let after = v.to_world(80.0, 20.0);
    /// assert!((before.0 - after.0).abs() < 1e-9 && (before.1 - after.1).abs() < 1e-9);
    /// assert_eq!(v.scale, 2.0);
    /// ```
    pub fn zoom_at(&mut self, sx: f64, sy: f64, factor: f64) {
        let (wx, wy) = self.to_world(sx, sy);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        self.cx = wx - (sx - self.width / 2.0) / self.scale;
        self.cy = wy - (sy - self.height / 2.0) / self.scale;
    }

    /// Keeps the centre inside `bounds` so the map cannot be lost off screen.
    pub fn clamp_centre(&mut self, bounds: Bounds) {
        self.cx = self.cx.clamp(bounds[0], bounds[2]);
        self.cy = self.cy.clamp(bounds[1], bounds[3]);
    }

    /// Changes the screen size, keeping centre and scale.
    pub fn resize(&mut self, width: f64, height: f64) {
        self.width = width;
        self.height = height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_world_round_trip() {
        let v = Viewport {
            width: 800.0,
            height: 600.0,
            scale: 3.5,
            cx: 12.0,
            cy: -40.0,
        };
        let (x, y) = v.to_world(123.0, 456.0);
        let (sx, sy) = v.to_screen(x, y);
        assert!((sx - 123.0).abs() < 1e-9 && (sy - 456.0).abs() < 1e-9);
    }

    #[test]
    fn pan_follows_pointer() {
        let mut v = Viewport {
            width: 100.0,
            height: 100.0,
            scale: 2.0,
            cx: 0.0,
            cy: 0.0,
        };
        let p = v.to_screen(5.0, 5.0);
        v.pan(10.0, -4.0);
        let q = v.to_screen(5.0, 5.0);
        assert!((q.0 - p.0 - 10.0).abs() < 1e-9 && (q.1 - p.1 + 4.0).abs() < 1e-9);
    }

    #[test]
    fn zoom_is_clamped() {
        let mut v = Viewport {
            width: 100.0,
            height: 100.0,
            scale: 1.0,
            cx: 0.0,
            cy: 0.0,
        };
        v.zoom_at(50.0, 50.0, 1e-9);
        assert_eq!(v.scale, MIN_SCALE);
        v.zoom_at(50.0, 50.0, 1e12);
        assert_eq!(v.scale, MAX_SCALE);
    }

    #[test]
    fn fit_degenerate_bounds() {
        let v = Viewport::fit(100.0, 100.0, [1.0, 1.0, 1.0, 1.0], 10.0);
        assert!(v.scale.is_finite() && v.scale <= MAX_SCALE);
    }
}
