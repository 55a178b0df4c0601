//! Errors met while reading the data contract.

/// Why place or basemap data could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not valid JSON, or not of the expected shape.
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The JSON is valid GeoJSON-wise but breaks the contract.
    #[error("feature {index}: {reason}")]
    Feature {
        /// Position of the offending feature in the collection.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The CSV of the mentions could not be written.
    #[error("CSV: {0}")]
    Csv(String),
    /// A place kind that is none of `country`, `region`, `city`, `village`, `feature`.
    #[error("unknown place kind `{0}`")]
    UnknownKind(String),
}

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
