//! Writing output files atomically: a temporary file in the same folder, then a rename, so a
//! reader never sees half a file and a failed write leaves the old file as it was.

use std::io::{BufWriter, Write};
use std::path::Path;

use polars::prelude::*;

/// Prefix of the Parquet key-value metadata that records a column's unit.
pub const UNIT_KEY: &str = "courtside:unit:";

/// Writes `df` as CSV with a header, floats to 4 decimals (what analysts paste into a
/// report), atomically.
pub fn write_csv(path: &Path, df: &mut DataFrame) -> std::io::Result<()> {
    write_atomic(path, |w| {
        CsvWriter::new(w)
            .include_header(true)
            .with_float_precision(Some(4))
            .finish(df)
            .map_err(std::io::Error::other)
    })
}

/// Writes `df` as zstd Parquet, atomically, recording `units` (column → unit) in the file's
/// key-value metadata so that they travel with the data.
pub fn write_parquet(
    path: &Path,
    df: &mut DataFrame,
    units: &[(String, String)],
) -> std::io::Result<()> {
    let kv: Vec<(String, String)> = units
        .iter()
        .map(|(column, unit)| (format!("{UNIT_KEY}{column}"), unit.clone()))
        .collect();
    write_atomic(path, |w| {
        ParquetWriter::new(w)
            .with_compression(ParquetCompression::Zstd(
                polars::polars_utils::compression::ZstdLevel::try_new(12).ok(),
            ))
            .with_key_value_metadata((!kv.is_empty()).then(|| KeyValueMetadata::from_static(kv)))
            .finish(df)
            .map(|_| ())
            .map_err(std::io::Error::other)
    })
}

/// Writes `path` through `write`, atomically.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".courtside-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    // A temporary file is private (0600); the output should read like any file the user saves.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Refuses an output that would overwrite an input, or land inside an input folder (where
/// the next read would take it for data): inputs are never modified.
pub fn refuse_input(out: &Path, inputs: &[std::path::PathBuf]) -> Result<(), String> {
    // The output may not exist yet: its folder is resolved, then its name joined.
    let resolve = |p: &Path| -> std::path::PathBuf {
        if let Ok(c) = p.canonicalize() {
            return c;
        }
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        match (
            abs.parent().and_then(|d| d.canonicalize().ok()),
            abs.file_name(),
        ) {
            (Some(dir), Some(name)) => dir.join(name),
            _ => abs,
        }
    };
    let target = resolve(out);
    for input in inputs {
        let i = resolve(input);
        if i == target {
            return Err(format!(
                "{}: this names an input; inputs are never overwritten. Choose another file.",
                out.display()
            ));
        }
        if i.is_dir() && target.starts_with(&i) {
            return Err(format!(
                "{}: this is inside the input folder {}, where it would be read as data next \
                 time. Write it elsewhere.",
                out.display(),
                input.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomic(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
