//! The detail panel of the selected area (first version: name, parents, score, current figure).
use crate::context::MapContext;
use crate::data::DataStore;
use crate::format;
use crate::i18n;
use crate::scale::{legend::class_label, Classes};
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;

/// Details of the selected area, or a prompt to choose one.
#[component]
pub fn DetailPanel(
    /// Called by the close button.
    on_close: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<MapContext>();
    let store = expect_context::<DataStore>();
    Effect::new(move |_| {
        if store.manifest.with(|m| m.is_some()) {
            if let Some(code) = ctx.selected() {
                store.ensure_index(Level::Gemeente);
                store.ensure_index(Level::Wijk);
                store.ensure_index(code.level());
                store.ensure_table(code.level(), "lbm");
                store.ensure_table(code.level(), "cbs");
                store.ensure_table(Level::Gemeente, "lbm");
                store.ensure_table(Level::Gemeente, "cbs");
            }
        }
    });
    let body = move || {
        let lang = ctx.lang();
        let Some(code) = ctx.selected() else {
            return view! { <p class="panel-empty">{i18n::choose_area(lang)}</p> }.into_any();
        };
        let level = code.level();
        let data = store.level(level);
        let row = data.rows.as_ref().and_then(|r| r.get(code.as_str()).copied());
        let name = row
            .and_then(|r| data.index.as_ref().map(|i| i.names[r].clone()))
            .unwrap_or_else(|| code.to_string());
        let mut parents: Vec<String> = Vec::new();
        if level == Level::Buurt {
            if let Some(w) = code.wijk() {
                parents.push(store.name(&w).unwrap_or_else(|| w.to_string()));
            }
        }
        if level != Level::Gemeente {
            parents.push(store.name(&code.gemeente()).unwrap_or_else(|| code.gemeente().to_string()));
        }
        let kind = lang.text(&level.name()).to_string();
        let figure = ctx.indicator_at(&store, level).map(|ind| {
            let v = row.and_then(|r| store.value(level, &ind, r));
            let g = gemeente_value(&store, &code, &ind);
            let classes = Classes::new(&ind, level);
            let class = classes.as_ref().and_then(|c| {
                let k = c.class_of(v)?;
                store.manifest.with(|m| m.as_ref().map(|m| class_label(m, &ind, c, k, lang)))
            });
            let year = ind.at(level).map(|l| l.year).unwrap_or_default();
            (lang.text(&ind.label).to_string(), format::value(&ind, v, lang), class, g.map(|g| format::value(&ind, Some(g), lang)), year, ind.source.clone())
        });
        let has_shape = data.shapes.as_ref().map(|s| s.index_of(code.as_str()).is_some());
        view! {
            <article class="panel-area" aria-labelledby="panel-name">
                <p class="panel-kind">{kind} " · " <span class="panel-code">{code.to_string()}</span></p>
                <h2 id="panel-name" class="panel-name">{name}</h2>
                <p class="panel-parents">{parents.join(" · ")}</p>
                {figure.map(|(label, value, class, gem, year, source)| view! {
                    <dl class="panel-figure">
                        <dt>{label} " (" {year} ")"</dt>
                        <dd class="panel-value">{value} {class.map(|c| view! { <span class="panel-class">" – " {c}</span> })}</dd>
                        {gem.filter(|_| level != Level::Gemeente).map(|g| view! {
                            <dt>{lang.pick("Gemeente", "Municipality")}</dt><dd>{g}</dd>
                        })}
                    </dl>
                    <p class="panel-source">{lang.pick("Bron: ", "Source: ")} {source}</p>
                })}
                {(has_shape == Some(false)).then(|| view! {
                    <p class="panel-note">{lang.pick(
                        "Deze buurt heeft geen Leefbaarometer-score (te weinig inwoners) en daarom geen vlak op de kaart.",
                        "This neighbourhood has no Leefbaarometer score (too few inhabitants) and so no shape on the map.")}</p>
                })}
            </article>
        }.into_any()
    };
    view! {
        <section class="panel" aria-live="polite">
            <Show when=move || ctx.selected().is_some()>
                <button type="button" class="panel-close" aria-label=move || i18n::close(ctx.lang())
                    on:click=move |_| on_close.run(())>"×"</button>
            </Show>
            {body}
        </section>
    }
}

fn gemeente_value(store: &DataStore, code: &AreaCode, ind: &buurtkaart_model::Indicator) -> Option<f64> {
    let g = code.gemeente();
    let data = store.level(Level::Gemeente);
    let row = *data.rows.as_ref()?.get(g.as_str())?;
    data.tables.get(&ind.group)?.get(&ind.id, row)
}
