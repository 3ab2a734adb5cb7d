//! Name normalisation for joins by name (history ↔ 2024 wijken, 2022 ↔ 2024 gemeenten).

/// Folds a name for comparison: lower case, diacritics and punctuation removed, whitespace
/// collapsed, a leading `Wijk NN ` prefix dropped, and a trailing CBS province qualifier
/// such as ` (Z.)` or ` (NH.)` dropped.
///
/// ```
/// use buurtkaart_pipeline::names::normalise;
/// assert_eq!(normalise("Wijk 01 Susteren"), normalise("Susteren"));
/// assert_eq!(normalise("Middelburg (Z.)"), normalise("Middelburg"));
/// assert_eq!(normalise("Súdwest-Fryslân"), "sudwest fryslan");
/// assert_ne!(normalise("Wijk 04 Bakel"), normalise("Wijk 04 De Mortel"));
/// ```
pub fn normalise(name: &str) -> String {
    let name = strip_qualifier(name.trim());
    let mut folded = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        match fold(c) {
            Some(s) => folded.push_str(s),
            None if c.is_alphanumeric() => folded.push(c),
            None => folded.push(' '),
        }
    }
    let words: Vec<&str> = folded.split_whitespace().collect();
    let skip = match words.as_slice() {
        ["wijk", n, _, ..] if n.chars().all(|c| c.is_ascii_digit()) => 2,
        _ => 0,
    };
    words[skip..].join(" ")
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ç' => "c",
        'ñ' => "n",
        'ĳ' => "ij",
        '\'' | '’' | '‘' | '`' => "",
        _ => return None,
    })
}

/// Drops a trailing ` (X.)` qualifier of at most 3 letters, as CBS adds to gemeente names.
fn strip_qualifier(name: &str) -> &str {
    if let Some(open) = name.rfind(" (") {
        let tail = &name[open + 2..];
        if let Some(inner) = tail.strip_suffix(".)") {
            if (1..=3).contains(&inner.len()) && inner.chars().all(|c| c.is_ascii_uppercase()) {
                return &name[..open];
            }
        }
    }
    name
}
