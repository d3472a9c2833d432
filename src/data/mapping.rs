//! Column mappings a user saves for a file: which source column feeds which canonical column.
//!
//! They live in `courtside-mappings.toml` in the workspace folder, keyed by the source's
//! absolute path, so the same file opened again is read the same way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::frame::CoordFix;
use crate::data::schema::TableKind;
use crate::export;

/// A user's mapping for one source.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The table kind, when the columns alone do not tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<TableKind>,
    /// Canonical column → source column.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// The format of text dates (chrono `strftime` syntax, e.g. `%d/%m/%Y`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// Fixes to the shot frame the user accepted (a scale, a shift, a mirror), per season or
    /// for every row.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coordinates: Vec<CoordFix>,
}

/// Every saved mapping of a workspace.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MappingStore {
    /// Source path (absolute) → mapping.
    #[serde(default)]
    pub sources: BTreeMap<String, ColumnMapping>,
}

/// A mapping file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum MappingError {
    #[error("{path}: cannot read the saved column mappings ({source}).")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the saved column mappings are not valid TOML ({detail}). Fix the file or delete \
         it to start again."
    )]
    Parse { path: PathBuf, detail: String },
    #[error("{path}: cannot save the column mappings ({source}).")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl MappingStore {
    /// The file name of the store in a workspace folder.
    pub const FILE_NAME: &'static str = "courtside-mappings.toml";

    /// The store's path in `workspace`.
    pub fn path_in(workspace: &Path) -> PathBuf {
        workspace.join(Self::FILE_NAME)
    }

    /// Loads the store of `workspace`; a workspace without one has no mappings.
    pub fn load(workspace: &Path) -> Result<Self, MappingError> {
        let path = Self::path_in(workspace);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(MappingError::Read { path, source }),
        };
        toml::from_str(&text).map_err(|e| MappingError::Parse {
            path,
            detail: e.message().to_string(),
        })
    }

    /// Saves the store in `workspace`, atomically.
    pub fn save(&self, workspace: &Path) -> Result<(), MappingError> {
        let path = Self::path_in(workspace);
        let text = toml::to_string_pretty(self).map_err(|e| MappingError::Write {
            path: path.clone(),
            source: std::io::Error::other(e),
        })?;
        export::write_atomic(&path, |w| w.write_all(text.as_bytes()))
            .map_err(|source| MappingError::Write { path, source })
    }

    /// The mapping saved for `source`, if any.
    pub fn get(&self, source: &Path) -> Option<&ColumnMapping> {
        self.sources.get(&key(source))
    }

    /// Forgets the mapping of `source`, returning it.
    pub fn remove(&mut self, source: &Path) -> Option<ColumnMapping> {
        self.sources.remove(&key(source))
    }

    /// Saves `mapping` for `source`.
    pub fn set(&mut self, source: &Path, mapping: ColumnMapping) {
        self.sources.insert(key(source), mapping);
    }
}

fn key(source: &Path) -> String {
    std::fs::canonicalize(source)
        .unwrap_or_else(|_| source.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

use std::io::Write as _;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_mapping_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("shots.csv");
        std::fs::write(&data, "a,b\n1,2\n").unwrap();
        let mut store = MappingStore::default();
        let mut m = ColumnMapping {
            kind: Some(TableKind::Shots),
            ..Default::default()
        };
        m.columns.insert("x_ft".into(), "LOCX".into());
        m.coordinates
            .push("scale=10,y=-5.25,season=2019-20".parse().unwrap());
        store.set(&data, m.clone());
        store.save(dir.path()).unwrap();
        let back = MappingStore::load(dir.path()).unwrap();
        assert_eq!(back.get(&data), Some(&m));
        assert_eq!(back, store);
    }
}
