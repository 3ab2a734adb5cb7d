//! Place names on the map: which names to write at a zoom, and where, so that none overlaps
//! another and each sits in an area big enough on screen to hold it.
use super::{Projection, Viewport};
use buurtkaart_model::{LabelTable, Level};

/// Below this scale (CSS px per km) the map names gemeenten only; up to [`BUURT_NAMES_FROM`]
/// it names wijken too; from there on, buurten.
pub const WIJK_NAMES_FROM: f64 = 14.0;
/// See [`WIJK_NAMES_FROM`].
pub const BUURT_NAMES_FROM: f64 = 55.0;

/// Padding around every name's box (CSS px): names keep this much air between them.
const PAD: f64 = 3.0;

/// The levels whose names the map writes at `scale`, most important first.
///
/// ```
/// use buurtkaart_core::carto::labels::levels_at;
/// use buurtkaart_model::Level;
/// assert_eq!(levels_at(3.0), vec![Level::Gemeente]);
/// assert_eq!(levels_at(20.0), vec![Level::Gemeente, Level::Wijk]);
/// assert_eq!(levels_at(80.0), vec![Level::Buurt]);
/// ```
pub fn levels_at(scale: f64) -> Vec<Level> {
    if scale < WIJK_NAMES_FROM {
        vec![Level::Gemeente]
    } else if scale < BUURT_NAMES_FROM {
        vec![Level::Gemeente, Level::Wijk]
    } else {
        vec![Level::Buurt]
    }
}

/// The text a name is written as on the map: CBS numbers many wijken ("Wijk 07 De Lier"),
/// the map writes the name ("De Lier") and nothing for a bare number ("Wijk 04").
///
/// ```
/// use buurtkaart_core::carto::labels::map_text;
/// assert_eq!(map_text("Wijk 07 De Lier"), Some("De Lier"));
/// assert_eq!(map_text("Wijk 04"), None);
/// assert_eq!(map_text("Wijkerveld"), Some("Wijkerveld"));
/// assert_eq!(map_text("Oosterdokseiland"), Some("Oosterdokseiland"));
/// ```
pub fn map_text(name: &str) -> Option<&str> {
    let Some(rest) = name.strip_prefix("Wijk ") else {
        return Some(name).filter(|n| !n.trim().is_empty());
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return Some(name);
    }
    let after = rest[digits..].trim_start();
    (!after.is_empty()).then_some(after)
}

/// Where a name may go, in world coordinates (km), per row of a level's area index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// World x of the label point.
    pub x: f64,
    /// World y of the label point.
    pub y: f64,
    /// Distance from the point to the area's nearest edge (km).
    pub room: f64,
    /// Inhabitants (0 when unknown), to rank names that compete for room.
    pub weight: f64,
}

/// The anchors of a label table, projected (`None` for areas without a point).
pub fn anchors(table: &LabelTable, projection: &Projection) -> Vec<Option<Anchor>> {
    (0..table.points.len())
        .map(|row| {
            let p = table.point(row)?;
            let (x, y) = projection.project(p.lon, p.lat);
            Some(Anchor {
                x,
                y,
                room: p.room_m / 1000.0,
                weight: p.inhabitants as f64,
            })
        })
        .collect()
}

/// A name that may be written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Where.
    pub anchor: Anchor,
    /// Width of the text (CSS px).
    pub width: f64,
    /// Height of the text (CSS px).
    pub height: f64,
    /// Priority: higher goes first.
    pub rank: f64,
    /// How much wider than its area (the diameter of the inscribed circle, on screen) the text
    /// may be: a city's name may cover its suburbs at the national zoom, a buurt's should stay
    /// in the buurt.
    pub overflow: f64,
}

/// Whether a name `width` × `height` px fits an area with `room_px` of room around its point
/// (the radius of the largest circle inside it), when the text may be `overflow` times as wide
/// as that circle.
fn fits(room_px: f64, width: f64, height: f64, overflow: f64) -> bool {
    width <= 2.0 * room_px * overflow && height <= 2.5 * room_px
}

