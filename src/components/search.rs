//! One search box for buurt, wijk and gemeente names and 4-digit postcodes: an ARIA combobox
//! with a keyboard-navigable list of suggestions. Choosing one navigates to the area's URL, so
//! the map zooms there and the panel opens.
use crate::components::address_search::{use_address_suggestions, use_place_chooser};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::lang::Lang;
use crate::search::{Hit, IndexBuilder, SearchIndex};
use crate::services::ServiceState;
use buurtkaart_core::search::geocoder::Place;
use buurtkaart_model::{AreaIndex, Level};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use std::cell::RefCell;
use std::sync::Arc;

/// Suggestions shown at most.
const LIMIT: usize = 8;

/// The shared index, compared by identity so a rebuilt index is a change and a re-read is not.
#[derive(Clone)]
struct SharedIndex(Arc<SearchIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

type Sources = [*const AreaIndex; 3];

thread_local! {
    /// The index built from the three area indexes it was built from (built once per page).
    static CACHE: RefCell<Option<(Sources, Arc<SearchIndex>)>> = const { RefCell::new(None) };
    /// The sources of the build under way, if one is.
    static BUILDING: RefCell<Option<Sources>> = const { RefCell::new(None) };
    /// The search boxes waiting for it (every box on the page sees the finished index).
    static WAITING: RefCell<Vec<ArcTrigger>> = const { RefCell::new(Vec::new()) };
}

/// Names indexed per task: about 5 ms on this machine, 20 ms on a phone, so the build (about
/// 18,000 names) never blocks input for long (issue 16: it was a 120 ms task on a phone).
const SLICE: usize = 2500;

/// The search index once the three area indexes are loaded (tracked) and indexed. The first
/// call starts building it a slice per task and returns `None`; `done` fires when it is in.
fn search_index(store: &DataStore, done: &ArcTrigger) -> Option<SharedIndex> {
    let g = store.level(Level::Gemeente).index?;
    let w = store.level(Level::Wijk).index?;
    let b = store.level(Level::Buurt).index?;
    let key: Sources = [Arc::as_ptr(&g), Arc::as_ptr(&w), Arc::as_ptr(&b)];
    let cached = CACHE.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, idx)| SharedIndex(idx.clone()))
    });
    if cached.is_some() {
        return cached;
    }
    WAITING.with(|w| w.borrow_mut().push(done.clone()));
    let start = BUILDING.with(|b| b.borrow_mut().replace(key) != Some(key));
    if start {
        spawn_local(build(key, g, w, b));
    }
    None
}

/// Builds the index a slice per task, then tells the waiting boxes. Newer area indexes (a
/// retry) start a build of their own; this one then drops its result.
async fn build(key: Sources, g: Arc<AreaIndex>, w: Arc<AreaIndex>, b: Arc<AreaIndex>) {
    crate::perf::mark("search:indexing");
    let mut builder = IndexBuilder::new(&g);
    for (index, level) in [(&g, Level::Gemeente), (&w, Level::Wijk), (&b, Level::Buurt)] {
        for start in (0..index.len()).step_by(SLICE) {
            builder.add(index, level, start..start + SLICE);
            crate::perf::yield_to_browser().await;
            if BUILDING.with(|b| *b.borrow() != Some(key)) {
                return;
            }
        }
    }
    let idx = Arc::new(builder.finish());
    crate::perf::mark("search:indexed");
    CACHE.with(|c| *c.borrow_mut() = Some((key, idx)));
    BUILDING.with(|b| *b.borrow_mut() = None);
    // A trigger whose box is gone has no subscribers: notifying it does nothing.
    for t in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
        t.notify();
    }
}

/// "buurt · Amsterdam · meest voorkomende postcode 1068" under a suggestion.
fn describe(hit: &Hit, lang: Lang) -> String {
    let mut parts = vec![lang.text(&hit.entry.level.name()).to_string()];
    if let Some(g) = &hit.entry.gemeente {
        parts.push(g.clone());
    }
    if let Some(pc) = &hit.via_postcode {
        parts.push(match lang {
            Lang::Nl => format!("meest voorkomende postcode {pc}"),
            Lang::En => format!("most common postcode {pc}"),
        });
    }
    parts.join(" · ")
}

/// A full postcode typed: the offline search knows its 4-digit part only, and says so.
fn postcode_note(query: &str, lang: Lang) -> Option<String> {
    let (d, l) = crate::search::normalize::full_postcode(query)?;
    Some(match lang {
        Lang::Nl => {
            format!("Adres zoeken is niet beschikbaar: gezocht op postcode {d}, zonder {l}.")
        }
        Lang::En => format!("Address search is not available: searched postcode {d}, without {l}."),
    })
}

