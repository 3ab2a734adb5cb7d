//! The page's layout mode, decided in one place: a sidebar beside the map on wide screens, a
//! bottom sheet over the map on narrow ones. The CSS switches with the same media query
//! ([`SHEET_QUERY`]), and fitting asks [`visible_share`] instead of guessing from the map's
//! own width (at 1024×768 the map is about 720 px wide beside its sidebar, and was taken for a
//! phone). A host test keeps the query and the sheet heights in step with the stylesheets.

/// The media query of the phone layout, exactly as written in `style/main.css` and
/// `style/a11y.css`.
pub const SHEET_QUERY: &str = "(max-width: 720px)";

/// Share of the map's height above the bottom sheet when it peeks (no selection): the sheet
/// is 30 % of the screen high (`style/main.css`), and the map is a little taller than the sheet's
/// screen share suggests, so 0,68 keeps the content clear of its shadow.
pub const VISIBLE_PEEK: f64 = 0.68;

/// Share of the map's height above the half-open sheet (an area selected; the sheet is 55 %).
pub const VISIBLE_HALF: f64 = 0.42;

/// Share of the map's height a reader sees now: all of it beside a sidebar; above the bottom
/// sheet in the phone layout, half open when an area is `selected`, else peeking.
pub fn visible_share(selected: bool) -> f64 {
    match (sheet_layout(), selected) {
        (false, _) => 1.0,
        (true, true) => VISIBLE_HALF,
        (true, false) => VISIBLE_PEEK,
    }
}

/// Whether the page is in its phone layout now (the bottom sheet lies over the map).
pub fn sheet_layout() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(SHEET_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn css(file: &str) -> String {
        std::fs::read_to_string(format!("{}/style/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_stylesheets_switch_with_the_same_query() {
        for file in ["main.css", "a11y.css"] {
            assert!(
                css(file).contains(&format!("@media {SHEET_QUERY}")),
                "{file} does not switch at {SHEET_QUERY}"
            );
        }
        // No other width breakpoint for the sheet layout.
        assert!(!css("main.css").contains("max-width: 719px"));
    }

    #[test]
    fn the_visible_shares_follow_the_sheet_heights() {
        let main = css("main.css");
        let height = |selector: &str| -> f64 {
            let at = main.find(selector).unwrap_or_else(|| panic!("{selector}"));
            let rest = &main[at..];
            let h = rest.find("height:").unwrap() + "height:".len();
            let pct = rest[h..].trim_start();
            pct[..pct.find('%').unwrap()].trim().parse::<f64>().unwrap() / 100.0
        };
        let peek = height(".sidebar {\n    position: absolute");
        let half = height(".sidebar[data-sheet=\"half\"]");
        assert!((1.0 - peek - VISIBLE_PEEK).abs() < 0.05, "peek {peek}");
        assert!((1.0 - half - VISIBLE_HALF).abs() < 0.05, "half {half}");
    }
}
