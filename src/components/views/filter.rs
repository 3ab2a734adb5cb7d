//! A gemeente filter for the lists and the scatter plot of the views.
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::data::DataStore;
use crate::state::ViewState;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;

/// The gemeente a view's lists, plot and lines are limited to, as its four digits (`"0363"`),
/// or nothing (all of the Netherlands). It lives in the URL (`gemeente=GM0363`, `gemeente=nl`),
/// so a shared link keeps it; without it, the selected area's gemeente.
#[derive(Clone, Copy)]
pub struct GemeenteFilter {
    ctx: MapContext,
    update: StoredValue<ViewUpdater, LocalStorage>,
}

/// Changes the URL's view (see `use_view_updater`).
type ViewUpdater = Box<dyn Fn(&dyn Fn(&mut ViewState))>;

impl GemeenteFilter {
    /// The gemeente's four digits, or `None` for the whole country (tracked).
    pub fn get(&self) -> Option<String> {
        let (chosen, selected) = self
            .ctx
            .view
            .with(|v| (v.gemeente.clone(), v.selected.clone()));
        let code = match chosen {
            Some(chosen) => chosen,
            None => selected.map(|c| c.gemeente()),
        };
        code.map(|c| c.as_str()[2..].to_string())
    }

    /// Like [`GemeenteFilter::get`], untracked.
    pub fn get_untracked(&self) -> Option<String> {
        untrack(|| self.get())
    }

    /// Chooses the gemeente with these four digits, or the whole country (into the URL).
    pub fn set(&self, digits: Option<String>) {
        let code = digits.and_then(|d| AreaCode::parse(&format!("GM{d}")).ok());
        self.update
            .with_value(|u| u(&|v: &mut ViewState| v.gemeente = Some(code.clone())));
    }
}

/// The filter of the page's view.
pub fn new_filter(ctx: MapContext) -> GemeenteFilter {
    let update = use_view_updater();
    GemeenteFilter {
        ctx,
        update: StoredValue::new_local(Box::new(update)),
    }
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
        buurtkaart_core::order::sort_by(&mut v, |a, b| a.1.cmp(&b.1));
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
