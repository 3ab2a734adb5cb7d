//! "Sinds 2012": the years compared, how many wijken rose and fell, and the wijken with the
//! largest declines and rises (filterable by gemeente). Choosing one opens its history.
use super::filter::{new_filter, GemeenteSelect};
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use crate::state::ViewState;
use crate::views::change::{all_changes, extremes, Change};
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;

/// Entries per list.
const LIST_LENGTH: usize = 10;

fn summary(
    changes: &[(String, Change)],
    gm: Option<&str>,
    from: u16,
    to: u16,
    lang: Lang,
) -> String {
    let mine: Vec<f64> = changes
        .iter()
        .filter(|(c, _)| gm.is_none_or(|g| c.get(2..6) == Some(g)))
        .map(|(_, c)| c.delta)
        .collect();
    let down = mine.iter().filter(|d| **d < 0.0).count();
    let up = mine.iter().filter(|d| **d > 0.0).count();
    let n = |v: usize| format::number(v as f64, 0, lang);
    match lang {
        Lang::Nl => format!(
            "Van de {} wijken met een score in beide jaren steeg de score in {} en daalde hij in {} ({from} → {to}).",
            n(mine.len()), n(up), n(down)
        ),
        Lang::En => format!(
            "Of the {} districts with a score in both years, {} rose and {} fell ({from} → {to}).",
            n(mine.len()), n(up), n(down)
        ),
    }
}

