//! The search index over every buurt, wijk and gemeente name and buurt postcode.
use super::normalize::{compact, normalize, postcode_query};
use buurtkaart_model::{AreaIndex, Level};
use std::collections::HashMap;

/// One searchable area.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// CBS code.
    pub code: String,
    /// Name as published.
    pub name: String,
    /// Level of the area.
    pub level: Level,
    /// Name of its gemeente (`None` for a gemeente itself, or when unknown).
    pub gemeente: Option<String>,
    /// Most common 4-digit postcode (buurten only).
    pub postcode: Option<String>,
}

/// A search result: the area, and how it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The area.
    pub entry: Entry,
    /// Match quality: 0 is best (see [`SearchIndex::search`]).
    pub tier: u8,
    /// The postcode the query matched, when it matched one (buurten only).
    pub via_postcode: Option<String>,
}

/// Folded forms of one entry's name, computed once.
#[derive(Debug, Clone)]
struct Key {
    norm: String,
    compact: String,
    /// Byte offsets in `norm` where words start.
    word_starts: Vec<usize>,
    gemeente_words: Vec<String>,
}

impl Key {
    fn new(name: &str, gemeente: Option<&str>) -> Key {
        let norm = normalize(name);
        let mut word_starts = Vec::new();
        let mut prev_space = true;
        for (i, b) in norm.bytes().enumerate() {
            if prev_space && b != b' ' {
                word_starts.push(i);
            }
            prev_space = b == b' ';
        }
        let gemeente_words = gemeente
            .map(|g| normalize(g).split(' ').map(str::to_string).collect())
            .unwrap_or_default();
        Key {
            compact: compact(&norm),
            norm,
            word_starts,
            gemeente_words,
        }
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.norm.split(' ')
    }

    /// The tier of a name match (see [`SearchIndex::search`]), or `None`.
    /// The best tier of this name or any of its `alts` (other names of the same area).
    fn best_tier(&self, alts: &[Key], q: &Query) -> Option<u8> {
        std::iter::once(self)
            .chain(alts)
            .filter_map(|k| k.tier(q))
            .min()
    }

    fn tier(&self, q: &Query) -> Option<u8> {
        let norm = self.norm.as_str();
        if norm.is_empty() {
            return None;
        }
        if norm == q.norm {
            return Some(0);
        }
        if let Some(rest) = norm.strip_prefix(q.norm.as_str()) {
            return Some(if rest.starts_with(' ') { 1 } else { 2 });
        }
        if self
            .word_starts
            .iter()
            .any(|&s| norm[s..].starts_with(q.norm.as_str()))
        {
            return Some(3);
        }
        let words: Vec<&str> = self.words().collect();
        let in_name = |t: &str| words.iter().any(|w| w.starts_with(t));
        if q.tokens.iter().all(|t| in_name(t)) {
            return Some(4);
        }
        let in_gemeente = |t: &str| self.gemeente_words.iter().any(|w| w.starts_with(t));
        if q.tokens.len() > 1
            && q.tokens.iter().any(|t| in_name(t))
            && q.tokens.iter().all(|t| in_name(t) || in_gemeente(t))
        {
            return Some(5);
        }
        if q.compact.len() >= 3 && self.compact.starts_with(q.compact.as_str()) {
            return Some(6);
        }
        if q.compact.len() >= 4 && self.compact.contains(q.compact.as_str()) {
            return Some(7);
        }
        None
    }
}

/// A folded query.
struct Query {
    norm: String,
    compact: String,
    tokens: Vec<String>,
}

