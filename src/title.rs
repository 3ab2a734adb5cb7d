//! The browser tab's title: it names the area shown, so a bookmark, the history and a shared
//! tab say where they lead ("Osdorp-Zuidoost, Amsterdam – Buurtkaart").
use crate::lang::Lang;

/// The app's own title, with no area shown.
pub fn home(lang: Lang) -> String {
    lang.pick(
        "Buurtkaart – leefbaarheid per buurt",
        "Buurtkaart – liveability per neighbourhood",
    )
    .to_string()
}

/// The title for the area `name`, in `gemeente` (`None` for a gemeente itself).
///
/// ```
/// use buurtkaart::title::for_area;
/// assert_eq!(for_area("Osdorp-Zuidoost", Some("Amsterdam")), "Osdorp-Zuidoost, Amsterdam – Buurtkaart");
/// assert_eq!(for_area("Amsterdam", None), "Amsterdam – Buurtkaart");
/// ```
pub fn for_area(name: &str, gemeente: Option<&str>) -> String {
    match gemeente {
        Some(g) if g != name => format!("{name}, {g} – Buurtkaart"),
        _ => format!("{name} – Buurtkaart"),
    }
}

/// Sets the document's title (nothing outside a browser).
pub fn set(title: &str) {
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        if d.title() != title {
            d.set_title(title);
        }
    }
}
