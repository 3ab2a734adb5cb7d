//! `/over`: what Buurtkaart is, methodology, sources and licences, and the Leefbaarometer's
//! caveats. Dutch, or English with `?lang=en`.
use crate::lang::Lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// One source: what, who, year, licence.
struct Source {
    what: (&'static str, &'static str),
    detail: (&'static str, &'static str),
    licence: (&'static str, &'static str),
}

const SOURCES: [Source; 6] = [
    Source {
        what: ("Leefbaarometer 3.0, meting 2024", "Leefbaarometer 3.0, 2024 measurement"),
        detail: (
            "Klasse, totaalscore en vijf dimensies per buurt en gemeente (afwijking van het landelijk gemiddelde). Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (BZK).",
            "Class, total score and five dimensions per neighbourhood and municipality (deviation from the national mean). Dutch Ministry of the Interior and Kingdom Relations (BZK).",
        ),
        licence: ("Open data van BZK; vermeld “Leefbaarometer 3.0, Ministerie van BZK”.", "Open data from BZK; credit “Leefbaarometer 3.0, Ministerie van BZK”."),
    },
    Source {
        what: ("Leefbaarometer 3.0, wijken 2002–2022 (meting 2022)", "Leefbaarometer 3.0, districts 2002–2022 (2022 measurement)"),
        detail: (
            "Score en afwijking per wijk voor 2002, 2008, 2012, 2014, 2016, 2018, 2020 en 2022; dimensies vanaf 2014. Alle jaren zijn berekend op de wijkindeling van 2022. Wijken waarvan de code in 2024 bij een ander gebied hoort, krijgen geen historie.",
            "Score and deviation per district for 2002, 2008, 2012, 2014, 2016, 2018, 2020 and 2022; dimensions from 2014. All years are computed on the 2022 district division. Districts whose code belongs to another area in 2024 get no history.",
        ),
        licence: ("Open data van BZK.", "Open data from BZK."),
    },
    Source {
        what: ("CBS Kerncijfers wijken en buurten 2024 (tabel 85984NED)", "CBS Key figures districts and neighbourhoods 2024 (table 85984NED)"),
        detail: (
            "Inwoners, dichtheid, WOZ-waarde, koopwoningen, inkomen, leeftijd, huishoudens en afstanden tot voorzieningen. Landelijke waarden zijn door ons berekend uit de gemeenten (methode per cijfer in de gegevens).",
            "Inhabitants, density, property value, owner-occupied homes, income, age, households and distances to amenities. National values were computed by us from the municipalities (method per figure in the data).",
        ),
        licence: ("CC BY 4.0, “Bron: CBS”.", "CC BY 4.0, “Source: CBS”."),
    },
    Source {
        what: ("Geregistreerde criminaliteit – Politie via CBS (tabel 47022NED)", "Registered crime – Police via CBS (table 47022NED)"),
        detail: (
            "Misdrijven per 1.000 inwoners in de laatste 12 maanden, en aantallen per jaar 2021–2025. Geregistreerde misdrijven hangen af van aangifte en opsporing.",
            "Crimes per 1,000 inhabitants in the last 12 months, and counts per year 2021–2025. Registered crime depends on reporting and detection.",
        ),
        licence: ("CC BY 4.0, “Bron: CBS”.", "CC BY 4.0, “Source: CBS”."),
    },
    Source {
        what: ("Ervaren gezondheid – RIVM Gezondheidsmonitor (tabel 50150NED)", "Self-rated health – RIVM Health Monitor (table 50150NED)"),
        detail: (
            "Aandeel volwassenen dat de eigen gezondheid als goed of zeer goed ervaart, 2012–2024; per buurt een modelschatting.",
            "Share of adults rating their own health as good or very good, 2012–2024; a model estimate per neighbourhood.",
        ),
        licence: ("CC BY 4.0, “Bron: RIVM”.", "CC BY 4.0, “Source: RIVM”."),
    },
    Source {
        what: ("Grenzen van buurten, wijken en gemeenten 2024", "Boundaries of neighbourhoods, districts and municipalities 2024"),
        detail: (
            "CBS Wijk- en buurtkaart, vereenvoudigd voor een webkaart; niet geschikt voor precieze ruimtelijke analyse.",
            "CBS district and neighbourhood map, simplified for a web map; not suited to precise spatial analysis.",
        ),
        licence: ("CC BY 4.0, “CBS, Kadaster”.", "CC BY 4.0, “CBS, Kadaster”."),
    },
];

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let location = use_location();
    let lang = Memo::new(move |_| {
        let en = location.query.with(|q| q.get("lang")).as_deref() == Some("en");
        if en {
            Lang::En
        } else {
            Lang::Nl
        }
    });
    Effect::new(move |_| {
        crate::title::set(lang.get().pick("Over Buurtkaart", "About Buurtkaart"));
    });
    move || {
        let lang = lang.get();
        let t = move |nl: &'static str, en: &'static str| -> &'static str { lang.pick(nl, en) };
        let home = match lang {
            Lang::Nl => "/",
            Lang::En => "/?lang=en",
        };
        view! {
            <article class="about" lang=lang.code()>
                <h1>{t("Over Buurtkaart", "About Buurtkaart")}</h1>
                <p>{t(
                    "Buurtkaart laat zien hoe het met de leefbaarheid gaat in elke buurt, wijk en gemeente van Nederland. De leefbaarheid in buurten met veel corporatiewoningen en kwetsbare groepen staat onder druk, en na 2012 zou de stijgende lijn zijn gestokt. De weergave Trend laat met de cijfers zelf zien of en waar dat zo is. Deze kaart maakt zichtbaar waar de leefbaarheid achterblijft, voor bewoners, gemeenten, corporaties, sociaal werkers en journalisten.",
                    "Buurtkaart shows how liveability is doing in every neighbourhood, district and municipality of the Netherlands. Liveability in neighbourhoods with much social housing and many vulnerable people is under pressure, and after 2012 the rising line is said to have stalled. The trend view shows from the figures themselves whether and where that is so. This map shows where liveability lags behind, for residents, municipalities, housing associations, social workers and journalists.")}</p>

                <h2>{t("Wat de kaart toont", "What the map shows")}</h2>
                <p>{t(
                    "De Leefbaarometer 3.0 (Ministerie van BZK) schat de leefbaarheid met een statistisch model uit ruim 100 kenmerken van de woonomgeving: woningen, voorzieningen, bevolkingssamenstelling, overlast, criminaliteit en de fysieke omgeving. Het model is geijkt op hoe bewoners hun buurt waarderen en hoe de woningmarkt erop reageert.",
                    "The Leefbaarometer 3.0 (Dutch Ministry of the Interior, BZK) estimates liveability with a statistical model of more than 100 features of the living environment: housing, amenities, population, nuisance, crime and the physical environment. The model is calibrated on how residents rate their neighbourhood and how the housing market responds to it.")}</p>
                <p>{t(
                    "De uitkomst is een score die wordt uitgedrukt als afwijking van het Nederlandse gemiddelde (0) en is ingedeeld in negen klassen, van 1 ‘zeer onvoldoende’ tot 9 ‘uitstekend’. Daarnaast zijn er vijf dimensies: woningvoorraad, fysieke omgeving, voorzieningen, sociale samenhang, en overlast en onveiligheid. De totaalscore is een gewogen modeluitkomst, niet het gemiddelde van de dimensies.",
                    "The result is a score expressed as a deviation from the Dutch mean (0), grouped into nine classes from 1 ‘very poor’ to 9 ‘excellent’. There are also five dimensions: housing stock, physical environment, amenities, social cohesion, and nuisance and insecurity. The total score is a weighted model result, not the average of the dimensions.")}</p>

                <p>{t(
                    "De plaatsnamen op de kaart zijn de officiële namen van CBS uit dezelfde gegevens, op het punt binnen elk gebied dat het verst van de rand ligt. Ze staan niet op een achtergrondkaart: de kaart werkt zonder internetdiensten.",
                    "The place names on the map are the official CBS names from the same data, written at the point inside each area farthest from its edges. They do not come from a background map: the map works without online services.")}</p>

                <h2>{t("Beperkingen: lees dit voor u conclusies trekt", "Limitations: read this before drawing conclusions")}</h2>
                <ul>
                    <li>{t(
                        "De Leefbaarometer is een statistische voorspelling van hoe leefbaar een omgeving is, geen oordeel over de bewoners en geen meting van hoe individuele bewoners hun buurt ervaren.",
                        "The Leefbaarometer is a statistical prediction of how liveable an environment is, not a verdict on its residents and not a measurement of how individual residents experience their neighbourhood.")}</li>
                    <li>{t(
                        "Buurten met te weinig inwoners of woningen krijgen geen score; zij staan grijs op de kaart. Een ontbrekende waarde tonen we als ‘geen gegevens’, nooit als 0.",
                        "Neighbourhoods with too few inhabitants or dwellings get no score; they are grey on the map. A missing value is shown as ‘no data’, never as 0.")}</li>
                    <li>{t(
                        "Buurt- en gemeentecijfers komen uit de meting 2024, wijkcijfers uit de meting 2022 (op de wijkindeling van 2022). Vergelijk een wijk daarom niet één op één met een buurt of gemeente.",
                        "Neighbourhood and municipality figures come from the 2024 measurement, district figures from the 2022 measurement (on the 2022 district division). So do not compare a district one to one with a neighbourhood or municipality.")}</li>
                    <li>{t(
                        "De afwijkingen van de historie 2002–2022 (meting 2022) zijn gemeten vanaf een vaste referentiescore (lbm − afw), die in elk jaar dezelfde is; het is dus geen gemiddelde van dat jaar en laat geen ontwikkeling zien. Waar we een landelijk gemiddelde per jaar tonen (de historie van een wijk, de weergave Trend), is dat het echte ongewogen gemiddelde van alle wijken met een score in dat jaar, ook de wijken die niet aan een wijk van 2024 gekoppeld zijn, met hun aantal. Alle jaren zijn berekend op de wijkindeling van 2022.",
                        "The deviations of the 2002–2022 history (2022 measurement) are measured from a fixed reference score (lbm − afw), the same in every year; it is not a mean of that year and shows no development. Where we show a national mean per year (a district's history, the trend view), it is the real unweighted mean of all districts with a score that year, including districts not attached to a 2024 district, with their count. All years are computed on the 2022 district division.")}</li>
                    <li>{t(
                        "Wijkcodes worden soms hergebruikt voor een ander gebied. Waar de naam in 2022 en 2024 niet overeenkomt, tonen we geen historie.",
                        "District codes are sometimes reused for another area. Where the name differs between 2022 and 2024, we show no history.")}</li>
                    <li>{t(
                        "Misdrijven per 1.000 inwoners zijn hoog in buurten met weinig inwoners en veel bezoekers (winkelgebieden, stations, bedrijventerreinen).",
                        "Crimes per 1,000 inhabitants are high in neighbourhoods with few inhabitants and many visitors (shopping areas, stations, business parks).")}</li>
                    <li>{t(
                        "De postcode bij een buurt is de meest voorkomende postcode van haar adressen; een postcode kan in meer buurten liggen.",
                        "The postcode shown for a neighbourhood is the most common postcode of its addresses; a postcode can lie in several neighbourhoods.")}</li>
                </ul>

                <h2>{t("Bronnen en licenties", "Sources and licences")}</h2>
                <dl class="about-sources">
                    {SOURCES.iter().map(|s| view! {
                        <dt>{lang.pick(s.what.0, s.what.1)}</dt>
                        <dd>{lang.pick(s.detail.0, s.detail.1)} " " <em>{lang.pick(s.licence.0, s.licence.1)}</em></dd>
                    }).collect_view()}
                </dl>
                <p>{t(
                    "De kaart en de grafieken worden in uw browser getekend uit deze open gegevens; er worden geen persoonsgegevens verwerkt.",
                    "The map and charts are drawn in your browser from these open data; no personal data is processed.")}</p>

                <h2 id="diensten">{t("Online diensten (PDOK)", "Online services (PDOK)")}</h2>
                <p>{t(
                    "De kaart werkt volledig met haar eigen gegevens. Waar de website ze aanzet (in config.json), gebruikt zij twee open diensten van PDOK (Kadaster):",
                    "The map works entirely on its own data. Where the site switches them on (in config.json), it uses two open services of PDOK (Kadaster):")}</p>
                <ul>
                    <li>{t(
                        "Achtergrondkaart: BRT-Achtergrondkaart (grijs), service.pdok.nl/brt/achtergrondkaart/wmts/v2_0. Ingezoomd vraagt uw browser de kaarttegels van het getoonde gebied op. Naamsvermelding: Kaart: Kadaster / PDOK.",
                        "Background map: BRT-Achtergrondkaart (grey), service.pdok.nl/brt/achtergrondkaart/wmts/v2_0. When zoomed in, your browser requests the map tiles of the area shown. Credit: Kaart: Kadaster / PDOK.")}</li>
                    <li>{t(
                        "Adressen zoeken: PDOK Locatieserver v3.1, api.pdok.nl/bzk/locatieserver/search/v3_1. Wat u in het zoekvak typt gaat daarheen om adressen, straten, postcodes en woonplaatsen te vinden; de buurt zoekt de kaart zelf op in haar eigen grenzen.",
                        "Address search: PDOK Locatieserver v3.1, api.pdok.nl/bzk/locatieserver/search/v3_1. What you type in the search box goes there to find addresses, streets, postcodes and towns; the map finds the neighbourhood itself in its own boundaries.")}</li>
                </ul>
                <p>{t(
                    "Verder verlaat niets de pagina: geen andere verzoeken, geen cookies, geen statistieken. \"Waar ben ik?\" gebruikt uw locatie alleen in uw browser. Zijn de diensten niet bereikbaar, dan werkt de kaart zonder achtergrond en zoekt zij alleen op namen en postcodes van gebieden.",
                    "Nothing else leaves the page: no other requests, no cookies, no analytics. \"Where am I?\" uses your location only in your browser. When the services cannot be reached, the map works without background and searches names and postcodes of areas only.")}</p>
                <p><A href=home>{t("Terug naar de kaart", "Back to the map")}</A></p>
            </article>
        }
    }
}