/// Every area name (and buurt postcode), built once; answers a query in a few milliseconds.
///
/// ```
/// use buurtkaart_core::search::{Entry, SearchIndex};
/// use buurtkaart_model::Level;
/// let e = |code: &str, name: &str, level, gem: Option<&str>| Entry {
///     code: code.into(), name: name.into(), level, gemeente: gem.map(Into::into), postcode: None,
/// };
/// let index = SearchIndex::new(vec![
///     e("GM0796", "'s-Hertogenbosch", Level::Gemeente, None),
///     e("WK0363FK", "Osdorp-Oost", Level::Wijk, Some("Amsterdam")),
/// ]);
/// assert_eq!(index.search("s hertogenbosch", 5)[0].entry.code, "GM0796");
/// assert_eq!(index.search("OSDORP", 5)[0].entry.name, "Osdorp-Oost");
/// assert!(index.search("zz", 5).is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    keys: Vec<Key>,
    /// Other names per entry: aliases, and a gemeente's name without its province
    /// ("Bergen (NH.)" is found as "Bergen" at the same tier as a buurt called Bergen).
    alts: Vec<Vec<Key>>,
    by_postcode: HashMap<String, Vec<usize>>,
}

impl SearchIndex {
    /// Builds the index from entries.
    pub fn new(entries: Vec<Entry>) -> SearchIndex {
        let mut b = IndexBuilder::default();
        for e in entries {
            b.push(e);
        }
        b.finish()
    }

    /// Builds the index from the three area indexes (gemeente names are looked up by code).
    pub fn from_areas(
        gemeenten: &AreaIndex,
        wijken: &AreaIndex,
        buurten: &AreaIndex,
    ) -> SearchIndex {
        let mut b = IndexBuilder::new(gemeenten);
        for (index, level) in [
            (gemeenten, Level::Gemeente),
            (wijken, Level::Wijk),
            (buurten, Level::Buurt),
        ] {
            b.add(index, level, 0..index.len());
        }
        b.finish()
    }

    /// Names within a few typing errors of the query (edit distance at most a quarter of its
    /// length, 1–3), as tier-8 matches.
    fn near_misses(&self, q: &Query) -> Vec<(u8, usize, bool)> {
        let n = q.norm.chars().count();
        let max = (n / 4).clamp(1, 3);
        self.keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.norm.len().abs_diff(q.norm.len()) <= max)
            .filter(|(_, k)| strsim::levenshtein(&k.norm, &q.norm) <= max)
            .map(|(i, _)| (8, i, false))
            .collect()
    }

    /// Number of areas in the index.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The best `limit` matches for `query`, best first.
    ///
    /// Names are compared folded (no case, diacritics or punctuation). Tiers, best first:
    /// 0 the whole name; 1 the name starts with the query as whole words; 2 the name starts
    /// with it; 3 a later word starts with it; 4 every query word starts a word of the name;
    /// 5 the same, some words matching the gemeente name ("centrum utrecht"); 6 the name
    /// without spaces starts with it; 7 contains it; 8 (only when nothing else matched) a name
    /// within a few typing errors. Other names count as the name: aliases ("Den Haag" for
    /// 's-Gravenhage, see [`super::aliases`]) and a gemeente's name without its province. A 4-digit query (also `1068 AB`) finds
    /// the buurten with that most common postcode (tier 0; 1–3 digits: tier 2). Ties go to the
    /// larger area (gemeente, wijk, buurt), then the shorter name, then alphabetical order.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let norm = normalize(query);
        if norm.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q = Query {
            compact: compact(&norm),
            tokens: norm.split(' ').map(str::to_string).collect(),
            norm,
        };
        // (tier, entry, via postcode)
        let mut found: Vec<(u8, usize, bool)> = Vec::new();
        if let Some(pc) = postcode_query(&q.norm) {
            if pc.len() == 4 {
                if let Some(rows) = self.by_postcode.get(&pc) {
                    found.extend(rows.iter().map(|&i| (0, i, true)));
                }
            } else {
                for (code, rows) in &self.by_postcode {
                    if code.starts_with(&pc) {
                        found.extend(rows.iter().map(|&i| (2, i, true)));
                    }
                }
            }
        }
        // A single letter matches too much to be useful, except a whole short name.
        let min_tier_for_short = if q.compact.len() < 2 { 0 } else { u8::MAX };
        for (i, key) in self.keys.iter().enumerate() {
            if let Some(t) = key.best_tier(&self.alts[i], &q) {
                if t <= min_tier_for_short {
                    found.push((t, i, false));
                }
            }
        }
        // Nothing at all: the names closest in spelling ("did you mean"), tier 8.
        if found.is_empty() && q.compact.len() >= 4 {
            found.extend(self.near_misses(&q));
        }
        let level_rank = |l: Level| match l {
            Level::Gemeente => 0u8,
            Level::Wijk => 1,
            Level::Buurt => 2,
        };
        crate::order::sort_by(&mut found, |a, b| {
            let (ea, eb) = (&self.entries[a.1], &self.entries[b.1]);
            a.0.cmp(&b.0)
                .then(level_rank(ea.level).cmp(&level_rank(eb.level)))
                .then(ea.name.chars().count().cmp(&eb.name.chars().count()))
                .then(self.keys[a.1].norm.cmp(&self.keys[b.1].norm))
                .then(ea.code.cmp(&eb.code))
                .then(b.2.cmp(&a.2))
        });
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|(_, i, _)| seen.insert(*i))
            .take(limit)
            .map(|(tier, i, via)| {
                let entry = self.entries[i].clone();
                let via_postcode = if via { entry.postcode.clone() } else { None };
                Hit {
                    entry,
                    tier,
                    via_postcode,
                }
            })
            .collect()
    }
}

