//! Vendor adapters: recognise a source by its columns and map it to a canonical table.
//!
//! An adapter turns the source's columns into one Polars expression per canonical column;
//! nothing is read until a query runs.

pub mod canonical;
pub mod catapult;
pub mod convert;
pub mod kinexon;
pub mod nba;
pub mod sportvu;

use std::path::Path;

use polars::prelude::*;
use serde::Serialize;

use crate::data::csv::CsvLayout;
use crate::data::error::{DataError, Result, list_columns, suggest};
use crate::data::schema::TableKind;

/// The vendor format a source was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vendor {
    /// The NBA shot log layout of the shared `NBA_2024_Shots.csv`.
    NbaShotLog,
    /// The NBA stats API `shotchartdetail` export.
    NbaStatsApi,
    /// Catapult OpenField CSV.
    CatapultOpenField,
    /// Kinexon tracking CSV (positions in metres).
    Kinexon,
    /// SportVU tracking JSON (`events[].moments[]`).
    SportVu,
    /// Columns already named as in SPEC 2.
    Canonical,
}

impl Vendor {
    /// How the vendor format is named to a user.
    pub fn label(self) -> &'static str {
        match self {
            Vendor::NbaShotLog => "NBA shot log",
            Vendor::NbaStatsApi => "NBA stats API shotchartdetail",
            Vendor::CatapultOpenField => "Catapult OpenField CSV",
            Vendor::Kinexon => "Kinexon CSV",
            Vendor::SportVu => "SportVU JSON",
            Vendor::Canonical => "canonical columns",
        }
    }
}

/// One canonical column and where it comes from.
#[derive(Clone, Debug)]
pub struct MappedColumn {
    /// The canonical column name.
    pub canonical: &'static str,
    /// The source column(s) and conversion, as a user reads it (e.g. "LOC_X (x −1)").
    pub source: String,
    /// The expression that computes the canonical column from the source.
    pub expr: Expr,
    /// Set where the column is parsed from text, which can fail.
    pub check: Option<ParseCheck>,
    /// The source columns it reads.
    pub inputs: Vec<String>,
}

/// How to find the rows whose text a mapped column could not read.
#[derive(Clone, Debug)]
pub struct ParseCheck {
    /// The source column holding the text.
    pub column: String,
    /// True where the source holds a (non-blank) value; where it does and the mapped value
    /// is null, the value could not be read.
    pub has_value: Expr,
}

/// A source mapped to a canonical table (still lazy).
#[derive(Clone, Debug)]
pub struct Adapted {
    pub kind: TableKind,
    pub vendor: Vendor,
    pub columns: Vec<MappedColumn>,
    /// What a user should know about the mapping (e.g. "zeros read as missing").
    pub notes: Vec<String>,
}

impl Adapted {
    /// Whether a canonical column is mapped.
    pub fn has(&self, canonical: &str) -> bool {
        self.columns.iter().any(|c| c.canonical == canonical)
    }

    /// Puts `column` in place of any mapping of the same canonical column.
    pub fn set(&mut self, column: MappedColumn) {
        self.columns.retain(|c| c.canonical != column.canonical);
        self.columns.push(column);
    }

    /// Orders the columns as the canonical table lists them.
    pub fn sort(&mut self) {
        let order = |name: &str| {
            self.kind
                .columns()
                .iter()
                .position(|c| c.name == name)
                .unwrap_or(usize::MAX)
        };
        let mut cols = std::mem::take(&mut self.columns);
        cols.sort_by_key(|c| order(c.canonical));
        self.columns = cols;
    }

    /// Checks that every required column is mapped.
    pub fn check_required(&self, path: &Path, found: &[String]) -> Result<()> {
        for spec in self.kind.columns().iter().filter(|c| c.required) {
            if !self.has(spec.name) {
                return Err(missing(path, self.kind, spec.name, found, self.vendor));
            }
        }
        for group in self.kind.one_of() {
            if !group.iter().any(|c| self.has(c)) {
                let column = group.join("` or `");
                return Err(DataError::MissingColumn {
                    path: path.into(),
                    kind: self.kind,
                    column,
                    found: list_columns(found),
                    hint: String::new(),
                });
            }
        }
        Ok(())
    }
}

