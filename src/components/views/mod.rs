//! The view modes on the page (issue 10): the picker, the colouring they share, their legends
//! and the side panel of each (change lists, scatter plot, rank).
mod change_panel;
mod filter;
mod legend;
mod picker;
mod relative_panel;
mod scatter;
mod tenure_panel;
mod trend_panel;

pub use legend::ViewLegend;
pub use picker::ViewPicker;

use crate::context::MapContext;
use crate::data::DataStore;
use crate::views::{Colouring, ViewMode};
use buurtkaart_model::{Indicator, Level, ScaleKind};
use change_panel::ChangePanel;
use leptos::prelude::*;
use relative_panel::RelativePanel;
use std::sync::Arc;
use tenure_panel::TenurePanel;
use trend_panel::TrendPanel;

/// The indicator the relative view ranks by: the chosen one at buurt level, the LBM deviation
/// instead of the LBM class (ranks need a continuous value).
pub fn ranked_indicator(ctx: &MapContext, store: &DataStore) -> Option<Indicator> {
    let ind = ctx.indicator_at(store, Level::Buurt)?;
    if ind.scale == ScaleKind::LbmClasses {
        return store.indicator("lbm_afw");
    }
    Some(ind)
}

fn column(store: &DataStore, level: Level, group: &str, id: &str) -> Option<Vec<Option<f64>>> {
    let data = store.level(level);
    Some(data.tables.get(group)?.columns.get(id)?.decode())
}

/// Builds the colouring of the current view mode into `ctx.colouring` whenever its data, the
/// language or the palette change, loading what it needs first.
pub fn track_colouring(ctx: MapContext, store: DataStore) {
    Effect::new(move |_| {
        store.attempt.track();
        if store.manifest.with(|m| m.is_none()) {
            return;
        }
        let mode = ctx.mode();
        let lang = ctx.lang();
        let palette = ctx.view.with(|v| v.palette);
        let built = match mode {
            ViewMode::Standard => None,
            ViewMode::Change { from, to } => {
                store.ensure_history();
                store.ensure_index(Level::Wijk);
                (|| {
                    let index = store.level(Level::Wijk).index?;
                    let history = store.history()?;
                    Some(Colouring::change(&index, &history, from, to, palette, lang))
                })()
            }
            ViewMode::Trend { from, to, .. } => {
                store.ensure_history();
                store.ensure_index(Level::Wijk);
                (|| {
                    let index = store.level(Level::Wijk).index?;
                    let history = store.history()?;
                    let change = Colouring::change(&index, &history, from, to, palette, lang);
                    Some(Colouring { mode, ..change })
                })()
            }
            ViewMode::Tenure => {
                store.ensure_index(Level::Buurt);
                store.ensure_table(Level::Buurt, "lbm");
                store.ensure_table(Level::Buurt, "cbs");
                (|| {
                    let lbm = column(&store, Level::Buurt, "lbm", "lbm_afw")?;
                    let koop = column(&store, Level::Buurt, "cbs", "koopwoningen")?;
                    Some(Colouring::tenure(&lbm, &koop, lang))
                })()
            }
            ViewMode::Relative => {
                store.ensure_index(Level::Buurt);
                (|| {
                    let ind = ranked_indicator(&ctx, &store)?;
                    store.ensure_table(Level::Buurt, &ind.group);
                    let index = store.level(Level::Buurt).index?;
                    let values = column(&store, Level::Buurt, &ind.group, &ind.id)?;
                    Some(Colouring::relative(&index, &values, &ind, palette, lang))
                })()
            }
        };
        let changed = ctx
            .colouring
            .with_untracked(|c| c.as_deref() != built.as_ref());
        if changed {
            ctx.colouring.set(built.map(Arc::new));
        }
    });
}

/// The side panel of the view mode (nothing on the standard map).
#[component]
pub fn ViewPanel() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    // Only a change of view remounts the panel: a new year or group keeps its gemeente filter.
    let kind = Memo::new(move |_| std::mem::discriminant(&ctx.mode()));
    move || {
        kind.track();
        match ctx.view.with_untracked(|v| v.mode) {
            ViewMode::Standard => ().into_any(),
            ViewMode::Change { .. } => view! { <ChangePanel /> }.into_any(),
            ViewMode::Tenure => view! { <TenurePanel /> }.into_any(),
            ViewMode::Relative => view! { <RelativePanel /> }.into_any(),
            ViewMode::Trend { .. } => view! { <TrendPanel /> }.into_any(),
        }
    }
}