/// The change view's side panel.
#[component]
pub fn ChangePanel() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = StoredValue::new_local(use_view_updater());
    let filter = new_filter(ctx);
    let years = move || {
        ctx.view.with(|v| match v.mode {
            ViewMode::Change { from, to } => (from, to),
            _ => (0, 0),
        })
    };
    let changes = Memo::new(move |_| {
        let (from, to) = years();
        store
            .history()
            .map(|h| all_changes(&h, from, to))
            .unwrap_or_default()
    });
    let history_years =
        Memo::new(move |_| store.history().map(|h| h.years.clone()).unwrap_or_default());
    let set_year = move |first: bool, y: u16| {
        update.with_value(|u| {
            u(&|v: &mut ViewState| {
                if let ViewMode::Change { from, to } = &mut v.mode {
                    if first && y < *to {
                        *from = y
                    }
                    if !first && y > *from {
                        *to = y
                    }
                }
            })
        });
    };
    let year_select = move |first: bool| {
        let id = if first { "change-from" } else { "change-to" };
        let current = move || {
            let (f, t) = years();
            if first { f } else { t }.to_string()
        };
        view! {
            <label class="control">
                <span class="control-label">{move || if first { ctx.lang().pick("Van", "From") } else { ctx.lang().pick("Tot", "To") }}</span>
                <select id=id prop:value=current on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse::<u16>() { set_year(first, y) }
                }>
                    {move || {
                        let (f, t) = years();
                        history_years.get().into_iter().filter(|&y| if first { y < t } else { y > f }).map(|y| {
                            let selected = y == if first { f } else { t };
                            view! { <option value=y.to_string() selected=selected>{y.to_string()}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
        }
    };
    let entry = move |code: String, c: Change| {
        let lang = ctx.lang();
        let area = AreaCode::parse(&code).ok();
        let name = area
            .as_ref()
            .and_then(|a| store.name(a))
            .unwrap_or_else(|| code.clone());
        let gemeente = area
            .as_ref()
            .and_then(|a| store.name(&a.gemeente()))
            .unwrap_or_default();
        let selected = {
            let code = code.clone();
            move || ctx.selected().is_some_and(|s| s.as_str() == code)
        };
        view! {
            <li>
                <button type="button" class="change-item" data-code=code.clone() aria-current=move || selected().to_string()
                    on:click=move |_| update.with_value(|u| u(&|v: &mut ViewState| v.selected = area.clone()))>
                    <span class="change-name">{name}<small>{gemeente}</small></span>
                    <span class="change-delta num">{format::signed(c.delta, 2, lang)}</span>
                </button>
            </li>
        }
    };
    let lists = move || {
        let lang = ctx.lang();
        let gm = filter.get();
        let all = changes.get();
        let (down, up) = extremes(&all, gm.as_deref(), LIST_LENGTH);
        let down: Vec<_> = down.into_iter().cloned().collect();
        let up: Vec<_> = up.into_iter().cloned().collect();
        let empty = lang.pick("Geen wijken.", "No districts.");
        view! {
            <p class="view-summary" role="status">{summary(&all, gm.as_deref(), years().0, years().1, lang)}</p>
            <div class="change-lists">
                <section aria-labelledby="declines-heading">
                    <h3 id="declines-heading">{lang.pick("Grootste dalingen", "Largest declines")}</h3>
                    {if down.is_empty() { view! { <p>{empty}</p> }.into_any() } else {
                        view! { <ol class="change-list declines">{down.into_iter().map(|(c, d)| entry(c, d)).collect_view()}</ol> }.into_any()
                    }}
                </section>
                <section aria-labelledby="rises-heading">
                    <h3 id="rises-heading">{lang.pick("Grootste stijgingen", "Largest rises")}</h3>
                    {if up.is_empty() { view! { <p>{empty}</p> }.into_any() } else {
                        view! { <ol class="change-list rises">{up.into_iter().map(|(c, d)| entry(c, d)).collect_view()}</ol> }.into_any()
                    }}
                </section>
            </div>
        }
    };
    // Names of the wijken and gemeenten in the lists.
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            store.ensure_index(Level::Wijk);
            store.ensure_index(Level::Gemeente);
        }
    });
    view! {
        <section class="view-panel" aria-labelledby="view-heading">
            <h2 id="view-heading">{move || ctx.lang().pick("Leefbaarheid sinds 2012", "Liveability since 2012")}</h2>
            <p>{move || ctx.lang().pick(
                "Er wordt gezegd dat de vooruitgang van zwakke wijken na 2012 stokte. De kaart toont per wijk hoeveel de Leefbaarometerscore werkelijk veranderde tussen twee metingen; rood is gedaald, blauw gestegen. Kies een wijk voor haar hele verloop, of de weergave ‘Trend’ voor het landelijke beeld.",
                "It is said that the progress of weak districts stalled after 2012. The map shows how much each district's Leefbaarometer score really changed between two measurements; red fell, blue rose. Choose a district for its whole history, or the ‘Trend’ view for the national picture.")}</p>
            <div class="controls">{year_select(true)}{year_select(false)}</div>
            <GemeenteSelect filter=filter id="change-filter" />
            {lists}
            <details class="view-method">
                <summary>{move || ctx.lang().pick("Over de methode", "About the method")}</summary>
                <p>{move || ctx.lang().pick(
                    "Bron: Leefbaarometer 3.0, meting 2022 (BZK). Alle jaren zijn herberekend op de wijkgrenzen van 2022 en met het model van 2022, dus de cijfers wijken af van wat destijds is gepubliceerd. Wijkcodes die in 2024 voor een ander gebied gebruikt worden (naam anders dan in de reeks) zijn weggelaten; die wijken zijn grijs. Zo is heel Amsterdam grijs: de gemeente kreeg na 2022 een nieuwe wijkindeling met nieuwe codes. De wijkscore is de absolute score; een verandering van minder dan 0,02 noemen we ongeveer gelijk.",
                    "Source: Leefbaarometer 3.0, 2022 measurement (BZK). All years were recomputed on the 2022 district boundaries with the 2022 model, so figures differ from what was published at the time. District codes used for another area in 2024 (name differs from the series) are left out; those districts are grey. All of Amsterdam is grey for this reason: it got a new district division with new codes after 2022. The district score is the absolute score; a change of less than 0.02 is called about the same.")}</p>
            </details>
        </section>
    }
}
