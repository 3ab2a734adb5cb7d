//! The choropleth map: canvas rendering, pan/zoom/pinch, hover and selection.
mod controller;
mod gestures;
mod idmap;
mod instant;
mod names;
mod paths;
mod renderer;
mod tiles;

use crate::carto::viewport::Bounds;
use crate::carto::{AreaShapes, Viewport};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::layout;
use crate::scale::palette::no_data;
use buurtkaart_model::{AreaCode, Level};
pub use controller::{FitPolicy, MapController};
use gestures::Gestures;
pub use instant::{keep_shell_image, shell_image, InstantImage};
use leptos::html;
use leptos::prelude::*;
pub use names::PlacedName;
pub use renderer::{Layer, Renderer};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long the window keeps its size before the map follows a resize.
const RESIZE_SETTLE: Duration = Duration::from_millis(120);

/// Shared, mutable canvas state (lives as long as the map component).
#[derive(Clone)]
pub struct MapHandle {
    renderer: Rc<RefCell<Option<Renderer>>>,
    frame_pending: Rc<Cell<bool>>,
    full_wanted: Rc<Cell<bool>>,
    idle_gen: Rc<Cell<u32>>,
    ids_gen: Rc<Cell<u32>>,
    gestures: Rc<RefCell<Gestures>>,
    tiles_pending: Rc<Cell<bool>>,
    /// False once the map component is disposed: delayed callbacks (animation frames, timeouts
    /// after a gesture or a draw) check it before they touch the page's signals, which are gone
    /// by then (leaving the map within a moment of a wheel step used to panic).
    alive: Arc<AtomicBool>,
}

/// A [`MapHandle`] that does not own the renderer.
struct WeakHandle {
    renderer: std::rc::Weak<RefCell<Option<Renderer>>>,
    rest: MapHandle,
}

impl WeakHandle {
    /// The full handle, while the renderer exists.
    fn upgrade(&self) -> Option<MapHandle> {
        let renderer = self.renderer.upgrade()?;
        Some(MapHandle {
            renderer,
            ..self.rest.clone()
        })
    }
}

impl MapHandle {
    fn new() -> Self {
        MapHandle {
            renderer: Rc::new(RefCell::new(None)),
            frame_pending: Rc::new(Cell::new(false)),
            full_wanted: Rc::new(Cell::new(false)),
            idle_gen: Rc::new(Cell::new(0)),
            ids_gen: Rc::new(Cell::new(0)),
            gestures: Rc::new(RefCell::new(Gestures::default())),
            tiles_pending: Rc::new(Cell::new(false)),
            alive: Arc::new(AtomicBool::new(true)),
        }
    }

    /// A handle that does not keep the renderer alive (for callbacks the renderer owns).
    fn downgrade(&self) -> WeakHandle {
        let mut rest = self.clone();
        let renderer = Rc::downgrade(&self.renderer);
        rest.renderer = Rc::new(RefCell::new(None));
        WeakHandle { renderer, rest }
    }

    /// Whether the map component still exists.
    fn alive(&self) -> bool {
        self.alive.load(Ordering::Relaxed)
    }

    /// Runs `f` after `delay`, unless the map has been disposed by then. Every delayed callback
    /// of the map goes through here or [`MapHandle::next_frame`], so none can touch the page's
    /// signals once it is gone (leaving the map within a moment of a wheel step used to panic).
    pub fn after(&self, delay: Duration, f: impl FnOnce(&MapHandle) + 'static) {
        let h = self.clone();
        set_timeout(
            move || {
                if h.alive() {
                    f(&h);
                }
            },
            delay,
        );
    }

    /// Runs `f` on the next animation frame, unless the map has been disposed by then.
    pub fn next_frame(&self, f: impl FnOnce(&MapHandle) + 'static) {
        let h = self.clone();
        request_animation_frame(move || {
            if h.alive() {
                f(&h);
            }
        });
    }

