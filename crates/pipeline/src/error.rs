//! Errors of the pipeline: each names the file, and where it can the feature code, field and value.

use std::path::PathBuf;
use thiserror::Error;

/// Everything that can stop a build.
#[derive(Debug, Error)]
pub enum PipelineError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file is not valid JSON or CSV.
    #[error("{file}: invalid {what}: {message}")]
    Syntax {
        /// File (relative to the source folder).
        file: String,
        /// `JSON` or `CSV`.
        what: &'static str,
        /// Parser message with line and column.
        message: String,
    },
    /// The document has the wrong shape (e.g. no `features` array).
    #[error("{file}: {message}")]
    Shape {
        /// File.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// A geometry is missing or not a (Multi)Polygon, or its coordinates are unusable.
    #[error("{file}: feature {code}: geometry: {message}")]
    Geometry {
        /// File.
        file: String,
        /// Feature code (or `#index` when the feature has no usable code).
        code: String,
        /// What is wrong.
        message: String,
    },
    /// A required field is absent or null.
    #[error("{file}: feature {code}: required field `{field}` is missing")]
    MissingField {
        /// File.
        file: String,
        /// Feature code.
        code: String,
        /// Field name (dotted path).
        field: String,
    },
    /// A field has a value of the wrong type or outside its range.
    #[error("{file}: feature {code}: field `{field}` has invalid value {value}: {reason}")]
    BadValue {
        /// File.
        file: String,
        /// Feature code.
        code: String,
        /// Field name.
        field: String,
        /// The offending value as found.
        value: String,
        /// The rule it breaks.
        reason: String,
    },
    /// The same code occurs twice.
    #[error("{file}: feature {code}: field `{field}`: duplicate code (also in {first})")]
    Duplicate {
        /// File of the second occurrence.
        file: String,
        /// The code.
        code: String,
        /// Field holding the code.
        field: String,
        /// File of the first occurrence.
        first: String,
    },
    /// A code refers to an area that the reference source does not have.
    #[error("{file}: feature {code}: field `{field}`: unknown code, not in {reference}")]
    UnknownCode {
        /// File.
        file: String,
        /// The code.
        code: String,
        /// Field holding the code.
        field: String,
        /// The source the code was looked up in.
        reference: String,
    },
    /// `check` found that the committed output differs from a fresh build.
    #[error("{out}: output differs from a fresh build: {differences:?}")]
    Differs {
        /// The output folder checked.
        out: PathBuf,
        /// Files that differ, are missing or are extra.
        differences: Vec<String>,
    },
    /// `index.html` cannot be pointed at the data files (its name-table markers are missing).
    #[error("{file}: {message}")]
    Index {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The pipeline's own output failed its validation (a bug, never written).
    #[error("{file}: area {code}: invalid output geometry: {reason}")]
    Invalid {
        /// The output file.
        file: String,
        /// The area.
        code: String,
        /// What is wrong, and in which ring.
        reason: String,
    },
    /// Writing JSON failed (should not happen).
    #[error("serialising {file}: {message}")]
    Serialise {
        /// Output file.
        file: String,
        /// Serde's message.
        message: String,
    },
}

impl PipelineError {
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PipelineError::Io {
            path: path.into(),
            source,
        }
    }

    /// A [`PipelineError::BadValue`].
    pub fn bad_value(
        file: &str,
        code: &str,
        field: &str,
        value: impl ToString,
        reason: impl Into<String>,
    ) -> Self {
        PipelineError::BadValue {
            file: file.to_string(),
            code: code.to_string(),
            field: field.to_string(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    /// A [`PipelineError::MissingField`].
    pub fn missing(file: &str, code: &str, field: &str) -> Self {
        PipelineError::MissingField {
            file: file.to_string(),
            code: code.to_string(),
            field: field.to_string(),
        }
    }
}

/// Result with a [`PipelineError`].
pub type Result<T, E = PipelineError> = std::result::Result<T, E>;