/// Builds a [`SearchIndex`] a slice at a time, so that a page can build it between frames
/// (the national index has about 18,000 names; built in one go it was one of the load's long
/// tasks on a phone). The result is the same as [`SearchIndex::from_areas`].
#[derive(Default)]
pub struct IndexBuilder {
    /// Gemeente code → name, for the gemeente of every wijk and buurt.
    gem_names: HashMap<String, String>,
    entries: Vec<Entry>,
    keys: Vec<Key>,
    alts: Vec<Vec<Key>>,
}

impl IndexBuilder {
    /// A builder that names the gemeente of each wijk and buurt from `gemeenten`.
    pub fn new(gemeenten: &AreaIndex) -> IndexBuilder {
        IndexBuilder {
            gem_names: gemeenten
                .codes
                .iter()
                .cloned()
                .zip(gemeenten.names.iter().cloned())
                .collect(),
            ..IndexBuilder::default()
        }
    }

    /// Adds rows `rows` of `index`, the areas of `level` (rows past its end are ignored).
    pub fn add(&mut self, index: &AreaIndex, level: Level, rows: std::ops::Range<usize>) {
        let end = rows.end.min(index.len());
        for i in rows.start.min(end)..end {
            let code = &index.codes[i];
            let gemeente = if level == Level::Gemeente {
                None
            } else {
                code.get(2..6)
                    .and_then(|digits| self.gem_names.get(&format!("GM{digits}")))
                    .cloned()
            };
            self.push(Entry {
                code: code.clone(),
                name: index.names[i].clone(),
                level,
                gemeente,
                postcode: index.postcodes.get(i).cloned().flatten(),
            });
        }
    }

    /// Adds one entry with its search keys.
    fn push(&mut self, e: Entry) {
        self.keys.push(Key::new(&e.name, e.gemeente.as_deref()));
        let bare = e
            .name
            .split_once(" (")
            .filter(|(_, rest)| rest.ends_with(')'))
            .map(|(head, _)| head);
        self.alts.push(
            super::aliases::aliases_of(&e.code)
                .iter()
                .copied()
                .chain(bare)
                .map(|n| Key::new(n, e.gemeente.as_deref()))
                .collect(),
        );
        self.entries.push(e);
    }

