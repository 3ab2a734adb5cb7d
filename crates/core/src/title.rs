//! The browser tab's title: it names the area shown, so a bookmark, the history and a shared
//! tab say where they lead ("Osdorp-Zuidoost, Amsterdam – Buurtkaart"). One definition for the
//! app (which sets `document.title` as it navigates) and the link previews the pipeline writes
//! (the static `<title>` of each area's page), so a crawler and a reader see the same title.
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
/// use buurtkaart_core::title::for_area;
/// assert_eq!(for_area("Osdorp-Zuidoost", Some("Amsterdam")), "Osdorp-Zuidoost, Amsterdam – Buurtkaart");
/// assert_eq!(for_area("Amsterdam", None), "Amsterdam – Buurtkaart");
/// ```
pub fn for_area(name: &str, gemeente: Option<&str>) -> String {
    match gemeente {
        Some(g) if g != name => format!("{name}, {g} – Buurtkaart"),
        _ => format!("{name} – Buurtkaart"),
    }
}
