//! Loading progress, data errors with a retry button, and URL notices.
use crate::context::MapContext;
use crate::data::DataStore;
use crate::i18n;
use crate::state::Notice;
use leptos::prelude::*;

/// Progress bar while files load; error box with "opnieuw proberen" when one fails.
#[component]
pub fn LoadStatus() -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let busy = move || store.progress().pending > 0 || !ctx.ready.get();
    let errors = move || store.errors.get();
    view! {
        <Show when=move || busy() && errors().is_empty()>
            <div class="loading" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                {move || {
                    let p = store.progress();
                    format!("{} ({}/{})", i18n::loading(ctx.lang()), p.done, p.done + p.pending)
                }}
            </div>
        </Show>
        <Show when=move || !errors().is_empty()>
            <div class="data-error" role="alert">
                <ul>
                    {move || errors().into_iter().map(|e| view! { <li>{e.message(ctx.lang())}</li> }).collect_view()}
                </ul>
                <button type="button" class="retry" on:click=move |_| {
                    store.retry();
                    if store.manifest.with_untracked(|m| m.is_none()) {
                        store.load_manifest();
                    }
                }>{move || i18n::retry(ctx.lang())}</button>
            </div>
        </Show>
    }
}

/// Notices about the URL (unknown codes, ignored parameters), dismissible.
#[component]
pub fn Notices(notices: Signal<Vec<Notice>>) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let dismissed = RwSignal::new(false);
    Effect::new(move |_| {
        notices.track();
        dismissed.set(false);
    });
    view! {
        <Show when=move || !dismissed.get() && !notices.get().is_empty()>
            <div class="notice" role="status">
                {move || notices.get().into_iter().map(|n| view! { <p>{n.message(ctx.lang())}</p> }).collect_view()}
                <button type="button" class="notice-close" aria-label=move || i18n::close(ctx.lang())
                    on:click=move |_| dismissed.set(true)>"×"</button>
            </div>
        </Show>
    }
}
