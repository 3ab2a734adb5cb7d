//! What the exports and the alt text need from the loaded data: the areas of a view with their
//! names, parents, values and classes. The file formats themselves are built by the pure
//! `crate::export` and `crate::embed` modules.
use crate::carto::shapes::within;
use crate::carto::viewport::Bounds;
use crate::carto::{AreaShapes, Viewport};
use crate::components::map::PlacedName;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::embed::alt::{alt_text, AltInput, AltItem};
use crate::embed::text::{map_title, source_line};
use crate::embed::EmbedOptions;
use crate::export::csv::{areas_csv, AreaRow, CsvMeta};
use crate::export::geojson::areas_geojson;
use crate::export::long_date;
use crate::export::svg::{map_svg, path_data, SvgDoc, SvgLayer, SvgLegendItem, SvgMap, SvgName};
use crate::lang::Lang;
use crate::scale::legend::{class_label, legend};
use crate::scale::palette::no_data;
use crate::scale::Classes;
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{AreaCode, Indicator, Level, ScaleKind};
use leptos::prelude::*;
use std::sync::Arc;

/// The areas of a view, in code order.
pub struct ViewAreas {
    /// The level drawn.
    pub level: Level,
    /// The indicator shown (after the level fallback).
    pub indicator: Option<Indicator>,
    /// That level's shapes.
    pub shapes: Arc<AreaShapes>,
    /// Indices into `shapes` of the areas in view.
    pub items: Vec<usize>,
    /// The view's colouring (the indicator's classes, or a view mode's), once it is on screen.
    pub colouring: Option<Arc<Colouring>>,
}

/// The indicator `id` at `level`, falling back like the map does ([`crate::derived::indicator`]).
pub fn indicator_for(store: &DataStore, id: &str, level: Level) -> Option<Indicator> {
    let manifest = store.manifest.get()?;
    crate::derived::indicator(&manifest, Some(id), level)
}

/// The areas of the drawn level whose box meets `bounds` (all of them for `None`), within the
/// map's focus. Untracked: for event handlers.
pub fn areas_in_view(
    ctx: &MapContext,
    store: &DataStore,
    bounds: Option<Bounds>,
) -> Option<ViewAreas> {
    untrack(|| {
        let level = ctx.level();
        let shapes = store.level_untracked(level).shapes?;
        let only = ctx.only();
        let mut items = match bounds {
            Some(b) => shapes.in_bounds(b),
            None => (0..shapes.len()).collect(),
        };
        items.retain(|&i| within(&shapes.shapes[i].code, only.as_deref()));
        buurtkaart_core::order::sort_by(&mut items, |&a, &b| {
            shapes.shapes[a].code.cmp(&shapes.shapes[b].code)
        });
        Some(ViewAreas {
            level,
            indicator: ctx.indicator_at(store, level),
            shapes,
            items,
            colouring: ctx.colouring_at(level),
        })
    })
}

fn name_untracked(store: &DataStore, code: &AreaCode) -> Option<String> {
    let data = store.level_untracked(code.level());
    let row = *data.rows?.get(code.as_str())?;
    data.index.map(|i| i.names[row].clone())
}

/// The CSV of `areas` (Dutch labels, see [`crate::export::csv`]).
pub fn csv(store: &DataStore, areas: &ViewAreas) -> String {
    let (rows, meta) = rows(store, areas);
    let rows: Vec<AreaRow> = rows.into_iter().map(|(_, r)| r).collect();
    areas_csv(&rows, &meta)
}

/// The GeoJSON of `areas`: the CSV's rows with their shapes (see [`crate::export::geojson`]).
pub fn geojson(store: &DataStore, areas: &ViewAreas) -> String {
    let (rows, meta) = rows(store, areas);
    let features: Vec<_> = rows
        .into_iter()
        .map(|(i, r)| (r, areas.shapes.geometry(i)))
        .collect();
    areas_geojson(&features, &meta, &DataStore::projection())
}

