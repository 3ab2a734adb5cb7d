//! The share images' maps: a gemeente's buurten (the detail shapes the map loads when zoomed in
//! there) coloured by the standard indicator's classes and palette, its neighbours muted around
//! it, its border on top; or the whole country from the national overview. Classes, colours and
//! legend come from `buurtkaart_core::scale`, as on the map.
use super::card::{map_viewport, Card, Row};
use super::error::PreviewError;
use super::site::Site;
use buurtkaart_core::carto::AreaShapes;
use buurtkaart_core::embed::text::map_title;
use buurtkaart_core::export::svg::{path_data, SvgLayer};
use buurtkaart_core::lang::Lang;
use buurtkaart_core::scale::legend::legend;
use buurtkaart_core::scale::palette::{context, no_data};
use buurtkaart_core::scale::{Classes, Palette};
use buurtkaart_model::{Indicator, Level};

/// Borders between areas.
const BORDER: &str = "#ffffff";
/// The shown gemeente's border.
const OUTLINE: &str = "#1e1e1e";

/// The two lines every image carries.
pub const SOURCES: [&str; 2] = [
    "Bron: CBS, Leefbaarometer 3.0 – BZK",
    "Grenzen: Kadaster / CBS 2024",
];

/// Everything the images share: the indicator, its classes and the gemeenten's shapes.
pub struct Painter<'a> {
    site: &'a Site,
    indicator: Indicator,
    classes: Classes,
    /// The gemeenten's national overview (to find the neighbours in view).
    gemeenten: AreaShapes,
    /// Each gemeente's detailed shape, in the order of `gemeenten`.
    gemeente_detail: Vec<Option<AreaShapes>>,
}

impl<'a> Painter<'a> {
    /// Reads what every image needs; `indicator` is the map's standard one (`lbm_klasse`).
    pub fn new(site: &'a Site, indicator: &str) -> Result<Self, PreviewError> {
        let ind = site
            .manifest
            .indicator_at(indicator, Level::Buurt)
            .cloned()
            .ok_or_else(|| PreviewError::Data {
                file: "manifest.json".into(),
                message: format!("no indicator {indicator} for buurten"),
            })?;
        let classes = Classes::new(&ind, Level::Buurt).ok_or_else(|| PreviewError::Data {
            file: "manifest.json".into(),
            message: format!("{indicator} has no classes for buurten"),
        })?;
        let gemeenten = site.overview(Level::Gemeente)?;
        let gemeente_detail = gemeenten
            .shapes
            .iter()
            .map(|s| site.detail(Level::Gemeente, &s.code).ok())
            .collect();
        Ok(Painter {
            site,
            indicator: ind,
            classes,
            gemeenten,
            gemeente_detail,
        })
    }

    /// The indicator the images are coloured by.
    pub fn indicator(&self) -> &Indicator {
        &self.indicator
    }

    /// The year of its figures for buurten.
    pub fn year(&self) -> Option<u16> {
        self.indicator.at(Level::Buurt).map(|l| l.year)
    }

    /// How many buurten within `prefix` (a gemeente's digits, or all for `None`) have no
    /// class: most have no shape either (the map shows them as the grey under the buurten).
    fn without_class(&self, prefix: Option<&str>) -> usize {
        let data = self.site.level(Level::Buurt);
        data.index
            .codes
            .iter()
            .enumerate()
            .filter(|(_, c)| buurtkaart_core::carto::shapes::within(c, prefix))
            .filter(|(row, _)| {
                self.classes
                    .class_of(data.lbm.get(&self.indicator.id, *row))
                    .is_none()
            })
            .count()
    }

    /// One path per class (the last: no score) of `items` of `shapes`, and the legend rows
    /// with their counts (`no_class` for the last).
    fn classes_of(
        &self,
        shapes: &AreaShapes,
        items: &[usize],
        v: &buurtkaart_core::carto::Viewport,
        border: Option<(String, f64)>,
        no_class: usize,
    ) -> (Vec<SvgLayer>, Vec<Row>) {
        let data = self.site.level(Level::Buurt);
        let rows = legend(
            &self.site.manifest,
            &self.indicator,
            Level::Buurt,
            Lang::Nl,
            Palette::Standard,
            false,
        );
        let n = self.classes.count();
        let mut d = vec![String::new(); n + 1];
        let mut counts = vec![0usize; n + 1];
        counts[n] = no_class;
        for &i in items {
            let code = &shapes.shapes[i].code;
            let k = self
                .classes
                .class_of(data.value(code, &self.indicator.id))
                .map_or(n, |k| k.min(n));
            if k < n {
                counts[k] += 1;
            }
            path_data(&shapes.geometry(i), v, &mut d[k]);
        }
        let mut layers = Vec::new();
        let mut legend_rows = Vec::new();
        for item in rows {
            let k = item.class.unwrap_or(n).min(n);
            layers.push(SvgLayer {
                d: std::mem::take(&mut d[k]),
                fill: Some(item.colour.css()),
                stroke: border.clone(),
            });
            legend_rows.push(Row {
                colour: item.colour.css(),
                // The app's long "no score" label does not fit the column.
                label: if item.class.is_some() {
                    item.label
                } else {
                    "geen score".to_string()
                },
                count: counts[k],
            });
        }
        (layers, legend_rows)
    }

