//! One area's page: the app shell (`dist/index.html`, exactly as trunk wrote it, so the app
//! boots there as on the SPA fallback) with its own title, description and the tags link
//! previews read (Open Graph, Twitter card, canonical link, oEmbed discovery).
//!
//! The tags go between two markers after `<title>`, so running the step again on a `dist/`
//! that already has previews replaces them instead of adding a second set.
use buurtkaart_core::export::escape::xml;

/// Opens the block of preview tags.
const BEGIN: &str = "<!-- link previews: begin (buurtkaart-data previews) -->";
/// Closes it.
const END: &str = "<!-- link previews: end -->";

/// The share image of a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Absolute URL.
    pub url: String,
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// What it shows, for people who cannot see it.
    pub alt: String,
}

/// What one page says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    /// `<title>` and `og:title`.
    pub title: String,
    /// Meta description and `og:description`.
    pub description: String,
    /// The page's own absolute URL (`<link rel="canonical">`, `og:url`); `None` for the shell
    /// itself, which also answers every other path (the SPA fallback).
    pub canonical: Option<String>,
    /// `og:image`.
    pub image: Image,
    /// The absolute URL of the page's oEmbed JSON.
    pub oembed: Option<String>,
}

/// `dist/index.html` and where the previews change it.
#[derive(Debug, Clone)]
pub struct Shell {
    /// The shell without an earlier block of preview tags.
    html: String,
    /// The text of `<title>` (byte range).
    title: std::ops::Range<usize>,
    /// The content of `<meta name="description">` (byte range).
    description: std::ops::Range<usize>,
}

/// Removes an earlier block of preview tags.
fn without_block(html: &str) -> String {
    match (html.find(BEGIN), html.find(END)) {
        (Some(b), Some(e)) if e > b => {
            // With the line break and indent that `Shell::page` put before the block.
            let start = html[..b].trim_end().len();
            format!("{}{}", &html[..start], &html[e + END.len()..])
        }
        _ => html.to_string(),
    }
}

/// The byte range between `open` and the next `close`.
fn between(html: &str, open: &str, close: &str) -> Result<std::ops::Range<usize>, String> {
    let start = html
        .find(open)
        .ok_or_else(|| format!("no {open} in the shell"))?
        + open.len();
    let len = html[start..]
        .find(close)
        .ok_or_else(|| format!("{open} is not closed"))?;
    Ok(start..start + len)
}

impl Shell {
    /// Finds the title and the description; an error names what is missing.
    pub fn parse(html: &str) -> Result<Shell, String> {
        let html = without_block(html);
        let title = between(&html, "<title>", "</title>")?;
        let description = between(&html, "<meta name=\"description\" content=\"", "\"")?;
        Ok(Shell {
            html,
            title,
            description,
        })
    }

