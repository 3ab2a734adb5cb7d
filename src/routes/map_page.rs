//! The map page: `/`, `/buurt/:code`, `/wijk/:code`, `/gemeente/:code`.
use crate::components::area_table::AreaTable;
use crate::components::background::{background_credit, BackgroundToggle};
use crate::components::controls::{
    IndicatorPicker, LevelSwitch, NamesToggle, ScaleBar, ZoomButtons,
};
use crate::components::legend::Legend;
use crate::components::locate::LocateButton;
use crate::components::map::{FitPolicy, MapController, MapView};
use crate::components::panel::DetailPanel;
use crate::components::search::SearchBox;
use crate::components::share::ShareBar;
use crate::components::sheet::Sheet;
use crate::components::status::{LoadStatus, Notices};
use crate::components::tooltip::Tooltip;
use crate::components::views::{ViewPanel, ViewPicker};
use crate::context::MapContext;
use crate::data::DataStore;
use crate::i18n;
use crate::state::{Notice, ViewState};
use crate::views::ViewMode;
use buurtkaart_model::{AreaCode, Level};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

/// The map with its side panel.
#[component]
pub fn MapPage() -> impl IntoView {
    let store = expect_context::<DataStore>();
    let location = use_location();
    let parsed = Memo::new(move |_| {
        let path = decode(&location.pathname.get());
        let query: Vec<(String, String)> = location.query.with(|q| {
            q.clone()
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        });
        ViewState::from_url(&path, &query)
    });
    let view = Memo::new(move |_| parsed.get().0);
    let url_notices = Memo::new(move |_| parsed.get().1);
    let ctx = MapContext::new(view, url_notices.into(), store);
    provide_context(ctx);
    crate::data::needs::load_view(ctx, store);
    let map = MapController::new(ctx, store, FitPolicy::Page);
    let theme = expect_context::<crate::theme::Theme>();
    Effect::new(move |_| ctx.dark.set(theme.dark()));

    // The tab's title names the selected area once its name is loaded.
    Effect::new(move |_| {
        let lang = ctx.lang();
        let area = ctx
            .selected()
            .and_then(|c| crate::components::panel::Area::find(&store, &c));
        let title = match area {
            Some(a) => {
                let gemeente = (a.level() != Level::Gemeente)
                    .then(|| a.gemeente(&store).map(|g| g.name))
                    .flatten();
                crate::title::for_area(&a.name, gemeente.as_deref())
            }
            None => crate::title::home(lang),
        };
        crate::title::set(&title);
    });

    // Reset the legend highlight when the indicator, level or view changes.
    Effect::new(move |_| {
        view.with(|v| (v.indicator.clone(), v.level, v.mode));
        ctx.highlight.set(None);
    });

    let notices = Signal::derive(move || {
        let mut n = ctx.url_notices.get();
        if let Some(code) = ctx.selected() {
            let data = store.level(code.level());
            if let Some(rows) = data.rows {
                if !rows.contains_key(code.as_str()) {
                    n.push(Notice::BadArea(code.to_string()));
                }
            }
        }
        if let Some(id) = view.with(|v| v.indicator.clone()) {
            let known = store
                .manifest
                .with(|m| m.as_ref().map(|m| m.indicator(&id).is_some()));
            if known == Some(false) {
                n.push(Notice::BadParam {
                    key: "indicator".into(),
                    value: id,
                });
            }
        }
        n
    });

    let navigate = use_navigate();
    let on_select = {
        let navigate = navigate.clone();
        Callback::new(move |(_level, code): (Level, String)| {
            let mut v = view.get_untracked();
            v.selected = AreaCode::parse(&code).ok();
            navigate(&v.to_url(), NavigateOptions::default());
        })
    };
    let on_close = Callback::new(move |_| {
        let mut v = view.get_untracked();
        v.selected = None;
        navigate(&v.to_url(), NavigateOptions::default());
    });

    view! {
        <div class="map-page" class:dark=move || ctx.dark.get()>
            <div class="map-wrap" id="map">
                <MapView map=map on_select=on_select />
                <ZoomButtons map=map />
                <ScaleBar />
                <Tooltip />
                <LoadStatus />
                <Notices notices=notices />
                <p class="map-source">
                    {move || i18n::source_line(ctx.lang())}
                    {move || background_credit(ctx).map(|c| view! { <span class="map-credit">" · "{c}</span> })}
                </p>
            </div>
            <Sheet>
                <h1 class="visually-hidden">{move || ctx.lang().pick("Buurtkaart: leefbaarheid per buurt, wijk en gemeente", "Buurtkaart: liveability per neighbourhood, district and municipality")}</h1>
                <SearchBox />
                <LocateButton />
                <div class="controls">
                    <ViewPicker />
                    <Show when=move || ctx.mode().uses_indicator()>
                        <IndicatorPicker />
                    </Show>
                    <Show when=move || ctx.mode() == ViewMode::Standard>
                        <LevelSwitch />
                    </Show>
                    <NamesToggle />
                    <BackgroundToggle />
                </div>
                <Legend />
                <ViewPanel />
                <ShareBar map=map />
                <DetailPanel on_close=on_close />
                <AreaTable />
            </Sheet>
        </div>
    }
}
