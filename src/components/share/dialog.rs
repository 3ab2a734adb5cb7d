//! The "Insluiten / Delen" builder: a native modal `<dialog>` (focus moves in, Escape closes,
//! focus returns to the button) with the embed's options, a live preview, the iframe code, the
//! share link and the generated alt text, each with a copy button.
use super::collect::{alt_for, indicator_for};
use super::web;
use crate::context::{MapContext, DEFAULT_INDICATOR};
use crate::data::DataStore;
use crate::embed::message::parse_height;
use crate::embed::options::absolute;
use crate::embed::snippet::{embed_code, DEFAULT_HEIGHT};
use crate::embed::text::{area_title, map_title};
use crate::embed::{DarkMode, EmbedOptions};
use crate::lang::Lang;
use buurtkaart_model::{AreaCode, Level};
use leptos::html;
use leptos::prelude::*;

/// The levels an embed of an area at `level` can draw.
fn levels_for(level: Level) -> &'static [Level] {
    match level {
        Level::Gemeente => &[Level::Buurt, Level::Wijk],
        _ => &[Level::Buurt],
    }
}

/// The builder dialog; `open` shows and hides it, `opener` gets focus back when it closes.
#[component]
pub fn ShareDialog(open: RwSignal<bool>, opener: NodeRef<html::Button>) -> impl IntoView {
    let dialog: NodeRef<html::Dialog> = NodeRef::new();
    Effect::new(move |_| {
        let want = open.get();
        let Some(el) = dialog.get() else { return };
        if want {
            if !web::show_modal(&el) {
                open.set(false);
            }
        } else {
            web::close_modal(&el);
        }
    });
    let on_close = move |_| {
        open.set(false);
        if let Some(b) = opener.get_untracked() {
            let _ = b.focus();
        }
    };
    // A click on the backdrop lands on the <dialog> itself (its content has its own box).
    let on_click = move |ev: web_sys::MouseEvent| {
        let on_backdrop = match (ev.target(), dialog.get_untracked()) {
            (Some(t), Some(d)) => js_sys::Object::is(&t, &d),
            _ => false,
        };
        if on_backdrop {
            open.set(false);
        }
    };
    view! {
        <dialog class="share-dialog" node_ref=dialog aria-labelledby="share-title" on:close=on_close on:click=on_click>
            <Show when=move || open.get()>
                <Builder close=Callback::new(move |_| open.set(false)) />
            </Show>
        </dialog>
    }
}

/// A read-only text with its copy button.
#[component]
fn CopyField(
    /// Field label.
    label: Signal<String>,
    /// The text.
    text: Signal<String>,
    /// Copy button text.
    button: Signal<String>,
    /// Said when copied.
    done: Signal<String>,
    /// Where to say it.
    status: RwSignal<String>,
    /// Rows of the text area (1 = a single-line field).
    rows: u32,
    /// Element id.
    id: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let area: NodeRef<html::Textarea> = NodeRef::new();
    let copy = move |_| {
        let fallback = move |ok: bool| {
            if ok {
                status.set(done.get_untracked());
            } else {
                if let Some(t) = area.get_untracked() {
                    t.select();
                }
                status.set(
                    ctx.lang()
                        .pick(
                            "Kopiëren lukte niet; de tekst is geselecteerd: druk Ctrl+C.",
                            "Could not copy; the text is selected: press Ctrl+C.",
                        )
                        .to_string(),
                );
            }
        };
        web::copy_text(&text.get_untracked(), fallback);
    };
    view! {
        <div class="share-field">
            <label for=id>{move || label.get()}</label>
            <textarea id=id node_ref=area readonly rows=rows spellcheck="false"
                class:single=rows == 1 prop:value=move || text.get()></textarea>
            <button type="button" class=format!("copy copy-{id}") on:click=copy>{move || button.get()}</button>
        </div>
    }
}

