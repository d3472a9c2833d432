//! A feed's lines as a table: read, recognised as shots or tracking, cast to canonical types.

use std::path::Path;

/// Complete lines of a feed as a table: NDJSON objects, or CSV rows under `header`.
pub fn to_frame(
    lines: &[String],
    header: Option<&[String]>,
    csv: bool,
) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    use std::io::Cursor;
    let mut text = String::new();
    if let (true, Some(h)) = (csv, header) {
        text.push_str(&h.join(","));
        text.push('\n');
    }
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    if csv {
        CsvReadOptions::default()
            .with_has_header(true)
            .into_reader_with_file_handle(Cursor::new(text.into_bytes()))
            .finish()
    } else {
        JsonReader::new(Cursor::new(text.into_bytes()))
            .with_json_format(JsonFormat::JsonLines)
            .finish()
    }
}

/// Whether a feed's rows are shots or tracking, from their columns (shots when unsure).
pub fn kind_of(df: &polars::prelude::DataFrame) -> crate::data::TableKind {
    let schema = df.schema();
    let info = crate::data::adapters::SourceInfo {
        path: Path::new("feed"),
        schema,
        layout: None,
    };
    crate::data::adapters::canonical::detect_kind(&info).unwrap_or(crate::data::TableKind::Shots)
}

/// A feed's table in canonical types: the canonical columns of `kind` it has, cast (dates
/// from text too), and nothing else.
pub fn canonical(
    df: &polars::prelude::DataFrame,
    kind: crate::data::TableKind,
) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    let mut cols: Vec<Column> = Vec::new();
    for spec in kind.columns() {
        let Ok(c) = df.column(spec.name) else {
            continue;
        };
        let ty = spec.ty.dtype();
        let cast = match (c.dtype(), &ty) {
            (DataType::String, DataType::Date) => {
                c.str()?.as_date(Some("%Y-%m-%d"), false)?.into_column()
            }
            _ => c.cast(&ty)?,
        };
        cols.push(cast);
    }
    DataFrame::new(df.height(), cols)
}
