//! The background map: raster tiles of the configured service (PDOK's BRT-Achtergrondkaart by
//! default) drawn on their own canvas beneath the choropleth, each stretched between its
//! projected edges (see `buurtkaart_core::carto::tiles` for why that aligns).
//!
//! The layer never shows a broken image: a tile is drawn only once it has loaded, a loaded
//! parent stands in meanwhile, and a tile that fails is left out. Before anything else the
//! layer asks for one tile (the middle one): if that fails or takes too long, the service is
//! reported down once and nothing more is asked, so an unreachable service costs one request,
//! not a flood of errors.
use crate::carto::tiles::{ancestor, covering, screen_rect, tile_url, zoom_for, TileId};
use crate::carto::{Projection, Viewport};
use buurtkaart_core::services::TileService;
use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// Tiles kept in memory at most (about 256 × 256 KB decoded at worst).
const CACHE: usize = 256;

/// Tiles drawn at most in one view; beyond it a coarser zoom is used.
const MAX_IN_VIEW: usize = 80;

/// How long the first tile may take before the service counts as unreachable (ms).
const PROBE_TIMEOUT_MS: i32 = 8000;

/// Zoom levels a loaded ancestor may stand in for a missing tile.
const STAND_IN_LEVELS: u8 = 4;

#[derive(Debug, Clone, Copy, PartialEq)]
enum TileState {
    Loading,
    Ready,
    Failed,
}

struct Tile {
    img: HtmlImageElement,
    state: Rc<Cell<TileState>>,
    used: u64,
}

/// Whether the service is known to work.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Health {
    /// Nothing asked yet, or the first tile is on its way.
    Unknown,
    /// A tile has loaded.
    Working,
    /// The first tile failed or took too long: nothing more is asked.
    Down,
}

/// The background layer of one map.
pub struct TileLayer {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    service: Option<TileService>,
    tiles: HashMap<TileId, Tile>,
    frame: u64,
    health: Rc<Cell<Health>>,
    /// Asks for a redraw of this layer (a tile arrived).
    notify: Rc<dyn Fn()>,
    /// Tells the page that the service is down.
    on_down: Rc<dyn Fn()>,
    /// Tiles drawn by the last draw (for the tests).
    pub drawn: usize,
    /// Whether the canvas is blank: clearing it again costs a pass over every pixel, which
    /// takes a while on a 4K screen (issue 20 item 4).
    blank: std::cell::Cell<bool>,
}

impl TileLayer {
    /// A layer drawing on `canvas`; `notify` is called when a tile has arrived, `on_down` once
    /// when the service turns out unreachable.
    pub fn new(
        canvas: HtmlCanvasElement,
        notify: Rc<dyn Fn()>,
        on_down: Rc<dyn Fn()>,
    ) -> Option<Self> {
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(TileLayer {
            canvas,
            ctx,
            service: None,
            tiles: HashMap::new(),
            frame: 0,
            health: Rc::new(Cell::new(Health::Unknown)),
            notify,
            on_down,
            drawn: 0,
            blank: std::cell::Cell::new(true),
        })
    }

    /// Sets the service (`None`: no background). A new service starts afresh.
    pub fn set_service(&mut self, service: Option<TileService>) {
        if self.service != service {
            self.tiles.clear();
            self.health.set(Health::Unknown);
            self.service = service;
        }
    }

    /// The service drawn from, if any.
    pub fn service(&self) -> Option<&TileService> {
        self.service.as_ref()
    }

    /// Sets the canvas size in device pixels.
    pub fn resize(&self, width: u32, height: u32) {
        self.canvas.set_width(width);
        self.canvas.set_height(height);
        self.blank.set(true);
    }

    /// Whether tiles are drawn under this view: a working service at a zoom where it helps.
    pub fn showing(&self, viewport: &Viewport) -> bool {
        self.service.is_some()
            && self.health.get() == Health::Working
            && viewport.scale >= crate::carto::tiles::TILES_FROM_SCALE
    }

    /// Draws the tiles of `viewport` that have arrived and asks for the missing ones.
    pub fn draw(&mut self, viewport: &Viewport, dpr: f64, projection: &Projection) {
        self.paint(viewport, dpr, projection);
        self.publish();
    }

