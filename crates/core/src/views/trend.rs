//! The trend view (issue 18): liveability 2002–2022 as lines — the national mean of the history
//! file, groups of wijken, a gemeente's wijken, one wijk — and the words that say, from these
//! figures, whether the rise slowed, stopped, continued or reversed after 2012.
//! Pure: no leptos, no web-sys; tested on the host.
//!
//! # Definitions
//! * **National mean**: the pipeline's `national_mean` of `wijk.history.json`, the unweighted
//!   mean of every wijk with a score that year in the raw history file (also wijken that are
//!   not attached to a 2024 wijk), with its count.
//! * **Groups** are of the wijken with a series (attached to a 2024 wijk). A group's line is
//!   the unweighted mean of its wijken's scores per year, with the count per year.
//!   * *Klasse in 2012*: national terciles of the 2012 score of the wijken with a series.
//!   * *Koopwoningen*: national terciles of the share of owner-occupied homes in 2024 over all
//!     2024 wijken with a value. This is 2024 tenure, not tenure over time, and the share of
//!     corporation homes per wijk is not in the data.
//!   * *Stedelijkheid*: the CBS class of 2024 (1 = very strongly urban … 5 = not urban), in
//!     three groups: 1–2, 3 and 4–5.
//! * Terciles: the cut points are the values at ranks ⌈n/3⌉ and ⌈2n/3⌉ of the sorted values;
//!   a value up to the first cut is in the lowest third, up to the second in the middle one.
//! * A change of less than [`FLAT`] (score points over a period) is "about the same"; a rise
//!   after 2012 of less than three quarters of the rise before is "slower", more than five
//!   quarters "faster".
use crate::format;
use crate::lang::Lang;
use buurtkaart_model::WijkHistory;
use std::collections::HashMap;

/// The year the periods are split at ("na 2012 stokt de stijgende lijn").
pub const PIVOT: u16 = 2012;

/// A change of a mean smaller than this (in score points, either way) counts as no change.
pub const FLAT: f64 = 0.005;

/// How the wijken are grouped into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Grouping {
    /// Weak, middle, strong: national terciles of the 2012 score.
    #[default]
    Class2012,
    /// Few, middle, many owner-occupied homes: national terciles of % koopwoningen 2024.
    Tenure,
    /// Urban (1–2), moderately urban (3), hardly or not urban (4–5): CBS stedelijkheid 2024.
    Urbanity,
}

impl Grouping {
    /// Every grouping, in chooser order.
    pub const ALL: [Grouping; 3] = [Grouping::Class2012, Grouping::Tenure, Grouping::Urbanity];

    /// The `groep` URL value.
    pub fn param(self) -> &'static str {
        match self {
            Grouping::Class2012 => "klasse",
            Grouping::Tenure => "koop",
            Grouping::Urbanity => "stedelijk",
        }
    }

    /// Parses a `groep` URL value.
    ///
    /// ```
    /// use buurtkaart_core::views::trend::Grouping;
    /// assert_eq!(Grouping::from_param("koop"), Some(Grouping::Tenure));
    /// assert_eq!(Grouping::from_param("x"), None);
    /// ```
    pub fn from_param(s: &str) -> Option<Grouping> {
        Grouping::ALL.into_iter().find(|g| g.param() == s)
    }

    /// The name of the grouping in the chooser.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grouping::Class2012 => lang.pick("Naar klasse in 2012", "By class in 2012"),
            Grouping::Tenure => lang.pick("Naar koopwoningen (2024)", "By home ownership (2024)"),
            Grouping::Urbanity => lang.pick("Naar stedelijkheid", "By urbanity"),
        }
    }
}

/// What the 2024 wijk table says about the wijken, aligned with the wijk index.
#[derive(Debug, Clone, Copy)]
pub struct WijkFacts<'a> {
    /// Wijk codes of the 2024 index.
    pub codes: &'a [String],
    /// % koopwoningen 2024 (column `koopwoningen`).
    pub koopwoningen: &'a [Option<f64>],
    /// CBS stedelijkheid 1–5 (column `stedelijkheid`).
    pub stedelijkheid: &'a [Option<f64>],
}

/// What a line stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The national mean of the history file.
    National,
    /// All wijken with a series in the gemeente filtered on.
    Gemeente,
    /// Group `i` (0 = lowest) of the grouping.
    Group(usize),
    /// One wijk.
    Wijk,
}

/// One line of the chart and the table.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLine {
    /// What it stands for.
    pub kind: LineKind,
    /// Its name.
    pub label: String,
    /// A short name, for table headers.
    pub short: String,
    /// The mean score per year (aligned with the history's years); `None`: no wijk that year.
    pub values: Vec<Option<f64>>,
    /// How many wijken each mean is over.
    pub counts: Vec<usize>,
    /// The wijk codes in the line (empty for the national line, which includes wijken without a
    /// series).
    pub members: Vec<String>,
}