/// The rows of `areas` (with their shape indices) and what they share, as the CSV and the
/// GeoJSON write them: Dutch labels whatever the UI language.
fn rows(store: &DataStore, areas: &ViewAreas) -> (Vec<(usize, AreaRow)>, CsvMeta) {
    untrack(|| {
        let level = areas.level;
        let data = store.level_untracked(level);
        let ind = areas.indicator.as_ref();
        let manifest = store.manifest.get_untracked();
        let rows: Vec<(usize, AreaRow)> = areas
            .items
            .iter()
            .filter_map(|&i| {
                let s = &areas.shapes.shapes[i];
                let code = AreaCode::parse(&s.code).ok()?;
                let name = s
                    .row
                    .and_then(|r| data.index.as_ref().map(|ix| ix.names[r].clone()))
                    .unwrap_or_else(|| s.code.clone());
                let parent = code.parent();
                let parent_name = parent.as_ref().and_then(|p| name_untracked(store, p));
                let parent_code = parent.map(|p| p.to_string());
                let gemeente_name = name_untracked(store, &code.gemeente());
                let row = s.row;
                let c = areas.colouring.as_ref();
                // The CSV's labels are Dutch whatever the UI language: the indicator's classes
                // are labelled again in Dutch; a view mode's labels are its own.
                let class = c.zip(row).and_then(|(c, r)| {
                    let k = c.class_of(r)? as usize;
                    Some(match (&c.indicator, c.mode, &manifest) {
                        (Some(ind), ViewMode::Standard, Some(m)) => Classes::new(ind, level)
                            .map(|cl| class_label(m, ind, &cl, k, Lang::Nl))
                            .unwrap_or_else(|| c.class_label(r, Lang::Nl)),
                        _ => c.class_label(r, Lang::Nl),
                    })
                });
                Some((
                    i,
                    AreaRow {
                        parent_name,
                        gemeente_name,
                        parent_code,
                        code: s.code.clone(),
                        name,
                        level,
                        value: c
                            .zip(row)
                            .and_then(|(c, r)| c.value.get(r).copied().flatten()),
                        class,
                    },
                ))
            })
            .collect();
        if let Some(c) = areas
            .colouring
            .as_ref()
            .filter(|c| c.mode != ViewMode::Standard)
        {
            let meta = CsvMeta {
                indicator: c.value_heading(Lang::Nl),
                unit: String::new(),
                source: c.mode.source().unwrap_or_default().to_string(),
                year: None,
            };
            return (rows, meta);
        }
        let meta = CsvMeta {
            indicator: ind.map(|i| i.label.nl.clone()).unwrap_or_default(),
            unit: ind.map(|i| i.unit.label().nl).unwrap_or_default(),
            source: ind.map(|i| i.source.clone()).unwrap_or_default(),
            year: ind.and_then(|i| i.at(level)).map(|l| l.year),
        };
        (rows, meta)
    })
}

