//! Counting rows over a Parquet file's dictionary codes: the distinct combinations of a few
//! low-cardinality columns, with how many rows hold each, read as the file stores them.
//!
//! A zone table of a whole archive asks only how many rows share a zone label, a shot type
//! and a made flag. Decoding those columns as text holds a row group's strings in memory
//! (tens of megabytes each); their dictionary codes are a few bytes a row, and the tally
//! of a row group is a handful of counters. The combinations come back as a small table
//! with the source's own values and a row count, over which the canonical mapping and any
//! aggregate run as they would over the rows themselves (see [`tallied`]).

use std::fs::File;
use std::io::Cursor;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use polars_arrow::array::{Array, BooleanArray, DictionaryArray, PrimitiveArray, Utf8ViewArray};
use polars_arrow::datatypes::{
    ArrowDataType, DTYPE_CATEGORICAL_NEW, Field as ArrowField, IntegerType, Metadata,
};
use polars_parquet::read::{
    BasicDecompressor, FileMetadata, PageReader, column_iter_to_arrays, infer_schema, read_metadata,
};
use rayon::prelude::*;

use super::adapters::Adapted;
use super::schema::TableKind;
use super::table::Table;

/// The column of a tally holding how many rows share each combination.
pub const ROWS: &str = "__rows__";

/// The most combinations a row group's tally counts in one dense array; past it (a column
/// with many distinct values) the rows are read as usual instead.
const MAX_CELLS: usize = 1 << 20;

/// The footer of a Parquet file, read once.
pub struct Footer {
    meta: FileMetadata,
    arrow: polars_arrow::datatypes::ArrowSchema,
}

impl Footer {
    /// Reads the footer of `path`; `None` where it cannot be read (the usual reader then
    /// says why).
    pub fn read(path: &Path) -> Option<Self> {
        let mut file = File::open(path).ok()?;
        let meta = read_metadata(&mut file).ok()?;
        let arrow = infer_schema(&meta).ok()?;
        Some(Self { meta, arrow })
    }

    /// Whether the footer's statistics say `column` holds a value in every row of every
    /// row group. A row group without statistics proves nothing.
    pub fn never_null(&self, column: &str) -> bool {
        self.meta.row_groups.iter().all(|rg| {
            let mut chunks = rg.columns_under_root_iter(column).into_iter().flatten();
            match (chunks.next(), chunks.next()) {
                (Some(chunk), None) => {
                    chunk
                        .statistics(&self.meta.footer_buf)
                        .and_then(|s| s.ok())
                        .and_then(|s| s.null_count())
                        == Some(0)
                }
                _ => false,
            }
        })
    }
}

/// One Parquet file of a table, as its mapping reads it.
#[derive(Clone)]
pub(super) struct CodedSource {
    pub path: PathBuf,
    pub adapted: Adapted,
    pub schema: SchemaRef,
}

/// The canonical columns `values` of `tables`, and `present`, as a tally: one row per
/// distinct combination of the source values they are computed from, with its row count in
/// [`ROWS`]. The columns of `present` (coordinates, say) are asked only whether they hold a
/// value, and the footers' statistics must say that every row does; their values in the
/// tally are stand-ins. A column of `values` that a table lacks reads as missing, as in
/// [`super::table::union`]. None where any file is not a Parquet file tallied this way.
pub fn tallied(tables: &[Table], values: &[&str], present: &[&str]) -> Option<LazyFrame> {
    let mut frames = Vec::new();
    for t in tables {
        for source in t.coded.as_ref()? {
            frames.push(source.tallied(t.kind, values, present)?);
        }
    }
    match frames.len() {
        0 => None,
        1 => frames.pop(),
        _ => concat(frames, UnionArgs::default()).ok(),
    }
}