/// The lines of one choice of grouping, gemeente and wijk, with what defines the groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Years of the history.
    pub years: Vec<u16>,
    /// National line first, then the gemeente's, the groups (lowest first) and the wijk's.
    pub lines: Vec<TrendLine>,
    /// The tercile cut points of the grouping, if it has them.
    pub cuts: Option<[f64; 2]>,
    /// Wijken with a series that fall in no group (no 2012 score, no tenure or urbanity value).
    pub ungrouped: usize,
}

/// The tercile cut points of `values` (see the module docs); `None` with fewer than 3 values.
///
/// ```
/// use buurtkaart_core::views::trend::terciles;
/// assert_eq!(terciles(&[6.0, 1.0, 2.0, 3.0, 4.0, 5.0]), Some([2.0, 4.0]));
/// assert_eq!(terciles(&[1.0, 2.0]), None);
/// ```
pub fn terciles(values: &[f64]) -> Option<[f64; 2]> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < 3 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let at = |k: usize| v[k.div_ceil(3).max(1) - 1];
    Some([at(n), at(2 * n)])
}

/// The third (0 lowest, 1 middle, 2 highest) that `v` falls in.
pub fn third_of(v: f64, cuts: [f64; 2]) -> usize {
    if v <= cuts[0] {
        0
    } else if v <= cuts[1] {
        1
    } else {
        2
    }
}

/// The unweighted mean score per year of the series `rows` (indexes into `history.wijken`),
/// and how many have a score each year.
pub fn mean_per_year(history: &WijkHistory, rows: &[usize]) -> (Vec<Option<f64>>, Vec<usize>) {
    (0..history.years.len())
        .map(|i| {
            let vals: Vec<f64> = rows
                .iter()
                .filter_map(|&r| history.wijken.get(r)?.lbm.get(i).copied().flatten())
                .collect();
            let n = vals.len();
            ((n > 0).then(|| vals.iter().sum::<f64>() / n as f64), n)
        })
        .unzip()
}

fn group_shorts(grouping: Grouping, lang: Lang) -> [&'static str; 3] {
    match grouping {
        Grouping::Class2012 => [
            lang.pick("zwak 2012", "weak 2012"),
            lang.pick("midden 2012", "middle 2012"),
            lang.pick("sterk 2012", "strong 2012"),
        ],
        Grouping::Tenure => [
            lang.pick("weinig koop", "few owned"),
            lang.pick("midden koop", "middle owned"),
            lang.pick("veel koop", "many owned"),
        ],
        Grouping::Urbanity => [
            lang.pick("stedelijk", "urban"),
            lang.pick("matig", "moderate"),
            lang.pick("weinig/niet", "hardly/not"),
        ],
    }
}

fn group_labels(grouping: Grouping, cuts: Option<[f64; 2]>, lang: Lang) -> [String; 3] {
    let pct = |v: f64| format!("{} %", format::number(v, 0, lang));
    let score = |v: f64| format::number(v, 3, lang);
    match (grouping, cuts) {
        (Grouping::Class2012, Some([a, b])) => match lang {
            Lang::Nl => [
                format!("zwak in 2012 (score ≤ {})", score(a)),
                "midden in 2012".into(),
                format!("sterk in 2012 (score > {})", score(b)),
            ],
            Lang::En => [
                format!("weak in 2012 (score ≤ {})", score(a)),
                "middle in 2012".into(),
                format!("strong in 2012 (score > {})", score(b)),
            ],
        },
        (Grouping::Tenure, Some([a, b])) => match lang {
            Lang::Nl => [
                format!("weinig koopwoningen (≤ {})", pct(a)),
                format!("middengroep koopwoningen ({}–{})", pct(a), pct(b)),
                format!("veel koopwoningen (> {})", pct(b)),
            ],
            Lang::En => [
                format!("few owner-occupied homes (≤ {})", pct(a)),
                format!(
                    "middle share of owner-occupied homes ({}–{})",
                    pct(a),
                    pct(b)
                ),
                format!("many owner-occupied homes (> {})", pct(b)),
            ],
        },
        (Grouping::Urbanity, _) => [
            lang.pick(
                "(zeer) sterk stedelijk (1–2)",
                "(very) strongly urban (1–2)",
            )
            .into(),
            lang.pick("matig stedelijk (3)", "moderately urban (3)")
                .into(),
            lang.pick(
                "weinig of niet stedelijk (4–5)",
                "hardly or not urban (4–5)",
            )
            .into(),
        ],
        (Grouping::Class2012, None) => [
            lang.pick("zwak in 2012", "weak in 2012").into(),
            lang.pick("midden in 2012", "middle in 2012").into(),
            lang.pick("sterk in 2012", "strong in 2012").into(),
        ],
        (Grouping::Tenure, None) => [
            lang.pick("weinig koopwoningen", "few owner-occupied homes")
                .into(),
            lang.pick(
                "middengroep koopwoningen",
                "middle share of owner-occupied homes",
            )
            .into(),
            lang.pick("veel koopwoningen", "many owner-occupied homes")
                .into(),
        ],
    }
}

/// Whether the wijk `code` lies in gemeente `gm` (its four digits, `"0363"`).
fn in_gemeente(code: &str, gm: Option<&str>) -> bool {
    gm.is_none_or(|g| code.get(2..6) == Some(g))
}

