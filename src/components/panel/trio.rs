//! Three values side by side: the area, its gemeente (for a buurt) and the Netherlands.
use super::area::Area;
use crate::data::DataStore;
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::{Indicator, Level};
use leptos::prelude::*;

/// The area's, its gemeente's (buurten only) and the national value of `ind`:
/// `(label, CSS class, value)`.
pub fn trio_values(
    store: &DataStore,
    area: &Area,
    ind: &Indicator,
    lang: Lang,
) -> Vec<(String, &'static str, Option<f64>)> {
    let mut out = vec![(area.name.clone(), "trio-area", area.value(store, &ind.id))];
    if area.level() == Level::Buurt {
        if let Some(g) = area.gemeente(store) {
            out.push((g.name.clone(), "trio-gemeente", g.value(store, &ind.id)));
        }
    }
    out.push((
        lang.pick("Nederland", "Netherlands").to_string(),
        "trio-nl",
        ind.national.as_ref().map(|r| r.value),
    ));
    out
}

/// The values as a `<dl class="trio">`; `small_unit` puts the unit small under the number
/// ("49,2 / per 1.000"), otherwise the value is written with its unit ("72,3%").
#[component]
pub fn Trio(
    /// The indicator (unit, decimals).
    ind: Indicator,
    /// `(label, CSS class, value)`, from [`trio_values`].
    values: Vec<(String, &'static str, Option<f64>)>,
    /// Unit shown small under the number, if any.
    #[prop(optional)]
    small_unit: Option<&'static str>,
    /// Language.
    lang: Lang,
) -> impl IntoView {
    let items = values
        .into_iter()
        .map(|(label, cls, v)| {
            let text = match (v, small_unit) {
                (Some(v), Some(unit)) => view! {
                    {format::number(v, ind.decimals, lang)}
                    <span class="trio-unit">{unit}</span>
                }
                .into_any(),
                _ => format::value(&ind, v, lang).into_any(),
            };
            view! { <div><dt>{format::breakable_name(&label)}</dt><dd class=cls class:nodata=v.is_none()>{text}</dd></div> }
        })
        .collect_view();
    view! { <dl class="trio">{items}</dl> }
}
