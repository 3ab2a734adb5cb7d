//! A gemeente filter for the lists and the scatter plot of the views.
use crate::context::MapContext;
use crate::data::DataStore;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The gemeente a view's list or plot is limited to, as its four digits (`"0363"`): the one
/// chosen in the filter, else nothing (all of the Netherlands).
pub type GemeenteFilter = RwSignal<Option<String>>;

/// A new filter, starting at the selected area's gemeente (so a selection narrows the lists).
pub fn new_filter(ctx: MapContext) -> GemeenteFilter {
    let start = ctx
        .selected()
        .map(|c| c.gemeente().as_str()[2..].to_string());
    RwSignal::new(start)
}

/// `<select>` of all gemeenten by name, plus "heel Nederland".
#[component]
pub fn GemeenteSelect(filter: GemeenteFilter, id: &'static str) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            store.ensure_index(Level::Gemeente);
        }
    });
    let options = Memo::new(move |_| {
        let mut v: Vec<(String, String)> = store
            .level(Level::Gemeente)
            .index
            .map(|i| {
                i.codes
                    .iter()
                    .zip(&i.names)
                    .map(|(c, n)| (c[2..].to_string(), n.clone()))
                    .collect()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| a.1.cmp(&b.1));
        v
    });
    let current = move || filter.get().unwrap_or_default();
    view! {
        <label class="control view-filter">
            <span class="control-label">{move || ctx.lang().pick("Gemeente", "Municipality")}</span>
            <select id=id prop:value=current on:change=move |ev| {
                let v = event_target_value(&ev);
                filter.set((!v.is_empty()).then_some(v));
            }>
                <option value="">{move || ctx.lang().pick("heel Nederland", "all of the Netherlands")}</option>
                {move || {
                    let cur = current();
                    options.get().into_iter().map(|(gm, name)| {
                        let selected = gm == cur;
                        view! { <option value=gm selected=selected>{name}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
