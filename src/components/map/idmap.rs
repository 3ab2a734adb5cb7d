//! Which area covers each device pixel of the last full draw, so a recolour (another indicator,
//! palette, theme or legend highlight) paints the new colours at once from a lookup table
//! instead of rasterising every polygon again.
//!
//! The canvas anti-aliases its fills, so its own pixels cannot tell areas apart; the map is
//! rasterised once more here, without anti-aliasing (a scanline fill with the canvas's non-zero
//! rule, per area, pixel centres inside), from the same simplified rings the canvas drew. No maintained crate does this
//! for `geo` 0.33 without pulling in a second geometry stack, and it is a few dozen lines.

/// No area: the canvas stays transparent there.
pub const EMPTY: u32 = 0;
/// The gemeente underlay ("no data" style beneath wijken and buurten).
pub const UNDERLAY: u32 = 1;

/// The id of area `i` of the drawn level.
pub fn area_id(i: usize) -> u32 {
    i as u32 + 2
}

/// One polygon edge, top to bottom, in device pixels.
#[derive(Clone, Copy)]
struct Edge {
    top: f64,
    bottom: f64,
    x_top: f64,
    dx_dy: f64,
    /// +1 if the edge runs downwards, -1 if upwards (for the non-zero rule).
    winding: i32,
}

/// Area ids per device pixel, row by row.
pub struct IdMap {
    /// Width in device pixels.
    pub width: usize,
    /// Height in device pixels.
    pub height: usize,
    ids: Vec<u32>,
    edges: Vec<Edge>,
    active: Vec<usize>,
    xs: Vec<(f64, i32)>,
}

impl IdMap {
    /// An empty map of `width` x `height` device pixels.
    pub fn new(width: usize, height: usize) -> Self {
        IdMap {
            width,
            height,
            ids: vec![EMPTY; width * height],
            edges: Vec::new(),
            active: Vec::new(),
            xs: Vec::new(),
        }
    }

    /// The id at pixel (`x`, `y`).
    #[cfg(test)]
    pub fn at(&self, x: usize, y: usize) -> u32 {
        self.ids[y * self.width + x]
    }

    /// Adds the edge `a`–`b` (device px) to the polygon being built.
    pub fn edge(&mut self, a: (f64, f64), b: (f64, f64)) {
        if a.1 == b.1 || !(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite())
        {
            return;
        }
        let (t, u, winding) = if a.1 < b.1 { (a, b, 1) } else { (b, a, -1) };
        self.edges.push(Edge {
            top: t.1,
            bottom: u.1,
            x_top: t.0,
            dx_dy: (u.0 - t.0) / (u.1 - t.1),
            winding,
        });
    }

    /// Fills the polygon made of the edges added since the last fill with `id` (non-zero rule,
    /// like the canvas; pixels whose centre is inside), over what is there.
    pub fn fill(&mut self, id: u32) {
        let mut edges = std::mem::take(&mut self.edges);
        if edges.is_empty() {
            return;
        }
        edges.sort_unstable_by(|a, b| a.top.total_cmp(&b.top));
        let top = edges[0].top;
        let bottom = edges.iter().map(|e| e.bottom).fold(f64::MIN, f64::max);
        let y0 = (top - 0.5).ceil().max(0.0) as usize;
        let y1 = ((bottom - 0.5).ceil().max(0.0) as usize).min(self.height);
        let (mut active, mut xs) = (
            std::mem::take(&mut self.active),
            std::mem::take(&mut self.xs),
        );
        active.clear();
        let mut next = 0;
        for y in y0..y1 {
            let yc = y as f64 + 0.5;
            while next < edges.len() && edges[next].top <= yc {
                active.push(next);
                next += 1;
            }
            active.retain(|&e| edges[e].bottom > yc);
            xs.clear();
            xs.extend(active.iter().map(|&e| {
                let e = &edges[e];
                (e.x_top + (yc - e.top) * e.dx_dy, e.winding)
            }));
            xs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            let row = &mut self.ids[y * self.width..(y + 1) * self.width];
            let px = |x: f64| ((x - 0.5).ceil().max(0.0) as usize).min(self.width);
            let (mut winding, mut from) = (0, 0.0);
            for &(x, w) in &xs {
                if winding == 0 {
                    from = x;
                }
                winding += w;
                if winding == 0 {
                    let (a, b) = (px(from), px(x));
                    row[a..b.max(a)].fill(id);
                }
            }
        }
        edges.clear();
        self.edges = edges;
        self.active = active;
        self.xs = xs;
    }

