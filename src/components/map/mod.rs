//! The choropleth map: canvas rendering, pan/zoom/pinch, hover and selection.
mod detail;
mod gestures;
mod idmap;
mod inputs;
mod paths;
mod renderer;

use crate::carto::shapes::within;
use crate::carto::viewport::Bounds;
use crate::carto::Viewport;
use crate::context::{Hover, MapCommand, MapContext};
use crate::data::DataStore;
use crate::layout;
use crate::scale::palette::{colours, no_data};
use crate::scale::Classes;
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};
use gestures::Gestures;
use leptos::html;
use leptos::prelude::*;
pub use renderer::{Layer, Renderer};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Shared, mutable canvas state (lives as long as the map component).
#[derive(Clone)]
pub struct MapHandle {
    renderer: Rc<RefCell<Option<Renderer>>>,
    frame_pending: Rc<Cell<bool>>,
    full_wanted: Rc<Cell<bool>>,
    idle_gen: Rc<Cell<u32>>,
    ids_gen: Rc<Cell<u32>>,
    gestures: Rc<RefCell<Gestures>>,
    /// False once the map component is disposed: delayed callbacks (animation frames, timeouts
    /// after a gesture or a draw) check it before they touch the page's signals, which are gone
    /// by then (leaving the map within a moment of a wheel step used to panic).
    alive: Arc<AtomicBool>,
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
            alive: Arc::new(AtomicBool::new(true)),
        }
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
            let slow = h.with(|r| r.last_full_ms > 12.0).unwrap_or(false);
            if full || !slow {
                h.draw_full_now();
            } else {
                let moved = h.with(|r| r.draw_fast()).unwrap_or(false);
                if !moved {
                    h.draw_full_now();
                }
                h.repaint_when_idle();
            }
        });
    }

    /// Draws the choropleth fully now, and its area-per-pixel map for quick recolours once the
    /// map has rested a while (not during a gesture, not on the way to the first paint).
    pub fn draw_full_now(&self) {
        self.with(|r| r.draw_full());
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

fn projected_bbox(bbox: [f64; 4]) -> Bounds {
    let p = DataStore::projection();
    let (x0, y1) = p.project(bbox[0], bbox[1]);
    let (x1, y0) = p.project(bbox[2], bbox[3]);
    [x0, y0, x1, y1]
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
    // rAF runs before the paint; the timeout after it runs once the frame is on screen.
    h.next_frame(move |h| {
        h.after(Duration::ZERO, move |_| {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("choropleth-ready");
            }
            ctx.ready.set(true);
        });
    });
}

