//! Rows of the accessible table of areas, and their sorting. Pure: no leptos, no web-sys.
use crate::search::fold::to_ascii;
use std::cmp::Ordering;

/// Which column the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// Area name.
    Name,
    /// Parent area (gemeente) name.
    Parent,
    /// Indicator value (the class follows it).
    Value,
}

/// One area in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// CBS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Parent area name (gemeente, or wijk and gemeente).
    pub parent: String,
    /// Indicator value; `None` when missing.
    pub value: Option<f64>,
    /// Class label ("goed", "20 – 30", "geen gegevens").
    pub class_label: String,
}

fn fold(s: &str) -> String {
    to_ascii(s).to_lowercase()
}

/// Sorts `rows` by `key`; missing values go last whatever the direction, and ties keep name order.
///
/// ```
/// use buurtkaart_core::table::{sort_rows, Row, SortKey};
/// let row = |name: &str, v: Option<f64>| Row { code: name.into(), name: name.into(), parent: String::new(), value: v, class_label: String::new() };
/// let mut rows = vec![row("b", Some(1.0)), row("a", None), row("c", Some(3.0))];
/// sort_rows(&mut rows, SortKey::Value, false);
/// let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
/// assert_eq!(names, ["c", "b", "a"]);
/// ```
pub fn sort_rows(rows: &mut [Row], key: SortKey, ascending: bool) {
    use crate::order::{sort_by, sort_by_cached_key};
    let dir = |o: Ordering| if ascending { o } else { o.reverse() };
    match key {
        SortKey::Name => sort_by_cached_key(rows, |r| (fold(&r.name), r.code.clone())),
        SortKey::Parent => sort_by_cached_key(rows, |r| (fold(&r.parent), fold(&r.name))),
        SortKey::Value => {
            sort_by_cached_key(rows, |r| fold(&r.name));
            sort_by(rows, |a, b| match (a.value, b.value) {
                (Some(x), Some(y)) => dir(x.total_cmp(&y)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            });
            return;
        }
    }
    if !ascending {
        rows.reverse();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, parent: &str, v: Option<f64>) -> Row {
        Row {
            code: format!("BU{name}"),
            name: name.into(),
            parent: parent.into(),
            value: v,
            class_label: String::new(),
        }
    }

    fn names(rows: &[Row]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn names_sort_without_case_or_accents() {
        let mut rows = vec![
            row("Zuid", "", None),
            row("'s-Hertogenbosch", "", None),
            row("Échelon", "", None),
            row("apen", "", None),
        ];
        sort_rows(&mut rows, SortKey::Name, true);
        assert_eq!(
            names(&rows),
            ["'s-Hertogenbosch", "apen", "Échelon", "Zuid"]
        );
        sort_rows(&mut rows, SortKey::Name, false);
        assert_eq!(
            names(&rows),
            ["Zuid", "Échelon", "apen", "'s-Hertogenbosch"]
        );
    }

    #[test]
    fn missing_values_last_both_ways_and_ties_by_name() {
        let mut rows = vec![
            row("d", "", None),
            row("b", "", Some(2.0)),
            row("a", "", Some(2.0)),
            row("c", "", Some(-1.0)),
        ];
        sort_rows(&mut rows, SortKey::Value, true);
        assert_eq!(names(&rows), ["c", "a", "b", "d"]);
        sort_rows(&mut rows, SortKey::Value, false);
        assert_eq!(names(&rows), ["a", "b", "c", "d"]);
    }

    #[test]
    fn parent_then_name() {
        let mut rows = vec![
            row("b", "Utrecht", None),
            row("a", "Utrecht", None),
            row("z", "Amsterdam", None),
        ];
        sort_rows(&mut rows, SortKey::Parent, true);
        assert_eq!(names(&rows), ["z", "a", "b"]);
    }
}
