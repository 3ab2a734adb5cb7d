//! Share and export in the full app: the "Insluiten / Delen" button with its builder dialog, and
//! downloads of the current map view as PNG (2×), SVG, CSV and GeoJSON.
//!
//! The file formats are built by the pure [`crate::export`] module; this module gathers the
//! data ([`collect`]) and talks to the browser ([`web`]).

pub mod collect;
pub mod dialog;
pub mod web;

use crate::carto::Viewport;
use crate::components::map::MapController;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::export::file_name;
use buurtkaart_model::{AreaCode, Level};
use dialog::ShareDialog;
use leptos::html;
use leptos::prelude::*;

/// Which file to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// PNG at twice the CSS size.
    Png,
    /// Vector SVG.
    Svg,
    /// The data of the areas in view.
    Csv,
    /// The areas in view with their data, as GeoJSON.
    GeoJson,
}

impl ExportKind {
    fn ext(self) -> &'static str {
        match self {
            ExportKind::Png => "png",
            ExportKind::Svg => "svg",
            ExportKind::Csv => "csv",
            ExportKind::GeoJson => "geojson",
        }
    }
}

/// The gemeente under the centre of `v` when the view is zoomed in past the national overview
/// (the manifest's `detail_scale`), else `None`.
fn gemeente_at_centre(store: &DataStore, v: &Viewport) -> Option<AreaCode> {
    if v.scale < store.detail_scale()? {
        return None;
    }
    let shapes = store.level_untracked(Level::Gemeente).shapes?;
    let i = shapes.hit(v.cx, v.cy)?;
    AreaCode::parse(&shapes.shapes[i].code).ok()
}

/// Makes and downloads an export of the current view; reports progress and errors in `status`.
/// `whole_focus`: export all areas of the map's focus (embeds), not only those on screen.
pub fn export(
    kind: ExportKind,
    ctx: MapContext,
    store: DataStore,
    map: MapController,
    status: RwSignal<String>,
    whole_focus: bool,
) {
    let lang = ctx.view.with_untracked(|v| v.lang);
    let fail = move |why: &str| {
        status.set(format!(
            "{} {why}",
            lang.pick("Exporteren mislukt:", "Export failed:")
        ));
    };
    let v = map.viewport();
    let data_only = matches!(kind, ExportKind::Csv | ExportKind::GeoJson);
    let needs_view = !data_only || !whole_focus;
    if needs_view && v.is_none() {
        return fail(lang.pick(
            "de kaart is nog niet getekend.",
            "the map is not drawn yet.",
        ));
    }
    let bounds = if whole_focus {
        None
    } else {
        v.map(|v| v.world_bounds())
    };
    let Some(areas) = collect::areas_in_view(&ctx, &store, bounds) else {
        return fail(lang.pick(
            "de kaartgegevens zijn nog niet geladen.",
            "the map data has not loaded yet.",
        ));
    };
    // The place an export is named after: the embed's area, else the selected area's gemeente,
    // else the gemeente at the centre of a zoomed-in view; the country otherwise.
    let focus = ctx.focus.get_untracked();
    let selected = ctx.view.with_untracked(|v| v.selected.clone());
    let place = focus
        .clone()
        .or_else(|| selected.map(|s| s.gemeente()))
        .or_else(|| v.and_then(|v| gemeente_at_centre(&store, &v)));
    let place_name = place.as_ref().and_then(|p| untrack(|| store.name(p)));
    let place_part = place_name
        .clone()
        .or_else(|| place.map(|p| p.to_string()))
        .unwrap_or_else(|| "nederland".into());
    let ind = areas
        .indicator
        .as_ref()
        .map(|i| i.id.as_str())
        .unwrap_or("kaart");
    let file = file_name(
        &["buurtkaart", ind, areas.level.id(), &place_part],
        kind.ext(),
    );
    let saved = {
        let file = file.clone();
        move |r: Result<(), String>| match r {
            Ok(()) => status.set(format!(
                "{} {file}",
                lang.pick("Gedownload:", "Downloaded:")
            )),
            Err(e) => status.set(format!(
                "{} {e}",
                lang.pick("Exporteren mislukt:", "Export failed:")
            )),
        }
    };
    // The SVG, and the PNG drawn from it: the view with the names the map wrote.
    let picture = |v: &Viewport| {
        collect::svg(
            &ctx,
            &store,
            &areas,
            v,
            place_name.as_deref(),
            &map.placed_names(),
        )
    };
    match kind {
        ExportKind::Csv => {
            let text = collect::csv(&store, &areas);
            saved(
                web::text_blob(&text, "text/csv;charset=utf-8")
                    .and_then(|b| web::download(&b, &file)),
            );
        }
        ExportKind::GeoJson => {
            let text = collect::geojson(&store, &areas);
            saved(
                web::text_blob(&text, "application/geo+json")
                    .and_then(|b| web::download(&b, &file)),
            );
        }
        ExportKind::Svg => {
            let Some(v) = v else { return };
            let doc = picture(&v);
            saved(
                web::text_blob(&doc.text, "image/svg+xml;charset=utf-8")
                    .and_then(|b| web::download(&b, &file)),
            );
        }
        ExportKind::Png => {
            let Some(v) = v else { return };
            status.set(
                lang.pick("Afbeelding maken…", "Making the image…")
                    .to_string(),
            );
            let doc = picture(&v);
            web::svg_to_png(&doc.text, doc.width, doc.height, 2.0, move |r| {
                saved(r.and_then(|blob| web::download(&blob, &file)));
            });
        }
    }
}

