//! The trend view in an embed: under the map, the lines of the country and of the embed's
//! gemeente (and of its marked wijk), with the gemeente's sentence, so an article shows the
//! answer to its question and not only the map of change.
//!
//! The tenure groups are left out: their cuts are national terciles of the wijken's share of
//! owner-occupied homes, and an embed loads only its gemeente's wijk facts, so they would differ
//! from the app's. The class in 2012 (from the national history) and urbanity (a CBS class per
//! wijk) are the same as in the app.
use super::trend_panel::{emphasis_on_point, line_series, use_trend};
use crate::components::charts::LineChart;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::views::trend::{sentence, Grouping, LineKind, PIVOT};
use crate::views::ViewMode;
use buurtkaart_model::AreaCode;
use leptos::prelude::*;

/// The chart and sentence of the trend view for the embed of `area`.
#[component]
pub fn EmbedTrend(area: AreaCode) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let gm = area.gemeente().as_str()[2..].to_string();
    let computed = use_trend(ctx, store, Signal::derive(move || Some(gm.clone())));
    move || {
        let lang = ctx.lang();
        let (mut t, _) = computed.get()?;
        let tenure = ctx
            .view
            .with(|v| matches!(v.mode, ViewMode::Trend { group, .. } if group == Grouping::Tenure));
        t.lines
            .retain(|l| !tenure || !matches!(l.kind, LineKind::Group(_)));
        let said = t
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Gemeente)
            .map(|l| sentence(l, &t.years, lang))
            .unwrap_or_default();
        let x_labels: Vec<u16> = t
            .years
            .iter()
            .copied()
            .filter(|y| [2002, 2012, 2022].contains(y))
            .collect();
        let on_point = emphasis_on_point(ctx, &t.lines);
        Some(view! {
            <section class="embed-trend" aria-label=lang.pick("Leefbaarheid 2002–2022", "Liveability 2002–2022")>
                <LineChart years=t.years.clone() series=line_series(&t.lines) x_labels=x_labels
                    marks=vec![(PIVOT, PIVOT.to_string())] decimals=4
                    unit=lang.pick("gemiddelde score", "mean score").to_string() summary=said.clone()
                    table_caption=lang.pick("Gemiddelde Leefbaarometerscore per jaar", "Mean Leefbaarometer score per year").to_string()
                    lang=lang class="trend-chart" on_point=on_point />
                <p class="embed-trend-words">{said}</p>
            </section>
        })
    }
}
