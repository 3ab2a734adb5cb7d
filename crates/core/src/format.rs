//! Numbers, amounts and values formatted the Dutch (or English) way: `4,2`, `12.345`, `€ 312.000`.
use crate::lang::Lang;
use buurtkaart_model::{Indicator, Unit};

/// Formats `v` with `decimals` places and the language's separators.
///
/// ```
/// use buurtkaart_core::format::number;
/// use buurtkaart_core::lang::Lang;
/// assert_eq!(number(12345.0, 0, Lang::Nl), "12.345");
/// assert_eq!(number(4.26, 1, Lang::Nl), "4,3");
/// assert_eq!(number(-1234.5, 1, Lang::En), "−1,234.5");
/// ```
pub fn number(v: f64, decimals: u8, lang: Lang) -> String {
    if !v.is_finite() {
        return "–".to_string();
    }
    let (thousands, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals as usize, v.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let is_zero = grouped.chars().all(|c| c == '0' || c == thousands)
        && frac_part
            .as_deref()
            .is_none_or(|f| f.chars().all(|c| c == '0'));
    let mut out = String::new();
    if v < 0.0 && !is_zero {
        out.push('−');
    }
    out.push_str(&grouped);
    if let Some(f) = frac_part {
        out.push(decimal);
        out.push_str(&f);
    }
    out
}

/// A deviation with an explicit sign: `+0,027` / `−0,112`.
pub fn signed(v: f64, decimals: u8, lang: Lang) -> String {
    let s = number(v, decimals, lang);
    if v > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// An amount in euros: `€ 312.000` (nl) or `€312,000` (en).
pub fn euro(v: f64, lang: Lang) -> String {
    match lang {
        Lang::Nl => format!("€ {}", number(v, 0, lang)),
        Lang::En => format!("€{}", number(v, 0, lang)),
    }
}

/// The text shown for a missing value.
pub fn no_data(lang: Lang) -> &'static str {
    lang.pick("geen gegevens", "no data")
}

/// A value of `indicator` with its unit, or "geen gegevens" when missing. Never shows 0 for missing.
pub fn value(indicator: &Indicator, v: Option<f64>, lang: Lang) -> String {
    let Some(v) = v else {
        return no_data(lang).to_string();
    };
    let d = indicator.decimals;
    match indicator.unit {
        Unit::LbmClass => number(v, 0, lang),
        Unit::Deviation => signed(v, d.max(3), lang),
        Unit::Score => number(v, d.max(2), lang),
        Unit::Percent => match lang {
            Lang::Nl => format!("{}%", number(v, d, lang)),
            Lang::En => format!("{}%", number(v, d, lang)),
        },
        Unit::Euro1000 => euro(v * 1000.0, lang),
        Unit::Km => format!("{} km", number(v, d.max(1), lang)),
        Unit::PerKm2 => format!("{} {}", number(v, d, lang), lang.pick("per km²", "per km²")),
        Unit::Per1000 => format!(
            "{} {}",
            number(v, d, lang),
            lang.pick("per 1.000", "per 1,000")
        ),
        Unit::Persons | Unit::Households | Unit::Urbanity | Unit::PersonsPerHousehold => {
            number(v, d, lang)
        }
    }
}

/// Name elements after which a long Dutch place name may break (a compound's last part).
const NAME_PARTS: [&str; 38] = [
    "buurt", "wijk", "kwartier", "dorp", "polder", "straat", "plein", "laan", "park", "weg",
    "veld", "hof", "kade", "gracht", "haven", "dijk", "berg", "broek", "stad", "meer", "woud",
    "land", "heide", "kamp", "hoven", "vaart", "centrum", "terrein", "eiland", "oord", "waard",
    "oever", "singel", "molen", "tuinen", "gebied", "akker", "daal",
];

/// `name` with soft hyphens (U+00AD) between the parts of its long compound words, so a narrow
/// table header breaks "Aalsmeerweg-/buurt" at a joint instead of "Aalsmeerwe|gbuurt". Words of
/// up to 9 letters stay whole.
///
/// ```
/// use buurtkaart_core::format::breakable_name;
/// assert_eq!(breakable_name("Aalsmeerwegbuurt-Oost"), "Aalsmeer\u{ad}weg\u{ad}buurt-Oost");
/// assert_eq!(breakable_name("Rotterdam"), "Rotterdam");
/// ```
pub fn breakable_name(name: &str) -> String {
    fn split(word: &str, out: &mut String) {
        let letters = word.chars().count();
        let lower = word.to_lowercase();
        let part = (letters > 9)
            .then(|| {
                NAME_PARTS.iter().find(|p| {
                    lower.ends_with(*p)
                        && letters - p.chars().count() >= 4
                        && lower.len() == word.len()
                })
            })
            .flatten();
        match part {
            Some(p) => {
                let at = word.len() - p.len();
                split(&word[..at], out);
                out.push('\u{ad}');
                out.push_str(&word[at..]);
            }
            None => out.push_str(word),
        }
    }
    let mut out = String::with_capacity(name.len() + 4);
    let mut word = String::new();
    for c in name.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            split(&word, &mut out);
            word.clear();
            out.push(c);
        }
    }
    split(&word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_names_break_at_their_joints_only() {
        use super::breakable_name as b;
        assert_eq!(b("Hoofddorppleinbuurt"), "Hoofddorp\u{ad}plein\u{ad}buurt");
        assert_eq!(b("Oud Mathenesse"), "Oud Mathenesse");
        assert_eq!(b("Súdwest-Fryslân"), "Súdwest-Fryslân");
        assert_eq!(b("Burgemeesterswijk"), "Burgemeesters\u{ad}wijk");
        // Once a part is short enough, it stays whole.
        assert_eq!(b("Ooststadbuurt"), "Ooststad\u{ad}buurt");
        assert_eq!(b(""), "");
    }

    use super::*;

    #[test]
    fn dutch_and_english_separators() {
        assert_eq!(number(4.2, 1, Lang::Nl), "4,2");
        assert_eq!(number(4.2, 1, Lang::En), "4.2");
        assert_eq!(number(1234567.0, 0, Lang::Nl), "1.234.567");
        assert_eq!(number(999.0, 0, Lang::Nl), "999");
        assert_eq!(number(1000.0, 0, Lang::En), "1,000");
        assert_eq!(number(0.0, 2, Lang::Nl), "0,00");
    }

    #[test]
    fn no_negative_zero() {
        assert_eq!(number(-0.0001, 2, Lang::Nl), "0,00");
        assert_eq!(signed(-0.0001, 2, Lang::Nl), "0,00");
        assert_eq!(signed(0.027, 3, Lang::Nl), "+0,027");
        assert_eq!(signed(-0.112, 3, Lang::Nl), "−0,112");
    }

    #[test]
    fn euros() {
        assert_eq!(euro(312000.0, Lang::Nl), "€ 312.000");
        assert_eq!(euro(312000.0, Lang::En), "€312,000");
    }
}
