//! The view modes on the page (issue 10): the picker, the colouring they share, their legends
//! and the side panel of each (change lists, scatter plot, rank).
mod change_panel;
mod filter;
mod legend;
mod picker;
mod relative_panel;
mod scatter;
mod tenure_panel;
mod trend_embed;
mod trend_panel;

pub use legend::ViewLegend;
pub use picker::ViewPicker;
pub use trend_embed::EmbedTrend;

use crate::context::MapContext;
use crate::views::ViewMode;
use change_panel::ChangePanel;
use leptos::prelude::*;
use relative_panel::RelativePanel;
use tenure_panel::TenurePanel;
use trend_panel::TrendPanel;

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
