//! The code a journalist pastes into an article: a responsive iframe plus our tiny resize script,
//! and a static picture for pages that strip iframes.
use super::options::absolute;
use super::EmbedOptions;
use crate::export::escape::xml;
use buurtkaart_model::AreaCode;

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

/// Where the share image of gemeente `gemeente` lies, relative to the app's root: the
/// pipeline's link-preview step writes a 1200 × 630 PNG per gemeente there (`dist/previews/`).
///
/// ```
/// use buurtkaart_core::embed::snippet::share_image_path;
/// use buurtkaart_model::AreaCode;
/// assert_eq!(share_image_path(&AreaCode::parse("GM0344").unwrap()), "previews/GM0344.png");
/// ```
pub fn share_image_path(gemeente: &AreaCode) -> String {
    format!("previews/{gemeente}.png")
}

/// The picture for pages that show no iframe: a CMS, feed reader or newsletter that strips
/// iframes and scripts but keeps `<noscript>` shows the share image `image` (absolute URL, 1200 ×
/// 630) linked to the full map at `link`, with `alt` for screen readers. Browsers that run the
/// embed ignore it.
///
/// ```
/// use buurtkaart_core::embed::snippet::fallback_code;
/// let code = fallback_code("https://x.nl/previews/GM0796.png", "https://x.nl/gemeente/GM0796", "Kaart van 's-Hertogenbosch");
/// assert!(code.starts_with(r#"<noscript><a href="https://x.nl/gemeente/GM0796"><img src="https://x.nl/previews/GM0796.png" alt="Kaart van &#39;s-Hertogenbosch""#));
/// assert!(code.ends_with("</a></noscript>"));
/// ```
pub fn fallback_code(image: &str, link: &str, alt: &str) -> String {
    format!(
        "<noscript><a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"1200\" height=\"630\" style=\"max-width:100%;height:auto\"></a></noscript>",
        xml(link),
        xml(image),
        xml(alt),
    )
}

/// The whole embed code of `o` for an app at `base` (absolute, e.g. `https://x.nl/`): the iframe
/// with `embed.js`, then the static fallback (its gemeente's share image, linked to the same view
/// in the full app): what the builder gives to copy, and the oEmbed `html` of the link previews.
///
/// ```
/// use buurtkaart_core::embed::snippet::embed_code;
/// use buurtkaart_core::embed::EmbedOptions;
/// use buurtkaart_model::AreaCode;
/// let o = EmbedOptions::new(AreaCode::parse("WK034401").unwrap());
/// let code = embed_code("https://x.nl/", &o, "Utrecht West", 640);
/// assert!(code.starts_with(r#"<iframe src="https://x.nl/embed/wijk/WK034401?indicator=lbm_klasse&amp;niveau=buurt""#));
/// assert!(code.contains(r#"<script src="https://x.nl/embed.js" async></script>"#));
/// assert!(code.contains(r#"<img src="https://x.nl/previews/GM0344.png""#));
/// ```
pub fn embed_code(base: &str, o: &EmbedOptions, title: &str, height: u32) -> String {
    let frame = iframe_code(
        &absolute(base, &o.to_url()),
        title,
        height,
        &absolute(base, "embed.js"),
    );
    let picture = fallback_code(
        &absolute(base, &share_image_path(&o.area.gemeente())),
        &absolute(base, &o.full_view_url()),
        title,
    );
    format!("{frame}\n{picture}")
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
