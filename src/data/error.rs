//! What can be wrong with a user's file, said so that they can fix it.
//!
//! Every message names the file, says what is wrong, and says what to do.

use std::path::PathBuf;

use crate::data::schema::TableKind;

/// An input Courtside cannot use as it is.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(
        "{path}: cannot read it ({cause}). Check that the path exists and that you may read it."
    )]
    Unreadable {
        path: PathBuf,
        // Said in the message, not chained: the OS text appears once.
        cause: std::io::Error,
    },

    #[error(
        "{path}: not a regular file ({what}): Courtside reads files and folders of them, not \
         pipes, sockets or devices. Save the data to a file first."
    )]
    Special { path: PathBuf, what: &'static str },

    #[error("{path}: the file is empty ({detail}). Export it again from its source.")]
    Empty { path: PathBuf, detail: String },

    #[error(
        "{path}: unknown file format ({detail}). Courtside reads Parquet (.parquet), CSV (.csv) \
         and NDJSON (.ndjson, .jsonl) files, and folders of them."
    )]
    UnknownFormat { path: PathBuf, detail: String },

    #[error(
        "{path}: the Parquet file is truncated or corrupt ({detail}). It may still be being \
         copied or written: wait for the copy to finish, or export it again."
    )]
    CorruptParquet { path: PathBuf, detail: String },

    #[error(
        "{path}: a {kind} table needs the column `{column}`, which is missing. Columns found: \
         {found}.{hint} Rename the column in the file, or map it with \
         `courtside map {path} --kind {kind} --set {column}=SOURCE_COLUMN`."
    )]
    MissingColumn {
        path: PathBuf,
        kind: TableKind,
        column: String,
        found: String,
        hint: String,
    },

    #[error(transparent)]
    WrongType(Box<WrongType>),

    #[error(
        "{path}: line {line} has {got} field{s} but the header has {expected}; a row may have \
         been cut short or have an extra separator. Fix that line (and any like it), or export \
         the file again.",
        s = if *got == 1 { "" } else { "s" }
    )]
    RaggedRows {
        path: PathBuf,
        line: usize,
        expected: usize,
        got: usize,
    },

    #[error(
        "{path}: cannot tell which table this is (shots, load or tracking): {detail}. Columns \
         found: {found}. Map the columns with `courtside map {path} --kind KIND --set \
         CANONICAL=SOURCE …` (see `courtside map --help`)."
    )]
    UnknownTable {
        path: PathBuf,
        detail: String,
        found: String,
    },

    #[error("{path}: {detail}")]
    Invalid { path: PathBuf, detail: String },

    #[error("{path}: {context}: {source}")]
    Polars {
        path: PathBuf,
        context: String,
        #[source]
        source: polars::error::PolarsError,
    },
}

/// Values a column cannot hold (boxed in [`DataError`] to keep results small).
#[derive(Debug, thiserror::Error)]
#[error(
    "{path}: {bad} value(s) in column `{column}` cannot be read as {expected}{for_canonical} \
     (for example {examples}). Fix those values in the source, or map another column to \
     `{canonical}`.",
    for_canonical = if column == canonical { String::new() } else { format!(" for `{canonical}`") }
)]
pub struct WrongType {
    pub path: PathBuf,
    pub column: String,
    pub canonical: String,
    pub expected: String,
    pub bad: u64,
    pub examples: String,
}

/// Result with a [`DataError`].
pub type Result<T, E = DataError> = std::result::Result<T, E>;

/// Column names as a message lists them: quoted, in file order, shortened when there are many.
pub fn list_columns<S: AsRef<str>>(names: &[S]) -> String {
    const SHOWN: usize = 40;
    let mut out: Vec<String> = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{}`", n.as_ref()))
        .collect();
    if names.len() > SHOWN {
        out.push(format!("… and {} more", names.len() - SHOWN));
    }
    if out.is_empty() {
        return "none".into();
    }
    out.join(", ")
}

/// " Did you mean `x`?" when a found column is close to the wanted name, else "".
pub fn suggest<S: AsRef<str>>(wanted: &str, found: &[S]) -> String {
    let norm = |s: &str| s.to_lowercase().replace([' ', '-', '.'], "_");
    let wanted_n = norm(wanted);
    let mut best: Option<(f64, &str)> = None;
    for name in found {
        let name = name.as_ref();
        let n = norm(name);
        let score = if n == wanted_n || n.contains(&wanted_n) || wanted_n.contains(&n) {
            1.0
        } else {
            strsim::jaro_winkler(&wanted_n, &n)
        };
        if score >= 0.85 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    match best {
        Some((_, name)) => format!(" Did you mean `{name}`?"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(suggest("x_ft", &["X FT", "y_ft"]), " Did you mean `X FT`?");
        assert_eq!(
            suggest("made", &["shot_made_flag", "zone"]),
            " Did you mean `shot_made_flag`?"
        );
        assert_eq!(suggest("player", &["alpha", "beta"]), "");
    }
}