impl CodedSource {
    fn tallied(&self, kind: TableKind, values: &[&str], present: &[&str]) -> Option<LazyFrame> {
        let footer = Footer::read(&self.path)?;
        let mapped = |name: &str| self.adapted.columns.iter().find(|c| c.canonical == name);
        let mut read: Vec<&str> = Vec::new();
        let mut exprs = Vec::new();
        for name in values.iter().chain(present) {
            let Some(c) = mapped(name) else {
                if present.contains(name) {
                    return None;
                }
                exprs.push(lit(NULL).cast(kind.column(name)?.ty.dtype()).alias(*name));
                continue;
            };
            // A parse check needs the text itself.
            if c.check.is_some() {
                return None;
            }
            if values.contains(name) {
                read.extend(c.inputs.iter().map(String::as_str));
            } else if !c.inputs.iter().all(|i| footer.never_null(i)) {
                return None;
            }
            let one = Adapted {
                columns: vec![c.clone()],
                ..self.adapted.clone()
            };
            exprs.extend(super::open::mapped_exprs(&one, Some(&self.schema)));
        }
        read.sort_unstable();
        read.dedup();
        // Inputs only asked whether they hold a value: any value stands for them.
        let mut stand_ins = Vec::new();
        for name in present {
            for i in &mapped(name)?.inputs {
                if !read.contains(&i.as_str()) {
                    stand_ins.push(lit(0).cast(self.schema.get(i)?.clone()).alias(i.as_str()));
                }
            }
        }
        let t = tally(&self.path, &footer, &read)?;
        exprs.push(col(ROWS));
        Some(t.lazy().with_columns(stand_ins).select(exprs))
    }
}

/// One column of a row group as codes: the array the reader gave, and the value each code
/// stands for; a missing value is the last code.
struct Coded {
    array: Box<dyn Array>,
    values: Series,
}

impl Coded {
    /// Adds `stride` × the code of each row from `start` on to `cell`.
    fn add_to(&self, cell: &mut [u32], start: usize, stride: u32) {
        let null = self.values.len() as u32 - 1;
        let rows = start..start + cell.len();
        let validity = if let Some(d) = self.array.as_any().downcast_ref::<DictionaryArray<u32>>() {
            for (c, k) in cell.iter_mut().zip(&d.keys().values()[rows.clone()]) {
                *c += k * stride;
            }
            d.keys().validity()
        } else if let Some(b) = self.array.as_any().downcast_ref::<BooleanArray>() {
            let (bytes, offset, _) = b.values().as_slice();
            for (c, i) in cell.iter_mut().zip(rows.clone()) {
                let at = offset + i;
                *c += ((bytes[at >> 3] >> (at & 7)) & 1) as u32 * stride;
            }
            b.validity()
        } else if let Some(p) = self.array.as_any().downcast_ref::<PrimitiveArray<i8>>() {
            for (c, v) in cell.iter_mut().zip(&p.values()[rows.clone()]) {
                *c += (*v as i32 + 128) as u32 * stride;
            }
            p.validity()
        } else {
            None
        };
        // A missing value's slot may hold any code: it is moved to the last.
        if let Some(v) = validity.filter(|v| v.unset_bits() > 0) {
            for (c, i) in cell.iter_mut().zip(rows) {
                if !v.get_bit(i) {
                    *c = *c - self.code(i) * stride + null * stride;
                }
            }
        }
    }

    /// The code the array holds at row `i` (whatever its validity).
    fn code(&self, i: usize) -> u32 {
        if let Some(d) = self.array.as_any().downcast_ref::<DictionaryArray<u32>>() {
            d.keys().values()[i]
        } else if let Some(b) = self.array.as_any().downcast_ref::<BooleanArray>() {
            b.values().get_bit(i) as u32
        } else if let Some(p) = self.array.as_any().downcast_ref::<PrimitiveArray<i8>>() {
            (p.values()[i] as i32 + 128) as u32
        } else {
            0
        }
    }
}

/// The distinct combinations of `columns` in the file at `path` (text, true/false or
/// small whole-number columns), each with the number of rows that hold it in [`ROWS`]; `None` where a column
/// is not stored as codes this reader follows (another type, or text not dictionary-encoded
/// throughout), and the rows are to be read as usual.
pub fn tally(path: &Path, footer: &Footer, columns: &[&str]) -> Option<DataFrame> {
    let fields: Vec<ArrowField> = columns
        .iter()
        .map(|c| code_field(footer.arrow.get(c)?))
        .collect::<Option<_>>()?;
    let parts: Vec<DataFrame> = footer
        .meta
        .row_groups
        .par_iter()
        .map(|rg| {
            let coded: Vec<Coded> = columns
                .iter()
                .zip(&fields)
                .map(|(c, field)| read_coded(path, rg, c, field.clone()))
                .collect::<Option<_>>()?;
            combinations(columns, &coded, rg.num_rows())
        })
        .collect::<Option<_>>()?;
    let mut out = parts
        .into_iter()
        .reduce(|mut a, b| {
            a.vstack_mut_owned(b).ok();
            a
        })
        .unwrap_or_else(|| empty(columns, &fields));
    out.rechunk_mut();
    Some(out)
}

