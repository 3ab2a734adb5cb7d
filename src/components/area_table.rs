//! A sortable table of the areas in view: the map's equivalent for keyboard and screen-reader
//! users. Choosing a row selects the area, like a click on the map.
use crate::carto::shapes::within;
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::state::ViewState;
use crate::table::{sort_rows, Row, SortKey};
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;

/// Rows shown at most; more would make the page slow for everyone.
const MAX_ROWS: usize = 250;

/// Arrow up/down, Home and End on a row's button move the focus to another row's button, so
/// the areas in view can be read one by one in the table's order.
fn move_between_rows(ev: leptos::ev::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(current) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|e| e.class_list().contains("row-select"))
    else {
        return;
    };
    let Some(row) = current.closest("tr").ok().flatten() else {
        return;
    };
    let target = match ev.key().as_str() {
        "ArrowDown" => row.next_element_sibling(),
        "ArrowUp" => row.previous_element_sibling(),
        "Home" => row.parent_element().and_then(|b| b.first_element_child()),
        "End" => row.parent_element().and_then(|b| b.last_element_child()),
        _ => return,
    };
    ev.prevent_default();
    if let Some(button) = target
        .and_then(|r| r.query_selector(".row-select").ok().flatten())
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}

/// The "Tabel" toggle and the table itself.
#[component]
pub fn AreaTable() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let update = StoredValue::new_local(use_view_updater());
    let open = RwSignal::new(false);
    let sort = RwSignal::new((SortKey::Name, true));

    // Parent names come from the gemeente index.
    Effect::new(move |_| {
        if open.get() && store.manifest.with(|m| m.is_some()) {
            store.ensure_index(Level::Gemeente);
        }
    });

    let rows = Memo::new(move |_| {
        if !open.get() {
            return (Vec::new(), 0);
        }
        let lang = ctx.lang();
        let level = ctx.level();
        let data = store.level(level);
        let (Some(shapes), Some(index)) = (data.shapes.clone(), data.index.clone()) else {
            return (Vec::new(), 0);
        };
        let only = ctx.only();
        let bounds = ctx.bounds.get().unwrap_or(shapes.bounds);
        let colouring = ctx.colouring_at(level);
        let mut rows: Vec<Row> = shapes
            .in_bounds(bounds)
            .into_iter()
            .filter(|&i| within(&shapes.shapes[i].code, only.as_deref()))
            .filter_map(|i| {
                let s = &shapes.shapes[i];
                let r = s.row?;
                let value = colouring
                    .as_ref()
                    .and_then(|c| c.value.get(r).copied().flatten());
                let code = AreaCode::parse(&s.code).ok()?;
                let parent = if level == Level::Gemeente {
                    String::new()
                } else {
                    store
                        .name(&code.gemeente())
                        .unwrap_or_else(|| code.gemeente().to_string())
                };
                let class = colouring
                    .as_ref()
                    .map(|c| c.class_label(r, lang))
                    .unwrap_or_default();
                Some(Row {
                    code: s.code.clone(),
                    name: index.names[r].clone(),
                    parent,
                    value,
                    class_label: class,
                })
            })
            .collect();
        let total = rows.len();
        let (key, asc) = sort.get();
        sort_rows(&mut rows, key, asc);
        rows.truncate(MAX_ROWS);
        (rows, total)
    });
    // Every row in one gemeente (or gemeenten themselves): the count line names it once and the
    // gemeente column is hidden, so the narrow sidebar has room for names, values and classes.
    let one_parent = Memo::new(move |_| {
        rows.with(|(rows, total)| {
            if rows.len() < *total {
                return None;
            }
            let first = rows.first()?.parent.clone();
            rows.iter().all(|r| r.parent == first).then_some(first)
        })
    });

    let header = move |key: SortKey, nl: &'static str, en: &'static str| {
        let aria = move || {
            let (k, asc) = sort.get();
            if k != key {
                "none"
            } else if asc {
                "ascending"
            } else {
                "descending"
            }
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|(k, asc)| {
                    if *k == key { *asc = !*asc } else { *k = key; *asc = key != SortKey::Value }
                })>
                    {move || ctx.lang().pick(nl, en)}
                    <span aria-hidden="true">{move || match sort.get() { (k, true) if k == key => " ▲", (k, false) if k == key => " ▼", _ => "" }}</span>
                </button>
            </th>
        }
    };
    let value_heading = move || {
        ctx.colouring
            .get()
            .map(|c| c.value_heading(ctx.lang()))
            .unwrap_or_default()
    };

    view! {
        <section class="area-table">
            <button type="button" class="table-toggle" aria-expanded=move || open.get().to_string()
                aria-controls="area-table" on:click=move |_| open.update(|o| *o = !*o)>
                {move || ctx.lang().pick("Tabel van de gebieden in beeld", "Table of the areas in view")}
            </button>
            <Show when=move || open.get()>
                <div id="area-table" class="table-wrap">
                    <p class="table-count" role="status">{move || {
                        let (rows, total) = rows.get();
                        let lang = ctx.lang();
                        let what = lang.text(&ctx.level().plural()).to_string();
                        let place = match one_parent.get() {
                            Some(p) if !p.is_empty() => format!(" in {p}"),
                            _ => String::new(),
                        };
                        if rows.len() < total {
                            format!("{} {} {} {what} {}", rows.len(), lang.pick("van de", "of the"), format::number(total as f64, 0, lang),
                                lang.pick("in beeld; zoom in of zoek voor de rest.", "in view; zoom in or search for the rest."))
                        } else {
                            format!("{} {what}{place} {}", format::number(total as f64, 0, lang), lang.pick("in beeld", "in view"))
                        }
                    }}</p>
                    <table class:one-parent=move || one_parent.get().is_some()>
                        <caption class="visually-hidden">{value_heading}</caption>
                        <thead><tr>
                            {header(SortKey::Name, "Naam", "Name")}
                            {header(SortKey::Parent, "Gemeente", "Municipality")}
                            {header(SortKey::Value, "Waarde", "Value")}
                            <th scope="col">{move || ctx.lang().pick("Klasse", "Class")}</th>
                        </tr></thead>
                        <tbody on:keydown=move_between_rows>
                            <For each=move || rows.get().0 key=|r| (r.code.clone(), r.class_label.clone(), r.value.map(f64::to_bits)) children=move |r: Row| {
                                let code = r.code.clone();
                                let selected = {
                                    let code = code.clone();
                                    move || ctx.selected().map(|c| c.as_str() == code).unwrap_or(false)
                                };
                                let row_index = store.level_untracked(ctx.level()).rows.and_then(|m| m.get(&r.code).copied());
                                let value_text = move || {
                                    let lang = ctx.lang();
                                    match (ctx.colouring.get(), row_index) {
                                        (Some(c), Some(i)) => c.value_text(i, lang),
                                        _ => String::new(),
                                    }
                                };
                                view! {
                                    <tr data-code=r.code.clone() aria-current=move || if selected() { "true" } else { "false" }>
                                        <th scope="row">
                                            <button type="button" class="row-select" on:click=move |_| {
                                                let code = AreaCode::parse(&code).ok();
                                                update.with_value(|u| u(&|v: &mut ViewState| v.selected = code.clone()));
                                            }>{r.name.clone()}</button>
                                        </th>
                                        <td>{r.parent.clone()}</td>
                                        <td class="num">{value_text}</td>
                                        <td>{r.class_label.clone()}</td>
                                    </tr>
                                }
                            } />
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
