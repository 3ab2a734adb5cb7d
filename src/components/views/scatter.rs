//! The scatter plot of the tenure view: each dot a buurt (Leefbaarometer deviation across,
//! % owner-occupied homes up), coloured by its bivariate class. Linked with the map: hovering a
//! dot outlines the buurt on the map, a click selects it; the selected and the hovered buurt are
//! ringed in the plot.
use super::filter::GemeenteFilter;
use crate::components::charts::scale::{nice_extent, Linear};
use crate::components::controls::use_view_updater;
use crate::context::{Hover, MapContext};
use crate::data::DataStore;
use crate::format;
use crate::state::ViewState;
use crate::views::{Colouring, Detail};
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;
use std::fmt::Write;
use wasm_bindgen::JsCast;

const W: f64 = 320.0;
const H: f64 = 250.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 34.0;
/// How near (viewBox units) the pointer must be to a dot to pick it.
const PICK: f64 = 7.0;

/// One dot: index row, position, class, gemeente digits.
#[derive(Debug, Clone, PartialEq)]
struct Dot {
    row: usize,
    x: f64,
    y: f64,
    class: u8,
    gm: String,
}

fn scales(c: &Colouring) -> (Linear, Linear) {
    let xs = c.detail.iter().filter_map(|d| match d {
        Some(Detail::Tenure {
            lbm: Some(l),
            koop: Some(_),
        }) => Some(*l),
        _ => None,
    });
    let (lo, hi) = xs.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let (lo, hi) = if lo <= hi {
        nice_extent(lo, hi, 5)
    } else {
        (-1.0, 1.0)
    };
    (
        Linear::new((lo, hi), (LEFT, W - RIGHT)),
        Linear::new((0.0, 100.0), (H - BOTTOM, TOP)),
    )
}

fn dots(c: &Colouring, codes: &[String], x: &Linear, y: &Linear) -> Vec<Dot> {
    c.detail
        .iter()
        .enumerate()
        .filter_map(|(row, d)| match d {
            Some(Detail::Tenure {
                lbm: Some(l),
                koop: Some(k),
            }) => Some(Dot {
                row,
                x: x.map(*l),
                y: y.map(*k),
                class: c.class.get(row).copied().flatten()?,
                gm: codes.get(row)?.get(2..6)?.to_string(),
            }),
            _ => None,
        })
        .collect()
}

/// One SVG path of round dots (`M x y h0` with round caps) per class.
fn paths(dots: &[&Dot], classes: usize) -> Vec<String> {
    let mut out = vec![String::new(); classes];
    for d in dots {
        let _ = write!(out[d.class as usize], "M{:.1} {:.1}h0", d.x, d.y);
    }
    out
}