/// Chooses the names to write in view `v`: in rank order, each whose area holds it on screen
/// and whose box (padded) overlaps no name placed before and none of the `avoid` rectangles
/// (screen px: controls over the map); at most `max`. Returns the index of each chosen
/// candidate and its screen centre.
///
/// ```
/// use buurtkaart_core::carto::labels::{place, Anchor, Candidate};
/// use buurtkaart_core::carto::Viewport;
/// let v = Viewport { width: 400.0, height: 300.0, scale: 10.0, cx: 0.0, cy: 0.0 };
/// let at = |x: f64, rank: f64| Candidate {
///     anchor: Anchor { x, y: 0.0, room: 5.0, weight: 0.0 },
///     width: 60.0, height: 12.0, rank, overflow: 1.0,
/// };
/// // Two names 1 km (10 px) apart collide: the higher rank wins; one 10 km away stays.
/// let placed = place(&[at(0.0, 1.0), at(1.0, 2.0), at(10.0, 0.0)], &v, 10, &[]);
/// let chosen: Vec<usize> = placed.iter().map(|p| p.0).collect();
/// assert_eq!(chosen, vec![1, 2]);
/// ```
pub fn place(
    cands: &[Candidate],
    v: &Viewport,
    max: usize,
    avoid: &[[f64; 4]],
) -> Vec<(usize, f64, f64)> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    crate::order::sort_by(&mut order, |&a, &b| cands[b].rank.total_cmp(&cands[a].rank));
    let mut boxes: Vec<[f64; 4]> = avoid.to_vec();
    let mut placed = Vec::new();
    for i in order {
        if placed.len() >= max {
            break;
        }
        let c = &cands[i];
        if !fits(c.anchor.room * v.scale, c.width, c.height, c.overflow) {
            continue;
        }
        let (x, y) = v.to_screen(c.anchor.x, c.anchor.y);
        let (hw, hh) = (c.width / 2.0 + PAD, c.height / 2.0 + PAD);
        let b = [x - hw, y - hh, x + hw, y + hh];
        // Wholly on screen: a name cut by the edge reads as another word.
        if b[0] < 0.0 || b[1] < 0.0 || b[2] > v.width || b[3] > v.height {
            continue;
        }
        let free = boxes
            .iter()
            .all(|o| b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1]);
        if free {
            boxes.push(b);
            placed.push((i, x, y));
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> Viewport {
        Viewport {
            width: 200.0,
            height: 100.0,
            scale: 10.0,
            cx: 0.0,
            cy: 0.0,
        }
    }

    fn cand(x: f64, y: f64, room: f64, width: f64, rank: f64) -> Candidate {
        Candidate {
            anchor: Anchor {
                x,
                y,
                room,
                weight: 0.0,
            },
            width,
            height: 12.0,
            rank,
            overflow: 1.2,
        }
    }

    #[test]
    fn names_too_big_for_their_area_are_dropped() {
        // 0.5 km of room is 5 px at this zoom: no room for a 60 px name.
        assert!(place(&[cand(0.0, 0.0, 0.5, 60.0, 1.0)], &v(), 10, &[]).is_empty());
        assert_eq!(
            place(&[cand(0.0, 0.0, 3.0, 60.0, 1.0)], &v(), 10, &[]).len(),
            1
        );
    }

    #[test]
    fn names_keep_clear_of_the_controls() {
        let c = [cand(0.0, 0.0, 5.0, 60.0, 1.0)];
        // The name's box is 67..133 × 41..59 px (padded); a button at 120..160 covers its end.
        assert!(place(&c, &v(), 10, &[[120.0, 30.0, 160.0, 70.0]]).is_empty());
        assert_eq!(place(&c, &v(), 10, &[[140.0, 30.0, 160.0, 70.0]]).len(), 1);
    }

    #[test]
    fn names_cut_by_the_edge_are_dropped() {
        // x = 9 km is 90 px right of the centre: a 60 px name would end at 220 px of 200.
        assert!(place(&[cand(9.0, 0.0, 5.0, 60.0, 1.0)], &v(), 10, &[]).is_empty());
    }

    #[test]
    fn no_two_placed_boxes_overlap_and_the_cap_holds() {
        let cands: Vec<Candidate> = (0..400)
            .map(|i| {
                let (x, y) = ((i % 20) as f64 * 0.9 - 9.0, (i / 20) as f64 * 0.45 - 4.5);
                cand(
                    x,
                    y,
                    5.0,
                    30.0 + (i % 7) as f64 * 5.0,
                    (i * 37 % 101) as f64,
                )
            })
            .collect();
        let placed = place(&cands, &v(), 1000, &[]);
        assert!(placed.len() > 5);
        let boxes: Vec<[f64; 4]> = placed
            .iter()
            .map(|&(i, x, y)| {
                let (hw, hh) = (cands[i].width / 2.0, cands[i].height / 2.0);
                [x - hw, y - hh, x + hw, y + hh]
            })
            .collect();
        for (a, ba) in boxes.iter().enumerate() {
            for bb in &boxes[a + 1..] {
                let overlap = ba[0] < bb[2] && bb[0] < ba[2] && ba[1] < bb[3] && bb[1] < ba[3];
                assert!(!overlap, "{ba:?} overlaps {bb:?}");
            }
        }
        assert_eq!(place(&cands, &v(), 3, &[]).len(), 3);
    }

    #[test]
    fn anchors_project_and_keep_missing_points_missing() {
        let t = LabelTable {
            level: Level::Gemeente,
            points: vec![Some([490000, 5237000, 5000, 900000]), None],
        };
        let p = Projection::default();
        let a = anchors(&t, &p);
        let (x, y) = p.project(4.9, 52.37);
        let first = a[0].unwrap();
        assert!((first.x - x).abs() < 1e-9 && (first.y - y).abs() < 1e-9);
        assert_eq!(first.room, 5.0);
        assert_eq!(a[1], None);
    }
}
