//! A friendly "niet gevonden" for unknown or malformed area codes, with the search box.
use crate::components::search::SearchBox;
use crate::context::MapContext;
use crate::lang::Lang;
use leptos::prelude::*;

/// What could not be found: the code or path as typed (shortened) and the level, if known.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    /// The code or path, shortened.
    pub what: String,
    /// `"buurt"`, `"wijk"`, `"gemeente"` when the path said so.
    pub level: Option<&'static str>,
}

impl Missing {
    /// The explanation for the reader.
    pub fn message(&self, lang: Lang) -> String {
        let what = crate::state::isolate(&self.what);
        match (lang, self.level) {
            (Lang::Nl, Some(l)) => format!(
                "Er is geen {l} met de code “{}” in de indeling van 2024. Misschien is de code veranderd of verkeerd overgenomen. Zoek het gebied op naam of postcode:",
                what
            ),
            (Lang::En, Some(l)) => {
                let l = match l {
                    "buurt" => "neighbourhood",
                    "wijk" => "district",
                    _ => "municipality",
                };
                format!(
                    "There is no {l} with the code “{}” in the 2024 division. The code may have changed or been copied wrongly. Search the area by name or postcode:",
                    what
                )
            }
            (Lang::Nl, None) => format!("De pagina “{}” bestaat niet. Zoek een gebied op naam of postcode:", what),
            (Lang::En, None) => format!("The page “{}” does not exist. Search an area by name or postcode:", what),
        }
    }
}

/// The not-found message with a search box (which keeps its text while the data loads).
#[component]
pub fn NotFound(
    /// What is missing (reactive, so the box survives a change of code).
    missing: Signal<Option<Missing>>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    view! {
        <section class="not-found" role="alert" aria-labelledby="not-found-title">
            <h2 id="not-found-title">{move || ctx.lang().pick("Niet gevonden", "Not found")}</h2>
            <p class="not-found-text">{move || missing.get().map(|m| m.message(ctx.lang())).unwrap_or_default()}</p>
            <SearchBox id="search-notfound" />
        </section>
    }
}
