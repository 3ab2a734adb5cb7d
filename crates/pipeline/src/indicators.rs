//! The catalogue of indicators: labels, units, sources and how to classify them.

use buurtkaart_model::{ScaleKind, Text, Unit};

/// Source line of the Leefbaarometer 2024 figures.
pub const SRC_LBM: &str = "Leefbaarometer 3.0 – Ministerie van BZK";
/// Source line of the CBS Kerncijfers.
pub const SRC_CBS: &str = "CBS Kerncijfers wijken en buurten 2024 (85984NED)";
/// Source line of the crime figures.
pub const SRC_CRIME: &str = "Politie via CBS (47022NED)";
/// Source line of the health figures.
pub const SRC_HEALTH: &str = "RIVM Gezondheidsmonitor (50150NED)";
/// Source line of the 2022 gemeente figures.
pub const SRC_CBS_2022: &str = "CBS Kerncijfers wijken en buurten 2022 (via PDOK)";

/// How an indicator's class breaks are chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BreakRule {
    /// The official 9 Leefbaarometer classes (no breaks).
    LbmClasses,
    /// Breaks symmetric around 0, the same at every level.
    FixedSymmetric,
    /// Quantiles per level (6 breaks → 7 classes).
    Quantiles,
}

/// How the national reference value is computed (from the gemeente rows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RefRule {
    /// No national reference.
    None,
    /// Zero by definition (Leefbaarometer deviations).
    Zero,
    /// The real national mean absolute Leefbaarometer score of the history's last year (all
    /// wijken of the history file with a score that year), not the fixed reference `lbm − afw`.
    HistoryNational,
    /// Sum over gemeenten.
    Sum,
    /// Mean of the gemeenten weighted by inhabitants.
    PopulationWeighted,
    /// Mean of the gemeenten weighted by households.
    HouseholdWeighted,
    /// Weighted median of the gemeenten, weighted by inhabitants.
    PopulationMedian,
    /// Σ inhabitants / Σ land area.
    Density,
    /// Σ count / Σ inhabitants × 100 (count column given by the indicator id).
    ShareOfPopulation,
    /// Σ crimes / Σ inhabitants × 1000.
    CrimeRate,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone)]
pub struct IndicatorDef {
    /// Stable id (column name).
    pub id: &'static str,
    /// `"lbm"` or `"cbs"`.
    pub group: &'static str,
    /// Label (nl, en).
    pub label: (&'static str, &'static str),
    /// Description (nl, en).
    pub description: (&'static str, &'static str),
    /// Unit.
    pub unit: Unit,
    /// Source line.
    pub source: &'static str,
    /// Whether higher is better.
    pub higher_is_better: Option<bool>,
    /// Scale kind.
    pub scale: ScaleKind,
    /// Fixed-point decimals.
    pub decimals: u8,
    /// Break rule.
    pub breaks: BreakRule,
    /// National reference rule.
    pub reference: RefRule,
}

impl IndicatorDef {
    /// Label as [`Text`].
    pub fn label(&self) -> Text {
        Text::new(self.label.0, self.label.1)
    }
    /// Description as [`Text`].
    pub fn description(&self) -> Text {
        Text::new(self.description.0, self.description.1)
    }
}

const fn lbm_dev(
    id: &'static str,
    label: (&'static str, &'static str),
    description: (&'static str, &'static str),
) -> IndicatorDef {
    IndicatorDef {
        id,
        group: "lbm",
        label,
        description,
        unit: Unit::Deviation,
        source: SRC_LBM,
        higher_is_better: Some(true),
        scale: ScaleKind::Diverging,
        decimals: 4,
        breaks: BreakRule::FixedSymmetric,
        reference: RefRule::Zero,
    }
}

#[allow(clippy::too_many_arguments)]
const fn cbs(
    id: &'static str,
    label: (&'static str, &'static str),
    description: (&'static str, &'static str),
    unit: Unit,
    source: &'static str,
    higher_is_better: Option<bool>,
    decimals: u8,
    reference: RefRule,
) -> IndicatorDef {
    IndicatorDef {
        id,
        group: "cbs",
        label,
        description,
        unit,
        source,
        higher_is_better,
        scale: ScaleKind::Sequential,
        decimals,
        breaks: BreakRule::Quantiles,
        reference,
    }
}