/// A missing-column error, with a near name from `found` when there is one.
pub fn missing(
    path: &Path,
    kind: TableKind,
    canonical: &str,
    found: &[String],
    vendor: Vendor,
) -> DataError {
    let hint = match vendor_source_name(vendor, canonical) {
        Some(src) => format!(
            " A {} has it as `{src}`.{}",
            vendor.label(),
            suggest(src, found)
        ),
        None => suggest(canonical, found),
    };
    DataError::MissingColumn {
        path: path.into(),
        kind,
        column: canonical.into(),
        found: list_columns(found),
        hint,
    }
}

fn vendor_source_name(vendor: Vendor, canonical: &str) -> Option<&'static str> {
    match vendor {
        Vendor::NbaShotLog => nba::LOG_SOURCES
            .iter()
            .find(|(c, _)| *c == canonical)
            .map(|(_, s)| *s),
        Vendor::NbaStatsApi => nba::API_SOURCES
            .iter()
            .find(|(c, _)| *c == canonical)
            .map(|(_, s)| *s),
        Vendor::CatapultOpenField => catapult::SOURCES
            .iter()
            .find(|(c, _)| *c == canonical)
            .map(|(_, s)| *s),
        Vendor::Kinexon => kinexon::SOURCES
            .iter()
            .find(|(c, _)| *c == canonical)
            .map(|(_, s)| *s),
        Vendor::Canonical | Vendor::SportVu => None,
    }
}

/// What an adapter knows of the source it maps.
pub struct SourceInfo<'a> {
    pub path: &'a Path,
    /// The source's columns and their types, in file order.
    pub schema: &'a Schema,
    /// For CSV files: the header's layout and preamble.
    pub layout: Option<&'a CsvLayout>,
}

impl SourceInfo<'_> {
    /// The source's column names, in file order.
    pub fn names(&self) -> Vec<String> {
        self.schema.iter_names().map(|n| n.to_string()).collect()
    }

    /// Whether the source has this column (exact name).
    pub fn has(&self, name: &str) -> bool {
        self.schema.get(name).is_some()
    }

    /// The dtype of a source column.
    pub fn dtype(&self, name: &str) -> Option<&DataType> {
        self.schema.get(name)
    }
}

/// Recognises the vendor format from the columns (and a CSV's preamble).
pub fn detect(info: &SourceInfo<'_>) -> Option<Vendor> {
    if catapult::matches(info) {
        Some(Vendor::CatapultOpenField)
    } else if kinexon::matches(info) {
        Some(Vendor::Kinexon)
    } else if nba::matches_api(info) {
        Some(Vendor::NbaStatsApi)
    } else if nba::matches_log(info) {
        Some(Vendor::NbaShotLog)
    } else {
        canonical::detect_kind(info).map(|_| Vendor::Canonical)
    }
}

/// Maps a source of the given vendor format (and, for canonical sources, kind).
pub fn adapt(info: &SourceInfo<'_>, vendor: Vendor, kind: Option<TableKind>) -> Result<Adapted> {
    match vendor {
        Vendor::NbaShotLog => nba::adapt_log(info),
        Vendor::NbaStatsApi => nba::adapt_api(info),
        Vendor::CatapultOpenField => catapult::adapt(info),
        Vendor::Kinexon => kinexon::adapt(info),
        // A SportVU file is read into canonical columns before it is mapped.
        Vendor::Canonical | Vendor::SportVu => {
            let kind = match kind.or_else(|| canonical::detect_kind(info)) {
                Some(k) => k,
                None => return Err(unknown_table(info)),
            };
            canonical::adapt(info, kind)
        }
    }
}

/// The error for a source whose columns match no table kind.
pub fn unknown_table(info: &SourceInfo<'_>) -> DataError {
    let names = info.names();
    let detail = if names.is_empty() {
        "it has no columns".to_string()
    } else {
        "its columns match no known vendor format and too few canonical column names".to_string()
    };
    DataError::UnknownTable {
        path: info.path.into(),
        detail,
        found: list_columns(&names),
    }
}
