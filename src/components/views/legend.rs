//! Legends of the views: a list of classes (change, rank) or a 3 × 3 grid (tenure).
use crate::context::MapContext;
use crate::format;
use crate::lang::Lang;
use crate::scale::palette::no_data;
use crate::views::{Colouring, ViewMode};
use leptos::prelude::*;
use std::sync::Arc;

fn heading(c: &Colouring, lang: Lang) -> String {
    c.heading(lang)
}

/// A class button that highlights its areas on the map (like the standard legend).
fn class_button(
    ctx: MapContext,
    class: Option<usize>,
    colour: String,
    label: String,
    text: bool,
) -> impl IntoView {
    let pressed = move || ctx.highlight.get() == Some(class);
    view! {
        <button type="button" class="legend-item" aria-pressed=move || pressed().to_string()
            aria-label=label.clone() title=label.clone()
            on:click=move |_| ctx.highlight.update(|h| *h = if *h == Some(class) { None } else { Some(class) })>
            <span class="swatch" class:nodata=class.is_none() style=format!("background:{colour}")></span>
            {text.then(|| view! { <span class="legend-label">{label.clone()}</span> })}
        </button>
    }
}

fn list(ctx: MapContext, c: &Colouring, lang: Lang, dark: bool) -> AnyView {
    let mut items: Vec<(Option<usize>, String, String)> = c
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| (Some(i), c.colours[i].css(), l.clone()))
        .collect();
    items.push((None, no_data(dark).css(), format::no_data(lang).to_string()));
    view! {
        <ul class="legend-items">
            {items.into_iter().map(|(k, colour, label)| view! { <li>{class_button(ctx, k, colour, label, true)}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

fn grid(ctx: MapContext, c: &Colouring, lang: Lang, dark: bool) -> AnyView {
    let (bx, by) = c.breaks.unwrap_or(([0.0; 2], [0.0; 2]));
    let x_ticks = format!(
        "< {lo} | {lo} – {hi} | ≥ {hi}",
        lo = format::signed(bx[0], 2, lang),
        hi = format::signed(bx[1], 2, lang)
    );
    let y_ticks = format!(
        "< {} % | {} – {} % | ≥ {} %",
        format::number(by[0], 0, lang),
        format::number(by[0], 0, lang),
        format::number(by[1], 0, lang),
        format::number(by[1], 0, lang)
    );
    // Rows from many owner-occupied homes (top) to few (bottom).
    let rows = (0..3)
        .rev()
        .map(|y| {
            let cells = (0..3)
                .map(|x| {
                    let k = 3 * y + x;
                    class_button(ctx, Some(k), c.colours[k].css(), c.labels[k].clone(), false)
                })
                .collect_view();
            view! { <div class="bivariate-row" role="presentation">{cells}</div> }
        })
        .collect_view();
    view! {
        <div class="bivariate-legend">
            <div class="bivariate-y" aria-hidden="true">{lang.pick("meer koopwoningen →", "more owner-occupied →")}</div>
            <div class="bivariate-grid" role="group" aria-label=lang.pick("Klassen: leefbaarheid × koopwoningen", "Classes: liveability × owner-occupied")>{rows}</div>
            <div class="bivariate-x" aria-hidden="true">{lang.pick("betere leefbaarheid →", "better liveability →")}</div>
        </div>
        <p class="legend-hint">
            {lang.pick("Leefbaarheid (afwijking, derden): ", "Liveability (deviation, thirds): ")}{x_ticks}<br/>
            {lang.pick("Koopwoningen (derden): ", "Owner-occupied (thirds): ")}{y_ticks}
        </p>
        <ul class="legend-items">
            <li>{class_button(ctx, None, no_data(dark).css(), format::no_data(lang).to_string(), true)}</li>
        </ul>
    }
    .into_any()
}

/// The legend of the current view mode, from the same colouring the map uses.
#[component]
pub fn ViewLegend() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let colouring = Memo::new(move |_| ctx.colouring.get());
    move || {
        let lang = ctx.lang();
        let dark = ctx.dark.get();
        let Some(c): Option<Arc<Colouring>> = colouring.get() else {
            return view! { <section class="legend"><p class="legend-note">{crate::i18n::loading(lang)}</p></section> }.into_any();
        };
        let body = if c.mode == ViewMode::Tenure {
            grid(ctx, &c, lang, dark)
        } else {
            list(ctx, &c, lang, dark)
        };
        view! {
            <section class="legend" aria-labelledby="legend-heading">
                <h2 id="legend-heading" class="legend-title">{heading(&c, lang)}</h2>
                {body}
                <p class="legend-hint">{crate::i18n::legend_hint(lang)}</p>
            </section>
        }
        .into_any()
    }
}