/// A print-ready SVG of the view `v` showing `areas`, titled for `area_name` (if any).
pub fn svg(
    ctx: &MapContext,
    store: &DataStore,
    areas: &ViewAreas,
    v: &Viewport,
    area_name: Option<&str>,
    names: &[PlacedName],
) -> SvgDoc {
    untrack(|| {
        let lang = ctx.lang();
        let level = areas.level;
        let ind = areas.indicator.as_ref();
        let palette = ctx.view.with_untracked(|v| v.palette);
        let colouring = areas.colouring.as_ref();
        let cols = colouring.map(|c| c.colours.clone()).unwrap_or_default();
        let grey = no_data(false).css();
        let mut class_d = vec![String::new(); cols.len() + 1];
        for &i in &areas.items {
            let s = &areas.shapes.shapes[i];
            let k = colouring
                .zip(s.row)
                .and_then(|(c, r)| c.class_of(r))
                .map_or(cols.len(), |k| k as usize)
                .min(cols.len());
            path_data(&areas.shapes.geometry(i), v, &mut class_d[k]);
        }
        // Borders where areas are big enough on screen to see them (as on the map).
        let avg_px = areas
            .shapes
            .union_bounds(areas.items.iter().copied())
            .map(|b| {
                ((b[2] - b[0]) * (b[3] - b[1]) / areas.items.len().max(1) as f64).sqrt() * v.scale
            })
            .unwrap_or(0.0);
        let border = (avg_px > 14.0).then(|| ("#ffffff".to_string(), 0.6));

        let mut layers = Vec::new();
        let gemeenten = store.level_untracked(Level::Gemeente).shapes;
        let only = ctx.only();
        let gem_only = only.as_deref().map(|o| &o[..o.len().min(4)]);
        let gem_items: Vec<usize> = gemeenten
            .as_ref()
            .map(|g| {
                let mut vis = g.in_bounds(v.world_bounds());
                vis.retain(|&i| within(&g.shapes[i].code, gem_only));
                vis
            })
            .unwrap_or_default();
        let gem_d = |g: &AreaShapes| {
            let mut d = String::new();
            for &i in &gem_items {
                path_data(&g.geometry(i), v, &mut d);
            }
            d
        };
        let under = match (&gemeenten, level) {
            (Some(g), l) if l != Level::Gemeente => Some(gem_d(g)),
            _ => None,
        };
        if let Some(d) = &under {
            layers.push(SvgLayer {
                d: d.clone(),
                fill: Some(grey.clone()),
                stroke: None,
            });
        }
        for (k, d) in class_d.into_iter().enumerate() {
            let fill = cols.get(k).map(|c| c.css()).unwrap_or_else(|| grey.clone());
            layers.push(SvgLayer {
                d,
                fill: Some(fill),
                stroke: border.clone(),
            });
        }
        if let Some(d) = under {
            let w = if avg_px > 14.0 { 1.4 } else { 0.7 };
            layers.push(SvgLayer {
                d,
                fill: None,
                stroke: Some(("#1e1e1e80".into(), w)),
            });
        }
        if let Some(sel) = ctx.view.with_untracked(|v| v.selected.clone()) {
            if let Some(shapes) = store.level_untracked(sel.level()).shapes {
                if let Some(i) = shapes.index_of(sel.as_str()) {
                    let mut d = String::new();
                    path_data(&shapes.geometry(i), v, &mut d);
                    layers.push(SvgLayer {
                        d: d.clone(),
                        fill: None,
                        stroke: Some(("#ffffff".into(), 5.0)),
                    });
                    layers.push(SvgLayer {
                        d,
                        fill: None,
                        stroke: Some(("#111111".into(), 2.5)),
                    });
                }
            }
        }

        let manifest = store.manifest.get_untracked();
        // A view mode (change, tenure, rank) has its own classes, title and source.
        let view = colouring.filter(|c| c.mode != ViewMode::Standard);
        let legend_items = match (view, ind, &manifest) {
            (Some(c), _, _) => c
                .colours
                .iter()
                .zip(&c.labels)
                .map(|(colour, label)| SvgLegendItem {
                    colour: colour.css(),
                    label: label.clone(),
                })
                .chain(std::iter::once(SvgLegendItem {
                    colour: grey.clone(),
                    label: crate::format::no_data(lang).to_string(),
                }))
                .collect(),
            (None, Some(i), Some(m)) => legend(m, i, level, lang, palette, false)
                .into_iter()
                .map(|it| SvgLegendItem {
                    colour: it.colour.css(),
                    label: it.label,
                })
                .collect(),
            _ => Vec::new(),
        };
        let year = ind
            .filter(|_| view.is_none())
            .and_then(|i| i.at(level))
            .map(|l| l.year);
        let legend_title = match view {
            Some(_) => None,
            None => ind.map(|i| match i.scale {
                ScaleKind::LbmClasses => lang
                    .pick("Leefbaarometer-klasse", "Leefbaarometer class")
                    .to_string(),
                _ => format!("{} ({})", lang.text(&i.label), lang.text(&i.unit.label())),
            }),
        };
        let heading = match view {
            Some(c) => c.value_heading(lang),
            None => ind
                .map(|i| lang.text(&i.label).to_string())
                .unwrap_or_default(),
        };
        let source = match view.and_then(|c| c.mode.source()) {
            Some(s) => source_line(lang, s, None),
            None => source_line(lang, ind.map(|i| i.source.as_str()).unwrap_or("CBS"), year),
        };
        let (y, m, d) = super::web::today();
        map_svg(&SvgMap {
            width: v.width,
            height: v.height,
            title: map_title(lang, &heading, level, area_name, year),
            subtitle: None,
            legend_title,
            legend: legend_items,
            source,
            credit: format!(
                "{} {}",
                lang.pick("Gemaakt met Buurtkaart,", "Made with Buurtkaart,"),
                long_date(y, m, d, lang)
            ),
            layers,
            names: names
                .iter()
                .map(|n| SvgName {
                    text: n.text.clone(),
                    x: n.x,
                    y: n.y,
                    size: n.size,
                    bold: n.bold,
                })
                .collect(),
        })
    })
}

/// The generated description of an embed (tracked: recomputes as data arrives); `None` until
/// the names of its areas are loaded.
pub fn alt_for(store: &DataStore, opts: &EmbedOptions) -> Option<String> {
    let level = opts.level;
    let data = store.level(level);
    let index = data.index.clone()?;
    let ind = indicator_for(store, &opts.indicator, level)?;
    let table = data.table_for(&ind)?;
    let prefix = opts.focus_prefix();
    let group_by_wijk = level == Level::Buurt && opts.area.level() == Level::Gemeente;
    let items: Vec<AltItem> = index
        .codes
        .iter()
        .enumerate()
        .filter(|(_, c)| within(c, Some(prefix)))
        .map(|(row, code)| AltItem {
            name: index.names[row].clone(),
            group: if group_by_wijk {
                AreaCode::parse(code)
                    .ok()
                    .and_then(|c| c.wijk())
                    .and_then(|w| store.name(&w))
            } else {
                None
            },
            value: table.get(&ind.id, row),
        })
        .collect();
    let shown = opts.shown_area();
    let area_name = store.name(&shown).unwrap_or_else(|| shown.to_string());
    Some(alt_text(&AltInput {
        lang: opts.lang,
        area_name: &area_name,
        level,
        indicator: &ind,
        year: ind.at(level).map(|l| l.year),
        items: &items,
    }))
}
