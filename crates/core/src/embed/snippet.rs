//! The code a journalist pastes into an article: a responsive iframe plus our tiny resize script.
use crate::export::escape::xml;

/// The default iframe height (CSS px) before the embed reports its own: enough for title, map,
/// legend and source at about 640 px wide.
pub const DEFAULT_HEIGHT: u32 = 640;

/// The iframe (full width, `title` for screen readers, `height` as a fallback when scripts are
/// stripped) followed by the `embed.js` tag that sizes it to its content.
///
/// ```
/// use buurtkaart_core::embed::snippet::iframe_code;
/// let code = iframe_code("https://x.nl/embed/gemeente/GM0344?indicator=woz&niveau=buurt", "Kaart: WOZ & meer", 600, "https://x.nl/embed.js");
/// assert!(code.starts_with(r#"<iframe src="https://x.nl/embed/gemeente/GM0344?indicator=woz&amp;niveau=buurt" title="Kaart: WOZ &amp; meer""#));
/// assert!(code.contains("height:600px"));
/// assert!(code.ends_with(r#"<script src="https://x.nl/embed.js" async></script>"#));
/// ```
pub fn iframe_code(src: &str, title: &str, height: u32, script_src: &str) -> String {
    let h = height.clamp(200, 4000);
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{h}\" style=\"width:100%;min-width:100%;height:{h}px;border:0;display:block\" loading=\"lazy\"></iframe>\n<script src=\"{}\" async></script>",
        xml(src),
        xml(title),
        xml(script_src),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_tags_in_titles_cannot_break_out() {
        let code = iframe_code(
            "https://x.nl/e",
            "\"><script>alert(1)</script>",
            10,
            "https://x.nl/embed.js",
        );
        assert!(!code.contains("<script>alert"), "{code}");
        assert!(code.contains("&quot;&gt;&lt;script&gt;"));
        assert!(
            code.contains("height=\"200\""),
            "heights are clamped: {code}"
        );
    }
}