/// Said when the address service is configured but unreachable.
fn addresses_note(down: bool, lang: Lang) -> Option<&'static str> {
    down.then(|| {
        lang.pick(
            "Adressen zoeken is nu niet beschikbaar; namen en postcodes van gebieden wel.",
            "Address search is unavailable now; names and postcodes of areas still work.",
        )
    })
}

/// The heading of names that only look like what was typed.
fn near_miss_note(query: &str, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("Geen gebied “{}”. Bedoelde u:", query.trim()),
        Lang::En => format!("No area “{}”. Did you mean:", query.trim()),
    }
}

/// The search box. `id` prefixes the element ids, so two boxes can share a page.
#[component]
pub fn SearchBox(
    /// Id of the input; the list and options derive theirs from it.
    #[prop(optional)]
    id: Option<&'static str>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let navigate = use_navigate();
    let id = id.unwrap_or("search");
    let list_id = format!("{id}-list");
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);

    // The names (three files, one index over them) are not needed for the first view of the
    // map: fetch and index them once the map is drawn, or at once when the box is used.
    let wanted = Memo::new(move |_| ctx.ready.get() || open.get());
    Effect::new(move |_| {
        store.attempt.track();
        if wanted.get() && store.manifest.with(|m| m.is_some()) {
            for level in Level::ALL {
                store.ensure_index(level);
            }
        }
    });
    let built = ArcTrigger::new();
    let index = Memo::new(move |_| {
        built.track();
        wanted.get().then(|| search_index(&store, &built)).flatten()
    });
    let hits = Memo::new(move |_| {
        let q = query.get();
        index.with(|i| {
            i.as_ref()
                .map(|i| i.0.search(&q, LIMIT))
                .unwrap_or_default()
        })
    });
    let expanded = move || open.get() && !query.with(|q| q.trim().is_empty());
    let option_id = move |i: usize| format!("{id}-opt-{i}");

    // Addresses from the online service, after the area names (none when it is off).
    let services = use_context::<ServiceState>();
    let geocoding = move || services.is_some_and(|s| s.geocoder().is_some());
    let geocoder_down =
        move || services.is_some_and(|s| s.geocoder_configured() && s.geocoder_down.get());
    let addresses = use_address_suggestions(query, Memo::new(move |_| open.get()));
    let places = Memo::new(move |_| {
        let q = query.with(|q| q.trim().to_string());
        if addresses.query.with(|a| *a == q) {
            addresses.places.get()
        } else {
            Vec::new()
        }
    });
    let (choose_place, unplaced) = use_place_chooser();
    let total = move || hits.with(|h| h.len()) + places.with(|p| p.len());

    let choose = move |i: usize| {
        let areas = hits.with_untracked(|h| h.len());
        if i >= areas {
            let Some(place) = places.with_untracked(|p| p.get(i - areas).cloned()) else {
                return;
            };
            open.set(false);
            active.set(None);
            query.set(String::new());
            choose_place(place);
            return;
        }
        let Some(hit) = hits.with_untracked(|h| h.get(i).cloned()) else {
            return;
        };
        let Ok(code) = buurtkaart_model::AreaCode::parse(&hit.entry.code) else {
            return;
        };
        let mut v = ctx.view.get_untracked();
        v.selected = Some(code);
        open.set(false);
        active.set(None);
        query.set(String::new());
        navigate(&v.to_url(), NavigateOptions::default());
    };

    let on_keydown = {
        let choose = choose.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let n = untrack(total);
            match ev.key().as_str() {
                "ArrowDown" => {
                    ev.prevent_default();
                    open.set(true);
                    if n > 0 {
                        active.update(|a| *a = Some(a.map(|i| (i + 1) % n).unwrap_or(0)));
                    }
                }
                "ArrowUp" => {
                    ev.prevent_default();
                    open.set(true);
                    if n > 0 {
                        active.update(|a| *a = Some(a.map(|i| (i + n - 1) % n).unwrap_or(n - 1)));
                    }
                }
                "Enter" if n > 0 && open.get_untracked() => {
                    ev.prevent_default();
                    choose(active.get_untracked().unwrap_or(0));
                }
                "Escape" => {
                    if open.get_untracked() {
                        open.set(false);
                        active.set(None);
                    } else {
                        query.set(String::new());
                    }
                }
                _ => {}
            }
        }
    };

    let status = move || {
        let lang = ctx.lang();
        if !expanded() {
            return String::new();
        }
        if index.with(|i| i.is_none()) {
            return lang.pick("Namen laden…", "Loading names…").to_string();
        }
        let guessed = hits.with(|h| h.first().is_some_and(|h| h.tier == 8));
        let found = match (total(), lang) {
            _ if guessed => near_miss_note(&query.get(), lang),
            (0, Lang::Nl) => format!("Geen gebied gevonden voor “{}”.", query.get().trim()),
            (0, Lang::En) => format!("No area found for “{}”.", query.get().trim()),
            (1, Lang::Nl) => "1 suggestie; kies met pijltjes en Enter.".to_string(),
            (1, Lang::En) => "1 suggestion; choose with arrows and Enter.".to_string(),
            (k, Lang::Nl) => format!("{k} suggesties; kies met pijltjes en Enter."),
            (k, Lang::En) => format!("{k} suggestions; choose with arrows and Enter."),
        };
        let found = match postcode_note(&query.get(), lang).filter(|_| !geocoding()) {
            Some(pc6) => format!("{pc6} {found}"),
            None => found,
        };
        match addresses_note(geocoder_down(), lang) {
            Some(off) => format!("{found} {off}"),
            None => found,
        }
    };
    // What the list cannot say by itself: a postcode searched without its letters, or names
    // that only look like what was typed.
    let note = move || {
        let (q, lang) = (query.get(), ctx.lang());
        postcode_note(&q, lang)
            .filter(|_| !geocoding())
            .or_else(|| {
                hits.with(|h| h.first().is_some_and(|h| h.tier == 8))
                    .then(|| near_miss_note(&q, lang))
            })
    };

    let place_options = {
        let choose = choose.clone();
        move || {
            let lang = ctx.lang();
            let areas = hits.with(|h| h.len());
            let list = places.get();
            if list.is_empty() {
                return None;
            }
            let heading = lang.pick("Adressen (PDOK)", "Addresses (PDOK)");
            let items = list
            .into_iter()
            .enumerate()
            .map(|(j, place): (usize, Place)| {
                let i = areas + j;
                let selected = move || active.get() == Some(i);
                let choose = choose.clone();
                let (nl, en) = place.kind.name();
                view! {
                    <li id=option_id(i) role="option" class="search-option search-place" class:active=selected
                        aria-selected=move || selected().to_string()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| choose(i)>
                        <span class="search-name">{place.label.clone()}</span>
                        <span class="search-meta">{lang.pick(nl, en)}</span>
                    </li>
                }
            })
            .collect_view();
            Some(view! {
                <li role="presentation" class="search-group">{heading}</li>
                {items}
            })
        }
    };

    let options = move || {
        let lang = ctx.lang();
        hits.get()
            .into_iter()
            .enumerate()
            .map(|(i, hit)| {
                let selected = move || active.get() == Some(i);
                let choose = choose.clone();
                let meta = describe(&hit, lang);
                view! {
                    <li id=option_id(i) role="option" class="search-option" class:active=selected
                        aria-selected=move || selected().to_string()
                        data-code=hit.entry.code.clone() data-level=hit.entry.level.id()
                        on:mousedown=|ev| ev.prevent_default()
                        on:click=move |_| choose(i)>
                        <span class="search-name">{hit.entry.name.clone()}</span>
                        <span class="search-meta">{meta}</span>
                    </li>
                }
            })
            .collect_view()
    };

    let list_id_attr = list_id.clone();
    view! {
        <div class="search" role="search">
            <label class="search-label" for=id>
                {move || ctx.lang().pick("Zoek buurt, wijk, gemeente of postcode", "Search neighbourhood, district, municipality or postcode")}
            </label>
            <input id=id class="search-input" type="search" autocomplete="off" spellcheck="false"
                role="combobox" aria-autocomplete="list" aria-controls=list_id_attr
                aria-expanded=move || expanded().to_string()
                aria-activedescendant=move || active.get().filter(|_| expanded()).map(option_id)
                placeholder=move || ctx.lang().pick("bijv. Osdorp of 1068", "e.g. Osdorp or 1068")
                prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    open.set(true);
                    active.set(None);
                }
                on:focus=move |_| open.set(true)
                on:blur=move |_| open.set(false)
                on:keydown=on_keydown />
            <p class="search-note" aria-hidden="true" hidden=move || !expanded() || note().is_none() || hits.with(|h| h.is_empty())>{note}</p>
            <ul id=list_id role="listbox" class="search-list" hidden=move || !expanded() || total() == 0
                aria-label=move || ctx.lang().pick("Suggesties", "Suggestions")>
                {options}
                {place_options}
            </ul>
            <p class="search-status sr-only" role="status" aria-live="polite">{status}</p>
            <p class="search-empty" aria-hidden="true" hidden=move || !expanded() || total() != 0 || addresses.asking.get()>{status}</p>
            <p class="search-note search-offline" aria-hidden="true" hidden=move || !expanded() || !geocoder_down()>
                {move || addresses_note(true, ctx.lang())}
            </p>
            <p class="search-note search-unplaced" role="status" hidden=move || unplaced.with(|u| u.is_none())>
                {move || unplaced.get().map(|label| match ctx.lang() {
                    Lang::Nl => format!("“{label}” ligt niet in een buurt op deze kaart."),
                    Lang::En => format!("“{label}” is not in a neighbourhood on this map."),
                })}
            </p>
        </div>
    }
}