/// The lines for `grouping`, restricted to gemeente `gemeente` (four digits) if given, with the
/// line of wijk `wijk` if it has a series. The groups are always defined nationally.
pub fn trend(
    history: &WijkHistory,
    facts: &WijkFacts,
    grouping: Grouping,
    gemeente: Option<&str>,
    wijk: Option<&str>,
    gemeente_name: Option<&str>,
    lang: Lang,
) -> Trend {
    let row_of: HashMap<&str, usize> = facts
        .codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let fact = |col: &[Option<f64>], code: &str| -> Option<f64> {
        row_of
            .get(code)
            .and_then(|&r| col.get(r).copied().flatten())
    };
    let i2012 = history.years.iter().position(|&y| y == PIVOT);
    let key = |code: &str, lbm: &[Option<f64>]| -> Option<f64> {
        match grouping {
            Grouping::Class2012 => i2012.and_then(|i| lbm.get(i).copied().flatten()),
            Grouping::Tenure => fact(facts.koopwoningen, code),
            Grouping::Urbanity => fact(facts.stedelijkheid, code),
        }
    };
    let cuts = match grouping {
        Grouping::Class2012 => terciles(
            &history
                .wijken
                .iter()
                .filter_map(|w| key(&w.code, &w.lbm))
                .collect::<Vec<_>>(),
        ),
        Grouping::Tenure => terciles(
            &facts
                .koopwoningen
                .iter()
                .flatten()
                .copied()
                .collect::<Vec<_>>(),
        ),
        Grouping::Urbanity => None,
    };
    let group_of = |v: f64| -> Option<usize> {
        match grouping {
            Grouping::Urbanity => match v.round() as i64 {
                1 | 2 => Some(0),
                3 => Some(1),
                4 | 5 => Some(2),
                _ => None,
            },
            _ => cuts.map(|c| third_of(v, c)),
        }
    };
    let mut groups: [Vec<usize>; 3] = Default::default();
    let mut local = Vec::new();
    let mut ungrouped = 0;
    for (r, w) in history.wijken.iter().enumerate() {
        if !in_gemeente(&w.code, gemeente) {
            continue;
        }
        local.push(r);
        match key(&w.code, &w.lbm).and_then(group_of) {
            Some(g) => groups[g].push(r),
            None => ungrouped += 1,
        }
    }
    let line = |kind: LineKind, label: String, short: String, rows: &[usize]| {
        let (values, counts) = mean_per_year(history, rows);
        TrendLine {
            kind,
            label,
            short,
            values,
            counts,
            members: rows
                .iter()
                .map(|&r| history.wijken[r].code.clone())
                .collect(),
        }
    };
    let mut lines = vec![TrendLine {
        kind: LineKind::National,
        label: lang
            .pick(
                "landelijk gemiddelde van alle wijken",
                "national mean of all districts",
            )
            .into(),
        short: lang.pick("Nederland", "Netherlands").into(),
        values: history.national_mean.clone(),
        counts: history.national_count.clone(),
        members: Vec::new(),
    }];
    if gemeente.is_some() {
        let name = gemeente_name.unwrap_or(lang.pick("de gemeente", "the municipality"));
        let label = match lang {
            Lang::Nl => format!("alle wijken van {name}"),
            Lang::En => format!("all districts of {name}"),
        };
        lines.push(line(LineKind::Gemeente, label, name.to_string(), &local));
    }
    let labels = group_labels(grouping, cuts, lang);
    let shorts = group_shorts(grouping, lang);
    for (i, (rows, label)) in groups.iter().zip(labels).enumerate() {
        lines.push(line(LineKind::Group(i), label, shorts[i].into(), rows));
    }
    if let Some(r) = wijk.and_then(|c| history.wijken.iter().position(|w| w.code == c)) {
        let code = history.wijken[r].code.clone();
        lines.push(line(LineKind::Wijk, code.clone(), code, &[r]));
    }
    Trend {
        years: history.years.clone(),
        lines,
        cuts,
        ungrouped,
    }
}

/// What happened after 2012 compared with before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Course {
    /// Rose before and rose about as fast after.
    Continued,
    /// Rose before and rose faster after.
    Faster,
    /// Rose before, rose less after.
    Slowed,
    /// Rose before, about the same after.
    Stopped,
    /// Rose before, fell after.
    Reversed,
    /// Fell before, rose after.
    Recovered,
    /// Fell before, about the same after.
    StoppedFalling,
    /// Fell before and after.
    KeptFalling,
    /// About the same before, rose after.
    BeganRising,
    /// About the same before, fell after.
    BeganFalling,
    /// About the same before and after.
    Flat,
}

/// The change before and after 2012 of one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Periods {
    /// First year with a value before 2012, and the value.
    pub first: (u16, f64),
    /// 2012 and its value.
    pub pivot: (u16, f64),
    /// Last year with a value after 2012, and the value.
    pub last: (u16, f64),
    /// What happened.
    pub course: Course,
}

impl Periods {
    /// The change before 2012.
    pub fn before(&self) -> f64 {
        self.pivot.1 - self.first.1
    }
    /// The change after 2012.
    pub fn after(&self) -> f64 {
        self.last.1 - self.pivot.1
    }
}

