//! The legend: class colours and labels from the same classes the map uses.
use crate::components::views::ViewLegend;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::i18n;
use crate::scale::legend;
use crate::views::ViewMode;
use buurtkaart_model::{Level, ScaleKind};
use leptos::prelude::*;

/// The legend of what the map shows: the indicator's classes, or the view mode's legend.
#[component]
pub fn Legend() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let standard = Memo::new(move |_| ctx.mode() == ViewMode::Standard);
    move || {
        if standard.get() {
            view! { <IndicatorLegend /> }.into_any()
        } else {
            view! { <ViewLegend /> }.into_any()
        }
    }
}

/// Legend of the indicator on the map; a class button highlights its areas.
#[component]
fn IndicatorLegend() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let level = Memo::new(move |_| ctx.level());
    let indicator = Memo::new(move |_| ctx.indicator_at(&store, level.get()));
    let items = Memo::new(move |_| {
        let lang = ctx.lang();
        let palette = ctx.view.with(|v| v.palette);
        let dark = ctx.dark.get();
        let ind = indicator.get()?;
        store.manifest.with(|m| {
            let m = m.as_ref()?;
            Some(legend(m, &ind, level.get(), lang, palette, dark))
        })
    });
    let heading = move || {
        let lang = ctx.lang();
        indicator.get().map(|ind| {
            let year = ind.at(level.get()).map(|l| l.year).unwrap_or_default();
            let unit = match ind.scale {
                ScaleKind::LbmClasses => String::new(),
                _ => format!(" ({})", lang.text(&ind.unit.label())),
            };
            format!("{}{unit}, {year}", lang.text(&ind.label))
        })
    };
    let fallback_note = move || {
        let lang = ctx.lang();
        let wanted = ctx
            .view
            .with(|v| v.indicator.clone())
            .unwrap_or_else(|| crate::context::DEFAULT_INDICATOR.into());
        let shown = indicator.get()?;
        (shown.id != wanted).then(|| {
            lang.pick(
                "De gekozen maat bestaat niet op dit niveau; de kaart toont de verwante maat hierboven.",
                "The chosen measure does not exist at this level; the map shows the related one above.",
            )
        })
    };
    view! {
        <section class="legend" aria-labelledby="legend-heading">
            <h2 id="legend-heading" class="legend-title">{heading}</h2>
            <p class="legend-note">{fallback_note}</p>
            <ul class="legend-items">
                <For each=move || items.get().unwrap_or_default().into_iter().enumerate()
                    key=|(i, item)| (*i, item.label.clone(), item.colour.css())
                    children=move |(_, item)| {
                        let class = item.class;
                        let pressed = move || ctx.highlight.get() == Some(class);
                        view! {
                            <li>
                                <button type="button" class="legend-item" aria-pressed=move || pressed().to_string()
                                    on:click=move |_| ctx.highlight.update(|h| *h = if *h == Some(class) { None } else { Some(class) })>
                                    <span class="swatch" class:nodata=class.is_none() style=format!("background:{}", item.colour.css())></span>
                                    <span class="legend-label">{item.label.clone()}</span>
                                </button>
                            </li>
                        }
                    } />
            </ul>
            <p class="legend-hint">{move || i18n::legend_hint(ctx.lang())}</p>
            <Show when=move || level.get() != Level::Gemeente>
                <p class="legend-hint">{move || i18n::no_holes_note(ctx.lang())}</p>
            </Show>
        </section>
    }
}
