//! Errors of the link-preview step: each says which file or area and what to do.
use std::path::PathBuf;
use thiserror::Error;

/// Everything that can stop `buurtkaart-data previews`.
#[derive(Debug, Error)]
pub enum PreviewError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A data file of the app is not what the app's format says.
    #[error("{file}: {message}")]
    Data {
        /// File (under the data folder).
        file: String,
        /// What is wrong.
        message: String,
    },
    /// `dist/index.html` lacks a part the previews replace (run `trunk build` first).
    #[error(
        "{path}: {message} (is this trunk's dist/index.html? run `trunk build --release` first)"
    )]
    Shell {
        /// The shell file.
        path: PathBuf,
        /// What is missing.
        message: String,
    },
    /// The public base URL is not an absolute http(s) URL.
    #[error("public base URL {0:?} must start with http:// or https:// (--base-url or BUURTKAART_PUBLIC_URL)")]
    BaseUrl(String),
    /// The font for the share images is missing.
    #[error("font {path}: {reason}; install Debian's fonts-dejavu-core (scripts/setup does) or pass --font-dir")]
    Font {
        /// The font file looked for.
        path: PathBuf,
        /// Why it could not be used.
        reason: String,
    },
    /// A share image could not be drawn or encoded.
    #[error("share image {name}: {message}")]
    Image {
        /// The image (`GM0344`, `nederland`).
        name: String,
        /// What went wrong.
        message: String,
    },
}

impl PreviewError {
    /// An I/O error at `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PreviewError::Io {
            path: path.into(),
            source,
        }
    }
}
