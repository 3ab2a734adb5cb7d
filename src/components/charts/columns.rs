//! A column chart from zero (yearly crime counts, buurten per Leefbaarometer class).
use super::scale::{Axis, Linear};
use super::{px as n, DataTable, CHART_WIDTH};
use crate::format;
use crate::lang::Lang;
use leptos::prelude::*;

/// One column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Label under the column (a year, a class number).
    pub label: String,
    /// Longer label for the data table (defaults to `label` when empty).
    pub long_label: String,
    /// The value; `None` is written as "geen gegevens", never drawn as 0.
    pub value: Option<f64>,
    /// Fill colour (CSS); `None` uses the chart's accent.
    pub colour: Option<String>,
}

const HEIGHT: f64 = 156.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 22.0;

/// Columns from a zero baseline with a value over each, a y axis with nice ticks, and a hidden
/// data table. A missing value gets a dash and no column.
#[component]
pub fn ColumnChart(
    /// The columns, left to right.
    columns: Vec<Column>,
    /// Decimals of the values.
    decimals: u8,
    /// Unit text over the y axis.
    unit: String,
    /// One-sentence summary (the chart's accessible name).
    summary: String,
    /// Caption of the hidden data table.
    table_caption: String,
    /// Header of the label column and of the value column of the table.
    headers: (String, String),
    /// Language for numbers.
    lang: Lang,
    /// Extra CSS class of the figure.
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let max = columns
        .iter()
        .filter_map(|c| c.value)
        .fold(0.0f64, f64::max);
    let axis = Axis::nice(0.0, if max > 0.0 { max } else { 1.0 }, 3);
    let y = Linear::new((0.0, axis.hi), (HEIGHT - BOTTOM, TOP));
    let count = columns.len().max(1) as f64;
    let slot = (CHART_WIDTH - LEFT - RIGHT) / count;
    let bar_w = (slot * 0.64).min(42.0);
    let tick_dec = axis.decimals();
    let grid = axis
        .ticks()
        .into_iter()
        .map(|t| {
            let yy = n(y.map(t));
            view! {
                <line class="grid" x1=n(LEFT) x2=n(CHART_WIDTH - RIGHT) y1=yy.clone() y2=yy.clone()></line>
                <text class="tick" x=n(LEFT - 4.0) y=yy text-anchor="end" dominant-baseline="middle">
                    {format::number(t, tick_dec, lang)}
                </text>
            }
        })
        .collect_view();
    let bars = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cx = LEFT + slot * (i as f64 + 0.5);
            let label = view! {
                <text class="tick" x=n(cx) y=n(HEIGHT - BOTTOM + 15.0) text-anchor="middle">{c.label.clone()}</text>
            };
            match c.value {
                Some(v) => {
                    let top = y.map(v.max(0.0));
                    let style = c.colour.as_ref().map(|col| format!("fill:{col}")).unwrap_or_default();
                    view! {
                        <rect class="bar" x=n(cx - bar_w / 2.0) y=n(top) width=n(bar_w)
                            height=n((HEIGHT - BOTTOM - top).max(0.0)) style=style></rect>
                        <text class="value" x=n(cx) y=n(top - 4.0) text-anchor="middle">
                            {format::number(v, decimals, lang)}
                        </text>
                        {label}
                    }
                    .into_any()
                }
                None => view! {
                    <text class="value missing" x=n(cx) y=n(HEIGHT - BOTTOM - 5.0) text-anchor="middle">"–"</text>
                    {label}
                }
                .into_any(),
            }
        })
        .collect_view();
    let rows: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            let head = if c.long_label.is_empty() {
                c.label.clone()
            } else {
                c.long_label.clone()
            };
            let v = match c.value {
                Some(v) => format::number(v, decimals, lang),
                None => format::no_data(lang).to_string(),
            };
            vec![head, v]
        })
        .collect();
    view! {
        <figure class=format!("chart column-chart {class}")>
            <svg class="chart-svg" viewBox=format!("0 0 {CHART_WIDTH} {HEIGHT}") role="img" aria-label=summary>
                <text class="unit" x="0" y="9">{unit}</text>
                {grid}
                {bars}
                <line class="axis" x1=n(LEFT) x2=n(CHART_WIDTH - RIGHT) y1=n(HEIGHT - BOTTOM) y2=n(HEIGHT - BOTTOM)></line>
            </svg>
            <DataTable caption=table_caption headers=vec![headers.0, headers.1] rows=rows />
        </figure>
    }
}