    fn paint(&mut self, viewport: &Viewport, dpr: f64, projection: &Projection) {
        let (w, h) = (self.canvas.width() as f64, self.canvas.height() as f64);
        if !self.blank.replace(true) {
            self.ctx.clear_rect(0.0, 0.0, w, h);
        }
        self.drawn = 0;
        let Some(service) = self.service.clone() else {
            return;
        };
        if self.health.get() == Health::Down
            || viewport.scale < crate::carto::tiles::TILES_FROM_SCALE
        {
            return;
        }
        self.frame += 1;
        let bounds = viewport.world_bounds();
        let mut z = zoom_for(
            viewport.scale,
            dpr,
            projection,
            service.min_zoom,
            service.max_zoom,
        );
        let mut wanted = covering(bounds, projection, z, MAX_IN_VIEW);
        while wanted.is_empty() && z > service.min_zoom {
            z -= 1;
            wanted = covering(bounds, projection, z, MAX_IN_VIEW);
        }
        if self.health.get() == Health::Unknown {
            // Only the middle tile, until the service has shown it works.
            wanted.truncate(1);
        }
        for &id in &wanted {
            let ready = self.ready(id);
            if !ready {
                self.ask(&service, id);
            }
            let rect = screen_rect(id, projection, viewport);
            if ready {
                self.blit(id, None, rect, dpr);
                self.drawn += 1;
                continue;
            }
            // A loaded ancestor stands in, cropped to this tile's part of it.
            for levels in 1..=STAND_IN_LEVELS {
                let Some((parent, part)) = ancestor(id, levels) else {
                    break;
                };
                if self.ready(parent) {
                    self.blit(parent, Some(part), rect, dpr);
                    break;
                }
            }
        }
        self.evict();
    }

    /// Says on the map element how many whole tiles the last draw drew (for the tests).
    fn publish(&self) {
        if let Some(el) = self.canvas.parent_element() {
            let _ = el.set_attribute("data-tiles", &self.drawn.to_string());
        }
    }

    fn ready(&mut self, id: TileId) -> bool {
        let frame = self.frame;
        match self.tiles.get_mut(&id) {
            Some(t) if t.state.get() == TileState::Ready => {
                t.used = frame;
                true
            }
            _ => false,
        }
    }

    /// Draws tile `id` (or `part` of it: `[x, y, w, h]` fractions) into screen `rect` (CSS px),
    /// with its edges on whole device pixels so neighbours meet without seams.
    fn blit(&self, id: TileId, part: Option<[f64; 4]>, rect: [f64; 4], dpr: f64) {
        let Some(tile) = self.tiles.get(&id) else {
            return;
        };
        let (x0, y0) = ((rect[0] * dpr).round(), (rect[1] * dpr).round());
        let (x1, y1) = ((rect[2] * dpr).round(), (rect[3] * dpr).round());
        let img = &tile.img;
        self.blank.set(false);
        let (iw, ih) = (img.natural_width() as f64, img.natural_height() as f64);
        let [fx, fy, fw, fh] = part.unwrap_or([0.0, 0.0, 1.0, 1.0]);
        let _ = self
            .ctx
            .draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                img,
                fx * iw,
                fy * ih,
                fw * iw,
                fh * ih,
                x0,
                y0,
                x1 - x0,
                y1 - y0,
            );
    }

    /// Starts loading tile `id` unless it is loading, loaded or failed.
    fn ask(&mut self, service: &TileService, id: TileId) {
        if self.tiles.contains_key(&id) {
            return;
        }
        let Some(img) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("img").ok())
            .and_then(|e| e.dyn_into::<HtmlImageElement>().ok())
        else {
            return;
        };
        let state = Rc::new(Cell::new(TileState::Loading));
        let first = self.health.get() == Health::Unknown;
        {
            let (state, health, notify) = (state.clone(), self.health.clone(), self.notify.clone());
            let onload = Closure::once_into_js(move || {
                state.set(TileState::Ready);
                if health.get() == Health::Unknown {
                    health.set(Health::Working);
                }
                notify();
            });
            img.set_onload(Some(onload.unchecked_ref()));
        }
        {
            let (state, health, down) = (state.clone(), self.health.clone(), self.on_down.clone());
            let onerror = Closure::once_into_js(move || {
                state.set(TileState::Failed);
                if first && health.get() == Health::Unknown {
                    health.set(Health::Down);
                    down();
                }
            });
            img.set_onerror(Some(onerror.unchecked_ref()));
        }
        if first {
            let (state, health, down) = (state.clone(), self.health.clone(), self.on_down.clone());
            let late = Closure::once_into_js(move || {
                if state.get() == TileState::Loading && health.get() == Health::Unknown {
                    state.set(TileState::Failed);
                    health.set(Health::Down);
                    down();
                }
            });
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                    late.unchecked_ref(),
                    PROBE_TIMEOUT_MS,
                );
            }
        }
        img.set_decoding("async");
        img.set_alt("");
        img.set_src(&tile_url(&service.url, id));
        self.tiles.insert(
            id,
            Tile {
                img,
                state,
                used: self.frame,
            },
        );
    }

    /// Forgets the least recently drawn tiles beyond [`CACHE`].
    fn evict(&mut self) {
        if self.tiles.len() <= CACHE {
            return;
        }
        let mut by_use: Vec<(u64, TileId)> =
            self.tiles.iter().map(|(id, t)| (t.used, *id)).collect();
        by_use.sort_unstable();
        let excess = self.tiles.len() - CACHE;
        for (used, id) in by_use.into_iter().take(excess) {
            if used == self.frame {
                break;
            }
            if let Some(t) = self.tiles.remove(&id) {
                // A tile still loading stops downloading.
                t.img.set_src("");
            }
        }
    }
}