    /// Runs `f` on the renderer, if it exists.
    pub fn with<R>(&self, f: impl FnOnce(&mut Renderer) -> R) -> Option<R> {
        self.renderer.borrow_mut().as_mut().map(f)
    }

    /// Schedules a redraw on the next animation frame. `full` repaints the choropleth; otherwise a
    /// slow map shows its snapshot moved and repaints fully once the gesture rests.
    pub fn request(&self, full: bool) {
        if full {
            self.full_wanted.set(true);
        }
        if self.frame_pending.replace(true) {
            return;
        }
        self.next_frame(|h| {
            h.frame_pending.set(false);
            let full = h.full_wanted.replace(false);
            let slow = h.with(|r| r.heavy()).unwrap_or(false);
            if full || !slow {
                // A view with many areas (the national buurt map) builds its paths in this
                // frame and paints them in the next: two tasks of 25–50 ms instead of one of
                // 60–100 ms on this desktop (issue 20 item 4).
                if h.with(|r| r.prepare_full()).unwrap_or(false) {
                    h.next_frame(|h| h.paint_prepared(2));
                } else {
                    h.draw_full_now();
                }
            } else {
                let moved = h.with(|r| r.draw_fast()).unwrap_or(false);
                if !moved {
                    // No frame to move (a gesture began while a draw in bands was under way):
                    // this frame is drawn fully, the next ones move it.
                    h.draw_full_at_once();
                }
                h.repaint_when_idle();
            }
        });
    }

    /// Paints the full draw prepared a frame ago. When the view changed in between (a table
    /// arriving, another switch), its paths are built again and painted a frame later, up to
    /// `retries` times, rather than built and painted in one long task.
    fn paint_prepared(&self, retries: u32) {
        let fits = self.with(|r| r.prepared_fits()).unwrap_or(true);
        if !fits && retries > 0 && self.with(|r| r.prepare_full()).unwrap_or(false) {
            self.next_frame(move |h| h.paint_prepared(retries - 1));
        } else {
            self.draw_full_now();
        }
    }

    /// Draws the choropleth fully now, and its area-per-pixel map for quick recolours once the
    /// map has rested a while (not during a gesture, not on the way to the first paint).
    pub fn draw_full_now(&self) {
        let progress = self.with(|r| r.draw_full());
        self.after_progress(progress);
    }

    /// Draws the choropleth fully now, all its bands in this task.
    fn draw_full_at_once(&self) {
        let progress = self.with(|r| {
            let mut p = r.draw_full();
            while let renderer::Progress::More(id) = p {
                p = r.draw_band(id);
            }
            p
        });
        self.after_progress(progress);
    }

    /// Paints the next band of the full draw `id` on the next frame, or, when it is done, looks
    /// after what follows a full draw.
    fn after_progress(&self, progress: Option<renderer::Progress>) {
        match progress {
            Some(renderer::Progress::More(id)) => self.next_frame(move |h| {
                let progress = h.with(|r| r.draw_band(id));
                h.after_progress(progress);
            }),
            Some(renderer::Progress::Done) => self.after_full(),
            _ => {}
        }
    }

    /// Builds the area-per-pixel map of a full draw once the map has rested a while.
    fn after_full(&self) {
        let gen = self.ids_gen.get().wrapping_add(1);
        self.ids_gen.set(gen);
        let gesture = self.idle_gen.get();
        self.after(Duration::from_millis(300), move |h| {
            let resting =
                h.ids_gen.get() == gen && h.idle_gen.get() == gesture && !h.frame_pending.get();
            if resting {
                h.with(|r| r.build_ids());
            }
        });
    }

    /// Called when a background tile has arrived: redraws the background on the next frame, and
    /// the choropleth too when its opacity over the background changes (the first tile).
    fn tiles_arrived(&self) {
        if self.tiles_pending.replace(true) {
            return;
        }
        self.next_frame(|h| {
            h.tiles_pending.set(false);
            let refill = h
                .with(|r| {
                    r.draw_tiles();
                    r.fill_alpha() != r.drawn_alpha
                })
                .unwrap_or(false);
            if refill {
                h.request(true);
            }
        });
    }

