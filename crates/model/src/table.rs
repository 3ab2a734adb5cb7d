use crate::{FormatError, Level};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `{level}.areas.json`: every area of a level, in a fixed order that all value tables share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaIndex {
    /// Which level.
    pub level: Level,
    /// CBS codes (strings; may contain letters).
    pub codes: Vec<String>,
    /// Names, aligned with `codes`.
    pub names: Vec<String>,
    /// Most common 4-digit postcode per area (buurten only; empty for other levels).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub postcodes: Vec<Option<String>>,
}

impl AreaIndex {
    /// Parses an area index and checks that its columns line up.
    pub fn from_json(file: &str, text: &str) -> Result<Self, FormatError> {
        Self::from_slice(file, text.as_bytes())
    }

    /// Like `from_json`, from the file's bytes (UTF-8), as fetched.
    pub fn from_slice(file: &str, text: &[u8]) -> Result<Self, FormatError> {
        let index: AreaIndex =
            serde_json::from_slice(text).map_err(|e| FormatError::parse(file, "area index", e))?;
        let n = index.codes.len();
        for (name, len) in [
            ("names", index.names.len()),
            ("postcodes", index.postcodes.len()),
        ] {
            if len != n && !(name == "postcodes" && len == 0) {
                return Err(FormatError::ColumnLength {
                    file: file.to_string(),
                    column: name.to_string(),
                    found: len,
                    expected: n,
                });
            }
        }
        Ok(index)
    }

    /// Number of areas.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Code → row, for joining shapes (whose features carry codes) to the value tables.
    pub fn rows(&self) -> std::collections::HashMap<&str, usize> {
        self.codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect()
    }
}

/// One indicator column: fixed-point integers, `value = raw / 10^decimals`, `null` = missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// Decimal places of the fixed-point encoding.
    pub decimals: u8,
    /// Raw values, aligned with the area index.
    pub values: Vec<Option<i64>>,
}

impl Column {
    /// Encodes floats with `decimals` places (rounding half away from zero).
    ///
    /// ```
    /// use buurtkaart_model::Column;
    /// let c = Column::encode(2, &[Some(4.256), None, Some(-0.001)]);
    /// assert_eq!(c.values, vec![Some(426), None, Some(0)]);
    /// assert_eq!(c.get(0), Some(4.26));
    /// assert_eq!(c.get(1), None);
    /// ```
    pub fn encode(decimals: u8, values: &[Option<f64>]) -> Self {
        let f = 10f64.powi(decimals as i32);
        Column {
            decimals,
            values: values
                .iter()
                .map(|v| v.filter(|x| x.is_finite()).map(|x| (x * f).round() as i64))
                .map(|v| v.map(|x| if x == 0 { 0 } else { x }))
                .collect(),
        }
    }

    /// The value of area `i`, or `None` when missing or out of range.
    pub fn get(&self, i: usize) -> Option<f64> {
        let raw = (*self.values.get(i)?)?;
        Some(raw as f64 / 10f64.powi(self.decimals as i32))
    }

    /// All values as floats.
    pub fn decode(&self) -> Vec<Option<f64>> {
        (0..self.values.len()).map(|i| self.get(i)).collect()
    }
}

/// `{level}.{group}.json`: indicator columns aligned with the level's [`AreaIndex`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueTable {
    /// Which level.
    pub level: Level,
    /// Which group (`"lbm"` or `"cbs"`).
    pub group: String,
    /// Number of rows; equals the area index length.
    pub rows: usize,
    /// Columns by indicator id.
    pub columns: BTreeMap<String, Column>,
}

impl ValueTable {
    /// Parses a value table and checks every column has `rows` values.
    pub fn from_json(file: &str, text: &str) -> Result<Self, FormatError> {
        Self::from_slice(file, text.as_bytes())
    }

    /// Like `from_json`, from the file's bytes (UTF-8), as fetched.
    pub fn from_slice(file: &str, text: &[u8]) -> Result<Self, FormatError> {
        let table: ValueTable =
            serde_json::from_slice(text).map_err(|e| FormatError::parse(file, "value table", e))?;
        for (id, col) in &table.columns {
            if col.values.len() != table.rows {
                return Err(FormatError::ColumnLength {
                    file: file.to_string(),
                    column: id.clone(),
                    found: col.values.len(),
                    expected: table.rows,
                });
            }
        }
        Ok(table)
    }

    /// The value of indicator `id` for row `i`.
    pub fn get(&self, id: &str, i: usize) -> Option<f64> {
        self.columns.get(id)?.get(i)
    }
}