    fn card(&self, title: &str, layers: Vec<SvgLayer>, legend: Vec<Row>) -> Card {
        let label = Lang::Nl.text(&self.indicator.label).to_string();
        Card {
            title: title.to_string(),
            subtitle: map_title(Lang::Nl, &label, Level::Buurt, None, self.year()),
            legend_heading: "Leefbaarometer-klasse".to_string(),
            legend,
            sources: SOURCES.iter().map(|s| s.to_string()).collect(),
            layers,
        }
    }

    /// The card of gemeente `code` named `name`: its buurten coloured, its neighbours muted.
    pub fn gemeente(&self, code: &str, name: &str) -> Result<Card, PreviewError> {
        let buurten = self.site.detail(Level::Buurt, code)?;
        let own = self
            .gemeenten
            .index_of(code)
            .and_then(|i| self.gemeente_detail[i].as_ref());
        let bounds = own
            .map(|g| g.bounds)
            .filter(|b| b[0].is_finite())
            .or_else(|| buurten.union_bounds(0..buurten.len()))
            .ok_or_else(|| PreviewError::Image {
                name: code.to_string(),
                message: "no shapes".into(),
            })?;
        let v = map_viewport(bounds);
        let world = v.world_bounds();
        let mut layers = Vec::new();
        let mut context_d = String::new();
        for i in self.gemeenten.in_bounds(world) {
            if self.gemeenten.shapes[i].code == code {
                continue;
            }
            match &self.gemeente_detail[i] {
                Some(g) => (0..g.len()).for_each(|j| path_data(&g.geometry(j), &v, &mut context_d)),
                None => path_data(&self.gemeenten.geometry(i), &v, &mut context_d),
            }
        }
        // The neighbours in the muted context colours of an embed's surroundings.
        let (fill, line) = context(false);
        layers.push(SvgLayer {
            d: context_d,
            fill: Some(fill.css()),
            stroke: Some((
                format!(
                    "#{:02x}{:02x}{:02x}{:02x}",
                    line[0], line[1], line[2], line[3]
                ),
                1.0,
            )),
        });
        // Under the buurten, the gemeente in the "no score" grey, as on the map: buurten without
        // a score have no shape of their own.
        let own_d = own.map(|g| {
            let mut d = String::new();
            (0..g.len()).for_each(|j| path_data(&g.geometry(j), &v, &mut d));
            d
        });
        if let Some(d) = &own_d {
            layers.push(SvgLayer {
                d: d.clone(),
                fill: Some(no_data(false).css()),
                stroke: None,
            });
        }
        let items: Vec<usize> = (0..buurten.len()).collect();
        // Borders where buurten are big enough on screen to see them (as the export does).
        let avg_px =
            ((bounds[2] - bounds[0]) * (bounds[3] - bounds[1]) / items.len().max(1) as f64).sqrt()
                * v.scale;
        let border = (avg_px > 14.0).then(|| (BORDER.to_string(), 0.7));
        let no_class = self.without_class(code.get(2..));
        let (classes, legend) = self.classes_of(&buurten, &items, &v, border, no_class);
        layers.extend(classes);
        if let Some(d) = own_d {
            layers.push(SvgLayer {
                d,
                fill: None,
                stroke: Some((OUTLINE.into(), 1.6)),
            });
        }
        Ok(self.card(name, layers, legend))
    }

    /// The national card: every buurt of the overview, gemeente borders faint on top.
    pub fn national(&self) -> Result<Card, PreviewError> {
        let buurten = self.site.overview(Level::Buurt)?;
        let v = map_viewport(buurten.bounds);
        let items: Vec<usize> = (0..buurten.len()).collect();
        let mut d = String::new();
        (0..self.gemeenten.len()).for_each(|i| path_data(&self.gemeenten.geometry(i), &v, &mut d));
        let mut layers = vec![SvgLayer {
            d: d.clone(),
            fill: Some(no_data(false).css()),
            stroke: None,
        }];
        let no_class = self.without_class(None);
        let (classes, legend) = self.classes_of(&buurten, &items, &v, None, no_class);
        layers.extend(classes);
        layers.push(SvgLayer {
            d,
            fill: None,
            stroke: Some(("#ffffffb0".into(), 0.5)),
        });
        Ok(self.card("Nederland", layers, legend))
    }
}