/// The scatter plot.
#[component]
pub fn Scatter(filter: GemeenteFilter) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = StoredValue::new_local(use_view_updater());
    let hovered = RwSignal::new(None::<usize>);
    let model = Memo::new(move |_| {
        let c = ctx.colouring.get()?;
        let index = store.level(Level::Buurt).index?;
        let (x, y) = scales(&c);
        Some((dots(&c, &index.codes, &x, &y), x, y, c))
    });
    // The buurt ringed: hovered in the plot, else hovered on the map.
    let map_hovered = Memo::new(move |_| {
        let h = ctx.hover.get().filter(|h| h.level == Level::Buurt)?;
        store
            .level_untracked(Level::Buurt)
            .shapes?
            .shapes
            .get(h.shape)?
            .row
    });
    let selected_row = Memo::new(move |_| {
        let sel = ctx.selected().filter(|s| s.level() == Level::Buurt)?;
        store.level(Level::Buurt).rows?.get(sel.as_str()).copied()
    });
    let dot_at = move |row: usize| {
        model.with(|m| {
            m.as_ref()?
                .0
                .iter()
                .find(|d| d.row == row)
                .map(|d| (d.x, d.y))
        })
    };

    let pick = move |ev: &web_sys::PointerEvent| -> Option<usize> {
        let svg = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
        let r = svg.get_bounding_client_rect();
        if r.width() <= 0.0 {
            return None;
        }
        let k = W / r.width();
        let (px, py) = (
            (ev.client_x() as f64 - r.left()) * k,
            (ev.client_y() as f64 - r.top()) * k,
        );
        let gm = filter.get_untracked();
        model.with_untracked(|m| {
            let (dots, ..) = m.as_ref()?;
            dots.iter()
                .filter(|d| gm.as_ref().is_none_or(|g| &d.gm == g))
                .map(|d| (d, (d.x - px).powi(2) + (d.y - py).powi(2)))
                .filter(|(_, d2)| *d2 <= PICK * PICK)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(d, _)| d.row)
        })
    };
    // Outline the dot's buurt on the map, with the tooltip at its place on the map.
    let hover_map = move |row: Option<usize>| {
        let found = row.and_then(|row| {
            let data = store.level_untracked(Level::Buurt);
            let code = data.index.as_ref()?.codes.get(row)?.clone();
            let shapes = data.shapes?;
            let i = shapes.index_of(&code)?;
            let b = shapes.shapes[i].bounds;
            let view = ctx.bounds.get_untracked()?;
            let s = ctx.scale.get_untracked();
            Some(Hover {
                level: Level::Buurt,
                shape: i,
                x: ((b[0] + b[2]) / 2.0 - view[0]) * s,
                y: ((b[1] + b[3]) / 2.0 - view[1]) * s,
            })
        });
        ctx.hover.set(found);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let row = pick(&ev);
        if row != hovered.get_untracked() {
            hovered.set(row);
            hover_map(row);
        }
    };
    let on_leave = move |_| {
        hovered.set(None);
        hover_map(None);
    };
    let on_click = move |ev: web_sys::PointerEvent| {
        let Some(row) = pick(&ev) else { return };
        let code = store
            .level_untracked(Level::Buurt)
            .index
            .and_then(|i| i.codes.get(row).cloned());
        let area = code.and_then(|c| AreaCode::parse(&c).ok());
        update.with_value(|u| u(&|v: &mut ViewState| v.selected = area.clone()));
    };

    let body = move || {
        let lang = ctx.lang();
        let gm = filter.get();
        model.with(|m| {
            let Some((dots, x, y, c)) = m else {
                return view! { <p class="legend-note">{crate::i18n::loading(lang)}</p> }.into_any();
            };
            let n = c.colours.len();
            let (back, front): (Vec<&Dot>, Vec<&Dot>) = match &gm {
                Some(g) => dots.iter().partition(|d| &d.gm != g),
                None => (Vec::new(), dots.iter().collect()),
            };
            let back_path: String = back.iter().fold(String::new(), |mut s, d| { let _ = write!(s, "M{:.1} {:.1}h0", d.x, d.y); s });
            let fronts = paths(&front, n);
            let width = if gm.is_some() { 4.5 } else { 2.4 };
            let (x0, x1) = x.domain();
            let step = crate::components::charts::scale::nice_step(x1 - x0, 5);
            let x_ticks = crate::components::charts::scale::ticks_every(x0, x1, step);
            let (bx, by) = c.breaks.unwrap_or(([0.0; 2], [0.0; 2]));
            let colours: Vec<String> = c.colours.iter().map(|c| c.css()).collect();
            let label = match lang {
                crate::lang::Lang::Nl => format!("Spreidingsdiagram van {} buurten: leefbaarheid (afwijking) horizontaal, koopwoningen (%) verticaal. De tabel van de gebieden geeft dezelfde waarden.", format::number(front.len() as f64, 0, lang)),
                crate::lang::Lang::En => format!("Scatter plot of {} neighbourhoods: liveability (deviation) across, owner-occupied homes (%) up. The table of areas gives the same values.", format::number(front.len() as f64, 0, lang)),
            };
            view! {
                <svg class="scatter" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label
                    on:pointermove=on_move on:pointerleave=on_leave on:pointerup=on_click>
                    <g class="scatter-axes">
                        {[0.0, 25.0, 50.0, 75.0, 100.0].into_iter().map(|v| view! {
                            <line x1=LEFT x2=W - RIGHT y1=y.map(v) y2=y.map(v) class="grid"/>
                            <text x=LEFT - 4.0 y=y.map(v) + 3.5 text-anchor="end">{format!("{v:.0}")}</text>
                        }).collect_view()}
                        {x_ticks.into_iter().map(|v| view! {
                            <text x=x.map(v) y=H - BOTTOM + 13.0 text-anchor="middle">{format::signed(v, crate::components::charts::scale::decimals_for(step), lang)}</text>
                        }).collect_view()}
                        <line class="tercile" x1=x.map(bx[0]) x2=x.map(bx[0]) y1=TOP y2=H - BOTTOM/>
                        <line class="tercile" x1=x.map(bx[1]) x2=x.map(bx[1]) y1=TOP y2=H - BOTTOM/>
                        <line class="tercile" x1=LEFT x2=W - RIGHT y1=y.map(by[0]) y2=y.map(by[0])/>
                        <line class="tercile" x1=LEFT x2=W - RIGHT y1=y.map(by[1]) y2=y.map(by[1])/>
                        <text x=(LEFT + W - RIGHT) / 2.0 y=H - 4.0 text-anchor="middle">{lang.pick("leefbaarheid (afwijking van NL) →", "liveability (deviation from NL) →")}</text>
                        <text x=10.0 y=(TOP + H - BOTTOM) / 2.0 text-anchor="middle" transform=format!("rotate(-90 10 {})", (TOP + H - BOTTOM) / 2.0)>{lang.pick("koopwoningen (%) →", "owner-occupied (%) →")}</text>
                    </g>
                    <path class="scatter-back" d=back_path stroke-width=2.4 />
                    {fronts.into_iter().enumerate().map(|(k, d)| view! {
                        <path class="scatter-dots" data-class=k d=d stroke=colours[k].clone() stroke-width=width />
                    }).collect_view()}
                </svg>
            }.into_any()
        })
    };
    let ring = move |row: Option<usize>, class: &'static str| {
        move || {
            let r = row?;
            let (x, y) = dot_at(r)?;
            let code = store
                .level_untracked(Level::Buurt)
                .index
                .and_then(|i| i.codes.get(r).cloned())
                .unwrap_or_default();
            Some(
                view! { <circle class=class cx=format!("{x:.1}") cy=format!("{y:.1}") r="5" data-code=code /> },
            )
        }
    };
    let caption = move || {
        let lang = ctx.lang();
        let row = hovered
            .get()
            .or_else(|| map_hovered.get())
            .or_else(|| selected_row.get())?;
        let c = ctx.colouring.get()?;
        let data = store.level(Level::Buurt);
        let name = data.index.as_ref()?.names.get(row)?.clone();
        Some(format!(
            "{name}: {} — {}",
            c.value_text(row, lang),
            c.class_label(row, lang)
        ))
    };
    view! {
        <figure class="scatter-figure">
            <div class="scatter-wrap">
                {body}
                <svg class="scatter-rings" viewBox=format!("0 0 {W} {H}") aria-hidden="true">
                    {move || ring(selected_row.get(), "scatter-selected")()}
                    {move || ring(hovered.get().or_else(|| map_hovered.get()), "scatter-hovered")()}
                </svg>
            </div>
            <figcaption class="scatter-caption">{caption}</figcaption>
        </figure>
    }
}
