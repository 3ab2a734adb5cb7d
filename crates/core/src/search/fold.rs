//! Latin letters with diacritics folded to ASCII (`ë` → `e`, `ĳ` → `ij`, `Þ` → `Th`).
//!
//! Dutch place names use a handful of accented Latin letters (Frisian `â`, `ú`, `û`; `ë`, `é`,
//! `ï`, `ö`) and the occasional `ĳ` ligature or typographic apostrophe. A table of Latin-1
//! Supplement and Latin Extended-A (U+00C0–U+017F) covers all of them in under 1 KB, where a
//! general transliteration crate (`deunicode`) added ~570 KB to the app's WebAssembly.
//!
//! # Caveats
//! * Letters outside those blocks (Greek, Cyrillic, …) are kept as they are; the search
//!   treats them as word separators.

use std::borrow::Cow;

/// ASCII for U+00C0..=U+017F, in code point order.
const LATIN: [&str; 192] = [
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I", // U+00C0
    "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "Th",
    "ss", // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y", // U+00F0
    "A", "a", "A", "a", "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d", // U+0100
    "D", "d", "E", "e", "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g", // U+0110
    "G", "g", "G", "g", "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i", // U+0120
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l",
    "L", // U+0130
    "l", "L", "l", "N", "n", "N", "n", "N", "n", "'n", "NG", "ng", "O", "o", "O",
    "o", // U+0140
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S",
    "s", // U+0150
    "S", "s", "T", "t", "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u", // U+0160
    "U", "u", "U", "u", "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s", // U+0170
];

/// The ASCII text for `c`, if it is one of the folded characters.
fn fold_char(c: char) -> Option<&'static str> {
    match c {
        '\u{C0}'..='\u{17F}' => Some(LATIN[c as usize - 0xC0]),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' => Some("\""),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some("-"),
        '\u{A0}' => Some(" "),
        _ => None,
    }
}

/// Folds the accented Latin letters of `s` to ASCII; other characters are kept. Borrows `s`
/// when there is nothing to fold.
///
/// ```
/// use buurtkaart_core::search::fold::to_ascii;
/// assert_eq!(to_ascii("Súdwest-Fryslân"), "Sudwest-Fryslan");
/// assert_eq!(to_ascii("Ĳsselmonde’s Œuvre"), "IJsselmonde's OEuvre");
/// assert_eq!(to_ascii("Zoë"), "Zoe");
/// assert_eq!(to_ascii("Ωmega"), "Ωmega");
/// ```
pub fn to_ascii(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(a) => out.push_str(a),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_ascii_and_complete() {
        assert!(LATIN.iter().all(|s| !s.is_empty() && s.is_ascii()));
        for c in '\u{C0}'..='\u{17F}' {
            assert!(fold_char(c).is_some(), "{c}");
        }
    }

    #[test]
    fn dutch_and_frisian_letters() {
        assert_eq!(to_ascii("Ærø Ĳsselstein"), "AEro IJsselstein");
        assert_eq!(to_ascii("Þingvellir ß"), "Thingvellir ss");
        assert_eq!(to_ascii("Wâldsein ûnder Hôf"), "Waldsein under Hof");
        assert_eq!(to_ascii(""), "");
    }
}