/// The dialog's content (built when it opens, dropped when it closes).
#[component]
fn Builder(close: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let ui = ctx.lang();
    let start = ctx.view.get_untracked();
    let selection = start.selected.clone();

    let area_text = RwSignal::new(
        selection
            .as_ref()
            .map(|s| s.gemeente().to_string())
            .unwrap_or_default(),
    );
    let indicator = RwSignal::new(
        start
            .indicator
            .clone()
            .unwrap_or_else(|| DEFAULT_INDICATOR.to_string()),
    );
    let level = RwSignal::new(match untrack(|| ctx.level()) {
        Level::Gemeente => Level::Buurt,
        l => l,
    });
    let lang = RwSignal::new(start.lang);
    let dark = RwSignal::new(DarkMode::Auto);
    let legend = RwSignal::new(true);
    let interactive = RwSignal::new(true);
    let panel = RwSignal::new(false);
    let mark = RwSignal::new(
        selection
            .as_ref()
            .is_some_and(|s| s.level() != Level::Gemeente),
    );
    let height = RwSignal::new(DEFAULT_HEIGHT);
    let status = RwSignal::new(String::new());

    // The area: a valid code that exists (once its level's names are loaded).
    let area = Memo::new(move |_| {
        let text = area_text.get();
        let code = AreaCode::parse(&text).map_err(|_| text.clone())?;
        let known = store
            .level(code.level())
            .rows
            .map(|r| r.contains_key(code.as_str()));
        match known {
            Some(false) => Err(text),
            _ => Ok(code),
        }
    });
    let sel = selection.clone();
    // The embed shows the view on screen (change since 2012, tenure, rank) too.
    let view_mode = start.mode;
    let opts = Memo::new(move |_| {
        let area = area.get().ok()?;
        let allowed = levels_for(area.level());
        let mut o = EmbedOptions::new(area);
        o.level = if allowed.contains(&level.get()) {
            level.get()
        } else {
            allowed[0]
        };
        o.indicator = indicator.get();
        o.year = indicator_for(&store, &o.indicator, o.level)
            .and_then(|i| i.at(o.level).map(|l| l.year));
        o.lang = lang.get();
        o.dark = dark.get();
        o.legend = legend.get();
        o.interactive = interactive.get();
        o.panel = panel.get();
        o.mode = view_mode;
        o.highlight = sel
            .clone()
            .filter(|s| mark.get() && *s != o.area && o.contains(s) && store.name(s).is_some());
        Some(o)
    });
    // Names and values the alt text needs.
    Effect::new(move |_| {
        if let Ok(code) = area.get() {
            store.ensure_index(code.level());
        }
        let Some(o) = opts.get() else { return };
        store.ensure_index(o.level);
        store.ensure_index(Level::Wijk);
        if let Some(ind) = indicator_for(&store, &o.indicator, o.level) {
            store.ensure_table(o.level, &ind.group);
        }
    });

    let base = web::base_url();
    let embed_url = {
        let base = base.clone();
        Memo::new(move |_| {
            opts.with(|o| o.as_ref().map(|o| absolute(&base, &o.to_url())))
                .unwrap_or_default()
        })
    };
    let title = Memo::new(move |_| {
        let Some(o) = opts.get() else {
            return String::new();
        };
        let ind = indicator_for(&store, &o.indicator, o.level);
        let label = ind
            .as_ref()
            .map(|i| o.lang.text(&i.label).to_string())
            .unwrap_or_default();
        // A buurt embed is titled after the buurt and its gemeente, as the embed itself is.
        if o.area.level() == Level::Buurt {
            if let Some(buurt) = store.name(&o.area) {
                let gemeente = store.name(&o.area.gemeente());
                return area_title(o.lang, &label, &buurt, gemeente.as_deref(), o.year);
            }
        }
        let name = store.name(&o.shown_area());
        map_title(o.lang, &label, o.level, name.as_deref(), o.year)
    });
    let code = {
        let base = base.clone();
        Signal::derive(move || {
            opts.with(|o| {
                o.as_ref()
                    .map(|o| embed_code(&base, o, &title.get(), height.get()))
                    .unwrap_or_default()
            })
        })
    };
    let link = {
        let base = base.clone();
        Signal::derive(move || absolute(&base, &ctx.view.get().to_url()))
    };
    let alt = Signal::derive(move || {
        opts.get()
            .and_then(|o| alt_for(&store, &o))
            .unwrap_or_default()
    });

    // The preview sizes itself from the embed's own height messages (as embed.js does).
    let preview: NodeRef<html::Iframe> = NodeRef::new();
    let preview_height = RwSignal::new(420u32);
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let from_preview = match (
            ev.source(),
            preview.get_untracked().and_then(|f| f.content_window()),
        ) {
            (Some(s), Some(w)) => js_sys::Object::is(&s, &w),
            _ => false,
        };
        if !from_preview {
            return;
        }
        if let Some(h) = web::message_text(&ev.data()).and_then(|t| parse_height(&t)) {
            preview_height.set(h.clamp(200, 1400));
        }
    });
    on_cleanup(move || listener.remove());

    let t = move |nl: &'static str, en: &'static str| ui.pick(nl, en).to_string();
    let quick = {
        let sel = selection.clone();
        move || {
            let mut out: Vec<AreaCode> = Vec::new();
            if let Some(s) = &sel {
                out.push(s.gemeente());
                if let Some(w) = s.wijk() {
                    out.push(w);
                }
                // A buurt can be embedded itself (its wijk, with the buurt outlined).
                if s.level() == Level::Buurt {
                    out.push(s.clone());
                }
            }
            out.into_iter()
                .map(|c| {
                    let name = store.name(&c).unwrap_or_else(|| c.to_string());
                    let kind = ui.text(&c.level().name()).to_string();
                    let code = c.to_string();
                    view! {
                        <button type="button" class="chip" on:click=move |_| area_text.set(code.clone())>
                            {format!("{name} ({kind})")}
                        </button>
                    }
                })
                .collect_view()
        }
    };
    let indicator_options = move || {
        let lvl = opts
            .with(|o| o.as_ref().map(|o| o.level))
            .unwrap_or(Level::Buurt);
        let cur = indicator.get();
        store.manifest.with(|m| {
            m.as_ref()
                .map(|m| {
                    m.indicators
                        .iter()
                        .filter(|i| i.at(lvl).is_some())
                        .map(|i| {
                            let id = i.id.clone();
                            let selected = id == cur;
                            view! { <option value=id selected=selected>{ui.text(&i.label).to_string()}</option> }
                        })
                        .collect_view()
                })
                .unwrap_or_default()
        })
    };
    let level_options = move || {
        let allowed = area
            .get()
            .map(|a| levels_for(a.level()))
            .unwrap_or(&[Level::Buurt, Level::Wijk]);
        let cur = opts
            .with(|o| o.as_ref().map(|o| o.level))
            .unwrap_or(level.get());
        allowed
            .iter()
            .map(|l| {
                let selected = *l == cur;
                view! { <option value=l.id() selected=selected>{ui.text(&l.name()).to_string()}</option> }
            })
            .collect_view()
    };
    // "Markeer …" only for a known selection inside the chosen area.
    let mark_label = {
        let sel = selection.clone();
        move || {
            let s = sel.as_ref().filter(|s| s.level() != Level::Gemeente)?;
            let inside = opts.with(|o| o.as_ref().is_some_and(|o| o.contains(s) && *s != o.area));
            let name = store.name(s).filter(|_| inside)?;
            Some(format!("{} {name}", ui.pick("Markeer", "Outline")))
        }
    };
    let area_error = move || {
        area.get().err().map(|text| {
            if text.trim().is_empty() {
                t(
                    "Kies eerst een gebied op de kaart, of typ een CBS-code (bijv. GM0344).",
                    "First choose an area on the map, or type a CBS code (e.g. GM0344).",
                )
            } else {
                format!(
                    "{} “{}”",
                    t("Onbekend gebied:", "Unknown area:"),
                    text.chars().take(40).collect::<String>()
                )
            }
        })
    };
    let check = |label: String, sig: RwSignal<bool>, class: &'static str| {
        view! {
            <label class=format!("share-check {class}")>
                <input type="checkbox" prop:checked=move || sig.get() on:change=move |ev| sig.set(event_target_checked(&ev)) />
                {label}
            </label>
        }
    };

    view! {
        <div class="share-content">
            <header class="share-head">
                <h2 id="share-title">{t("Insluiten / Delen", "Embed / Share")}</h2>
                <button type="button" class="share-close" aria-label=t("Sluiten", "Close") on:click=move |_| close.run(())>"×"</button>
            </header>
            <div class="share-grid">
                <div class="share-left">
                    <div class="share-codes">
                        <CopyField id="share-code" rows=4 status=status
                            label=Signal::derive(move || t("Insluitcode (plak in je artikel)", "Embed code (paste into your article)"))
                            text=code
                            button=Signal::derive(move || t("Kopieer code", "Copy code"))
                            done=Signal::derive(move || t("Insluitcode gekopieerd.", "Embed code copied.")) />
                        <CopyField id="share-link" rows=1 status=status
                            label=Signal::derive(move || t("Link naar deze kaart", "Link to this map"))
                            text=link
                            button=Signal::derive(move || t("Kopieer link", "Copy link"))
                            done=Signal::derive(move || t("Link gekopieerd.", "Link copied.")) />
                        <CopyField id="share-alt" rows=3 status=status
                            label=Signal::derive(move || t("Alt-tekst (beschrijving voor schermlezers)", "Alt text (description for screen readers)"))
                            text=alt
                            button=Signal::derive(move || t("Kopieer alt-tekst", "Copy alt text"))
                            done=Signal::derive(move || t("Alt-tekst gekopieerd.", "Alt text copied.")) />
                        <p class="share-status" role="status">{move || status.get()}</p>
                    </div>
                    <form class="share-options" on:submit=|ev| ev.prevent_default()>
                        <div class="share-row">
                            <label for="share-area">{t("Gebied (CBS-code)", "Area (CBS code)")}</label>
                            <input id="share-area" type="text" autofocus autocomplete="off" spellcheck="false"
                                prop:value=move || area_text.get() on:input=move |ev| area_text.set(event_target_value(&ev))
                                aria-describedby="share-area-error" />
                            <div class="chips">{quick}</div>
                            <p id="share-area-error" class="share-error" aria-live="polite">{area_error}</p>
                        </div>
                        <div class="share-row">
                            <label for="share-indicator">{t("Kaart toont", "Map shows")}</label>
                            <select id="share-indicator" on:change=move |ev| indicator.set(event_target_value(&ev))>{indicator_options}</select>
                        </div>
                        <div class="share-row">
                            <label for="share-level">{t("Per", "Per")}</label>
                            <select id="share-level" on:change=move |ev| {
                                if let Ok(l) = event_target_value(&ev).parse::<Level>() {
                                    level.set(l);
                                }
                            }>{level_options}</select>
                        </div>
                        <div class="share-row two">
                            <label>{t("Taal", "Language")}
                                <select id="share-lang" on:change=move |ev| lang.set(Lang::from_param(&event_target_value(&ev)).unwrap_or_default())>
                                    <option value="nl" selected=start.lang == Lang::Nl>"Nederlands"</option>
                                    <option value="en" selected=start.lang == Lang::En>"English"</option>
                                </select>
                            </label>
                            <label>{t("Donker", "Dark")}
                                <select id="share-dark" on:change=move |ev| dark.set(DarkMode::from_param(&event_target_value(&ev)).unwrap_or_default())>
                                    <option value="auto" selected=true>{t("volgt de lezer", "follows the reader")}</option>
                                    <option value="false">{t("licht", "light")}</option>
                                    <option value="true">{t("donker", "dark")}</option>
                                </select>
                            </label>
                        </div>
                        <fieldset class="share-checks">
                            <legend>{t("Tonen", "Show")}</legend>
                            {check(t("Legenda", "Legend"), legend, "opt-legend")}
                            {check(t("Interactief (aanwijzen, klikken, zoomen)", "Interactive (hover, click, zoom)"), interactive, "opt-interactive")}
                            {check(t("Details bij klikken", "Details on click"), panel, "opt-panel")}
                            {move || mark_label().map(|label| view! {
                                <label class="share-check opt-mark">
                                    <input type="checkbox" prop:checked=move || mark.get() on:change=move |ev| mark.set(event_target_checked(&ev)) />
                                    {label}
                                </label>
                            })}
                        </fieldset>
                        <div class="share-row">
                            <label for="share-height">{t("Starthoogte (px; past zich daarna aan)", "Initial height (px; adjusts itself)")}</label>
                            <input id="share-height" type="number" min="200" max="4000" step="10"
                                prop:value=move || height.get().to_string()
                                on:input=move |ev| {
                                    if let Ok(h) = event_target_value(&ev).parse::<u32>() {
                                        height.set(h.clamp(200, 4000));
                                    }
                                } />
                        </div>
                    </form>
                </div>
                <section class="share-preview" aria-label=t("Voorbeeld", "Preview")>
                    <h3>{t("Voorbeeld", "Preview")}</h3>
                    <Show when=move || !embed_url.get().is_empty()
                        fallback=move || view! { <p class="share-empty">{t("Kies een gebied om een voorbeeld te zien.", "Choose an area to see a preview.")}</p> }>
                        <iframe class="share-frame" node_ref=preview src=move || embed_url.get() title=move || title.get()
                            style=move || format!("height:{}px", preview_height.get())></iframe>
                    </Show>
                </section>
            </div>
        </div>
    }
}