/// The periods of a line: from its first year before 2012 to 2012, and from 2012 to its last
/// year; `None` when it has no value in 2012, none before or none after.
///
/// The rates are compared per year, so two periods of different length (a missing year) are
/// still compared fairly.
pub fn periods(years: &[u16], values: &[Option<f64>]) -> Option<Periods> {
    let pts: Vec<(u16, f64)> = years
        .iter()
        .zip(values)
        .filter_map(|(&y, v)| v.filter(|x| x.is_finite()).map(|v| (y, v)))
        .collect();
    let pivot = *pts.iter().find(|p| p.0 == PIVOT)?;
    let first = *pts.iter().find(|p| p.0 < PIVOT)?;
    let last = *pts.iter().rev().find(|p| p.0 > PIVOT)?;
    let (d1, d2) = (pivot.1 - first.1, last.1 - pivot.1);
    // Per-year rates, for the comparison of speed; the thresholds on the totals.
    let (r1, r2) = (
        d1 / f64::from(pivot.0 - first.0),
        d2 / f64::from(last.0 - pivot.0),
    );
    let sign = |d: f64| {
        if d > FLAT {
            1
        } else if d < -FLAT {
            -1
        } else {
            0
        }
    };
    let course = match (sign(d1), sign(d2)) {
        (1, 1) if r2 < 0.75 * r1 => Course::Slowed,
        (1, 1) if r2 > 1.25 * r1 => Course::Faster,
        (1, 1) => Course::Continued,
        (1, 0) => Course::Stopped,
        (1, _) => Course::Reversed,
        (-1, 1) => Course::Recovered,
        (-1, 0) => Course::StoppedFalling,
        (-1, _) => Course::KeptFalling,
        (_, 1) => Course::BeganRising,
        (_, -1) => Course::BeganFalling,
        _ => Course::Flat,
    };
    Some(Periods {
        first,
        pivot,
        last,
        course,
    })
}

/// Where, after 2012, a rise slowed down: the year `y` after which the line rose at most half
/// as fast per year as from 2012 to `y` (over at least four more years), with both changes.
/// Of several such years the first:
/// from then on the pace stayed low. `None` when the line did not rise after 2012, or rose
/// evenly.
///
/// ```
/// use buurtkaart_core::views::trend::slowdown;
/// let years = [2002, 2012, 2016, 2022];
/// let line = [Some(4.000), Some(4.020), Some(4.040), Some(4.045)];
/// let (y, a, b) = slowdown(&years, &line).unwrap();
/// assert_eq!(y, 2016);
/// assert!((a - 0.020).abs() < 1e-9 && (b - 0.005).abs() < 1e-9);
/// ```
pub fn slowdown(years: &[u16], values: &[Option<f64>]) -> Option<(u16, f64, f64)> {
    let pts: Vec<(u16, f64)> = years
        .iter()
        .zip(values)
        .filter_map(|(&y, v)| v.filter(|x| x.is_finite()).map(|v| (y, v)))
        .filter(|p| p.0 >= PIVOT)
        .collect();
    let (&pivot, &last) = (pts.first()?, pts.last()?);
    if pivot.0 != PIVOT || last.1 - pivot.1 <= FLAT {
        return None;
    }
    pts[1..pts.len() - 1]
        .iter()
        .filter_map(|&(y, v)| {
            let (a, b) = (v - pivot.1, last.1 - v);
            let (ra, rb) = (a / f64::from(y - pivot.0), b / f64::from(last.0 - y));
            // A tail of at least four years: two years say too little about a pace.
            (a > FLAT && rb < 0.5 * ra && last.0 - y >= 4).then_some((y, a, b))
        })
        .next()
}

fn course_words(c: Course, lang: Lang) -> &'static str {
    match c {
        Course::Continued => lang.pick(
            "de stijging ging na 2012 ongeveer even snel door",
            "the rise continued after 2012 at about the same pace",
        ),
        Course::Faster => lang.pick(
            "de stijging ging na 2012 door, zelfs sneller",
            "the rise continued after 2012, even faster",
        ),
        Course::Slowed => lang.pick(
            "de stijging ging na 2012 door, maar langzamer",
            "the rise continued after 2012, but more slowly",
        ),
        Course::Stopped => lang.pick("de stijging stokte na 2012", "the rise stopped after 2012"),
        Course::Reversed => lang.pick(
            "na 2012 keerde de stijging om in een daling",
            "after 2012 the rise turned into a decline",
        ),
        Course::Recovered => lang.pick(
            "na een daling steeg de score na 2012",
            "after a decline the score rose after 2012",
        ),
        Course::StoppedFalling => {
            lang.pick("de daling stopte na 2012", "the decline stopped after 2012")
        }
        Course::KeptFalling => lang.pick(
            "de score daalde voor en na 2012",
            "the score fell before and after 2012",
        ),
        Course::BeganRising => lang.pick(
            "na 2012 begon de score te stijgen",
            "after 2012 the score began to rise",
        ),
        Course::BeganFalling => lang.pick(
            "na 2012 begon de score te dalen",
            "after 2012 the score began to fall",
        ),
        Course::Flat => lang.pick(
            "de score bleef voor en na 2012 ongeveer gelijk",
            "the score stayed about the same before and after 2012",
        ),
    }
}