/// The map: a canvas choropleth with an overlay for hover and selection.
#[component]
pub fn MapView(
    /// Called when an area is chosen by click or Enter.
    on_select: Callback<(Level, String)>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let handle = MapHandle::new();
    {
        // Only the flag goes into the cleanup (it must be Send); queued callbacks then do nothing.
        let alive = handle.alive.clone();
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    }
    provide_context(StoredValue::new_local(handle.clone()));
    crate::components::views::track_colouring(ctx, store);
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
    let container: NodeRef<html::Div> = NodeRef::new();
    let base: NodeRef<html::Canvas> = NodeRef::new();
    let overlay: NodeRef<html::Canvas> = NodeRef::new();
    // "Home": the country, or in an embed the focus area once its shapes are loaded.
    let home_bounds = Memo::new(move |_| match ctx.only() {
        None => store
            .manifest
            .with(|m| m.as_ref().map(|m| projected_bbox(m.bbox))),
        Some(only) => {
            let shapes = store.level(ctx.level()).shapes?;
            let items = (0..shapes.len()).filter(|&i| within(&shapes.shapes[i].code, Some(&only)));
            shapes.union_bounds(items)
        }
    });

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
                .with(|r| r.resize(rect.width().max(1.0), rect.height().max(1.0), dpr()))
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
            fit_size();
            canvas_ready.set(h.renderer.borrow().is_some());
        });
    }
    {
        let fit_size = fit_size.clone();
        let listener = window_event_listener(leptos::ev::resize, move |_| fit_size());
        on_cleanup(move || listener.remove());
    }

    // Fit the country once we know its extent (unless a selection will decide the view).
    {
        let h = handle.clone();
        let fitted = Rc::new(Cell::new(false));
        Effect::new(move |_| {
            let Some(b) = home_bounds.get() else { return };
            if fitted.get() || h.renderer.borrow().is_none() {
                return;
            }
            fitted.set(true);
            h.with(|r| {
                let v = r.viewport;
                r.viewport = fit_visible(
                    &v,
                    b,
                    12.0,
                    false,
                    ctx.focus.with_untracked(|f| f.is_none()),
                );
            });
            h.publish_view(ctx);
            h.request(true);
        });
    }

    // Load what the current view needs (and again after "opnieuw proberen").
    detail::load_detail_in_view(store, ctx);
    Effect::new(move |_| {
        store.attempt.track();
        if store.manifest.with(|m| m.is_none()) {
            return;
        }
        let level = ctx.level();
        store.ensure_geometry(Level::Gemeente);
        store.ensure_geometry(level);
        if let Some(ind) = ctx.indicator_at(&store, level) {
            // The first map needs only its column; once it is on screen the whole table
            // follows, so that choosing another indicator of it is a lookup, not a download.
            // The panel of a selected area reads the whole table at once anyway.
            if ctx.ready.get() || ctx.selected().is_some() {
                store.ensure_table(level, &ind.group);
            } else {
                store.ensure_values(level, &ind);
            }
        }
        if let Some(sel) = ctx.selected() {
            store.ensure_geometry(sel.level());
        }
    });

    // Colour the drawn level: a lookup in loaded tables, never a reload of geometry. It runs
    // (untracked) only when one of its inputs changes, not for every file or URL change.
    {
        let h = handle.clone();
        let inputs = Memo::new(move |_| inputs::colour_inputs(ctx, store));
        let colour = move || {
            let level = ctx.level();
            // The level's boundaries or names failed to load: draw the gemeenten instead, so the
            // map stays usable until "opnieuw proberen" succeeds (issue 9).
            let failed_files = store.manifest.with(|m| {
                m.as_ref()
                    .and_then(|m| m.level(level))
                    .map(|l| [l.index_file.clone(), l.geometry_file.clone()])
            });
            let geometry_failed = failed_files.is_some_and(|files| {
                store
                    .errors
                    .with(|e| e.iter().any(|e| files.contains(&e.file())))
            });
            let level = if geometry_failed {
                Level::Gemeente
            } else {
                level
            };
            let data = store.level(level);
            let Some(shapes) = data.shapes.clone() else {
                return;
            };
            let gemeenten = store.level(Level::Gemeente).shapes;
            let palette = ctx.view.with(|v| v.palette);
            let dark = ctx.dark.get();
            let highlight = ctx.highlight.get();
            let (class_of, cols, complete) = if ctx.mode() != ViewMode::Standard {
                // A view mode: its colouring, once its data is in (see `views::track_colouring`).
                match ctx.view_colouring().filter(|c| c.level == level) {
                    Some(c) => {
                        let class_of = shapes
                            .shapes
                            .iter()
                            .map(|s| s.row.and_then(|r| c.class.get(r).copied().flatten()))
                            .collect();
                        (class_of, c.colours.clone(), true)
                    }
                    None if store.errors.with(|e| e.is_empty()) => return,
                    None => (vec![None; shapes.len()], Vec::new(), false),
                }
            } else {
                let ind = ctx.indicator_at(&store, level);
                // Wait for the values before drawing a level, unless their file failed: a map of
                // all-grey areas that recolours a moment later is slower and looks broken.
                if let Some(ind) = &ind {
                    let failed = store.errors.with(|e| !e.is_empty());
                    if data.table_for(ind).is_none() && !failed {
                        return;
                    }
                }
                match &ind {
                    Some(ind) => {
                        let classes = Classes::new(ind, level);
                        let table = data.table_for(ind);
                        let column = table.as_ref().and_then(|t| t.columns.get(&ind.id));
                        let class_of: Vec<Option<u8>> = shapes
                            .shapes
                            .iter()
                            .map(|s| {
                                let v = s.row.and_then(|r| column.and_then(|c| c.get(r)));
                                classes
                                    .as_ref()
                                    .and_then(|c| c.class_of(v))
                                    .map(|c| c as u8)
                            })
                            .collect();
                        let n = classes.as_ref().map(|c| c.count()).unwrap_or(1);
                        let cols = colours(ind.scale, n, ind.higher_is_better, palette);
                        (class_of, cols, table.is_some())
                    }
                    None => (vec![None; shapes.len()], Vec::new(), false),
                }
            };
            let layer = Layer {
                level,
                shapes,
                class_of,
                colours: cols,
                no_data: no_data(dark),
                highlight,
                gemeenten,
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
            if h.with(|r| r.recolour() || r.draw_first()).unwrap_or(false) {
                h.repaint_when_idle();
            } else {
                h.draw_full_now();
            }
            if complete && !ctx.ready.get_untracked() {
                mark_ready(&h, ctx);
            }
        };
        // Reading the memo (not only tracking it) makes it compute and so follow its own inputs.
        Effect::watch(
            move || {
                canvas_ready.track();
                inputs.with(|_| ())
            },
            move |_, _, _| colour(),
            true,
        );
    }

    // Selection: outline it and bring it into view.
    {
        let h = handle.clone();
        // The first selection shown (a deep link) is zoomed to unless it already fills a
        // quarter of the map; later ones (clicks, table rows) only when they are out of view or
        // tiny, so the view, the table of areas in view and the keyboard focus in it stay put.
        let first = std::cell::Cell::new(true);
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
                h.with(|r| {
                    r.selected = None;
                    r.draw_overlay();
                });
                return;
            };
            let b = shapes.shapes[i].bounds;
            h.with(|r| {
                r.prepare(level, &shapes, i);
                r.selected = Some((level, i));
                let v = r.viewport;
                let [x0, y0, x1, y1] = v.world_bounds();
                // On phones the half-open sheet covers the lower part of the map.
                let share = if ctx.focus.with_untracked(|f| f.is_some()) {
                    1.0
                } else {
                    layout::visible_share(true)
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
                if !inside || small {
                    // A deep link's area fills about a third of the map, so its surroundings
                    // stay in view; later selections keep the closer fit (about 60 %) that the
                    // table of areas in view and its keyboard focus were built around.
                    let pad = (v.width.min(v.height) * if first { 0.33 } else { 0.18 }).max(24.0);
                    r.viewport =
                        fit_visible(&v, b, pad, true, ctx.focus.with_untracked(|f| f.is_none()));
                    // What was under the pointer has moved away: no tooltip for it any more.
                    r.hovered = None;
                    ctx.hover.set(None);
                }
            });
            h.publish_view(ctx);
            h.request(true);
        });
    }

    // Commands from buttons and search.
    {
        let h = handle.clone();
        Effect::new(move |_| {
            let Some(cmd) = ctx.command.get() else { return };
            ctx.command.set(None);
            h.with(|r| {
                let v = r.viewport;
                match cmd {
                    MapCommand::Zoom(f) => r.viewport.zoom_at(v.width / 2.0, v.height / 2.0, f),
                    MapCommand::Home => {
                        if let Some(b) = home_bounds.get_untracked() {
                            r.viewport = fit_visible(
                                &v,
                                b,
                                12.0,
                                false,
                                ctx.focus.with_untracked(|f| f.is_none()),
                            );
                        }
                    }
                    MapCommand::Fit(b) => {
                        let sheet = ctx.focus.with_untracked(|f| f.is_none());
                        r.viewport = fit_visible(&v, b, 24.0, ctx.selected().is_some(), sheet)
                    }
                }
            });
            h.publish_view(ctx);
            h.request(true);
        });
    }

    let events = gestures::handlers(handle.clone(), ctx, store, home_bounds, on_select);

    view! {
        <div class="map-canvas" node_ref=container tabindex="0" role="application"
            aria-roledescription=move || if ctx.lang() == crate::lang::Lang::En { "map" } else { "kaart" }
            aria-label=move || crate::i18n::map_label(ctx.lang())
            on:keydown=events.keydown>
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
        </div>
    }
}

/// The hovered area as shape index of the drawn level, for other components.
pub fn hovered(ctx: &MapContext) -> Option<Hover> {
    ctx.hover.get()
}