    /// The shell with `head`'s title, description and preview tags (right after `</title>`).
    pub fn page(&self, head: &Head) -> String {
        let mut tags = String::with_capacity(1400);
        let mut add = |s: String| {
            tags.push_str("\n  ");
            tags.push_str(&s);
        };
        add(BEGIN.to_string());
        if let Some(url) = &head.canonical {
            add(format!(r#"<link rel="canonical" href="{}">"#, xml(url)));
        }
        let meta = |property: &str, content: &str| {
            format!(r#"<meta property="{property}" content="{}">"#, xml(content))
        };
        add(meta("og:site_name", "Buurtkaart"));
        add(meta("og:type", "website"));
        add(meta("og:locale", "nl_NL"));
        add(meta("og:title", &head.title));
        add(meta("og:description", &head.description));
        if let Some(url) = &head.canonical {
            add(meta("og:url", url));
        }
        add(meta("og:image", &head.image.url));
        add(meta("og:image:type", "image/png"));
        add(meta("og:image:width", &head.image.width.to_string()));
        add(meta("og:image:height", &head.image.height.to_string()));
        add(meta("og:image:alt", &head.image.alt));
        add(r#"<meta name="twitter:card" content="summary_large_image">"#.to_string());
        if let Some(url) = &head.oembed {
            add(format!(
                r#"<link rel="alternate" type="application/json+oembed" href="{}" title="{}">"#,
                xml(url),
                xml(&head.title)
            ));
        }
        add(END.to_string());
        let after_title = self.title.end + "</title>".len();
        // The replacements in document order: (range replaced, new text).
        let mut edits = [
            (self.title.clone(), xml(&head.title).into_owned()),
            (after_title..after_title, tags),
            (
                self.description.clone(),
                xml(&head.description).into_owned(),
            ),
        ];
        edits.sort_by_key(|(r, _)| r.start);
        let mut out = String::with_capacity(self.html.len() + 2048);
        let mut at = 0;
        for (range, text) in &edits {
            out.push_str(&self.html[at..range.start]);
            out.push_str(text);
            at = range.end;
        }
        out.push_str(&self.html[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>Buurtkaart – leefbaarheid per buurt</title>\n  <meta name=\"description\" content=\"Buurtkaart: open kaart.\">\n  <script src=\"/buurtkaart-0123456789abcdef.js\"></script>\n</head>\n<body><div id=\"boot-shell\"></div></body>\n</html>\n";

    fn head() -> Head {
        Head {
            title: "'s-Hertogenbosch – Buurtkaart".into(),
            description: "Leefbaarheid in Binnenstad & <Centrum>, 's-Hertogenbosch: \"goed\"."
                .into(),
            canonical: Some("https://example.org/gemeente/GM0796".into()),
            image: Image {
                url: "https://example.org/previews/GM0796.png".into(),
                width: 1200,
                height: 630,
                alt: "Kaart van 's-Hertogenbosch".into(),
            },
            oembed: Some("https://example.org/gemeente/GM0796/oembed.json".into()),
        }
    }

    #[test]
    fn names_with_apostrophes_and_ampersands_are_escaped() {
        let shell = Shell::parse(SHELL).unwrap();
        let page = shell.page(&head());
        assert!(
            page.contains("<title>&#39;s-Hertogenbosch – Buurtkaart</title>"),
            "{page}"
        );
        assert!(page.contains(
            r#"<meta name="description" content="Leefbaarheid in Binnenstad &amp; &lt;Centrum&gt;, &#39;s-Hertogenbosch: &quot;goed&quot;.">"#
        ), "{page}");
        assert!(page
            .contains(r#"<meta property="og:title" content="&#39;s-Hertogenbosch – Buurtkaart">"#));
        assert!(page.contains(
            r#"<meta property="og:image:alt" content="Kaart van &#39;s-Hertogenbosch">"#
        ));
        assert!(!page.contains("<Centrum>"));
        assert!(
            !page.contains("Buurtkaart: open kaart."),
            "the shell's description is replaced"
        );
    }

    #[test]
    fn every_tag_a_preview_needs() {
        let page = Shell::parse(SHELL).unwrap().page(&head());
        for needle in [
            r#"<link rel="canonical" href="https://example.org/gemeente/GM0796">"#,
            r#"<meta property="og:url" content="https://example.org/gemeente/GM0796">"#,
            r#"<meta property="og:locale" content="nl_NL">"#,
            r#"<meta property="og:type" content="website">"#,
            r#"<meta property="og:image" content="https://example.org/previews/GM0796.png">"#,
            r#"<meta property="og:image:width" content="1200">"#,
            r#"<meta property="og:image:height" content="630">"#,
            r#"<meta name="twitter:card" content="summary_large_image">"#,
            r#"<link rel="alternate" type="application/json+oembed" href="https://example.org/gemeente/GM0796/oembed.json""#,
            r#"<script src="/buurtkaart-0123456789abcdef.js"></script>"#,
            r#"<div id="boot-shell"></div>"#,
        ] {
            assert!(page.contains(needle), "missing {needle} in\n{page}");
        }
        assert_eq!(page.matches("<title>").count(), 1);
        assert_eq!(page.matches("<meta name=\"description\"").count(), 1);
    }

    #[test]
    fn a_second_run_replaces_the_tags() {
        let once = Shell::parse(SHELL).unwrap().page(&head());
        let mut other = head();
        other.canonical = None;
        other.oembed = None;
        let twice = Shell::parse(&once).unwrap().page(&other);
        assert_eq!(twice.matches(BEGIN).count(), 1, "{twice}");
        assert!(!twice.contains("canonical"), "{twice}");
        let again = Shell::parse(&once).unwrap().page(&head());
        assert_eq!(again, once);
    }

    #[test]
    fn the_description_may_come_first() {
        let shell = SHELL.replace(
            "  <title>Buurtkaart – leefbaarheid per buurt</title>\n  <meta name=\"description\" content=\"Buurtkaart: open kaart.\">",
            "  <meta name=\"description\" content=\"Buurtkaart: open kaart.\">\n  <title>Buurtkaart – leefbaarheid per buurt</title>",
        );
        let page = Shell::parse(&shell).unwrap().page(&head());
        assert!(
            page.contains("content=\"Leefbaarheid in Binnenstad &amp;"),
            "{page}"
        );
        assert!(
            page.contains(
                "<title>&#39;s-Hertogenbosch – Buurtkaart</title>\n  <!-- link previews: begin"
            ),
            "{page}"
        );
    }

    #[test]
    fn a_shell_without_title_is_an_error() {
        let err = Shell::parse("<html><head></head></html>").unwrap_err();
        assert!(err.contains("<title>"), "{err}");
    }
}
