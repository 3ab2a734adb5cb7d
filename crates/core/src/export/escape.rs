//! Escaping text for XML and HTML (SVG text, attribute values, iframe code).
use std::borrow::Cow;

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and control characters other
/// than tab and newline dropped (they are not allowed in XML 1.0).
///
/// ```
/// use buurtkaart_core::export::escape::xml;
/// assert_eq!(xml("Noord & Zuid <\"oud\">"), "Noord &amp; Zuid &lt;&quot;oud&quot;&gt;");
/// assert_eq!(xml("Utrecht"), "Utrecht");
/// ```
pub fn xml(text: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c.is_control() && c != '\t' && c != '\n')
    };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_and_controls() {
        assert_eq!(xml("'s-Hertogenbosch"), "&#39;s-Hertogenbosch");
        assert_eq!(xml("a\u{0}b\u{1b}c"), "abc");
    }
}
