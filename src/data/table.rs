//! A canonical table: its columns and where they come from, and the checks that need a full
//! read of the data.

use std::path::PathBuf;

use polars::prelude::*;

use crate::data::adapters::Vendor;
use crate::data::csv::{self, CsvLayout};
use crate::data::error::{self, DataError, Result};
use crate::data::schema::TableKind;
use crate::data::source::{self, Format};

/// One canonical column of a table and where it comes from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ColumnSource {
    pub canonical: &'static str,
    pub source: String,
}

/// A canonical table over one or more source files, still lazy.
#[derive(Clone)]
pub struct Table {
    /// How the table is named to a user: its path, or what it is.
    pub name: String,
    /// The files it reads (empty for the embedded sample).
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub kind: TableKind,
    pub vendor: Vendor,
    /// Canonical column ← source, in canonical order.
    pub columns: Vec<ColumnSource>,
    /// The source's own columns (of its first file), in file order.
    pub source_columns: Vec<String>,
    /// What a user should know about how it was read.
    pub notes: Vec<String>,
    /// Whether a saved user mapping was applied.
    pub user_mapping: bool,
    /// Units recorded in the source (canonical column → unit), e.g. `max_speed` → `m/s`.
    pub units: Vec<(String, String)>,
    pub(super) frame: LazyFrame,
    pub(super) checked: Vec<&'static str>,
    pub(super) csv_files: Vec<(PathBuf, CsvLayout)>,
    pub(super) located: Vec<Located>,
    /// Where every file is one Parquet file: how to tally it over its codes.
    pub(super) coded: Option<Vec<super::coded::CodedSource>>,
}

/// One file's canonical rows with their line (CSV) or row number, in column [`ROW`].
#[derive(Clone)]
pub(super) struct Located {
    pub file: String,
    pub frame: LazyFrame,
    /// "line" or "row".
    pub unit: &'static str,
    /// For a CSV: the file, its layout and the line of its first row, to turn rows into
    /// lines exactly where a quoted field spans lines.
    pub csv: Option<(PathBuf, CsvLayout, u64)>,
}

/// The hidden column flagging a canonical column's unreadable value: `BAD` + its name.
pub const BAD: &str = "__bad__";
pub(super) const SRC: &str = "__src__";
pub(super) const ROW: &str = "__row__";

impl Table {
    /// The canonical table as a lazy frame.
    pub fn lazy(&self) -> LazyFrame {
        let cols: Vec<Expr> = self.columns.iter().map(|c| col(c.canonical)).collect();
        self.frame.clone().select(cols)
    }

