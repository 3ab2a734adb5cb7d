//! `/over`: what Buurtkaart is, methodology, sources and licences.
use leptos::prelude::*;
use leptos_router::components::A;

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    view! {
        <article class="about">
            <h1>"Over Buurtkaart"</h1>
            <p>"Buurtkaart laat zien hoe het met de leefbaarheid gaat in elke buurt, wijk en gemeente van Nederland. "
               "De leefbaarheid in buurten met veel corporatiewoningen en kwetsbare groepen staat onder druk; na jaren van verbetering stokte de landelijke trend rond 2012. "
               "Deze kaart maakt zichtbaar waar dat gebeurt, voor bewoners, gemeenten, corporaties, sociaal werkers en journalisten."</p>
            <h2>"Wat de kaart toont"</h2>
            <p>"De Leefbaarometer 3.0 (Ministerie van BZK) schat de leefbaarheid met een statistisch model uit ruim 100 kenmerken van de woonomgeving, "
               "ingedeeld in negen klassen van ‘zeer onvoldoende’ tot ‘uitstekend’ en vijf dimensies: woningvoorraad, fysieke omgeving, voorzieningen, sociale samenhang, en overlast en onveiligheid. "
               "De totaalscore is een gewogen modeluitkomst, niet het gemiddelde van de dimensies."</p>
            <p>"Let op: de Leefbaarometer is een statistische voorspelling van hoe bewoners hun omgeving waarderen, geen oordeel over de bewoners zelf. "
               "Buurten met weinig inwoners krijgen geen score; zij staan grijs op de kaart."</p>
            <h2>"Bronnen en licenties"</h2>
            <ul>
                <li>"Leefbaarometer 3.0, meting 2024 per buurt en gemeente; historie 2002–2022 per wijk – Ministerie van BZK (open data)."</li>
                <li>"CBS Kerncijfers wijken en buurten 2024 (tabel 85984NED) – CC BY 4.0, ‘Bron: CBS’."</li>
                <li>"Geregistreerde criminaliteit – Politie via CBS (tabel 47022NED)."</li>
                <li>"Ervaren gezondheid – RIVM Gezondheidsmonitor (tabel 50150NED), CC BY 4.0."</li>
                <li>"Grenzen van buurten, wijken en gemeenten 2024 – CBS/Kadaster, CC BY 4.0."</li>
            </ul>
            <p><A href="/">"Terug naar de kaart"</A></p>
        </article>
    }
}
