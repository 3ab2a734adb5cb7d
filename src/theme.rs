//! Light/dark theme: follows the OS by default; a toggle overrides it and is remembered.
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const STORAGE_KEY: &str = "buurtkaart-theme";

/// The reader's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// Stored / attribute value.
    pub fn id(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    /// Parses a stored value.
    pub fn from_id(s: &str) -> Option<Self> {
        match s {
            "auto" => Some(ThemeChoice::Auto),
            "light" => Some(ThemeChoice::Light),
            "dark" => Some(ThemeChoice::Dark),
            _ => None,
        }
    }
}

/// App-wide theme state (context).
#[derive(Clone, Copy)]
pub struct Theme {
    /// What the reader chose.
    pub choice: RwSignal<ThemeChoice>,
    /// Whether the OS prefers dark.
    pub os_dark: RwSignal<bool>,
}

impl Theme {
    /// Whether dark colours are in effect.
    pub fn dark(&self) -> bool {
        match self.choice.get() {
            ThemeChoice::Auto => self.os_dark.get(),
            ThemeChoice::Light => false,
            ThemeChoice::Dark => true,
        }
    }

    /// Toggles between light and dark (from whatever is in effect) and remembers it.
    pub fn toggle(&self) {
        let next = if self.dark() {
            ThemeChoice::Light
        } else {
            ThemeChoice::Dark
        };
        self.set(next);
    }

    /// Sets and remembers a choice.
    pub fn set(&self, choice: ThemeChoice) {
        self.choice.set(choice);
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, choice.id());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    // localStorage throws in some sandboxed iframes; treat that as "no storage".
    web_sys::window()?.local_storage().ok().flatten()
}

/// Creates the theme state, keeps `<html data-theme>` in step and follows OS changes.
pub fn provide_theme() -> Theme {
    let stored = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|v| ThemeChoice::from_id(&v))
        .unwrap_or_default();
    let media = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
    let theme = Theme {
        choice: RwSignal::new(stored),
        os_dark: RwSignal::new(media.as_ref().map(|m| m.matches()).unwrap_or(false)),
    };
    if let Some(m) = media {
        let os_dark = theme.os_dark;
        let cb = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| {
                os_dark.set(e.matches());
            },
        );
        let _ = m.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        cb.forget();
    }
    Effect::new(move |_| {
        let choice = theme.choice.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-theme", choice.id());
        }
    });
    provide_context(theme);
    theme
}