    /// The finished index.
    pub fn finish(self) -> SearchIndex {
        let mut by_postcode: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(p) = &e.postcode {
                by_postcode.entry(p.clone()).or_default().push(i);
            }
        }
        SearchIndex {
            entries: self.entries,
            keys: self.keys,
            alts: self.alts,
            by_postcode,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        code: &str,
        name: &str,
        level: Level,
        gemeente: Option<&str>,
        pc: Option<&str>,
    ) -> Entry {
        Entry {
            code: code.into(),
            name: name.into(),
            level,
            gemeente: gemeente.map(Into::into),
            postcode: pc.map(Into::into),
        }
    }

    fn sample() -> SearchIndex {
        SearchIndex::new(vec![
            entry("GM0363", "Amsterdam", Level::Gemeente, None, None),
            entry("GM0796", "'s-Hertogenbosch", Level::Gemeente, None, None),
            entry(
                "WK0363FK",
                "Osdorp-Oost",
                Level::Wijk,
                Some("Amsterdam"),
                None,
            ),
            entry(
                "WK0363FJ",
                "Osdorp-Midden",
                Level::Wijk,
                Some("Amsterdam"),
                None,
            ),
            entry(
                "BU0363FK03",
                "Osdorpplein e.o.",
                Level::Buurt,
                Some("Amsterdam"),
                Some("1068"),
            ),
            entry(
                "BU0363FH01",
                "Bedrijvencentrum Osdorp",
                Level::Buurt,
                Some("Amsterdam"),
                Some("1069"),
            ),
            entry(
                "BU19790736",
                "Losdorp",
                Level::Buurt,
                Some("Eemsdelta"),
                Some("9907"),
            ),
            entry(
                "BU03440000",
                "Centrum",
                Level::Buurt,
                Some("Utrecht"),
                Some("3511"),
            ),
            entry(
                "BU03630000",
                "Centrum",
                Level::Buurt,
                Some("Amsterdam"),
                Some("1012"),
            ),
        ])
    }

    fn codes(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.entry.code.as_str()).collect()
    }

    #[test]
    fn prefix_before_word_before_substring() {
        let hits = sample().search("osdorp", 10);
        assert_eq!(
            codes(&hits),
            [
                "WK0363FK",
                "WK0363FJ",
                "BU0363FK03",
                "BU0363FH01",
                "BU19790736"
            ]
        );
        assert_eq!(hits[0].tier, 1);
        assert_eq!(hits[2].tier, 2);
        assert_eq!(hits[3].tier, 3);
        assert_eq!(hits[4].tier, 7);
    }

    #[test]
    fn punctuation_and_case_do_not_matter() {
        let idx = sample();
        for q in [
            "s hertogenbosch",
            "'S-HERTOGENBOSCH",
            "shertogenbosch",
            "s-hertog",
        ] {
            assert_eq!(codes(&idx.search(q, 3)).first(), Some(&"GM0796"), "{q}");
        }
    }

    #[test]
    fn gemeente_words_narrow_a_common_name() {
        let hits = sample().search("centrum utrecht", 5);
        assert_eq!(codes(&hits), ["BU03440000"]);
        assert_eq!(hits[0].tier, 5);
    }

    #[test]
    fn postcodes() {
        let idx = sample();
        let hits = idx.search("1068 AB", 5);
        assert_eq!(codes(&hits), ["BU0363FK03"]);
        assert_eq!(hits[0].via_postcode.as_deref(), Some("1068"));
        assert_eq!(codes(&idx.search("106", 5)), ["BU0363FK03", "BU0363FH01"]);
        assert!(idx.search("1070", 5).is_empty());
    }

    #[test]
    fn limits_and_empty_queries() {
        let idx = sample();
        assert!(idx.search("", 5).is_empty());
        assert!(idx.search("  -- ", 5).is_empty());
        assert_eq!(idx.search("osdorp", 2).len(), 2);
        assert!(idx.search("o", 5).is_empty(), "one letter is too little");
    }
}
