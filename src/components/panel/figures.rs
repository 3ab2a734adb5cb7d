//! CBS key figures: the area, its gemeente and the Netherlands side by side.
use super::area::{compact, label_with_unit, year_of, Area};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::Level;
use leptos::prelude::*;

/// The key figures shown, in order.
pub const KEY_FIGURES: [&str; 11] = [
    "inwoners",
    "dichtheid",
    "woz",
    "koopwoningen",
    "inkomen",
    "pct_65plus",
    "pct_0_15",
    "huishoudensgrootte",
    "afstand_huisarts",
    "afstand_supermarkt",
    "afstand_school",
];

/// The key-figures section: one table row per figure.
#[component]
pub fn FiguresSection(
    /// The area shown.
    area: Area,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    let lang = ctx.lang();
    let level = area.level();
    let gem = (level != Level::Gemeente)
        .then(|| area.gemeente(&store))
        .flatten();
    let mut ids: Vec<&str> = KEY_FIGURES.to_vec();
    if level == Level::Gemeente {
        ids.push("huurcorporatie");
    }
    let year = year_of(&store, "inwoners", level).unwrap_or(2024);
    let rows = ids
        .into_iter()
        .filter_map(|id| store.indicator(id).map(|ind| (id, ind)))
        .map(|(id, ind)| {
            let own_year = ind.at(level).map(|l| l.year);
            let label = match own_year {
                Some(y) if y != year => format!("{} ({y})", label_with_unit(&ind, lang)),
                _ => label_with_unit(&ind, lang),
            };
            let v = area.value(&store, id);
            let g = gem.as_ref().map(|g| g.value(&store, id));
            let nl = ind.national.as_ref().map(|r| r.value);
            let cell = |v: Option<f64>, cls: &'static str| {
                let missing = v.is_none();
                view! { <td class=cls class:nodata=missing>{compact(&ind, v, lang)}</td> }
            };
            view! {
                <tr data-id=id>
                    <th scope="row">{label}</th>
                    {cell(v, "fig-area")}
                    {g.map(|g| cell(g, "fig-gemeente"))}
                    {cell(nl, "fig-nl")}
                </tr>
            }
        })
        .collect_view();
    let source = store
        .indicator("inwoners")
        .map(|i| i.source)
        .unwrap_or_default();
    let heading = match lang {
        Lang::Nl => format!("Kerncijfers ({year})"),
        Lang::En => format!("Key figures ({year})"),
    };
    let caption = match lang {
        Lang::Nl => format!(
            "Kerncijfers van {} naast {}Nederland",
            area.name,
            gem.as_ref()
                .map(|g| format!("gemeente {} en ", g.name))
                .unwrap_or_default()
        ),
        Lang::En => format!(
            "Key figures of {} beside {}the Netherlands",
            area.name,
            gem.as_ref()
                .map(|g| format!("municipality {} and ", g.name))
                .unwrap_or_default()
        ),
    };
    view! {
        <section class="panel-section figures-section" aria-labelledby="figures-title">
            <h3 id="figures-title">{heading}</h3>
            <table class=if gem.is_some() { "figures cols-4" } else { "figures cols-3" }>
                <caption class="sr-only">{caption}</caption>
                <thead>
                    <tr>
                        <td></td>
                        <th scope="col" class="fig-area">{format::breakable_name(&area.name)}</th>
                        {gem.as_ref().map(|g| view! { <th scope="col" class="fig-gemeente">{format::breakable_name(&g.name)}</th> })}
                        <th scope="col" class="fig-nl"><abbr title=lang.pick("Nederland", "the Netherlands")>"NL"</abbr></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {source}
                {lang.pick(". Landelijke waarden: berekend uit de gemeenten. Inkomen publiceert CBS niet voor kleine buurten.",
                           ". National values: computed from the municipalities. CBS does not publish income for small neighbourhoods.")}</p>
        </section>
    }
}