    /// The canonical column names it has, in canonical order.
    pub fn column_names(&self) -> Vec<&'static str> {
        self.columns.iter().map(|c| c.canonical).collect()
    }

    /// Reads the whole table once to find what the schema alone cannot show: CSV rows with the
    /// wrong number of fields, and values that cannot be read as their column's type. For
    /// writing a table out (`convert`), where an unreadable value would become a gap.
    pub fn validate(&self) -> Result<()> {
        self.validate_shape()?;
        match self.unreadable(&self.checked)?.into_iter().next() {
            Some(w) => Err(DataError::WrongType(Box::new(w))),
            None => Ok(()),
        }
    }

    /// The checks every answer needs before it reads a file: CSV rows with the wrong number
    /// of fields, text that is not UTF-8. Values that cannot be read become gaps, which each
    /// answer counts among the rows it leaves out where it reads them.
    pub fn validate_shape(&self) -> Result<()> {
        for (path, layout) in &self.csv_files {
            csv::check_csv_shape(path, layout)?;
        }
        Ok(())
    }

    /// Values of `columns` (canonical) that cannot be read as their column's type, per
    /// column, with examples; only the columns asked for are read.
    pub fn unreadable(&self, columns: &[&str]) -> Result<Vec<error::WrongType>> {
        let checked: Vec<&'static str> = self
            .checked
            .iter()
            .copied()
            .filter(|c| columns.contains(c))
            .collect();
        if checked.is_empty() {
            return Ok(Vec::new());
        }
        let sums: Vec<Expr> = checked
            .iter()
            .map(|c| col(format!("{BAD}{c}")).sum().alias(*c))
            .collect();
        let counts = self.collect(self.frame.clone().select(sums), "cannot check the values")?;
        let mut out = Vec::new();
        for c in checked {
            let bad = counts
                .column(c)
                .ok()
                .and_then(|s| s.get(0).ok())
                .and_then(|v| v.extract::<u64>())
                .unwrap_or(0);
            if bad > 0 {
                out.push(self.wrong_type(c, bad)?);
            }
        }
        Ok(out)
    }

    /// The canonical columns whose values are parsed from text (and so can be unreadable).
    pub fn parsed_columns(&self) -> &[&'static str] {
        &self.checked
    }

    fn wrong_type(&self, canonical: &'static str, bad: u64) -> Result<error::WrongType> {
        let examples = self.collect(
            self.frame
                .clone()
                .filter(col(format!("{BAD}{canonical}")))
                .select([col(format!("{SRC}{canonical}"))])
                .limit(3),
            "cannot read the values",
        )?;
        let values: Vec<String> = examples
            .columns()
            .first()
            .and_then(|c| c.str().ok())
            .map(|s| s.iter().flatten().map(|v| format!("{v:?}")).collect())
            .unwrap_or_default();
        let spec = self.kind.column(canonical);
        let source = self
            .columns
            .iter()
            .find(|c| c.canonical == canonical)
            .map(|c| c.source.split(" (").next().unwrap_or_default().to_string())
            .unwrap_or_default();
        Ok(error::WrongType {
            path: self.name.clone().into(),
            column: source,
            canonical: canonical.into(),
            expected: spec.map_or("values", |s| s.ty.describe()).into(),
            bad,
            examples: values.join(", "),
        })
    }

    /// Where the first `n` rows matching `rows` (over canonical columns) are in the files:
    /// "shots.csv lines 5, 9", or None when none matches or the place is unknown (a
    /// partitioned folder).
    pub fn locate(&self, rows: Expr, n: usize) -> Option<String> {
        let mut places = Vec::new();
        let mut left = n;
        for l in &self.located {
            if left == 0 {
                break;
            }
            let Ok(df) = l
                .frame
                .clone()
                .filter(rows.clone())
                .select([col(ROW)])
                .limit(left as IdxSize)
                .collect()
            else {
                continue;
            };
            let mut numbers: Vec<u64> = df
                .column(ROW)
                .ok()
                .and_then(|c| c.u64().ok().map(|v| v.iter().flatten().collect::<Vec<_>>()))
                .unwrap_or_default();
            if let Some((path, layout, first)) = &l.csv {
                let rows: Vec<u64> = numbers.iter().map(|n| n - first).collect();
                match csv::record_lines(path, layout, &rows) {
                    Some(lines) if lines.len() == rows.len() => numbers = lines,
                    _ => continue,
                }
            }
            let found: Vec<String> = numbers
                .iter()
                .map(|v| crate::format::thousands(*v))
                .collect();
            if found.is_empty() {
                continue;
            }
            left = left.saturating_sub(found.len());
            let unit = if found.len() == 1 {
                l.unit.to_string()
            } else {
                format!("{}s", l.unit)
            };
            places.push(format!("{} {unit} {}", l.file, found.join(", ")));
        }
        (!places.is_empty()).then(|| places.join("; "))
    }

    /// Each file's canonical rows, named by the file, when the table reads several (and knows
    /// them apart: not a partitioned folder).
    pub fn per_file(&self) -> Vec<(String, LazyFrame)> {
        if self.located.len() < 2 {
            return Vec::new();
        }
        let cols: Vec<Expr> = self.columns.iter().map(|c| col(c.canonical)).collect();
        self.located
            .iter()
            .map(|l| (l.file.clone(), l.frame.clone().select(cols.clone())))
            .collect()
    }

    /// Collects `lf`, naming this table in any error.
    pub fn collect(&self, lf: LazyFrame, context: &str) -> Result<DataFrame> {
        lf.collect()
            .map_err(|source| self.polars_error(context, source))
    }

    /// Runs an aggregate query over this table on the streaming engine (see
    /// [`collect_aggregate`]), with errors said as [`Table::collect`] says them.
    pub fn aggregate(&self, lf: LazyFrame, context: &str) -> Result<DataFrame> {
        collect_aggregate(lf).map_err(|source| self.polars_error(context, source))
    }

    /// A Polars error about this table, with context.
    pub fn polars_error(&self, context: &str, source: PolarsError) -> DataError {
        if let (Format::Parquet, Some(p)) = (self.format, self.paths.first()) {
            return source::parquet_error(p, source);
        }
        if let Some(explained) = self
            .paths
            .iter()
            .filter(|p| p.is_file())
            .find_map(|p| source::explain_read_error(p, self.format))
        {
            return explained;
        }
        DataError::Polars {
            path: self.name.clone().into(),
            context: context.into(),
            source,
        }
    }
}

