//! "Trend 2002–2022": did liveability stop rising after 2012, and where? Lines of the national
//! mean, groups of wijken, a gemeente and the selected wijk, 2012 marked; the words the figures
//! give; a table of every line. The map beside it shows the change per wijk for the chosen
//! period. The figures come from [`crate::views::trend`].
use super::filter::{new_filter, GemeenteSelect};
use crate::components::charts::{LineChart, LineSeries, SeriesStyle};
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::derived::column;
use crate::format;
use crate::lang::Lang;
use crate::state::ViewState;
use crate::views::trend::{
    caveats, sentence, trend, Grouping, LineKind, Trend, TrendLine, WijkFacts, PIVOT,
};
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;
use std::sync::Arc;

/// The periods the map can show, as (from, to).
const PERIODS: [(u16, u16); 3] = [(2002, 2012), (2012, 2022), (2002, 2022)];

fn style(kind: LineKind) -> SeriesStyle {
    match kind {
        LineKind::National => SeriesStyle::Context,
        LineKind::Gemeente => SeriesStyle::Group(3),
        LineKind::Group(i) => SeriesStyle::Group(i.min(2) as u8),
        LineKind::Wijk => SeriesStyle::Main,
    }
}

fn line_id(kind: LineKind) -> String {
    match kind {
        LineKind::National => "national".into(),
        LineKind::Gemeente => "gemeente".into(),
        LineKind::Group(i) => format!("group-{i}"),
        LineKind::Wijk => "wijk".into(),
    }
}