/// Every indicator, in display order.
pub const CATALOGUE: &[IndicatorDef] = &[
    IndicatorDef {
        id: "lbm_klasse",
        group: "lbm",
        label: ("Leefbaarheid (klasse)", "Liveability (class)"),
        description: (
            "Leefbaarometer-klasse 1 (zeer onvoldoende) tot 9 (uitstekend), meting 2024.",
            "Leefbaarometer class 1 (very poor) to 9 (excellent), 2024 measurement.",
        ),
        unit: Unit::LbmClass,
        source: SRC_LBM,
        higher_is_better: Some(true),
        scale: ScaleKind::LbmClasses,
        decimals: 0,
        breaks: BreakRule::LbmClasses,
        reference: RefRule::None,
    },
    lbm_dev(
        "lbm_afw",
        ("Leefbaarheid (afwijking)", "Liveability (deviation)"),
        (
            "Totaalscore van de Leefbaarometer als afwijking van het landelijk gemiddelde (0). Wijken: meting 2022.",
            "Leefbaarometer total score as deviation from the national mean (0). Districts: 2022 measurement.",
        ),
    ),
    lbm_dev(
        "lbm_won",
        ("Woningvoorraad", "Housing stock"),
        (
            "Leefbaarometer-dimensie woningvoorraad, afwijking van het landelijk gemiddelde.",
            "Leefbaarometer dimension housing stock, deviation from the national mean.",
        ),
    ),
    lbm_dev(
        "lbm_fys",
        ("Fysieke omgeving", "Physical environment"),
        (
            "Leefbaarometer-dimensie fysieke omgeving, afwijking van het landelijk gemiddelde.",
            "Leefbaarometer dimension physical environment, deviation from the national mean.",
        ),
    ),
    lbm_dev(
        "lbm_vrz",
        ("Voorzieningen", "Amenities"),
        (
            "Leefbaarometer-dimensie voorzieningen, afwijking van het landelijk gemiddelde.",
            "Leefbaarometer dimension amenities, deviation from the national mean.",
        ),
    ),
    lbm_dev(
        "lbm_soc",
        ("Sociale samenhang", "Social cohesion"),
        (
            "Leefbaarometer-dimensie sociale samenhang, afwijking van het landelijk gemiddelde.",
            "Leefbaarometer dimension social cohesion, deviation from the national mean.",
        ),
    ),
    lbm_dev(
        "lbm_onv",
        ("Overlast en onveiligheid", "Nuisance and insecurity"),
        (
            "Leefbaarometer-dimensie overlast en onveiligheid, afwijking van het landelijk gemiddelde (hoger = minder overlast).",
            "Leefbaarometer dimension nuisance and insecurity, deviation from the national mean (higher = less nuisance).",
        ),
    ),
    IndicatorDef {
        id: "lbm_score",
        group: "lbm",
        label: ("Leefbaarheid (score)", "Liveability (score)"),
        description: (
            "Absolute totaalscore van de Leefbaarometer 3.0, meting 2022 (alleen wijken).",
            "Absolute Leefbaarometer 3.0 total score, 2022 measurement (districts only).",
        ),
        unit: Unit::Score,
        source: SRC_LBM,
        higher_is_better: Some(true),
        scale: ScaleKind::Sequential,
        decimals: 4,
        breaks: BreakRule::Quantiles,
        reference: RefRule::HistoryNational,
    },
    cbs(
        "inwoners",
        ("Inwoners", "Inhabitants"),
        ("Aantal inwoners op 1 januari.", "Number of inhabitants on 1 January."),
        Unit::Persons,
        SRC_CBS,
        None,
        0,
        RefRule::Sum,
    ),
    cbs(
        "dichtheid",
        ("Bevolkingsdichtheid", "Population density"),
        ("Inwoners per km² land.", "Inhabitants per km² of land."),
        Unit::PerKm2,
        SRC_CBS,
        None,
        0,
        RefRule::Density,
    ),
    cbs(
        "huishoudens",
        ("Huishoudens", "Households"),
        ("Aantal particuliere huishoudens.", "Number of private households."),
        Unit::Households,
        SRC_CBS,
        None,
        0,
        RefRule::Sum,
    ),
    cbs(
        "huishoudensgrootte",
        ("Huishoudensgrootte", "Household size"),
        ("Gemiddeld aantal personen per huishouden.", "Average number of persons per household."),
        Unit::PersonsPerHousehold,
        SRC_CBS,
        None,
        1,
        RefRule::HouseholdWeighted,
    ),
    cbs(
        "woz",
        ("WOZ-waarde", "Property value (WOZ)"),
        ("Gemiddelde WOZ-waarde van woningen, × € 1.000.", "Average assessed (WOZ) value of dwellings, × €1,000."),
        Unit::Euro1000,
        SRC_CBS,
        None,
        0,
        RefRule::HouseholdWeighted,
    ),
    cbs(
        "koopwoningen",
        ("Koopwoningen", "Owner-occupied homes"),
        ("Aandeel koopwoningen in de woningvoorraad.", "Share of owner-occupied dwellings in the housing stock."),
        Unit::Percent,
        SRC_CBS,
        None,
        0,
        RefRule::HouseholdWeighted,
    ),
    cbs(
        "eengezinswoning",
        ("Eengezinswoningen", "Single-family homes"),
        ("Aandeel eengezinswoningen in de woningvoorraad.", "Share of single-family dwellings in the housing stock."),
        Unit::Percent,
        SRC_CBS,
        None,
        0,
        RefRule::HouseholdWeighted,
    ),
    cbs(
        "inkomen",
        ("Inkomen per inwoner", "Income per inhabitant"),
        (
            "Gemiddeld inkomen per inwoner, × € 1.000 (CBS publiceert dit voor veel buurten niet).",
            "Average income per inhabitant, × €1,000 (CBS does not publish it for many neighbourhoods).",
        ),
        Unit::Euro1000,
        SRC_CBS,
        Some(true),
        1,
        RefRule::PopulationWeighted,
    ),
    cbs(
        "pct_65plus",
        ("65 jaar en ouder", "Aged 65 and over"),
        (
            "Aandeel inwoners van 65 jaar en ouder; berekend als aantal / inwoners × 100 (de bron geeft aantallen).",
            "Share of inhabitants aged 65 and over; computed as count / inhabitants × 100 (the source gives counts).",
        ),
        Unit::Percent,
        SRC_CBS,
        None,
        1,
        RefRule::ShareOfPopulation,
    ),
    cbs(
        "pct_0_15",
        ("0 tot 15 jaar", "Aged 0 to 15"),
        (
            "Aandeel inwoners van 0 tot 15 jaar; berekend als aantal / inwoners × 100 (de bron geeft aantallen).",
            "Share of inhabitants aged 0 to 15; computed as count / inhabitants × 100 (the source gives counts).",
        ),
        Unit::Percent,
        SRC_CBS,
        None,
        1,
        RefRule::ShareOfPopulation,
    ),
    cbs(
        "stedelijkheid",
        ("Stedelijkheid", "Urbanity"),
        (
            "Stedelijkheidsklasse naar omgevingsadressendichtheid: 1 = zeer sterk, 5 = niet stedelijk.",
            "Urbanity class by address density: 1 = very strongly urban, 5 = not urban.",
        ),
        Unit::Urbanity,
        SRC_CBS,
        None,
        0,
        RefRule::PopulationMedian,
    ),
    cbs(
        "afstand_huisarts",
        ("Afstand tot huisarts", "Distance to GP"),
        ("Gemiddelde afstand over de weg tot de dichtstbijzijnde huisartsenpraktijk.", "Average road distance to the nearest GP practice."),
        Unit::Km,
        SRC_CBS,
        Some(false),
        1,
        RefRule::PopulationWeighted,
    ),
    cbs(
        "afstand_supermarkt",
        ("Afstand tot supermarkt", "Distance to supermarket"),
        ("Gemiddelde afstand over de weg tot de dichtstbijzijnde grote supermarkt.", "Average road distance to the nearest large supermarket."),
        Unit::Km,
        SRC_CBS,
        Some(false),
        1,
        RefRule::PopulationWeighted,
    ),
    cbs(
        "afstand_school",
        ("Afstand tot school", "Distance to school"),
        ("Gemiddelde afstand over de weg tot de dichtstbijzijnde basisschool.", "Average road distance to the nearest primary school."),
        Unit::Km,
        SRC_CBS,
        Some(false),
        1,
        RefRule::PopulationWeighted,
    ),
    cbs(
        "criminaliteit",
        ("Geregistreerde misdrijven", "Registered crime"),
        (
            "Door de politie geregistreerde misdrijven per 1.000 inwoners, laatste 12 maanden. Buurten met weinig inwoners geven hoge waarden.",
            "Crimes registered by the police per 1,000 inhabitants, last 12 months. Neighbourhoods with few inhabitants give high values.",
        ),
        Unit::Per1000,
        SRC_CRIME,
        Some(false),
        1,
        RefRule::CrimeRate,
    ),
    cbs(
        "gezondheid",
        ("Ervaren gezondheid", "Self-rated health"),
        (
            "Aandeel volwassenen dat de eigen gezondheid als goed of zeer goed ervaart (modelschatting).",
            "Share of adults rating their own health as good or very good (model estimate).",
        ),
        Unit::Percent,
        SRC_HEALTH,
        Some(true),
        1,
        RefRule::PopulationWeighted,
    ),
    cbs(
        "huurcorporatie",
        ("Corporatiewoningen", "Social housing"),
        (
            "Aandeel huurwoningen in bezit van woningcorporaties, 2022 (alleen gemeenten met dezelfde code en naam in 2024).",
            "Share of rented dwellings owned by housing corporations, 2022 (only municipalities with the same code and name in 2024).",
        ),
        Unit::Percent,
        SRC_CBS_2022,
        None,
        0,
        RefRule::HouseholdWeighted,
    ),
];

/// The catalogue entry for `id`.
pub fn def(id: &str) -> Option<&'static IndicatorDef> {
    CATALOGUE.iter().find(|d| d.id == id)
}
