//! Chooses the view mode (`weergave`).
use crate::components::controls::use_view_updater;
use crate::context::MapContext;
use crate::state::ViewState;
use crate::views::ViewMode;
use leptos::prelude::*;

/// A select of the map's views: one measure, change since 2012, tenure, within the gemeente.
#[component]
pub fn ViewPicker() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let update = use_view_updater();
    let current = move || ctx.mode().param().unwrap_or("standaard").to_string();
    view! {
        <label class="control">
            <span class="control-label">{move || ctx.lang().pick("Weergave", "View")}</span>
            <select id="view-picker" prop:value=current on:change=move |ev| {
                let val = event_target_value(&ev);
                update(&|v: &mut ViewState| {
                    v.mode = ViewMode::from_param(&val).unwrap_or_default();
                });
            }>
                {move || {
                    let lang = ctx.lang();
                    let cur = current();
                    ViewMode::ALL.into_iter().map(|m| {
                        let val = m.param().unwrap_or("standaard");
                        view! { <option value=val selected=val == cur>{m.label(lang)}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
