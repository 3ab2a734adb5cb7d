//! Bars that diverge from the national mean (Leefbaarometer dimensions, total score).
use super::scale::{decimals_for, nice_step, symmetric_extent, Linear};
use super::{px as n, DataTable, CHART_WIDTH};
use crate::format;
use crate::lang::Lang;
use leptos::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct DivergingRow {
    /// Stable id (CSS hook and test handle), e.g. `lbm_won`.
    pub id: String,
    /// Label over the bar.
    pub label: String,
    /// The deviation; `None` is written as "geen gegevens", never drawn.
    pub value: Option<f64>,
    /// A comparison value drawn as a tick (e.g. the gemeente).
    pub marker: Option<f64>,
}

const ROW: f64 = 36.0;
const TOP: f64 = 4.0;
const AXIS: f64 = 22.0;
const PAD: f64 = 6.0;

/// Horizontal bars from a centre line (the national mean, 0), coloured by sign, each with its
/// label and signed value; optional comparison ticks; a hidden data table.
#[component]
pub fn DivergingBars(
    /// The bars, top to bottom.
    rows: Vec<DivergingRow>,
    /// Decimals of the values.
    decimals: u8,
    /// Name of the marker (e.g. "gemeente Utrecht"), for the legend and table; `None` when the
    /// rows have no markers.
    marker_label: Option<String>,
    /// Name of the bars' area (for the legend and table).
    area_label: String,
    /// One-sentence summary (the chart's accessible name).
    summary: String,
    /// Caption of the hidden data table.
    table_caption: String,
    /// Language for numbers.
    lang: Lang,
    /// Extra CSS class of the figure.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let values = rows.iter().flat_map(|r| [r.value, r.marker]).flatten();
    let half = symmetric_extent(values, 0.1);
    let x = Linear::new((-half, half), (PAD, CHART_WIDTH - PAD));
    let height = TOP + ROW * rows.len() as f64 + AXIS;
    let x0 = x.map(0.0);
    let fmt = |v: f64| format::signed(v, decimals, lang);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let top = TOP + ROW * i as f64;
            let bar_y = top + 17.0;
            let value_text = r.value.map(fmt).unwrap_or_else(|| format::no_data(lang).to_string());
            let bar = r.value.map(|v| {
                let xv = x.map(v);
                let (bx, bw) = if v >= 0.0 { (x0, xv - x0) } else { (xv, x0 - xv) };
                let cls = if v >= 0.0 { "bar pos" } else { "bar neg" };
                view! { <rect class=cls x=n(bx) y=n(bar_y) width=n(bw.max(1.0)) height="11"></rect> }
            });
            let marker = r.marker.map(|m| {
                let xm = n(x.map(m));
                view! { <line class="marker" x1=xm.clone() x2=xm y1=n(bar_y - 3.0) y2=n(bar_y + 14.0)></line> }
            });
            view! {
                <g class="div-row" data-id=r.id.clone()>
                    <text class="row-label" x=n(PAD) y=n(top + 11.0)>{r.label.clone()}</text>
                    <text class=if r.value.is_some() { "row-value" } else { "row-value missing" }
                        x=n(CHART_WIDTH - PAD) y=n(top + 11.0) text-anchor="end">{value_text}</text>
                    {bar}
                    {marker}
                </g>
            }
        })
        .collect_view();
    let step = nice_step(half, 2);
    let tick_dec = decimals_for(step);
    let axis_y = TOP + ROW * rows.len() as f64;
    let ticks = [-half, 0.0, half]
        .into_iter()
        .map(|t| {
            let label = if t == 0.0 {
                lang.pick("NL-gemiddelde", "NL mean").to_string()
            } else {
                format::signed(t, tick_dec, lang)
            };
            let anchor = if t < 0.0 { "start" } else if t > 0.0 { "end" } else { "middle" };
            view! { <text class="tick" x=n(x.map(t)) y=n(axis_y + 14.0) text-anchor=anchor>{label}</text> }
        })
        .collect_view();
    let mut headers = vec![String::new(), area_label.clone()];
    if let Some(m) = &marker_label {
        headers.push(m.clone());
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let cell = |v: Option<f64>| {
                v.map(fmt)
                    .unwrap_or_else(|| format::no_data(lang).to_string())
            };
            let mut row = vec![r.label.clone(), cell(r.value)];
            if marker_label.is_some() {
                row.push(cell(r.marker));
            }
            row
        })
        .collect();
    let legend = marker_label.clone().map(|m| {
        view! {
            <ul class="chart-legend">
                <li><span class="key bar-key" aria-hidden="true"></span>{area_label.clone()}</li>
                <li><span class="key marker-key" aria-hidden="true"></span>{m}</li>
            </ul>
        }
    });
    view! {
        <figure class=format!("chart diverging-chart {class}")>
            <svg class="chart-svg" viewBox=format!("0 0 {CHART_WIDTH} {height:.0}") role="img" aria-label=summary>
                <line class="centre" x1=n(x0) x2=n(x0) y1=n(TOP) y2=n(axis_y + 2.0)></line>
                {bars}
                {ticks}
            </svg>
            {legend}
            <DataTable caption=table_caption headers=headers rows=table_rows />
        </figure>
    }
}
