use thiserror::Error;

/// What is wrong with a file of the data format.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum FormatError {
    /// The file is not valid JSON of the expected shape.
    #[error("{file}: not valid {what}: {message}")]
    Parse {
        /// File name as fetched or read.
        file: String,
        /// What kind of document was expected.
        what: &'static str,
        /// The parser's message (line and column included).
        message: String,
    },
    /// A topology refers to an arc that does not exist.
    #[error("{file}: area {code} refers to arc {arc}, but the file has {arcs} arcs")]
    BadArc {
        /// File name.
        file: String,
        /// Area code of the geometry.
        code: String,
        /// The arc index used.
        arc: i64,
        /// Number of arcs in the file.
        arcs: usize,
    },
    /// A column's length differs from the area index it belongs to.
    #[error("{file}: column {column} has {found} values, expected {expected}")]
    ColumnLength {
        /// File name.
        file: String,
        /// Column (indicator id).
        column: String,
        /// Values found.
        found: usize,
        /// Areas in the index.
        expected: usize,
    },
    /// The format version is not the one this build understands.
    #[error("{file}: format version {found}, this app reads version {expected}")]
    Version {
        /// File name.
        file: String,
        /// Version in the file.
        found: u32,
        /// Version expected.
        expected: u32,
    },
    /// A code that is not a valid CBS area code.
    #[error("not a CBS area code: {0:?}")]
    BadCode(String),
}

impl FormatError {
    /// Wraps a serde_json error for `file`.
    pub fn parse(file: &str, what: &'static str, err: serde_json::Error) -> Self {
        FormatError::Parse {
            file: file.to_string(),
            what,
            message: err.to_string(),
        }
    }
}
