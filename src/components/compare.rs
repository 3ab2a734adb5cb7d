//! "Vergelijk": a pinned area (URL key `vergelijk`) side by side with the selected one.
use crate::components::controls::use_view_updater;
use crate::components::panel::area::{compact, data_signature, label_with_unit, year_of, Area};
use crate::components::panel::dimensions::DIMENSIONS;
use crate::components::panel::figures::KEY_FIGURES;
use crate::components::panel::score::class_name;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use crate::state::ViewState;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// One row of the comparison: label and the two cells.
struct Row {
    id: String,
    label: String,
    a: String,
    b: String,
    /// Which side is better (`Some(true)`: a), where that is a judgement to make.
    a_better: Option<bool>,
}

fn lbm_cell(store: &DataStore, area: &Area, id: &str, lang: Lang) -> String {
    let v = area.value(store, id);
    let year = year_of(store, id, area.level());
    match (v, year) {
        (Some(v), Some(y)) => format!("{} ({y})", format::signed(v, 3, lang)),
        _ => format::no_data(lang).to_string(),
    }
}

fn class_cell(store: &DataStore, area: &Area, lang: Lang) -> String {
    if area.level() == Level::Wijk {
        return lang
            .pick("geen klasse voor wijken", "no class for districts")
            .to_string();
    }
    match area.value(store, "lbm_klasse") {
        Some(k) => {
            let k = k.round().clamp(1.0, 9.0) as u8;
            format!("{k} {}", class_name(store, k, lang))
        }
        None => lang.pick("geen score", "no score").to_string(),
    }
}

fn rows(store: &DataStore, a: &Area, b: &Area, lang: Lang) -> Vec<Row> {
    let mut out = Vec::new();
    let kind = |x: &Area| match x.level() {
        Level::Gemeente => x.kind(lang),
        _ => {
            let g = x.gemeente(store).map(|g| g.name).unwrap_or_default();
            format!("{}, {g}", x.kind(lang))
        }
    };
    out.push(Row {
        id: "kind".into(),
        label: lang.pick("Soort gebied", "Kind of area").into(),
        a: kind(a),
        b: kind(b),
        a_better: None,
    });
    out.push(Row {
        id: "lbm_klasse".into(),
        label: lang
            .pick("Leefbaarometer-klasse", "Leefbaarometer class")
            .into(),
        a: class_cell(store, a, lang),
        b: class_cell(store, b, lang),
        a_better: None,
    });
    for id in std::iter::once("lbm_afw").chain(DIMENSIONS) {
        let label = store
            .indicator(id)
            .map(|i| lang.text(&i.label).to_string())
            .unwrap_or_default();
        let label = if id == "lbm_afw" {
            lang.pick("Totaalscore (afwijking)", "Total score (deviation)")
                .to_string()
        } else {
            label
        };
        let (va, vb) = (a.value(store, id), b.value(store, id));
        out.push(Row {
            id: id.into(),
            label,
            a: lbm_cell(store, a, id, lang),
            b: lbm_cell(store, b, id, lang),
            a_better: va
                .zip(vb)
                .filter(|(x, y)| (x - y).abs() > 1e-9)
                .map(|(x, y)| x > y),
        });
    }
    for id in KEY_FIGURES
        .iter()
        .chain(["criminaliteit", "gezondheid"].iter())
    {
        let Some(ind) = store.indicator(id) else {
            continue;
        };
        let (va, vb) = (a.value(store, id), b.value(store, id));
        let a_better = match ind.higher_is_better {
            Some(hib) => va
                .zip(vb)
                .filter(|(x, y)| (x - y).abs() > 1e-9)
                .map(|(x, y)| (x > y) == hib),
            None => None,
        };
        out.push(Row {
            id: id.to_string(),
            label: label_with_unit(&ind, lang),
            a: compact(&ind, va, lang),
            b: compact(&ind, vb, lang),
            a_better,
        });
    }
    out
}

/// The comparison table, or the pinned area with a hint, or nothing.
#[component]
pub fn CompareView() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = use_view_updater();
    let inputs = Memo::new(move |_| {
        (
            ctx.view
                .with(|v| (v.compare.clone(), v.selected.clone(), v.lang)),
            data_signature(&store),
        )
    });
    let stop = move |_| update(&|v: &mut ViewState| v.compare = None);
    let body = move || {
        let ((pinned, selected, lang), _) = inputs.get();
        let pinned = pinned?;
        untrack(|| {
            let a = Area::find(&store, &pinned);
            let b = selected
                .as_ref()
                .filter(|s| **s != pinned)
                .and_then(|s| Area::find(&store, s));
            let pinned_name = a
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_else(|| pinned.to_string());
            let content = match (a, b) {
                (Some(a), Some(b)) => {
                    let rows = rows(&store, &a, &b, lang);
                    let wijk_note = (a.level() == Level::Wijk || b.level() == Level::Wijk).then(|| view! {
                        <p class="panel-note">{lang.pick(
                            "Wijken: Leefbaarometer-meting 2022; buurten en gemeenten: meting 2024. Kerncijfers: CBS 2024.",
                            "Districts: Leefbaarometer 2022 measurement; neighbourhoods and municipalities: 2024. Key figures: CBS 2024.")}</p>
                    });
                    view! {
                        <table class="compare-table">
                            <caption class="sr-only">{lang.pick("Vergelijking", "Comparison")}</caption>
                            <thead>
                                <tr>
                                    <td></td>
                                    <th scope="col" class="cmp-a">{a.name.clone()}</th>
                                    <th scope="col" class="cmp-b">{b.name.clone()}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|r| {
                                    let (ca, cb) = match r.a_better {
                                        Some(true) => ("cmp-a better", "cmp-b"),
                                        Some(false) => ("cmp-a", "cmp-b better"),
                                        None => ("cmp-a", "cmp-b"),
                                    };
                                    view! {
                                        <tr data-id=r.id>
                                            <th scope="row">{r.label}</th>
                                            <td class=ca>{r.a}</td>
                                            <td class=cb>{r.b}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {wijk_note}
                        <p class="panel-note">{lang.pick(
                            "Vet: gunstiger waarde, waar hoger of lager duidelijk beter is. Bronnen: zie onder.",
                            "Bold: the more favourable value, where higher or lower is clearly better. Sources: see below.")}</p>
                    }
                    .into_any()
                }
                _ => {
                    let hint = match lang {
                        Lang::Nl => format!("“{pinned_name}” is vastgezet. Kies een ander gebied op de kaart of via zoeken om ze te vergelijken."),
                        Lang::En => format!("“{pinned_name}” is pinned. Choose another area on the map or by search to compare them."),
                    };
                    view! { <p class="compare-hint">{hint}</p> }.into_any()
                }
            };
            Some(view! {
                <section class="compare" aria-labelledby="compare-title">
                    <div class="compare-head">
                        <h2 id="compare-title">{lang.pick("Vergelijken", "Compare")}</h2>
                        <button type="button" class="compare-stop" on:click=stop.clone()>
                            {lang.pick("Stop vergelijken", "Stop comparing")}
                        </button>
                    </div>
                    {content}
                </section>
            })
        })
    };
    view! { {body} }
}