    /// Repaints fully after the gesture has rested for a moment.
    fn repaint_when_idle(&self) {
        let gen = self.idle_gen.get().wrapping_add(1);
        self.idle_gen.set(gen);
        self.after(Duration::from_millis(140), move |h| {
            if h.idle_gen.get() == gen {
                h.request(true);
            }
        });
    }

    /// Tells the page the current scale and visible bounds (auto level, table of areas in view).
    pub fn publish_view(&self, ctx: MapContext) {
        if let Some(v) = self.viewport() {
            if (v.scale - ctx.scale.get_untracked()).abs() > 1e-9 {
                ctx.scale.set(v.scale);
            }
            let b = v.world_bounds();
            if ctx.bounds.get_untracked() != Some(b) {
                ctx.bounds.set(Some(b));
            }
        }
    }

    /// The current viewport.
    pub fn viewport(&self) -> Option<Viewport> {
        self.with(|r| r.viewport)
    }
}

/// Fits `b` into the part of the map a reader can see: all of it beside a sidebar, the top part
/// above the bottom sheet in the phone layout (`sheet`: the page has a sheet, not an embed).
fn fit_visible(v: &Viewport, b: Bounds, pad: f64, selected: bool, sheet: bool) -> Viewport {
    let share = if sheet {
        layout::visible_share(selected)
    } else {
        1.0
    };
    if share >= 1.0 {
        return Viewport::fit(v.width, v.height, b, pad);
    }
    let mut f = Viewport::fit(
        v.width,
        v.height * share,
        b,
        pad.min(v.height * share / 6.0),
    );
    f.height = v.height;
    // Move the content up into the visible part.
    f.cy += v.height * (0.5 - share / 2.0) / f.scale;
    f
}

fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

fn mark_ready(h: &MapHandle, ctx: MapContext) {
    // rAF runs before the paint; the timeout after it runs once the frame is on screen. A full
    // draw in bands is on screen after its last band.
    h.next_frame(move |h| {
        if h.with(|r| r.drawing()).unwrap_or(false) {
            mark_ready(h, ctx);
            return;
        }
        h.after(Duration::ZERO, move |_| {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("choropleth-ready");
            }
            ctx.ready.set(true);
        });
    });
}

/// What a static map (an embed with `interactive=0`) is, for screen readers: it becomes an image
/// named by `text`; an interactive map is described by the element `id`.
#[derive(Clone, Copy)]
pub struct Description {
    /// The id of the element with the description.
    pub id: &'static str,
    /// The description itself.
    pub text: Signal<String>,
}

/// A shape list compared by identity, so that effects follow a new file, not every store change.
#[derive(Clone)]
struct SameShapes(Option<Arc<AreaShapes>>);