    /// Writes the colours of the ids into `rgba` (4 bytes per pixel, not premultiplied):
    /// `lut[id]`, and `border` blended over pixels where two areas meet (to their right or
    /// below), ids without an entry transparent.
    pub fn paint(&self, lut: &[[u8; 4]], border: Option<[u8; 4]>, rgba: &mut Vec<u8>) {
        rgba.clear();
        rgba.reserve(self.ids.len() * 4);
        let clear = [0u8; 4];
        for &id in &self.ids {
            rgba.extend_from_slice(lut.get(id as usize).unwrap_or(&clear));
        }
        let Some([br, bg, bb, ba]) = border else {
            return;
        };
        let w = self.width;
        let a = ba as u32;
        for (p, &id) in self.ids.iter().enumerate() {
            if id < area_id(0) {
                continue;
            }
            let x = p % w;
            let right = (x + 1 < w).then(|| self.ids[p + 1]);
            let below = self.ids.get(p + w).copied();
            let meets = |n: Option<u32>| n.is_some_and(|n| n != id && n >= area_id(0));
            if meets(right) || meets(below) {
                let px = &mut rgba[p * 4..p * 4 + 3];
                for (c, b) in px.iter_mut().zip([br, bg, bb]) {
                    *c = ((*c as u32 * (255 - a) + b as u32 * a) / 255) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adds the closed ring `pts`.
    fn ring(m: &mut IdMap, pts: &[(f64, f64)]) {
        for (k, &p) in pts.iter().enumerate() {
            m.edge(p, pts[(k + 1) % pts.len()]);
        }
    }

    fn square(m: &mut IdMap, x0: f64, y0: f64, x1: f64, y1: f64) {
        ring(m, &[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]);
    }

    fn count(m: &IdMap, id: u32) -> usize {
        m.ids.iter().filter(|&&i| i == id).count()
    }

    #[test]
    fn a_square_covers_the_pixels_whose_centre_is_inside() {
        let mut m = IdMap::new(10, 10);
        square(&mut m, 2.0, 3.0, 6.0, 5.0);
        m.fill(7);
        assert_eq!(count(&m, 7), 4 * 2);
        assert_eq!(m.at(2, 3), 7);
        assert_eq!(m.at(5, 4), 7);
        assert_eq!(m.at(6, 4), EMPTY);
        assert_eq!(m.at(2, 5), EMPTY);
        // Half a pixel off: centres at x.5 are inside from 2.4 on, not from 2.6.
        let mut m = IdMap::new(10, 10);
        square(&mut m, 2.6, 0.0, 4.4, 1.0);
        m.fill(3);
        assert_eq!((m.at(2, 0), m.at(3, 0), m.at(4, 0)), (EMPTY, 3, EMPTY));
    }

    #[test]
    fn a_hole_stays_empty_and_neighbours_share_no_pixel() {
        let mut m = IdMap::new(20, 20);
        square(&mut m, 0.0, 0.0, 10.0, 10.0);
        // A hole runs the other way round (see `carto::shapes::oriented`).
        square(&mut m, 7.0, 3.0, 3.0, 7.0);
        m.fill(2);
        assert_eq!(count(&m, 2), 100 - 16);
        assert_eq!(m.at(5, 5), EMPTY);
        // Two areas on either side of a slanted shared border: every pixel goes to exactly one.
        let mut m = IdMap::new(20, 20);
        for (id, pts) in [
            (2, [(0.0, 0.0), (13.3, 0.0), (6.7, 20.0), (0.0, 20.0)]),
            (3, [(13.3, 0.0), (20.0, 0.0), (20.0, 20.0), (6.7, 20.0)]),
        ] {
            ring(&mut m, &pts);
            m.fill(id);
        }
        assert_eq!(count(&m, EMPTY), 0);
        assert_eq!(count(&m, 2) + count(&m, 3), 400);
    }

    #[test]
    fn overlapping_parts_of_one_area_fill_fully_with_the_non_zero_rule() {
        let mut m = IdMap::new(10, 4);
        square(&mut m, 0.0, 0.0, 6.0, 4.0);
        square(&mut m, 4.0, 0.0, 10.0, 4.0);
        m.fill(2);
        assert_eq!(count(&m, 2), 40);
    }

    #[test]
    fn shapes_off_the_map_are_clipped() {
        let mut m = IdMap::new(8, 8);
        square(&mut m, -100.0, -50.0, 4.0, 400.0);
        m.fill(2);
        assert_eq!(count(&m, 2), 4 * 8);
        square(&mut m, f64::NAN, 0.0, 4.0, 4.0);
        m.fill(9);
        assert_eq!(count(&m, 9), 0, "a broken edge is skipped, not a panic");
    }

    #[test]
    fn paint_looks_up_colours_and_marks_borders() {
        let mut m = IdMap::new(4, 1);
        square(&mut m, 0.0, 0.0, 2.0, 1.0);
        m.fill(area_id(0));
        square(&mut m, 2.0, 0.0, 3.0, 1.0);
        m.fill(area_id(1));
        let lut = [
            [0, 0, 0, 0],
            [9, 9, 9, 255],
            [200, 0, 0, 255],
            [0, 0, 200, 255],
        ];
        let mut rgba = Vec::new();
        m.paint(&lut, None, &mut rgba);
        assert_eq!(
            rgba,
            [200, 0, 0, 255, 200, 0, 0, 255, 0, 0, 200, 255, 0, 0, 0, 0]
        );
        m.paint(&lut, Some([255, 255, 255, 255]), &mut rgba);
        // Only the pixel left of the shared border turns white; the edge to nothing does not.
        assert_eq!(&rgba[4..8], &[255, 255, 255, 255]);
        assert_eq!(&rgba[8..12], &[0, 0, 200, 255]);
    }
}
