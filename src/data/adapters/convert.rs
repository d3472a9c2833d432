//! Conversions from a source column's type to a canonical column's type.

use polars::prelude::*;

use crate::data::adapters::{MappedColumn, ParseCheck};
use crate::data::schema::ColType;

/// Date formats tried, in order, on text dates (US month-first before day-first, as the
/// vendors we read are American).
pub const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%Y%m%d", "%Y/%m/%d"];

/// Maps source column `name` (of type `dtype`) to canonical column `canonical` of type `ty`.
///
/// `date_format` fixes the format of text dates; otherwise [`DATE_FORMATS`] are tried.
pub fn column(
    canonical: &'static str,
    name: &str,
    dtype: &DataType,
    ty: ColType,
    date_format: Option<&str>,
) -> MappedColumn {
    let src = col(name);
    let is_text = matches!(dtype, DataType::String);
    let expr = convert(src.clone(), dtype, ty, date_format);
    let parses_text = is_text && ty != ColType::Str;
    MappedColumn {
        canonical,
        source: if dtype_matches(dtype, ty) || !parses_text {
            name.to_string()
        } else {
            format!("{name} (text → {})", ty.describe())
        },
        expr,
        inputs: vec![name.to_string()],
        check: parses_text.then(|| ParseCheck {
            column: name.to_string(),
            has_value: src
                .str()
                .strip_chars(lit(NULL))
                .str()
                .len_bytes()
                .gt(lit(0)),
        }),
    }
}

fn dtype_matches(dtype: &DataType, ty: ColType) -> bool {
    *dtype == ty.dtype()
}

/// `expr` (of type `dtype`) as type `to`, without a cast where it already is: a cast, even
/// one that changes nothing, keeps a filter on the column from reaching the Parquet reader.
pub fn cast_to(expr: Expr, dtype: Option<&DataType>, to: DataType) -> Expr {
    if dtype == Some(&to) {
        expr
    } else {
        expr.cast(to)
    }
}

/// `expr` (of type `dtype`) as canonical type `ty`; values that cannot be read become null.
pub fn convert(expr: Expr, dtype: &DataType, ty: ColType, date_format: Option<&str>) -> Expr {
    match ty {
        // Already text: no cast, which would keep a filter from reaching the reader.
        ColType::Str if dtype.is_string() => expr,
        ColType::Str => expr.cast(DataType::String),
        ColType::Date => to_date(expr, dtype, date_format),
        ColType::Bool => to_bool(expr, dtype),
        _ if dtype.is_string() => expr.str().strip_chars(lit(NULL)).cast(ty.dtype()),
        _ => expr.cast(ty.dtype()),
    }
}

/// A date from a date, a datetime, text in one of the known formats, or a YYYYMMDD number.
pub fn to_date(expr: Expr, dtype: &DataType, format: Option<&str>) -> Expr {
    match dtype {
        DataType::Date => expr,
        DataType::Datetime(_, _) => expr.dt().date(),
        dt if dt.is_primitive_numeric() && format.is_none() => numeric_date(expr),
        dt if dt.is_primitive_numeric() => {
            parse_date(expr.cast(DataType::Int64).cast(DataType::String), format)
        }
        _ => parse_date(expr.cast(DataType::String), format),
    }
}

/// A date from a number: YYYYMMDD (e.g. 20231024), or a Unix time in seconds or
/// milliseconds. The sizes cannot overlap: YYYYMMDD stays below 10^8, Unix seconds since 1973
/// are above it, and milliseconds above 10^11.
fn numeric_date(expr: Expr) -> Expr {
    let v = expr.cast(DataType::Float64);
    let from_ms = |ms: Expr| {
        ms.cast(DataType::Int64)
            .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
            .dt()
            .date()
    };
    when(v.clone().gt_eq(lit(1e11)))
        .then(from_ms(v.clone()))
        .when(v.clone().gt_eq(lit(1e8)))
        .then(from_ms(v.clone() * lit(1000.0)))
        .otherwise(parse_date(
            v.cast(DataType::Int64).cast(DataType::String),
            Some("%Y%m%d"),
        ))
}

fn parse_date(text: Expr, format: Option<&str>) -> Expr {
    let text = text.str().strip_chars(lit(NULL));
    let parse = |fmt: &str| {
        text.clone().str().to_date(StrptimeOptions {
            format: Some(fmt.into()),
            strict: false,
            exact: true,
            cache: true,
        })
    };
    match format {
        Some(fmt) => parse(fmt),
        None => {
            let mut formats = DATE_FORMATS.iter();
            let first = parse(formats.next().copied().unwrap_or("%Y-%m-%d"));
            formats.fold(first, |acc, fmt| acc.fill_null(parse(fmt)))
        }
    }
}

/// True/false from booleans, numbers (non-zero is true) or text (`true`/`made`/`1`/`yes` …).
pub fn to_bool(expr: Expr, dtype: &DataType) -> Expr {
    match dtype {
        DataType::Boolean => expr,
        dt if dt.is_primitive_numeric() => expr.neq(lit(0)),
        _ => {
            let text = expr
                .cast(DataType::String)
                .str()
                .strip_chars(lit(NULL))
                .str()
                .to_lowercase();
            let any_of = |words: &[&str]| {
                words
                    .iter()
                    .map(|w| text.clone().eq(lit(*w)))
                    .reduce(|a, b| a.or(b))
                    .unwrap_or(lit(false))
            };
            when(any_of(&["true", "t", "1", "yes", "y", "made", "make"]))
                .then(lit(true))
                .when(any_of(&["false", "f", "0", "no", "n", "missed", "miss"]))
                .then(lit(false))
                .otherwise(lit(NULL).cast(DataType::Boolean))
        }
    }
}

/// A number from a source column, whatever numeric or text type it has.
pub fn number(name: &str, dtype: Option<&DataType>) -> Expr {
    match dtype {
        Some(dt) if dt.is_string() => col(name)
            .str()
            .strip_chars(lit(NULL))
            .cast(DataType::Float64),
        _ => col(name).cast(DataType::Float64),
    }
}
