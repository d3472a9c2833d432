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

/// `more` under `rows`: a column one of them lacks (a batch without an optional field) is
/// added to it as nulls of the other's type, so no batch's rows are lost for its columns.
pub fn stack(
    rows: &polars::prelude::DataFrame,
    more: &polars::prelude::DataFrame,
) -> polars::prelude::PolarsResult<polars::prelude::DataFrame> {
    use polars::prelude::*;
    if rows.width() == 0 {
        return Ok(more.clone());
    }
    let (mut a, mut b) = (rows.clone(), more.clone());
    for c in rows.columns() {
        if b.column(c.name()).is_err() {
            b.with_column(Column::full_null(c.name().clone(), b.height(), c.dtype()))?;
        }
    }
    for c in more.columns() {
        if a.column(c.name()).is_err() {
            a.with_column(Column::full_null(c.name().clone(), a.height(), c.dtype()))?;
        }
    }
    let order: Vec<PlSmallStr> = a.get_column_names().into_iter().cloned().collect();
    a.vstack(&b.select(order)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    #[test]
    fn a_batch_without_an_optional_column_keeps_its_rows() {
        let first = df!("x_ft" => [1.0, 2.0], "period" => [1i8, 2]).unwrap();
        let second = df!("x_ft" => [3.0]).unwrap();
        let third = df!("x_ft" => [4.0], "clock_s" => [12.5f32]).unwrap();
        let all = stack(&stack(&first, &second).unwrap(), &third).unwrap();
        assert_eq!(all.height(), 4);
        assert_eq!(all.column("period").unwrap().null_count(), 2);
        assert_eq!(all.column("clock_s").unwrap().null_count(), 3);
        assert_eq!(all.column("x_ft").unwrap().f64().unwrap().sum(), Some(10.0));
    }
}