/// "Insluiten / Delen" and the download buttons, for the sidebar of the map page.
#[component]
pub fn ShareBar(
    /// The map whose view is exported.
    map: MapController,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let open = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let opener: NodeRef<html::Button> = NodeRef::new();
    // Parent names for the CSV (wijk of a buurt, gemeente of a wijk): small files, loaded once
    // the first map is on screen (before that they would share a slow line with its data).
    Effect::new(move |_| {
        if ctx.ready.get() && store.manifest.with(|m| m.is_some()) {
            store.ensure_index(Level::Gemeente);
            store.ensure_index(Level::Wijk);
        }
    });
    let lang = move || ctx.lang();
    let run = move |kind: ExportKind| export(kind, ctx, store, map, status, false);
    view! {
        <section class="share-bar" aria-label=move || lang().pick("Delen en downloaden", "Share and download")>
            <button type="button" class="share-open" node_ref=opener aria-haspopup="dialog"
                on:click=move |_| open.set(true)>
                {move || lang().pick("Insluiten / Delen", "Embed / Share")}
            </button>
            <div class="share-downloads" role="group" aria-label=move || lang().pick("Download het kaartbeeld", "Download the map view")>
                <span class="share-downloads-label" aria-hidden="true">{move || lang().pick("Download:", "Download:")}</span>
                <button type="button" class="export-png" on:click=move |_| run(ExportKind::Png)
                    aria-label=move || lang().pick("PNG: het kaartbeeld als afbeelding (2×)", "PNG: the map view as an image (2×)")>"PNG"</button>
                <button type="button" class="export-svg" on:click=move |_| run(ExportKind::Svg)
                    aria-label=move || lang().pick("SVG: het kaartbeeld als vectorbestand", "SVG: the map view as a vector file")>"SVG"</button>
                <button type="button" class="export-csv" on:click=move |_| run(ExportKind::Csv)
                    aria-label=move || lang().pick("Data (CSV) van de gebieden in beeld", "Data (CSV) of the areas in view")>
                    {move || lang().pick("Data (CSV)", "Data (CSV)")}
                </button>
                <button type="button" class="export-geojson" on:click=move |_| run(ExportKind::GeoJson)
                    aria-label=move || lang().pick("Geodata (GeoJSON): de gebieden in beeld met hun cijfers, voor GIS", "Geodata (GeoJSON): the areas in view with their figures, for GIS")>
                    {move || lang().pick("Geodata (GeoJSON)", "Geodata (GeoJSON)")}
                </button>
            </div>
            <p class="share-status" role="status">{move || status.get()}</p>
            <ShareDialog open=open opener=opener />
        </section>
    }
}