impl PartialEq for SameShapes {
    fn eq(&self, o: &Self) -> bool {
        match (&self.0, &o.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Name sets compared by identity of their files.
#[derive(Clone)]
struct SameNames(Vec<names::NameSet>);

impl PartialEq for SameNames {
    fn eq(&self, o: &Self) -> bool {
        self.0.len() == o.0.len()
            && self.0.iter().zip(&o.0).all(|(a, b)| {
                a.level == b.level
                    && Arc::ptr_eq(&a.anchors, &b.anchors)
                    && Arc::ptr_eq(&a.index, &b.index)
            })
    }
}

/// The map: a canvas choropleth with an overlay for hover and selection.
#[component]
pub fn MapView(
    /// The page's controller of this map.
    map: MapController,
    /// Called when an area is chosen by click or Enter.
    on_select: Callback<(Level, String)>,
    /// Whether readers can point, click and zoom (`false`: a picture).
    #[prop(default = true)]
    interactive: bool,
    /// What the map shows in words, if the page has it (embeds).
    #[prop(optional)]
    description: Option<Description>,
) -> impl IntoView {
    let ctx = map.ctx();
    let store = expect_context::<DataStore>();
    let handle = map.handle();
    {
        // Only the flag goes into the cleanup (it must be Send); queued callbacks then do nothing.
        let alive = handle.alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    // Hover set elsewhere (the scatter plot of the tenure view) outlines the area too.
    {
        let h = handle.clone();
        Effect::new(move |_| {
            let hover = ctx.hover.get();
            h.with(|r| {
                let want = hover
                    .filter(|x| r.layer.as_ref().is_some_and(|l| l.level == x.level))
                    .map(|x| x.shape);
                if r.hovered != want {
                    r.hovered = want;
                    r.draw_overlay();
                }
            });
        });
    }
    // The pin of a searched address or of the reader's position.
    {
        let h = handle.clone();
        Effect::new(move |_| {
            let pin = ctx
                .pin
                .get()
                .map(|(lon, lat)| DataStore::projection().project(lon, lat));
            h.with(|r| {
                r.pin = pin;
                r.draw_overlay();
            });
        });
    }
    let container: NodeRef<html::Div> = NodeRef::new();
    let base: NodeRef<html::Canvas> = NodeRef::new();
    let overlay: NodeRef<html::Canvas> = NodeRef::new();
    let background: NodeRef<html::Canvas> = NodeRef::new();
    let services = expect_context::<crate::services::ServiceState>();

    // Set once the renderer exists: a map mounted when its data is already loaded (a new route
    // after a click) colours when the canvases arrive, not only when the data changes.
    let canvas_ready = RwSignal::new(false);
    // Create the renderer once the canvases exist, and keep its size in step with the page.
    let fit_size = {
        let h = handle.clone();
        move || {
            let Some(div) = container.get_untracked() else {
                return;
            };
            let rect = div.get_bounding_client_rect();
            let changed = h
                .with(|r| {
                    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
                    r.resize(w, h, crate::carto::viewport::canvas_ratio(w, h, dpr()))
                })
                .unwrap_or(false);
            if changed {
                h.request(true);
            }
        }
    };
    {
        let h = handle.clone();
        let fit_size = fit_size.clone();
        Effect::new(move |_| {
            let (Some(b), Some(o)) = (base.get(), overlay.get()) else {
                return;
            };
            if h.renderer.borrow().is_some() {
                return;
            }
            *h.renderer.borrow_mut() = Renderer::new(b, o);
            let layer = background.get().and_then(|c| {
                // Weak: the layer lives in the renderer, which must not keep itself alive.
                let weak = h.downgrade();
                let notify: Rc<dyn Fn()> = Rc::new(move || {
                    if let Some(h) = weak.upgrade().filter(|h| h.alive()) {
                        h.tiles_arrived();
                    }
                });
                let down = services.tiles_down;
                let on_down: Rc<dyn Fn()> = Rc::new(move || {
                    down.try_set(true);
                });
                tiles::TileLayer::new(c, notify, on_down)
            });
            if let Some(r) = h.renderer.borrow_mut().as_mut() {
                r.halo = map.policy == FitPolicy::Embed;
                r.tiles = layer;
            }
            fit_size();
            canvas_ready.set(h.renderer.borrow().is_some());
        });
    }
    {
        let fit_size = fit_size.clone();
        let embed = map.policy == FitPolicy::Embed;
        // Only the last of a burst of resizes (a window dragged wider) sizes the canvases:
        // each new size reallocates them, which took a few hundred ms on a 4K screen; in
        // between the browser stretches the last frame.
        let h = handle.clone();
        let resizes = Rc::new(Cell::new(0u32));
        let listener = window_event_listener(leptos::ev::resize, move |_| {
            let gen = resizes.get().wrapping_add(1);
            resizes.set(gen);
            let resizes = resizes.clone();
            let fit_size = fit_size.clone();
            h.after(RESIZE_SETTLE, move |_| {
                if resizes.get() != gen {
                    return;
                }
                fit_size();
                if embed {
                    map.fit_focus();
                }
            });
        });
        on_cleanup(move || listener.remove());
    }

    // Fit the country once we know its extent (unless a selection will decide the view).
    let home_fitted = RwSignal::new(false);
    {
        let fitted = Rc::new(Cell::new(false));
        Effect::new(move |_| {
            canvas_ready.track();
            if fitted.get() || map.home_bounds().is_none() || !canvas_ready.get_untracked() {
                return;
            }
            fitted.set(true);
            untrack(|| map.home());
            home_fitted.set(true);
        });
    }
    // The shell's image of the national map stays over the canvas until the map is drawn.
    let instant = (map.policy == FitPolicy::Page)
        .then(instant::take)
        .flatten()
        .map(
            |image| view! { <instant::InstantMap ctx=ctx image=image fitted=home_fitted.into() /> },
        );
    // Colour the map from the view's colouring (one derived value, see `crate::derived`): a
    // lookup in loaded tables, never a reload of geometry.
    {
        let h = handle.clone();
        let level = Memo::new(move |_| ctx.colouring.with(|c| c.as_ref().map(|c| c.level)));
        let shapes =
            Memo::new(move |_| SameShapes(level.get().and_then(|l| store.level(l).shapes)));
        let gemeenten = Memo::new(move |_| SameShapes(store.level(Level::Gemeente).shapes));
        Effect::new(move |_| {
            if !canvas_ready.get() {
                return;
            }
            // Nothing to draw yet: keep what is on screen until the view's data is in.
            let Some(c) = ctx.colouring.get() else { return };
            let Some(shapes) = shapes.get().0 else { return };
            let dark = ctx.dark.get();
            let class_of = shapes
                .shapes
                .iter()
                .map(|s| s.row.and_then(|r| c.class_of(r)))
                .collect();
            let emphasis = ctx.emphasis.get().map(|codes| {
                let codes: std::collections::HashSet<&str> =
                    codes.iter().map(String::as_str).collect();
                shapes
                    .shapes
                    .iter()
                    .map(|s| codes.contains(s.code.as_str()))
                    .collect()
            });
            let layer = Layer {
                level: c.level,
                emphasis,
                shapes,
                class_of,
                colours: c.colours.clone(),
                no_data: no_data(dark),
                highlight: ctx.highlight.get(),
                gemeenten: gemeenten.get().0,
                border: if dark {
                    [18, 20, 24, 191]
                } else {
                    [255, 255, 255, 204]
                },
                outline: if dark {
                    "rgba(230,230,230,0.5)"
                } else {
                    "rgba(30,30,30,0.5)"
                }
                .into(),
                only: ctx.only(),
                // Around a wijk or buurt embed, the rest of its gemeente is muted context.
                context: ctx
                    .only()
                    .filter(|o| o.len() > 4)
                    .map(|_| crate::scale::palette::context(dark)),
            };
            h.with(|r| {
                r.layer = Some(layer);
                r.hovered = None;
                r.focus_colours = if dark {
                    ("#f4f4f4".into(), "#111".into())
                } else {
                    ("#111".into(), "#fff".into())
                };
            });
            // The same view in other colours paints at once from the area-per-pixel map, and a
            // new dense view (the national buurt map) from a fresh one; the anti-aliased draw
            // follows when the user pauses (arrowing through indicators only paints the quick
            // frames).
            let quick = h.with(|r| r.recolour()).unwrap_or(false);
            let first = !quick && h.with(|r| r.burn_first()).unwrap_or(false);
            if first {
                // Painting the fresh map is a task of its own (the next frame's), queued before
                // `mark_ready`'s frame callback below, so the ready mark still follows it.
                h.next_frame(|h| {
                    if !h.with(|r| r.recolour()).unwrap_or(false) {
                        h.draw_full_now();
                    }
                });
            }
            if quick || first {
                h.repaint_when_idle();
            } else {
                h.draw_full_now();
            }
            if c.complete && !ctx.ready.get_untracked() {
                mark_ready(&h, ctx);
            }
        });
    }

    // Place names: the levels named at the settled zoom, once their points and names are in.
    {
        let h = handle.clone();
        let sets = Memo::new(move |_| {
            if ctx.view.with(|v| v.hide_names) {
                return SameNames(Vec::new());
            }
            let levels = crate::carto::labels::levels_at(ctx.scale.get());
            SameNames(
                levels
                    .into_iter()
                    .filter_map(|level| {
                        let d = store.level(level);
                        Some(names::NameSet {
                            level,
                            anchors: d.labels.filter(|a| !a.is_empty())?,
                            index: d.index?,
                        })
                    })
                    .collect(),
            )
        });
        Effect::new(move |_| {
            if !canvas_ready.get() {
                return;
            }
            let sets = sets.get().0;
            let (fill, halo) = if ctx.dark.get() {
                ("#f2f2f2", "rgba(18,20,24,0.85)")
            } else {
                ("#1b1b1b", "rgba(255,255,255,0.85)")
            };
            let only = ctx.only();
            h.with(|r| {
                r.names = (!sets.is_empty()).then(|| {
                    let mut n = names::Names::new(sets, fill, halo, only);
                    n.keep_widths(r.names.take());
                    n
                });
            });
            h.request(true);
        });
    }

    // The background map: on where a tile service is configured, reachable and not switched
    // off (`achtergrond=0`).
    {
        let h = handle.clone();
        Effect::new(move |_| {
            if !canvas_ready.get() {
                return;
            }
            let service = services
                .tiles()
                .filter(|_| !ctx.view.with(|v| v.hide_background));
            let changed = h
                .with(|r| {
                    let before = r.tiles.as_ref().map(|t| t.service().cloned());
                    if let Some(t) = r.tiles.as_mut() {
                        t.set_service(service);
                    }
                    before != r.tiles.as_ref().map(|t| t.service().cloned())
                })
                .unwrap_or(false);
            if changed {
                h.request(true);
            }
        });
    }

    // Selection: outline it and bring it into view.
    {
        let h = handle.clone();
        let sheet = map.sheet();
        // The first selection shown (a deep link) is zoomed to unless it already fills a
        // quarter of the map; later ones (clicks, table rows) only when they are out of view or
        // tiny, so the view, the table of areas in view and the keyboard focus in it stay put.
        let first = std::cell::Cell::new(true);
        // The selection last brought into view: new shapes of its level (a gemeente's detail
        // arriving after a zoom or pinch) refresh its outline but do not move the map again,
        // which undid the reader's own zoom.
        let shown: std::cell::RefCell<Option<AreaCode>> = Default::default();
        Effect::new(move |_| {
            let sel = ctx.selected();
            let find = |code: &AreaCode| {
                let shapes = store.level(code.level()).shapes?;
                let i = shapes.index_of(code.as_str())?;
                Some((code.level(), i, shapes))
            };
            let found = sel.as_ref().and_then(find);
            // The area pinned for comparison keeps a dashed outline beside the selection.
            let pinned = ctx
                .view
                .with(|v| v.compare.clone())
                .filter(|c| Some(c) != sel.as_ref())
                .and_then(|c| find(&c));
            h.with(|r| r.prepare_pinned(pinned.as_ref().map(|(_, i, s)| (&**s, *i))));
            let Some((level, i, shapes)) = found else {
                if sel.is_none() {
                    // Chosen again later, the same area is brought into view again.
                    shown.replace(None);
                }
                h.with(|r| {
                    r.selected = None;
                    r.draw_overlay();
                });
                return;
            };
            let b = shapes.shapes[i].bounds;
            let new_selection = shown.replace(sel.clone()) != sel;
            h.with(|r| {
                r.prepare(level, &shapes, i);
                r.selected = Some((level, i));
                if !new_selection {
                    r.draw_overlay();
                    return;
                }
                let v = r.viewport;
                let [x0, y0, x1, y1] = v.world_bounds();
                // On phones the half-open sheet covers the lower part of the map.
                let share = if sheet {
                    layout::visible_share(true)
                } else {
                    1.0
                };
                let y1 = if share >= 1.0 {
                    y1
                } else {
                    y0 + (y1 - y0) * share
                };
                let inside = b[0] >= x0 && b[1] >= y0 && b[2] <= x1 && b[3] <= y1;
                // Small on screen: under a quarter of the map both ways for a deep link
                // (Rotterdam in the national view stayed national at a twelfth), else a twelfth.
                let first = first.replace(false);
                let share = if first { 4.0 } else { 12.0 };
                let small = ((b[2] - b[0]) * v.scale) < v.width / share
                    && ((b[3] - b[1]) * v.scale) < v.height / share;
                // An embed stays on its area: a tap or click there selects without moving
                // the map (a reader's zoom stays too).
                if (!inside || small) && map.policy != FitPolicy::Embed {
                    // A deep link's area fills about a third of the map, so its surroundings
                    // stay in view; later selections keep the closer fit (about 60 %) that the
                    // table of areas in view and its keyboard focus were built around.
                    let pad = (v.width.min(v.height) * if first { 0.33 } else { 0.18 }).max(24.0);
                    r.viewport = fit_visible(&v, b, pad, true, sheet);
                    // What was under the pointer has moved away: no tooltip for it any more.
                    r.hovered = None;
                    ctx.hover.set(None);
                }
            });
            h.publish_view(ctx);
            h.request(true);
        });
    }

    // An embed fits its area once its shapes are in and again when it is first drawn (late
    // data files); afterwards only the reader moves it (gestures, its zoom buttons, a resize).
    if map.policy == FitPolicy::Embed {
        // (shapes were in, map was drawn) at the last fit: later shapes (a merged detail) or
        // redraws leave the reader's view alone.
        let fitted = Cell::new((false, false));
        Effect::new(move |_| {
            let now = (store.level(ctx.level()).shapes.is_some(), ctx.ready.get());
            let (had_shapes, was_ready) = fitted.replace(now);
            if (now.0 && !had_shapes) || (now.1 && !was_ready) {
                map.fit_focus();
            }
        });
    }

    let events = gestures::handlers(map, store, on_select);
    let label = move || match (interactive, description) {
        (false, Some(d)) => d.text.get(),
        _ => crate::i18n::map_label(ctx.lang()).to_string(),
    };

    view! {
        <div class="map-canvas" node_ref=container
            tabindex=interactive.then_some("0")
            role=if interactive { "application" } else { "img" }
            aria-roledescription=move || interactive.then(|| if ctx.lang() == crate::lang::Lang::En { "map" } else { "kaart" })
            aria-label=label
            aria-describedby=description.filter(|_| interactive).map(|d| d.id)
            on:keydown=events.keydown>
            <canvas class="map-tiles" node_ref=background aria-hidden="true"></canvas>
            <canvas class="map-base" node_ref=base aria-hidden="true"></canvas>
            <canvas class="map-overlay" node_ref=overlay aria-hidden="true"
                on:pointerdown=events.pointerdown
                on:pointermove=events.pointermove
                on:pointerup={
                    let up = events.pointerup.clone();
                    move |e| up(e)
                }
                on:pointercancel={
                    let up = events.pointerup;
                    move |e| up(e)
                }
                on:pointerleave=events.pointerleave
                on:wheel=events.wheel></canvas>
            {instant}
        </div>
    }
}
