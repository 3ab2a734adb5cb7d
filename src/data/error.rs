//! What can go wrong while loading data, in words a reader understands.
use crate::lang::Lang;
use buurtkaart_model::FormatError;
use thiserror::Error;

/// A data file could not be used.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum DataError {
    /// The request failed (offline, refused, aborted).
    #[error("{file}: network error: {message}")]
    Network {
        /// File requested.
        file: String,
        /// Browser's message.
        message: String,
    },
    /// The server answered with an error status.
    #[error("{file}: HTTP {status}")]
    Status {
        /// File requested.
        file: String,
        /// HTTP status.
        status: u16,
    },
    /// No answer within the time limit (a server or connection that hangs).
    #[error("{file}: no answer within {seconds} s")]
    Timeout {
        /// File requested.
        file: String,
        /// The limit.
        seconds: u64,
    },
    /// A file named by the manifest is gone because the data was redeployed while the page
    /// loaded (the manifest fetched again names other files).
    #[error("{file}: the data was updated on the server")]
    Outdated {
        /// The file that is gone.
        file: String,
        /// Whether the page reloads itself now (else the reader is asked to).
        reloading: bool,
    },
    /// The file arrived but is not in the expected format.
    #[error(transparent)]
    Format(#[from] FormatError),
}

impl DataError {
    /// Whether the server said the file does not exist (HTTP 404 or 410).
    pub fn is_missing(&self) -> bool {
        matches!(
            self,
            DataError::Status {
                status: 404 | 410,
                ..
            }
        )
    }

    /// The file this error concerns.
    pub fn file(&self) -> String {
        match self {
            DataError::Network { file, .. }
            | DataError::Status { file, .. }
            | DataError::Timeout { file, .. }
            | DataError::Outdated { file, .. } => file.clone(),
            DataError::Format(FormatError::Parse { file, .. })
            | DataError::Format(FormatError::BadArc { file, .. })
            | DataError::Format(FormatError::ColumnLength { file, .. })
            | DataError::Format(FormatError::Version { file, .. }) => file.clone(),
            DataError::Format(FormatError::BadCode(_)) => String::new(),
        }
    }

    /// A sentence for the reader, naming the file (by its logical name, without the content
    /// hash: `buurt.topo.json`).
    pub fn message(&self, lang: Lang) -> String {
        let file = buurtkaart_model::naming::logical_name(&self.file());
        match (self, lang) {
            (DataError::Network { .. }, Lang::Nl) => {
                format!("Het bestand {file} kon niet worden geladen (netwerkfout).")
            }
            (DataError::Network { .. }, Lang::En) => {
                format!("The file {file} could not be loaded (network error).")
            }
            (DataError::Status { status, .. }, Lang::Nl) => {
                format!("Het bestand {file} kon niet worden geladen (HTTP {status}).")
            }
            (DataError::Status { status, .. }, Lang::En) => {
                format!("The file {file} could not be loaded (HTTP {status}).")
            }
            (DataError::Timeout { seconds, .. }, Lang::Nl) => {
                format!("Het bestand {file} kon niet worden geladen (geen antwoord binnen {seconds} s).")
            }
            (DataError::Timeout { seconds, .. }, Lang::En) => {
                format!("The file {file} could not be loaded (no answer within {seconds} s).")
            }
            (DataError::Outdated { reloading, .. }, Lang::Nl) => format!(
                "De gegevens zijn bijgewerkt terwijl de kaart laadde ({file} bestaat niet meer). {}",
                if *reloading { "De pagina wordt opnieuw geladen…" } else { "Laad de pagina opnieuw." }
            ),
            (DataError::Outdated { reloading, .. }, Lang::En) => format!(
                "The data was updated while the map loaded ({file} no longer exists). {}",
                if *reloading { "Reloading the page…" } else { "Please reload the page." }
            ),
            (DataError::Format(e), Lang::Nl) => format!("Het bestand {file} is beschadigd: {e}"),
            (DataError::Format(e), Lang::En) => format!("The file {file} is damaged: {e}"),
        }
    }
}
