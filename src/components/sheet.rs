//! The sidebar, which on phones becomes a bottom sheet that can be dragged between
//! peek, half and full height (or stepped with its handle button).
use crate::context::MapContext;
use leptos::prelude::*;
use web_sys::PointerEvent;

/// Height of the bottom sheet on phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetState {
    /// Just the search box and legend heading.
    Peek,
    /// About half the screen.
    Half,
    /// Nearly the whole screen.
    Full,
}

impl SheetState {
    fn id(self) -> &'static str {
        match self {
            SheetState::Peek => "peek",
            SheetState::Half => "half",
            SheetState::Full => "full",
        }
    }

    fn next(self) -> Self {
        match self {
            SheetState::Peek => SheetState::Half,
            SheetState::Half => SheetState::Full,
            SheetState::Full => SheetState::Peek,
        }
    }

    /// The state nearest to a sheet height that is `fraction` of the screen.
    fn nearest(fraction: f64) -> Self {
        if fraction < 0.4 {
            SheetState::Peek
        } else if fraction < 0.75 {
            SheetState::Half
        } else {
            SheetState::Full
        }
    }
}

/// The sidebar / bottom sheet around the page's controls and panel.
#[component]
pub fn Sheet(children: Children) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let state = RwSignal::new(SheetState::Peek);
    // A drag in progress: (start pointer y, start sheet height in px).
    let drag: RwSignal<Option<(f64, f64)>> = RwSignal::new(None);
    let live_height: RwSignal<Option<f64>> = RwSignal::new(None);
    let aside: NodeRef<leptos::html::Aside> = NodeRef::new();

    // Selecting an area opens the sheet far enough to read the panel.
    Effect::new(move |_| {
        if ctx.selected().is_some() && state.get_untracked() == SheetState::Peek {
            state.set(SheetState::Half);
        }
    });

    let screen_h = || {
        web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(800.0)
    };
    let down = move |ev: PointerEvent| {
        let h = aside
            .get_untracked()
            .map(|a| a.get_bounding_client_rect().height())
            .unwrap_or(0.0);
        drag.set(Some((ev.client_y() as f64, h)));
        if let Some(t) = ev.target() {
            use wasm_bindgen::JsCast;
            if let Ok(el) = t.dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
    };
    let moved = move |ev: PointerEvent| {
        if let Some((y0, h0)) = drag.get_untracked() {
            let h = (h0 + y0 - ev.client_y() as f64).clamp(80.0, screen_h() * 0.95);
            live_height.set(Some(h));
        }
    };
    let up = move |ev: PointerEvent| {
        let Some((y0, _)) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        let dy = (ev.client_y() as f64 - y0).abs();
        match live_height.get_untracked() {
            Some(h) if dy > 6.0 => state.set(SheetState::nearest(h / screen_h())),
            _ => state.update(|s| *s = s.next()),
        }
        live_height.set(None);
    };
    let style = move || {
        live_height
            .get()
            .map(|h| format!("height:{h:.0}px;transition:none"))
            .unwrap_or_default()
    };

    view! {
        <aside class="sidebar" node_ref=aside data-sheet=move || state.get().id() style=style
            aria-label=move || ctx.lang().pick("Toelichting en details", "Explanation and details")>
            <button type="button" class="sheet-handle"
                aria-label=move || ctx.lang().pick("Paneel groter of kleiner maken", "Make the panel larger or smaller")
                aria-expanded=move || (state.get() != SheetState::Peek).to_string()
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up
                on:keydown=move |ev| {
                    if ev.key() == "Escape" { state.set(SheetState::Peek); }
                }>
                <span class="sheet-grip" aria-hidden="true"></span>
            </button>
            {children()}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snaps_to_nearest_height() {
        assert_eq!(SheetState::nearest(0.2), SheetState::Peek);
        assert_eq!(SheetState::nearest(0.5), SheetState::Half);
        assert_eq!(SheetState::nearest(0.9), SheetState::Full);
        assert_eq!(SheetState::Full.next(), SheetState::Peek);
    }
}
