//! Folding names and queries to a comparable form: no diacritics, no case, no punctuation.

/// Folds `s` to lower-case ASCII words separated by single spaces.
///
/// Diacritics are dropped (see [`to_ascii`](super::fold::to_ascii)), anything that is not a letter or digit separates
/// words, so `'s-Hertogenbosch` and `s hertogenbosch` fold to the same text.
///
/// ```
/// use buurtkaart_core::search::normalize;
/// assert_eq!(normalize("'s-Hertogenbosch"), "s hertogenbosch");
/// assert_eq!(normalize("  Súdwest-Fryslân "), "sudwest fryslan");
/// assert_eq!(normalize("Osdorpplein e.o."), "osdorpplein e o");
/// assert_eq!(normalize("–·–"), "");
/// ```
pub fn normalize(s: &str) -> String {
    let ascii = super::fold::to_ascii(s);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The folded text without spaces, so `den haag` also matches `denhaag`.
///
/// ```
/// use buurtkaart_core::search::normalize::compact;
/// assert_eq!(compact("s hertogenbosch"), "shertogenbosch");
/// ```
pub fn compact(normalized: &str) -> String {
    normalized.chars().filter(|c| *c != ' ').collect()
}

/// A 4-digit Dutch postcode at the start of a query (`1068`, `1068 AB`, `1068ab`), or the
/// digits typed so far when the whole query is 1 to 3 digits.
///
/// ```
/// use buurtkaart_core::search::normalize::postcode_query;
/// assert_eq!(postcode_query("1068 ab"), Some("1068".to_string()));
/// assert_eq!(postcode_query("106"), Some("106".to_string()));
/// assert_eq!(postcode_query("10688"), None);
/// assert_eq!(postcode_query("osdorp"), None);
/// ```
pub fn postcode_query(normalized: &str) -> Option<String> {
    let c = compact(normalized);
    let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
    let rest = &c[digits.len()..];
    let ok = match digits.len() {
        1..=3 => rest.is_empty(),
        4 => rest.len() <= 2 && rest.chars().all(|ch| ch.is_ascii_alphabetic()),
        _ => false,
    };
    ok.then_some(digits)
}

/// A full postcode (PC6: four digits and two letters, `3511 AB`) typed as the query: its digits
/// and letters. The offline search knows only the 4-digit part, so the app says so.
///
/// ```
/// use buurtkaart_core::search::normalize::full_postcode;
/// assert_eq!(full_postcode("3511 AB"), Some(("3511".to_string(), "AB".to_string())));
/// assert_eq!(full_postcode("3511ab"), Some(("3511".to_string(), "AB".to_string())));
/// assert_eq!(full_postcode("3511"), None);
/// assert_eq!(full_postcode("Osdorp"), None);
/// ```
pub fn full_postcode(query: &str) -> Option<(String, String)> {
    let c = compact(&normalize(query));
    let digits: String = c.chars().take_while(|ch| ch.is_ascii_digit()).collect();
    let letters = &c[digits.len()..];
    (digits.len() == 4 && letters.len() == 2 && letters.chars().all(|ch| ch.is_ascii_alphabetic()))
        .then(|| (digits, letters.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(normalize("Osdorp-Oost"), "osdorp oost");
        assert_eq!(normalize("OSDORP"), "osdorp");
        assert_eq!(normalize("Bergen (NH)"), "bergen nh");
        assert_eq!(normalize("Ærø Ĳsselstein"), "aero ijsselstein");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn postcode_needs_digits_first() {
        assert_eq!(postcode_query("1068"), Some("1068".into()));
        assert_eq!(postcode_query("1068 a"), Some("1068".into()));
        assert_eq!(postcode_query("1068 abc"), None);
        assert_eq!(postcode_query("wijk 01"), None);
        assert_eq!(postcode_query(""), None);
    }
}
