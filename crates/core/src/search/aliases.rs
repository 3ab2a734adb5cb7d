//! Names people use for gemeenten whose official CBS name differs: the seat of government is
//! officially 's-Gravenhage, everyone says Den Haag. Kept as data, not code.
//!
//! Source: the official names are those of CBS's Gemeentelijke indeling 2024 (our own
//! `gemeente.areas.json`); the common forms are the names in everyday Dutch use, the Dutch
//! forms of the Frisian official names (the names these gemeenten had until their renaming:
//! Tietjerksteradeel until 1989, Dantumadeel until 2009, …) and the English exonym The Hague.
//! The host test `every_alias_points_at_its_official_name` checks each code and official name
//! against the data.

/// `(gemeente code, official name, other names)`.
pub const ALIASES: &[(&str, &str, &[&str])] = &[
    ("GM0518", "'s-Gravenhage", &["Den Haag", "The Hague"]),
    ("GM0796", "'s-Hertogenbosch", &["Den Bosch"]),
    ("GM0737", "Tytsjerksteradiel", &["Tietjerksteradeel"]),
    ("GM1891", "Dantumadiel", &["Dantumadeel"]),
    ("GM1940", "De Fryske Marren", &["De Friese Meren"]),
    ("GM1970", "Noardeast-Fryslân", &["Noordoost-Friesland"]),
    ("GM1900", "Súdwest-Fryslân", &["Zuidwest-Friesland"]),
    ("GM0080", "Leeuwarden", &["Ljouwert"]),
    ("GM0820", "Nuenen, Gerwen en Nederwetten", &["Nuenen"]),
];

/// The other names of the area with `code`.
pub fn aliases_of(code: &str) -> &'static [&'static str] {
    ALIASES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, _, a)| *a)
        .unwrap_or(&[])
}