/// A table of no combinations, with the columns' types.
fn empty(columns: &[&str], fields: &[ArrowField]) -> DataFrame {
    let mut cols: Vec<Column> = columns
        .iter()
        .zip(fields)
        .map(|(c, f)| {
            let dtype = match f.dtype {
                ArrowDataType::Boolean => DataType::Boolean,
                ArrowDataType::Int8 => DataType::Int8,
                _ => DataType::String,
            };
            Column::new_empty((*c).into(), &dtype)
        })
        .collect();
    cols.push(Column::new_empty(ROWS.into(), &DataType::UInt64));
    DataFrame::new_infer_height(cols).unwrap_or_default()
}

/// How `field` is read as codes: text through its dictionary, true/false as it is.
fn code_field(field: &ArrowField) -> Option<ArrowField> {
    match field.dtype {
        ArrowDataType::Utf8 | ArrowDataType::LargeUtf8 | ArrowDataType::Utf8View => {
            // The marker makes the reader keep the dictionary's codes instead of the text.
            let mut md = Metadata::new();
            md.insert(DTYPE_CATEGORICAL_NEW.into(), "".into());
            Some(
                ArrowField::new(
                    field.name.clone(),
                    ArrowDataType::Dictionary(
                        IntegerType::UInt32,
                        Box::new(ArrowDataType::Utf8View),
                        false,
                    ),
                    true,
                )
                .with_metadata(md),
            )
        }
        ArrowDataType::Dictionary(_, ref v, _)
            if matches!(
                **v,
                ArrowDataType::Utf8 | ArrowDataType::LargeUtf8 | ArrowDataType::Utf8View
            ) =>
        {
            code_field(&ArrowField::new(
                field.name.clone(),
                ArrowDataType::Utf8View,
                true,
            ))
        }
        ArrowDataType::Boolean | ArrowDataType::Int8 => Some(field.clone()),
        _ => None,
    }
}

/// One column chunk of a row group, read as codes.
fn read_coded(
    path: &Path,
    rg: &polars_parquet::read::RowGroupMetadata,
    column: &str,
    field: ArrowField,
) -> Option<Coded> {
    let mut chunks = rg.columns_under_root_iter(column)?;
    let chunk = chunks.next()?;
    if chunks.next().is_some() {
        return None;
    }
    let range = chunk.byte_range();
    let mut bytes = vec![0u8; (range.end - range.start) as usize];
    // A handle of its own: row groups are read in parallel.
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(range.start)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    let pages = PageReader::new(Cursor::new(bytes.into()), chunk, vec![], usize::MAX);
    let (arrays, _) = column_iter_to_arrays(
        vec![BasicDecompressor::new(pages, vec![])],
        vec![&chunk.descriptor().descriptor.primitive_type],
        field,
        None,
    )
    .ok()?;
    // One array, with one dictionary, is what the reader gives for a column chunk.
    let [array]: [Box<dyn Array>; 1] = arrays.try_into().ok()?;
    let values = if let Some(d) = array.as_any().downcast_ref::<DictionaryArray<u32>>() {
        let dict = d.values().as_any().downcast_ref::<Utf8ViewArray>()?;
        let mut v: Vec<Option<&str>> = dict.values_iter().map(Some).collect();
        v.push(None);
        Series::new(column.into(), v)
    } else if array.as_any().is::<BooleanArray>() {
        Series::new(column.into(), [Some(false), Some(true), None])
    } else if array.as_any().is::<PrimitiveArray<i8>>() {
        let v: Vec<Option<i8>> = (i8::MIN..=i8::MAX).map(Some).chain([None]).collect();
        Series::new(column.into(), v)
    } else {
        return None;
    };
    (array.len() == rg.num_rows()).then_some(Coded { array, values })
}