/// The sentence of one line: its change before and after 2012 and what that means.
pub fn sentence(line: &TrendLine, years: &[u16], lang: Lang) -> String {
    let n = |v: usize| format::number(v as f64, 0, lang);
    if line.counts.iter().all(|&c| c == 0) {
        return match lang {
            Lang::Nl => format!("{}: geen wijken met een score.", capital(&line.label)),
            Lang::En => format!("{}: no districts with a score.", capital(&line.label)),
        };
    }
    let Some(p) = periods(years, &line.values) else {
        return match lang {
            Lang::Nl => format!(
                "{}: te weinig jaren met een score om voor en na 2012 te vergelijken.",
                capital(&line.label)
            ),
            Lang::En => format!(
                "{}: too few years with a score to compare before and after 2012.",
                capital(&line.label)
            ),
        };
    };
    let count_at = |y: u16| {
        years
            .iter()
            .position(|&x| x == y)
            .and_then(|i| line.counts.get(i).copied())
            .unwrap_or(0)
    };
    let wijken = if line.kind == LineKind::Wijk {
        String::new()
    } else {
        let (a, b) = (count_at(p.first.0), count_at(p.last.0));
        match lang {
            Lang::Nl if a == b => format!(", {} wijken", n(a)),
            Lang::En if a == b => format!(", {} districts", n(a)),
            Lang::Nl => format!(
                ", {} wijken in {} en {} in {}",
                n(a),
                p.first.0,
                n(b),
                p.last.0
            ),
            Lang::En => format!(
                ", {} districts in {} and {} in {}",
                n(a),
                p.first.0,
                n(b),
                p.last.0
            ),
        }
    };
    let s = |v: f64| format::signed(v, 3, lang);
    let score = |v: f64| format::number(v, 3, lang);
    // Where the pace dropped, if it did after 2012 ("na 2016 ging het langzamer").
    let later = match slowdown(years, &line.values) {
        Some((y, a, b)) => match lang {
            Lang::Nl => format!(
                "; na {y} ging het langzamer ({PIVOT}–{y}: {}; {y}–{}: {})",
                s(a),
                p.last.0,
                s(b)
            ),
            Lang::En => format!(
                "; after {y} it slowed ({PIVOT}–{y}: {}; {y}–{}: {})",
                s(a),
                p.last.0,
                s(b)
            ),
        },
        None => String::new(),
    };
    // "Zwak in 2012 (score ≤ 3,950), 10 wijken — 2002–2012: +0,020 (4,000 → 4,020);
    // 2012–2022: +0,040 (4,020 → 4,060); de stijging ging na 2012 door, zelfs sneller."
    format!(
        "{}{wijken} — {}–{}: {} ({} → {}); {}–{}: {} ({} → {}); {}{later}.",
        capital(&line.label),
        p.first.0,
        p.pivot.0,
        s(p.before()),
        score(p.first.1),
        score(p.pivot.1),
        p.pivot.0,
        p.last.0,
        s(p.after()),
        score(p.pivot.1),
        score(p.last.1),
        course_words(p.course, lang),
    )
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The caveats under the sentences: how the data was computed, what is left out (with counts)
/// and what the grouping means.
pub fn caveats(history: &WijkHistory, t: &Trend, grouping: Grouping, lang: Lang) -> Vec<String> {
    let n = |v: usize| format::number(v as f64, 0, lang);
    let left_out = history.excluded.len();
    let amsterdam = history
        .excluded
        .iter()
        .filter(|e| e.code.starts_with("WK0363"))
        .count();
    let mut out = vec![match lang {
        Lang::Nl => format!(
            "Leefbaarometer 3.0 (meting 2022) heeft alle jaren opnieuw berekend op de wijkgrenzen van 2022; de cijfers wijken dus af van wat destijds is gepubliceerd. Het landelijk gemiddelde telt alle wijken met een score in dat jaar. De groepen en gemeenten tellen alleen de {} wijken die aan een wijk van 2024 gekoppeld zijn; {} wijken van de meting zijn weggelaten omdat hun code in 2024 niet meer bestaat of bij een ander gebied hoort, waaronder {} van Amsterdam, dat na 2022 nieuwe wijkcodes kreeg. Een verandering van minder dan {} heet hier ongeveer gelijk.",
            n(history.wijken.len()), n(left_out), n(amsterdam), format::number(FLAT, 3, lang)
        ),
        Lang::En => format!(
            "Leefbaarometer 3.0 (2022 measurement) recomputed all years on the 2022 district boundaries, so the figures differ from those published at the time. The national mean counts every district with a score that year. The groups and municipalities count only the {} districts attached to a 2024 district; {} districts of the measurement are left out because their code no longer exists in 2024 or belongs to another area, including {} in Amsterdam, which got new district codes after 2022. A change of less than {} is called about the same here.",
            n(history.wijken.len()), n(left_out), n(amsterdam), format::number(FLAT, 3, lang)
        ),
    }];
    let group_note = match (grouping, lang) {
        (Grouping::Class2012, Lang::Nl) => "Klasse in 2012: de wijken in drie even grote groepen naar hun score in 2012 (landelijke derden).".to_string(),
        (Grouping::Class2012, Lang::En) => "Class in 2012: the districts in three equal groups by their 2012 score (national thirds).".to_string(),
        (Grouping::Tenure, Lang::Nl) => "Koopwoningen: de wijken in drie even grote groepen naar hun aandeel koopwoningen in 2024 (landelijke derden). Dat is het eigendom van nu, niet door de jaren heen; het aandeel corporatiewoningen per wijk staat niet in onze gegevens. Weinig koopwoningen komt het dichtst bij veel corporatiebezit.".to_string(),
        (Grouping::Tenure, Lang::En) => "Home ownership: the districts in three equal groups by their 2024 share of owner-occupied homes (national thirds). That is tenure now, not over the years; the share of housing-corporation homes per district is not in our data. Few owner-occupied homes is the nearest measure of many corporation homes.".to_string(),
        (Grouping::Urbanity, Lang::Nl) => "Stedelijkheid: de CBS-klasse van 2024 naar adressendichtheid.".to_string(),
        (Grouping::Urbanity, Lang::En) => "Urbanity: the CBS class of 2024 by address density.".to_string(),
    };
    out.push(group_note);
    if t.ungrouped > 0 {
        out.push(match lang {
            Lang::Nl => format!(
                "{} wijken vallen in geen groep (geen waarde).",
                n(t.ungrouped)
            ),
            Lang::En => format!("{} districts are in no group (no value).", n(t.ungrouped)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use buurtkaart_model::{HistoryExclusion, WijkSeries};

    fn series(code: &str, lbm: Vec<Option<f64>>) -> WijkSeries {
        let n = lbm.len();
        WijkSeries {
            code: code.into(),
            afw: vec![None; n],
            won: vec![None; n],
            fys: vec![None; n],
            vrz: vec![None; n],
            soc: vec![None; n],
            onv: vec![None; n],
            lbm,
        }
    }

    /// Six wijken in two gemeenten, years 2002, 2012, 2022.
    fn history() -> WijkHistory {
        WijkHistory {
            release: "t".into(),
            years: vec![2002, 2012, 2022],
            reference_lbm: vec![Some(4.1); 3],
            national_mean: vec![Some(4.0), Some(4.02), Some(4.06)],
            national_count: vec![7, 7, 8],
            wijken: vec![
                series("WK000101", vec![Some(3.8), Some(3.85), Some(3.95)]),
                series("WK000102", vec![Some(3.9), Some(3.95), Some(3.97)]),
                series("WK000103", vec![Some(4.0), Some(4.05), Some(4.05)]),
                series("WK000201", vec![Some(4.1), Some(4.15), Some(4.10)]),
                series("WK000202", vec![None, Some(4.2), Some(4.3)]),
                series("WK000203", vec![Some(4.3), Some(4.35), None]),
            ],
            excluded: vec![
                HistoryExclusion {
                    code: "WK036300".into(),
                    history_name: "Burgwallen".into(),
                    name_2024: None,
                    reason: "code_not_in_2024".into(),
                },
                HistoryExclusion {
                    code: "WK000199".into(),
                    history_name: "Oud".into(),
                    name_2024: Some("Nieuw".into()),
                    reason: "name_differs".into(),
                },
            ],
        }
    }

    fn codes() -> Vec<String> {
        [
            "WK000101", "WK000102", "WK000103", "WK000201", "WK000202", "WK000203", "WK000301",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    const KOOP: [Option<f64>; 7] = [
        Some(20.0),
        Some(30.0),
        Some(50.0),
        Some(60.0),
        Some(80.0),
        None,
        Some(90.0),
    ];
    const STED: [Option<f64>; 7] = [
        Some(1.0),
        Some(2.0),
        Some(3.0),
        Some(4.0),
        Some(5.0),
        Some(5.0),
        None,
    ];

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn terciles_cut_at_a_third_and_two_thirds() {
        assert_eq!(terciles(&[3.0, 1.0, 2.0]), Some([1.0, 2.0]));
        assert_eq!(
            terciles(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]),
            Some([3.0, 5.0])
        );
        assert_eq!(terciles(&[1.0, f64::NAN]), None);
        assert_eq!(third_of(1.0, [1.0, 2.0]), 0);
        assert_eq!(third_of(1.5, [1.0, 2.0]), 1);
        assert_eq!(third_of(2.5, [1.0, 2.0]), 2);
    }

    #[test]
    fn groups_by_class_in_2012_are_means_of_their_wijken() {
        let h = history();
        let c = codes();
        let facts = WijkFacts {
            codes: &c,
            koopwoningen: &KOOP,
            stedelijkheid: &STED,
        };
        let t = trend(&h, &facts, Grouping::Class2012, None, None, None, Lang::Nl);
        // 2012 scores 3.85 3.95 4.05 4.15 4.2 4.35 → cuts at ranks 2 and 4: 3.95 and 4.15.
        assert_eq!(t.cuts, Some([3.95, 4.15]));
        assert_eq!(t.lines[0].kind, LineKind::National);
        assert_eq!(t.lines[0].values, h.national_mean);
        assert_eq!(t.lines[0].counts, vec![7, 7, 8]);
        let weak = &t.lines[1];
        assert_eq!(weak.kind, LineKind::Group(0));
        assert_eq!(weak.members, vec!["WK000101", "WK000102"]);
        assert!(close(weak.values[0], 3.85));
        assert!(close(weak.values[2], 3.96));
        let strong = &t.lines[3];
        assert_eq!(strong.members, vec!["WK000202", "WK000203"]);
        // Missing years: 2002 only WK000203, 2022 only WK000202; counts say so.
        assert!(close(strong.values[0], 4.3));
        assert!(close(strong.values[2], 4.3));
        assert_eq!(strong.counts, vec![1, 2, 1]);
        assert!(
            weak.label.starts_with("zwak in 2012 (score ≤ 3,950)"),
            "{}",
            weak.label
        );
        assert_eq!(t.ungrouped, 0);
    }

    #[test]
    fn tenure_terciles_are_national_and_the_gemeente_filter_keeps_them() {
        let h = history();
        let c = codes();
        let facts = WijkFacts {
            codes: &c,
            koopwoningen: &KOOP,
            stedelijkheid: &STED,
        };
        // Terciles over all 2024 wijken with a value (also WK000301 without a series):
        // 20 30 50 60 80 90 → 30 and 60.
        let t = trend(&h, &facts, Grouping::Tenure, None, None, None, Lang::En);
        assert_eq!(t.cuts, Some([30.0, 60.0]));
        assert_eq!(t.lines[1].members, vec!["WK000101", "WK000102"]);
        assert_eq!(t.lines[2].members, vec!["WK000103", "WK000201"]);
        assert_eq!(t.lines[3].members, vec!["WK000202"]);
        assert_eq!(t.ungrouped, 1, "WK000203 has no tenure value");
        let g = trend(
            &h,
            &facts,
            Grouping::Tenure,
            Some("0002"),
            Some("WK000201"),
            Some("Twee"),
            Lang::Nl,
        );
        assert_eq!(g.cuts, t.cuts, "groups stay national within a gemeente");
        assert_eq!(g.lines[1].kind, LineKind::Gemeente);
        assert_eq!(g.lines[1].label, "alle wijken van Twee");
        assert_eq!(g.lines[1].members.len(), 3);
        // The gemeente has no wijk with few owner-occupied homes: an empty group, no values.
        assert!(g.lines[2].members.is_empty());
        assert_eq!(g.lines[2].values, vec![None, None, None]);
        assert_eq!(g.lines[2].counts, vec![0, 0, 0]);
        let last = g.lines.last().unwrap();
        assert_eq!(last.kind, LineKind::Wijk);
        assert_eq!(last.values, h.wijken[3].lbm);
    }

    #[test]
    fn urbanity_groups_by_cbs_class() {
        let h = history();
        let c = codes();
        let facts = WijkFacts {
            codes: &c,
            koopwoningen: &KOOP,
            stedelijkheid: &STED,
        };
        let t = trend(&h, &facts, Grouping::Urbanity, None, None, None, Lang::Nl);
        assert_eq!(t.cuts, None);
        assert_eq!(t.lines[1].members, vec!["WK000101", "WK000102"]);
        assert_eq!(t.lines[2].members, vec!["WK000103"]);
        assert_eq!(t.lines[3].members, vec!["WK000201", "WK000202", "WK000203"]);
    }

    fn line(values: Vec<Option<f64>>) -> TrendLine {
        TrendLine {
            kind: LineKind::Group(0),
            label: "zwak".into(),
            short: "zwak".into(),
            counts: values
                .iter()
                .map(|v| usize::from(v.is_some()) * 10)
                .collect(),
            values,
            members: vec![],
        }
    }

    const YEARS: [u16; 3] = [2002, 2012, 2022];

    fn course(a: f64, b: f64, c: f64) -> Course {
        periods(&YEARS, &[Some(a), Some(b), Some(c)])
            .unwrap()
            .course
    }

    #[test]
    fn courses_continue_slow_stop_reverse() {
        assert_eq!(course(4.0, 4.02, 4.04), Course::Continued);
        assert_eq!(course(4.0, 4.02, 4.06), Course::Faster);
        assert_eq!(course(4.0, 4.04, 4.06), Course::Slowed);
        assert_eq!(course(4.0, 4.04, 4.041), Course::Stopped);
        assert_eq!(course(4.0, 4.04, 4.0), Course::Reversed);
        assert_eq!(course(4.0, 3.9, 4.0), Course::Recovered);
        assert_eq!(course(4.0, 3.9, 3.8), Course::KeptFalling);
        assert_eq!(course(4.0, 4.001, 4.002), Course::Flat);
    }

    #[test]
    fn a_slowdown_after_2012_is_placed_in_its_year() {
        let years = [2002, 2008, 2012, 2014, 2016, 2018, 2020, 2022];
        // The national shape of the issue: steady to 2016, then much slower.
        let v = [
            4.0957, 4.1008, 4.1149, 4.1268, 4.1422, 4.1459, 4.1511, 4.1532,
        ]
        .map(Some);
        let (y, a, b) = slowdown(&years, &v).unwrap();
        assert_eq!(y, 2016);
        assert!(
            (a - 0.0273).abs() < 1e-4 && (b - 0.0110).abs() < 1e-4,
            "{a} {b}"
        );
        let l = line(v.to_vec());
        let nl = sentence(&l, &years, Lang::Nl);
        assert!(
            nl.ends_with("; na 2016 ging het langzamer (2012–2016: +0,027; 2016–2022: +0,011)."),
            "{nl}"
        );
        // An even rise, a fall, a gap in 2012: nothing to place.
        let even = [4.0, 4.01, 4.02, 4.03, 4.04, 4.05, 4.06, 4.07].map(Some);
        assert_eq!(slowdown(&years, &even), None);
        let fall = [4.1, 4.1, 4.1, 4.09, 4.08, 4.07, 4.06, 4.05].map(Some);
        assert_eq!(slowdown(&years, &fall), None);
        let mut gap = v;
        gap[2] = None;
        assert_eq!(slowdown(&years, &gap), None);
        // Slower only in the last two years: too short to call.
        let late = [4.0, 4.01, 4.02, 4.03, 4.04, 4.05, 4.06, 4.061].map(Some);
        assert_eq!(slowdown(&years, &late), None);
    }

    #[test]
    fn sentences_say_what_the_figures_say() {
        let l = line(vec![Some(4.0), Some(4.02), Some(4.06)]);
        assert_eq!(
            sentence(&l, &YEARS, Lang::Nl),
            "Zwak, 10 wijken — 2002–2012: +0,020 (4,000 → 4,020); 2012–2022: +0,040 (4,020 → 4,060); de stijging ging na 2012 door, zelfs sneller."
        );
        let l = line(vec![Some(4.0), Some(4.04), Some(4.06)]);
        assert!(sentence(&l, &YEARS, Lang::En)
            .ends_with("the rise continued after 2012, but more slowly."));
        let l = line(vec![Some(4.0), Some(4.04), Some(4.04)]);
        assert!(sentence(&l, &YEARS, Lang::Nl).ends_with("de stijging stokte na 2012."));
        let l = line(vec![Some(4.0), Some(4.04), Some(3.99)]);
        let s = sentence(&l, &YEARS, Lang::Nl);
        assert!(s.contains("2012–2022: −0,050"), "{s}");
        assert!(s.ends_with("keerde de stijging om in een daling."), "{s}");
        let l = line(vec![Some(4.0), Some(4.02), Some(4.04)]);
        assert!(sentence(&l, &YEARS, Lang::En).ends_with("at about the same pace."));
    }

    #[test]
    fn empty_groups_and_missing_years_are_said_not_zeroed() {
        let empty = line(vec![None, None, None]);
        assert_eq!(
            sentence(&empty, &YEARS, Lang::Nl),
            "Zwak: geen wijken met een score."
        );
        assert_eq!(
            sentence(&empty, &YEARS, Lang::En),
            "Zwak: no districts with a score."
        );
        // No 2012: no comparison.
        let l = line(vec![Some(4.0), None, Some(4.1)]);
        assert!(sentence(&l, &YEARS, Lang::Nl).contains("te weinig jaren"));
        // No 2002: the first year before 2012 that has a value is used, and named.
        let years = [2002, 2008, 2012, 2022];
        let mut l = line(vec![None, Some(4.0), Some(4.03), Some(4.0)]);
        l.counts = vec![0, 3, 3, 4];
        let s = sentence(&l, &years, Lang::Nl);
        assert!(s.contains(", 3 wijken in 2008 en 4 in 2022 — "), "{s}");
        assert!(s.contains("2008–2012: +0,030"), "{s}");
        // Per-year rates: 4 years before, 10 after.
        let p = periods(&years, &l.values).unwrap();
        assert_eq!(p.first.0, 2008);
        assert_eq!(p.course, Course::Reversed);
    }

    #[test]
    fn caveats_count_what_is_left_out() {
        let h = history();
        let c = codes();
        let facts = WijkFacts {
            codes: &c,
            koopwoningen: &KOOP,
            stedelijkheid: &STED,
        };
        let t = trend(&h, &facts, Grouping::Tenure, None, None, None, Lang::Nl);
        let c = caveats(&h, &t, Grouping::Tenure, Lang::Nl);
        assert!(c[0].contains("alleen de 6 wijken"), "{}", c[0]);
        assert!(
            c[0].contains("2 wijken van de meting zijn weggelaten"),
            "{}",
            c[0]
        );
        assert!(c[0].contains("waaronder 1 van Amsterdam"), "{}", c[0]);
        assert!(c[1].contains("niet door de jaren heen"));
        assert_eq!(c[2], "1 wijken vallen in geen groep (geen waarde).");
    }
}