/// Runs an aggregate query on Polars' streaming engine: it reads the files a row group at a
/// time instead of whole columns, which halves the time of a count over an archive and keeps
/// memory to a few row groups. For queries whose answer does not depend on row order.
pub fn collect_aggregate(query: LazyFrame) -> PolarsResult<DataFrame> {
    Ok(query
        .collect_with_engine(Engine::Streaming)?
        .unwrap_single())
}

/// The first value of a column as a count (0 when missing): for the one-row results of
/// aggregate queries.
pub fn first_u64(df: &DataFrame, column: &str) -> u64 {
    df.column(column)
        .ok()
        .and_then(|s| s.get(0).ok())
        .and_then(|v| v.extract::<u64>())
        .unwrap_or(0)
}

/// Several tables of one kind as one lazy frame, in canonical column order; a table lacking
/// an optional column gets nulls there.
pub fn union(tables: &[Table]) -> Result<LazyFrame> {
    let Some(first) = tables.first() else {
        return Err(DataError::Invalid {
            path: PathBuf::new(),
            detail: "no tables".into(),
        });
    };
    let frames: Vec<(Vec<&str>, LazyFrame)> = tables
        .iter()
        .map(|t| (t.column_names(), t.lazy()))
        .collect();
    aligned(first.kind, frames).map_err(|source| DataError::Polars {
        path: first.name.clone().into(),
        context: "cannot combine the inputs".into(),
        source,
    })
}

/// Canonical tables of one kind already in memory as one lazy frame, like [`union`].
pub fn union_frames(kind: TableKind, frames: &[&DataFrame]) -> PolarsResult<LazyFrame> {
    let frames = frames
        .iter()
        .map(|df| {
            let own: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
            (own, (*df).clone().lazy())
        })
        .collect();
    aligned(kind, frames)
}

/// Frames (with the canonical columns each has) aligned to the columns any of them has, then
/// concatenated.
fn aligned(kind: TableKind, frames: Vec<(Vec<&str>, LazyFrame)>) -> PolarsResult<LazyFrame> {
    let names: Vec<&str> = kind
        .columns()
        .iter()
        .map(|c| c.name)
        .filter(|n| frames.iter().any(|(own, _)| own.contains(n)))
        .collect();
    let mut frames: Vec<LazyFrame> = frames
        .into_iter()
        .map(|(own, lf)| {
            let exprs: Vec<Expr> = names
                .iter()
                .map(|n| match kind.column(n) {
                    Some(spec) if !own.contains(n) => lit(NULL).cast(spec.ty.dtype()).alias(*n),
                    _ => col(*n),
                })
                .collect();
            lf.select(exprs)
        })
        .collect();
    if frames.len() == 1 {
        return Ok(frames.swap_remove(0));
    }
    concat(frames, UnionArgs::default())
}