/// The combinations present in a row group, with their row counts.
fn combinations(columns: &[&str], coded: &[Coded], rows: usize) -> Option<DataFrame> {
    let mut cells = 1usize;
    let mut strides = Vec::with_capacity(coded.len());
    for c in coded {
        strides.push(cells as u32);
        cells = cells.checked_mul(c.values.len())?;
        if cells > MAX_CELLS {
            return None;
        }
    }
    // Rows a block at a time, their cells kept in cache; four sets of counters where there
    // are few cells, as rows in a row often share one and one counter would serialise them.
    const BLOCK: usize = 4096;
    let lanes = if cells <= 4096 { 4 } else { 1 };
    let mut lane_counts = vec![0u64; cells * lanes];
    let mut cell = [0u32; BLOCK];
    for start in (0..rows).step_by(BLOCK) {
        let block = &mut cell[..BLOCK.min(rows - start)];
        block.fill(0);
        for (c, stride) in coded.iter().zip(&strides) {
            c.add_to(block, start, *stride);
        }
        if lanes == 4 {
            let (a, rest) = lane_counts.split_at_mut(cells);
            let (b, rest) = rest.split_at_mut(cells);
            let (c, d) = rest.split_at_mut(cells);
            let mut quads = block.chunks_exact(4);
            for q in &mut quads {
                a[q[0] as usize] += 1;
                b[q[1] as usize] += 1;
                c[q[2] as usize] += 1;
                d[q[3] as usize] += 1;
            }
            for i in quads.remainder() {
                a[*i as usize] += 1;
            }
        } else {
            for i in block.iter() {
                lane_counts[*i as usize] += 1;
            }
        }
    }
    let counts: Vec<u64> = (0..cells)
        .map(|i| (0..lanes).map(|l| lane_counts[l * cells + i]).sum())
        .collect();
    let present: Vec<u32> = (0..cells as u32)
        .filter(|i| counts[*i as usize] > 0)
        .collect();
    let mut out: Vec<Column> = Vec::with_capacity(columns.len() + 1);
    for ((name, c), stride) in columns.iter().zip(coded).zip(&strides) {
        let n = c.values.len() as u32;
        let idx = IdxCa::from_vec(
            "".into(),
            present
                .iter()
                .map(|i| ((i / stride) % n) as IdxSize)
                .collect(),
        );
        let mut s = c.values.take(&idx).ok()?;
        s.rename((*name).into());
        out.push(s.into());
    }
    out.push(Column::new(
        ROWS.into(),
        present
            .iter()
            .map(|i| counts[*i as usize])
            .collect::<Vec<u64>>(),
    ));
    DataFrame::new_infer_height(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `df` to a Parquet file in small row groups, as a feed's export would be.
    fn parquet(df: &mut DataFrame, dir: &Path) -> std::path::PathBuf {
        let path = dir.join("t.parquet");
        let f = File::create(&path).unwrap();
        ParquetWriter::new(f)
            .with_row_group_size(Some(3))
            .finish(df)
            .unwrap();
        path
    }

    #[test]
    fn combinations_count_every_row_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut df = df!(
            "zone" => [Some("Mid-Range"), Some("Restricted Area"), Some("Mid-Range"), None, Some("Mid-Range"), Some("Restricted Area"), Some("Mid-Range")],
            "made" => [Some(true), Some(false), Some(true), Some(true), None, Some(true), Some(false)],
            "x" => [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
            "value" => [Some(2i8), Some(2), Some(3), None, Some(2), Some(-1), Some(3)],
        )
        .unwrap();
        let path = parquet(&mut df, dir.path());
        let footer = Footer::read(&path).unwrap();
        let t = tally(&path, &footer, &["zone", "made"]).unwrap();
        let summed = t
            .lazy()
            .group_by([col("zone"), col("made")])
            .agg([col(ROWS).sum()])
            .sort(
                ["zone", "made"],
                SortMultipleOptions::default().with_nulls_last(true),
            )
            .collect()
            .unwrap();
        let expected = df!(
            "zone" => [Some("Mid-Range"), Some("Mid-Range"), Some("Mid-Range"), Some("Restricted Area"), Some("Restricted Area"), None],
            "made" => [Some(false), Some(true), None, Some(false), Some(true), Some(true)],
            ROWS => [1u64, 2, 1, 1, 1, 1],
        )
        .unwrap();
        assert_eq!(summed, expected);
        let values = tally(&path, &footer, &["value"])
            .unwrap()
            .lazy()
            .group_by([col("value")])
            .agg([col(ROWS).sum()])
            .sort(
                ["value"],
                SortMultipleOptions::default().with_nulls_last(true),
            )
            .collect()
            .unwrap();
        let expected = df!(
            "value" => [Some(-1i8), Some(2), Some(3), None],
            ROWS => [1u64, 3, 2, 1],
        )
        .unwrap();
        assert_eq!(values, expected);
        // Numbers are not read as codes; statistics say where no value is missing.
        assert!(tally(&path, &footer, &["x"]).is_none());
        assert!(footer.never_null("x"));
        assert!(!footer.never_null("made"));
        assert!(!footer.never_null("no such column"));
    }
}
