//! A line chart over years (Leefbaarometer history, ervaren gezondheid), with context lines
//! and marked years.
use super::path::line_path;
use super::scale::{extent, Axis, Linear};
use super::{px as n, DataTable, CHART_WIDTH};
use crate::format;
use crate::lang::Lang;
use leptos::prelude::*;

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// The area itself: solid, with points.
    Main,
    /// A comparison (gemeente, all wijken): dashed, no points.
    Context,
    /// One of several compared lines (the trend view's groups): colour `n` (0–3), with points.
    Group(u8),
}

impl SeriesStyle {
    /// The CSS classes of the line and its legend key, after `line`/`key`.
    fn class(self) -> String {
        match self {
            SeriesStyle::Main => "main".into(),
            SeriesStyle::Context => "context".into(),
            SeriesStyle::Group(n) => format!("group g{n}"),
        }
    }
}

/// One line: a value per year of the chart (aligned with its `years`), `None` where missing.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// Name in the legend and the text table.
    pub label: String,
    /// Values aligned with the chart's years.
    pub values: Vec<Option<f64>>,
    /// Solid or dashed.
    pub style: SeriesStyle,
}

const HEIGHT: f64 = 190.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 24.0;

/// A line chart with a y axis (nice ticks, Dutch numbers), year labels on the x axis (spaced by
/// time, so uneven gaps look uneven), optional marked years, a legend and a hidden data table.
#[component]
pub fn LineChart(
    /// The x values, ascending.
    years: Vec<u16>,
    /// The lines; the first `Main` series is the area itself.
    series: Vec<LineSeries>,
    /// Years that get a label on the x axis (others still get a point).
    x_labels: Vec<u16>,
    /// Years to mark with a dashed vertical line and a short label.
    #[prop(optional)]
    marks: Vec<(u16, String)>,
    /// Decimals of values in labels and the table.
    decimals: u8,
    /// Unit text over the y axis.
    unit: String,
    /// One-sentence summary (the chart's accessible name).
    summary: String,
    /// Caption of the hidden data table.
    table_caption: String,
    /// Language for numbers.
    lang: Lang,
    /// Extra CSS class of the figure.
    #[prop(optional)]
    class: &'static str,
    /// Called with the series pointed at (line or legend entry, by pointer or keyboard focus),
    /// and with `None` when the pointer or focus leaves it.
    #[prop(optional)]
    on_point: Option<Callback<Option<usize>>>,
) -> impl IntoView {
    let point = move |i: Option<usize>| {
        if let Some(cb) = on_point {
            cb.run(i);
        }
    };
    let first = years.first().copied().unwrap_or(2000) as f64;
    let last = years.last().copied().unwrap_or(2001) as f64;
    let x = Linear::new(
        (first, last.max(first + 1.0)),
        (LEFT + 6.0, CHART_WIDTH - RIGHT - 6.0),
    );
    let all = series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied());
    let (lo, hi) = extent(all).unwrap_or((0.0, 1.0));
    let axis = Axis::nice(lo, hi, 4);
    let y = Linear::new((axis.lo, axis.hi), (HEIGHT - BOTTOM, TOP));
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
    let xlabels = x_labels
        .iter()
        .map(|&yr| {
            view! {
                <text class="tick" x=n(x.map(yr as f64)) y=n(HEIGHT - BOTTOM + 15.0) text-anchor="middle">
                    {yr.to_string()}
                </text>
            }
        })
        .collect_view();
    let mark_views = marks
        .iter()
        .map(|(yr, label)| {
            let xx = n(x.map(*yr as f64));
            view! {
                <g class="mark">
                    <line x1=xx.clone() x2=xx.clone() y1=n(TOP) y2=n(HEIGHT - BOTTOM)></line>
                    <text class="mark-label" x=n(x.map(*yr as f64) + 3.0) y=n(TOP + 8.0)>{label.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let yrs: Vec<f64> = years.iter().map(|&v| v as f64).collect();
    let lines = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let pts: Vec<(f64, Option<f64>)> =
                yrs.iter().copied().zip(s.values.iter().copied()).collect();
            let d = line_path(&pts, &x, &y);
            let dotted = s.style != SeriesStyle::Context;
            let dots = if dotted {
                pts.iter()
                    .filter_map(|&(px, py)| py.map(|v| (px, v)))
                    .map(|(px, v)| view! { <circle class=format!("dot {}", s.style.class()) cx=n(x.map(px)) cy=n(y.map(v)) r="2.6"></circle> })
                    .collect_view()
                    .into_any()
            } else {
                ().into_any()
            };
            // A wide invisible stroke makes the line easy to point at.
            let hit = on_point.map(|_| {
                view! {
                    <path class="line-hit" d=d.clone() fill="none"
                        on:pointerenter=move |_| point(Some(k))
                        on:pointerleave=move |_| point(None)></path>
                }
            });
            view! {
                <path class=format!("line {}", s.style.class()) d=d fill="none"></path>
                {dots}
                {hit}
            }
        })
        .collect_view();
    let legend = series
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let cls = format!("key {}", s.style.class());
            let pointable = on_point.is_some();
            view! {
                <li tabindex=pointable.then_some("0") class:pointable=pointable
                    on:pointerenter=move |_| point(Some(k)) on:pointerleave=move |_| point(None)
                    on:focus=move |_| point(Some(k)) on:blur=move |_| point(None)>
                    <span class=cls aria-hidden="true"></span>{s.label.clone()}
                </li>
            }
        })
        .collect_view();
    let mut headers = vec![lang.pick("Jaar", "Year").to_string()];
    headers.extend(series.iter().map(|s| s.label.clone()));
    let rows: Vec<Vec<String>> = years
        .iter()
        .enumerate()
        .map(|(i, yr)| {
            let mut row = vec![yr.to_string()];
            row.extend(
                series
                    .iter()
                    .map(|s| match s.values.get(i).copied().flatten() {
                        Some(v) => format::number(v, decimals, lang),
                        None => format::no_data(lang).to_string(),
                    }),
            );
            row
        })
        .collect();
    view! {
        <figure class=format!("chart line-chart {class}")>
            <svg class="chart-svg" viewBox=format!("0 0 {CHART_WIDTH} {HEIGHT}") role="img" aria-label=summary
                preserveAspectRatio="xMidYMid meet">
                <text class="unit" x="0" y="9">{unit}</text>
                {grid}
                <line class="axis" x1=n(LEFT) x2=n(CHART_WIDTH - RIGHT) y1=n(HEIGHT - BOTTOM) y2=n(HEIGHT - BOTTOM)></line>
                {mark_views}
                {lines}
                {xlabels}
            </svg>
            <ul class="chart-legend">{legend}</ul>
            <DataTable caption=table_caption headers=headers rows=rows />
        </figure>
    }
}