/// The table of every line: a row per year, a column per line, the mean to four decimals and
/// the number of wijken under it.
fn table(t: &Trend, lang: Lang) -> impl IntoView {
    let n = |v: usize| format::number(v as f64, 0, lang);
    let heads = t
        .lines
        .iter()
        .map(|l| view! { <th scope="col" data-line=line_id(l.kind) title=l.label.clone()>{l.short.clone()}</th> })
        .collect_view();
    let rows = t
        .years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let cells = t
                .lines
                .iter()
                .map(|l| {
                    let v = l.values.get(i).copied().flatten();
                    let count = l.counts.get(i).copied().unwrap_or(0);
                    let text = v
                        .map(|v| format::number(v, 4, lang))
                        .unwrap_or_else(|| format::no_data(lang).to_string());
                    let counted = (l.kind != LineKind::Wijk && v.is_some()).then(|| {
                        view! { <span class="trend-n">{format!("n = {}", n(count))}</span> }
                    });
                    view! {
                        <td data-line=line_id(l.kind) class:nodata=v.is_none()>
                            <span class="trend-value num">{text}</span>{counted}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr data-year=y.to_string()><th scope="row">{y.to_string()}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        // The caption stays outside the scrolling box, so it wraps to the panel's width.
        <p class="trend-table-caption" id="trend-table-caption">{lang.pick(
            "Gemiddelde Leefbaarometerscore per jaar (ongewogen), met het aantal wijken (n)",
            "Mean Leefbaarometer score per year (unweighted), with the number of districts (n)")}</p>
        // Wider than a phone: the scrolling box takes focus, so keys can scroll it.
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="trend-table-caption">
            <table class="trend-table" aria-labelledby="trend-table-caption">
                <thead><tr><th scope="col">{lang.pick("Jaar", "Year")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The chart's series for `lines`.
pub(super) fn line_series(lines: &[TrendLine]) -> Vec<LineSeries> {
    lines
        .iter()
        .map(|l| LineSeries {
            label: l.label.clone(),
            values: l.values.clone(),
            style: style(l.kind),
        })
        .collect()
}

/// A chart's `on_point` that shows the wijken of the line pointed at on the map (all for the
/// national line).
pub(super) fn emphasis_on_point(ctx: MapContext, lines: &[TrendLine]) -> Callback<Option<usize>> {
    let members: Vec<Option<Arc<Vec<String>>>> = lines
        .iter()
        .map(|l| match l.kind {
            LineKind::National => None,
            _ if l.members.is_empty() => None,
            _ => Some(Arc::new(l.members.clone())),
        })
        .collect();
    Callback::new(move |k: Option<usize>| {
        ctx.emphasis
            .set(k.and_then(|k| members.get(k).cloned().flatten()));
    })
}

/// The trend lines of the view (its grouping, limited to gemeente `gm`'s four digits, with the
/// selected wijk's own line) and their caveats, once the history and the wijk facts are in.
pub(super) fn use_trend(
    ctx: MapContext,
    store: DataStore,
    gm: Signal<Option<String>>,
) -> Memo<Option<(Trend, Vec<String>)>> {
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            store.ensure_history();
            store.ensure_index(Level::Wijk);
            store.ensure_index(Level::Gemeente);
            store.ensure_table(Level::Wijk, "cbs");
        }
    });
    // The selected wijk, or the wijk of a selected buurt.
    let wijk = move || {
        ctx.selected().and_then(|c| match c.level() {
            Level::Wijk => Some(c),
            Level::Buurt => c.wijk(),
            Level::Gemeente => None,
        })
    };
    Memo::new(move |_| {
        let lang = ctx.lang();
        let group = ctx.view.with(|v| match v.mode {
            ViewMode::Trend { group, .. } => group,
            _ => Grouping::default(),
        });
        let history = store.history()?;
        let wijken = store.level(Level::Wijk);
        let index = wijken.index?;
        let koop = column(&store, Level::Wijk, "cbs", "koopwoningen")?;
        let sted = column(&store, Level::Wijk, "cbs", "stedelijkheid")?;
        let facts = WijkFacts {
            codes: &index.codes,
            koopwoningen: &koop,
            stedelijkheid: &sted,
        };
        let gm = gm.get();
        let gm_name = gm
            .as_ref()
            .and_then(|g| AreaCode::parse(&format!("GM{g}")).ok())
            .and_then(|c| store.name(&c));
        let w = wijk();
        let mut t = trend(
            &history,
            &facts,
            group,
            gm.as_deref(),
            w.as_ref().map(|c| c.as_str()),
            gm_name.as_deref(),
            lang,
        );
        if let (Some(w), Some(line)) = (&w, t.lines.last_mut()) {
            if line.kind == LineKind::Wijk {
                line.label = store.name(w).unwrap_or_else(|| w.to_string());
                line.short = line.label.clone();
            }
        }
        let notes = caveats(&history, &t, group, lang);
        Some((t, notes))
    })
}

/// Saves the lines of the chart as CSV (`leefbaarheid-trend-{groep}-{gemeente}.csv`).
fn download_lines(ctx: MapContext, computed: Memo<Option<(Trend, Vec<String>)>>) {
    let Some((t, _)) = computed.get_untracked() else {
        return;
    };
    let csv = crate::export::csv::trend_csv(
        &t.years,
        &t.lines,
        "Leefbaarometer 3.0 (BZK), meting 2022; Buurtkaart",
    );
    let group = ctx.view.with_untracked(|v| match v.mode {
        ViewMode::Trend { group, .. } => group.param(),
        _ => "klasse",
    });
    let place = t
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Gemeente)
        .map_or("nederland", |l| l.short.as_str());
    let name = crate::export::file_name(&["leefbaarheid-trend", group, place], "csv");
    let saved = crate::components::share::web::text_blob(&csv, "text/csv;charset=utf-8")
        .and_then(|blob| crate::components::share::web::download(&blob, &name));
    if let Err(e) = saved {
        leptos::logging::warn!("trend CSV: {e}");
    }
}

/// The trend view's side panel.
#[component]
pub fn TrendPanel() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = StoredValue::new_local(use_view_updater());
    let filter = new_filter(ctx);
    let mode = move || {
        ctx.view.with(|v| match v.mode {
            ViewMode::Trend { from, to, group } => (from, to, group),
            _ => (2012, 2022, Grouping::default()),
        })
    };
    let set_mode = move |f: &dyn Fn(&mut u16, &mut u16, &mut Grouping)| {
        update.with_value(|u| {
            u(&|v: &mut ViewState| {
                if let ViewMode::Trend { from, to, group } = &mut v.mode {
                    f(from, to, group)
                }
            })
        })
    };
    let computed = use_trend(ctx, store, Signal::derive(move || filter.get()));
    let group_select = move || {
        let lang = ctx.lang();
        let (_, _, cur) = mode();
        view! {
            <label class="control">
                <span class="control-label">{lang.pick("Lijnen", "Lines")}</span>
                <select id="trend-group" prop:value=cur.param() on:change=move |ev| {
                    if let Some(g) = Grouping::from_param(&event_target_value(&ev)) {
                        set_mode(&|_: &mut u16, _: &mut u16, group: &mut Grouping| *group = g)
                    }
                }>
                    {Grouping::ALL.into_iter().map(|g| view! {
                        <option value=g.param() selected=g == cur>{g.label(lang)}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let period_select = move || {
        let lang = ctx.lang();
        let (from, to, _) = mode();
        let cur = format!("{from}-{to}");
        let known = PERIODS.iter().any(|&(f, t)| f == from && t == to);
        view! {
            <label class="control">
                <span class="control-label">{lang.pick("Kaart: verandering", "Map: change")}</span>
                <select id="trend-period" prop:value=cur.clone() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((f, t)) = v.split_once('-').and_then(|(f, t)| Some((f.parse::<u16>().ok()?, t.parse::<u16>().ok()?))) {
                        set_mode(&|from: &mut u16, to: &mut u16, _: &mut Grouping| { *from = f; *to = t; })
                    }
                }>
                    {(!known).then(|| view! { <option value=cur.clone() selected=true>{format!("{from} → {to}")}</option> })}
                    {PERIODS.into_iter().map(|(f, t)| view! {
                        <option value=format!("{f}-{t}") selected=f == from && t == to>{format!("{f} → {t}")}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let body = move || {
        let lang = ctx.lang();
        let Some((t, notes)) = computed.get() else {
            return view! { <p class="panel-loading">{lang.pick("Gegevens laden…", "Loading data…")}</p> }.into_any();
        };
        let series = line_series(&t.lines);
        let sentences: Vec<String> = t
            .lines
            .iter()
            .map(|l| sentence(l, &t.years, lang))
            .collect();
        let summary = sentences.first().cloned().unwrap_or_default();
        let caption = lang
            .pick(
                "Gemiddelde Leefbaarometerscore per jaar, per lijn",
                "Mean Leefbaarometer score per year, per line",
            )
            .to_string();
        // Pointing at a line (or its legend entry, or its sentence) shows its wijken on the map.
        let on_point = emphasis_on_point(ctx, &t.lines);
        let x_labels: Vec<u16> = t
            .years
            .iter()
            .copied()
            .filter(|y| [2002, 2008, 2012, 2016, 2022].contains(y))
            .collect();
        view! {
            <LineChart years=t.years.clone() series=series x_labels=x_labels marks=vec![(PIVOT, PIVOT.to_string())]
                decimals=4 unit=lang.pick("gemiddelde score", "mean score").to_string() summary=summary
                table_caption=caption lang=lang class="trend-chart" on_point=on_point />
            <h3>{lang.pick("Wat de cijfers zeggen", "What the figures say")}</h3>
            <ul class="trend-sentences">
                {sentences.into_iter().zip(&t.lines).enumerate().map(|(k, (s, l))| view! {
                    <li data-line=line_id(l.kind)
                        on:pointerenter=move |_| on_point.run(Some(k)) on:pointerleave=move |_| on_point.run(None)>{s}</li>
                }).collect_view()}
            </ul>
            <div class="view-caveat trend-caveats">
                {notes.into_iter().map(|n| view! { <p>{n}</p> }).collect_view()}
            </div>
            <h3>{lang.pick("Tabel", "Table")}</h3>
            {table(&t, lang)}
            <p class="trend-download">
                <button type="button" class="chip trend-csv" on:click=move |_| download_lines(ctx, computed)>
                    {lang.pick("Lijnen downloaden (CSV)", "Download the lines (CSV)")}
                </button>
            </p>
        }
        .into_any()
    };
    // Nothing stays dimmed once the view is left.
    on_cleanup(move || {
        ctx.emphasis.try_set(None);
    });
    view! {
        <section class="view-panel trend-panel" aria-labelledby="view-heading">
            <h2 id="view-heading">{move || ctx.lang().pick("Stokte de stijging na 2012?", "Did the rise stop after 2012?")}</h2>
            <p>{move || ctx.lang().pick(
                "Na 2012 zou de stijgende lijn van de leefbaarheid zijn gestokt, en zwakke wijken met veel corporatiewoningen zouden verder achterop raken. De lijnen tonen de gemiddelde Leefbaarometerscore per jaar; 2012 is gemarkeerd. De kaart kleurt elke wijk naar haar verandering in de gekozen periode. Kies een wijk voor haar eigen lijn.",
                "After 2012 the rising line of liveability is said to have stalled, with weak districts with many corporation homes falling further behind. The lines show the mean Leefbaarometer score per year; 2012 is marked. The map colours each district by its change in the chosen period. Choose a district for its own line.")}</p>
            <div class="controls">{group_select}{period_select}</div>
            <GemeenteSelect filter=filter id="trend-filter" />
            {body}
        </section>
    }
}
